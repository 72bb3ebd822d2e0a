// The first clean-up and the run guards through the real Pulumi engine against the simulator (issue 15 §1):
// a policy stating only what the user wants (`keepNewest: 10`, no guard settings) cleans a 1,000-version package in
// ONE reviewed `up` whose preview lists every deletion and its time; once the policy has run, the changed-policy
// guard stops a change that would delete much of what the previous rules keep (a smaller keepNewest, a widened
// `packages` pattern), the sudden-share guard stops an unchanged policy whose run would suddenly delete much of the
// package (a package emptied and refilled), a small scheduled run goes through, and `maxShareOfKept: 1` for one run
// is the documented way past either (removing it again is no change of the rules).
//
// The tests of this file run in order on one stack and one simulator: each starts from what the last one left.
import { startSimulator, type RunningSimulator } from '../../simulator';
import type { Fixture } from '../../simulator/types';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import type { EngineOperation } from '../../scripts/engine/engine-job';
import type { PackageVersionRetentionArgs } from '../../sdk';
import {
  MINUTE,
  allOutputText,
  deletedVersionIds,
  expectOperationsOk,
  mutationsSince,
  packagesJob,
  pendingIds,
  requireBuiltProgramAndCli,
  runPackagesJob,
  sorted,
  stepOf,
  ENTERPRISE_RATE_LIMITS,
} from './e2e-helpers';
import { adminOrgFixture, hourlyVersions } from './e2e-fixtures';
import type { PackagesProgramParams } from '../fixtures-programs/packages-program';
import { runEngine } from '../../scripts/engine/run-engine';

jest.setTimeout(20 * MINUTE);

const TOKEN = 'ghp_e2eRunGuardsAdminToken00000000001';
const ORG = 'e2e';
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** big: npm versions 1.0.1..1.0.1000 (id 10000+n), one an hour, neglected. */
const bigId = (n: number) => 10_000 + n;
/** bystander: npm versions 3.0.1..3.0.30 (id 30000+n), no policy covers it at first. */
const BIG = { owner: ORG, packageType: 'npm' as const, packageName: 'big' };

function fixture(): Fixture {
  return adminOrgFixture({
    org: ORG,
    token: TOKEN,
    label: 'e2e-admin',
    packages: [
      { owner: ORG, packageType: 'npm', name: 'big', versions: hourlyVersions(1000, { id: bigId, prefix: '1.0' }) },
      { owner: ORG, packageType: 'npm', name: 'bystander', versions: hourlyVersions(30, { id: (n) => 30_000 + n, prefix: '3.0' }) },
    ],
  });
}

/** What the user wants, nothing else: no cap, no share setting. */
const KEEP_10: PackageVersionRetentionArgs = { org: ORG, packageType: 'npm', packages: ['big'], keepNewest: 10 };
const KEEP_2: PackageVersionRetentionArgs = { ...KEEP_10, keepNewest: 2 };

let sim: RunningSimulator;
let dir: EngineWorkDir;

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  sim = await startSimulator({ fixture: fixture(), rateLimits: ENTERPRISE_RATE_LIMITS });
  dir = createEngineWorkDir('run-guards');
}, 30 * MINUTE);

afterAll(async () => {
  await dir?.cleanup();
  await sim?.stop();
});

function job(operations: EngineOperation[], policy: PackageVersionRetentionArgs, timeoutMs?: number) {
  const params: PackagesProgramParams = { retentions: { cleanup: policy }, exportPlan: true };
  const o = { workDir: dir.path, sim, token: TOKEN, params, operations };
  return timeoutMs === undefined ? runPackagesJob(o) : runEngine(packagesJob(o), { timeoutMs });
}

function activeIds(packageName: string): number[] {
  return sorted(
    sim.control
      .listVersions({ ...BIG, packageName })
      .filter((v) => v.state === 'active')
      .map((v) => v.id),
  );
}

let published = 0;
/** Publishes `count` new versions of big, a minute apart; returns their ids, oldest first. */
function publishBig(count: number): number[] {
  return range(1, count).map(() => {
    sim.clock.advance(60_000);
    return sim.control.publishVersion({ ...BIG, name: `2.0.${++published}` }).id;
  });
}

describe('first clean-up and run guards through the engine', () => {
  test('keepNewest 10 over 1,000 versions with the defaults: one preview lists all 990 deletions and their time, one up deletes them', async () => {
    const from = sim.log.length;
    // The client keeps to the server's budget (here a GitHub Enterprise Server's 100,000 points a minute, 5 per
    // DELETE; at GitHub.com's 900 the 990 deletions would take about 6 minutes, tests/unit/plan-estimate.test.ts).
    const result = await job([{ kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'preview', expectNoChanges: true }], KEEP_10, 12 * MINUTE);
    expectOperationsOk(result);
    const [preview, up] = result.operations;

    const step = stepOf(preview, 'cleanup');
    expect(pendingIds(step)).toEqual(range(1, 990).map(bigId));
    expect(step!.newInputs).toMatchObject({ remainingForNextRun: 0, planSummary: { big: { deleting: 990 } } });
    expect(step!.newInputs!.planEstimate).toBe('990 deletions take about 0 s at one every 0 ms (github-packages:mutationIntervalMs)');

    // Each of the 990 deleted once (a DELETE GitHub answered with a rate-limit response is retried: it counts only
    // when answered 204); nothing outside them was asked for.
    const deletes = mutationsSince(sim, from);
    expect(sorted(deletedVersionIds(deletes.filter((e) => e.status === 204)))).toEqual(range(1, 990).map(bigId));
    expect(sorted([...new Set(deletedVersionIds(deletes))])).toEqual(range(1, 990).map(bigId));
    expect(activeIds('big')).toEqual(range(991, 1000).map(bigId));
    const outputs = up.outputs?.cleanup?.value as { deletedCount: number };
    expect(outputs.deletedCount).toBe(990);
  });

  test('changed-policy guard: keepNewest 10 → 2 and a widened pattern stop the preview; maxShareOfKept 1 for one run proceeds', async () => {
    const from = sim.log.length;
    const result = await job(
      [
        { kind: 'preview', diff: true, mayFail: true },
        { kind: 'preview', diff: true, mayFail: true, params: { retentions: { cleanup: { ...KEEP_10, packages: ['b*'] } }, exportPlan: true } },
        { kind: 'up', params: { retentions: { cleanup: { ...KEEP_2, maxShareOfKept: 1 } }, exportPlan: true } },
        // The setting removed again: no change of the rules, nothing more to delete.
        { kind: 'up' },
        { kind: 'preview', expectNoChanges: true },
      ],
      KEEP_2,
    );
    expectOperationsOk(result, [2, 3, 4]);
    const [smaller, widened, proceed] = result.operations;
    expect(smaller.ok).toBe(false);
    expect(widened.ok).toBe(false);
    const text = allOutputText(result);
    expect(text).toMatch(/changed-policy guard: package "big": the changed keepNewest would delete 8 of the 10 versions the previous rules keep/);
    expect(text).toMatch(
      /changed-policy guard: package "bystander": the changed packages would delete 20 of the 30 versions the previous rules keep/,
    );
    expect(text).toContain('set maxShareOfKept: 1 for one run');

    // Only the run that proceeded deleted anything: the 8 oldest of the 10.
    expect(pendingIds(stepOf(proceed, 'cleanup'))).toEqual(range(991, 998).map(bigId));
    expect(sorted(deletedVersionIds(mutationsSince(sim, from)))).toEqual(range(991, 998).map(bigId));
    expect(mutationsSince(sim, from)).toHaveLength(8);
    expect(activeIds('bystander')).toHaveLength(30);
  });

  test('sudden-share guard: an unchanged policy runs on schedule, but stops when the package was emptied and refilled; maxShareOfKept 1 proceeds', async () => {
    // A normal scheduled run: one new version, one old one goes.
    const [first] = publishBig(1);
    const scheduled = await job([{ kind: 'up' }], KEEP_2);
    expectOperationsOk(scheduled);
    expect(activeIds('big')).toEqual([bigId(1000), first]);

    // Emptied by hand (all but the newest) and refilled with 6 versions: the unchanged policy would now delete 5 of 7.
    sim.control.deleteVersion({ ...BIG, versionId: bigId(1000) });
    const refilled = publishBig(6);
    const from = sim.log.length;
    const result = await job(
      [
        { kind: 'preview', diff: true, mayFail: true },
        { kind: 'up', mayFail: true },
        { kind: 'up', params: { retentions: { cleanup: { ...KEEP_2, maxShareOfKept: 1 } }, exportPlan: true } },
        { kind: 'up' },
        { kind: 'preview', expectNoChanges: true },
      ],
      KEEP_2,
    );
    expectOperationsOk(result, [2, 3, 4]);
    const [preview, stopped, proceed] = result.operations;
    expect(preview.ok).toBe(false);
    expect(stopped.ok).toBe(false);
    expect(allOutputText(result)).toMatch(
      /sudden-share guard: package "big": the policy's rules are unchanged since its last run, yet this run would delete 5 of 7 active versions/,
    );
    const expected = sorted([first, ...refilled.slice(0, 4)]);
    expect(pendingIds(stepOf(proceed, 'cleanup'))).toEqual(expected);
    expect(sorted(deletedVersionIds(mutationsSince(sim, from)))).toEqual(expected);
    expect(activeIds('big')).toEqual(refilled.slice(4));
  });
});
