// PackageVersionRetention through the real Pulumi engine against the simulator (issue 5's engine tests; issue 6
// guarantees 1, 2, 4 and 5): the preview announces the deletions in structured events (the checked input
// `pendingDeletions`), up deletes exactly those (the simulator's request log), a second preview is converged,
// a version re-tagged `latest` between preview and up survives, a saved plan is honoured and a live change
// after it makes `up --plan` refuse, the per-run cap deletes the oldest and reports the rest, a plan over
// maxShareOfPackage fails the preview, destroy deletes nothing, `keepNewest: 10` keeps exactly 10 (issue 15), and
// `minAge` holds back young versions in the preview (issue 23).
//
// The tests of this file run in order on one stack and one simulator: each starts from what the last one left.
import { startSimulator, type RunningSimulator } from '../../simulator';
import type { Fixture, FixtureVersion } from '../../simulator/types';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import type { EngineOperation } from '../../scripts/engine/engine-job';
import type { PackageVersionRetentionArgs } from '../../sdk';
import {
  MINUTE,
  allOutputText,
  deletedVersionIds,
  expectOperationsOk,
  mutationsSince,
  pendingIds,
  requestLines,
  requireBuiltProgramAndCli,
  runPackagesJob,
  sorted,
  stepOf,
  ENTERPRISE_RATE_LIMITS,
} from './e2e-helpers';
import { adminOrgFixture, hourlyVersions } from './e2e-fixtures';
import type { PackagesProgramParams } from '../fixtures-programs/packages-program';
import { pendingLinesByPackage } from '../../provider/resources/retention-plan-view';

jest.setTimeout(10 * MINUTE);

const TOKEN = 'ghp_e2eRetentionAdminToken000000000001';
const ORG = 'e2e';

/** svc: container versions v1..v12 (id 1000+n), one a day, v12 tagged `latest`. */
const svcId = (n: number) => 1000 + n;
/** bulk: npm versions 1.0.1..1.0.30 (id 2000+n), one an hour. */
const bulkId = (n: number) => 2000 + n;
/** ten: npm versions 4.0.1..4.0.20 (id 4000+n), one an hour. */
const tenId = (n: number) => 4000 + n;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function fixture(): Fixture {
  const svc: FixtureVersion[] = range(1, 12).map((n) => ({
    id: svcId(n),
    name: `sha256:${String(n).padStart(64, '0')}`,
    tags: n === 12 ? [`v${n}`, 'latest'] : [`v${n}`],
    createdAt: `now-${13 - n}d`,
  }));
  return adminOrgFixture({
    org: ORG,
    token: TOKEN,
    label: 'e2e-admin',
    packages: [
      { owner: ORG, packageType: 'container', name: 'svc', versions: svc },
      { owner: ORG, packageType: 'npm', name: 'bulk', versions: hourlyVersions(30, { id: bulkId, prefix: '1.0' }) },
      { owner: ORG, packageType: 'npm', name: 'wide', versions: hourlyVersions(10, { id: (n) => 3000 + n, prefix: '2.0' }) },
      { owner: ORG, packageType: 'npm', name: 'ten', versions: hourlyVersions(20, { id: tenId, prefix: '4.0' }) },
    ],
  });
}

const SVC = { owner: ORG, packageType: 'container' as const, packageName: 'svc' };
// The newest tagged version is protected (keepNewestVersion) and fills one of the 9 slots; `latest` is protected
// too and, when it is on an older version, takes no slot. Of the rest the 8 newest stay.
// Version-level rules: the fixture's container versions have no manifests in the simulator's registry.
const SVC_POLICY: PackageVersionRetentionArgs = {
  org: ORG,
  packageType: 'container',
  packages: ['svc'],
  imageGraph: 'off',
  keepNewest: 9,
  maxShareOfPackage: 0.9,
};
// The newest version (protected) and the next 4 are the 5 kept: 25 deletions, of which a run does the 10 oldest.
const BULK_POLICY: PackageVersionRetentionArgs = {
  org: ORG,
  packageType: 'npm',
  packages: ['bulk'],
  keepNewest: 5,
  maxDeletionsPerRun: 10,
  maxShareOfPackage: 1,
};
// Only the newest kept: 9 of 10 versions, over an explicit maxShareOfPackage of 0.5 (which holds on a first run too).
const WIDE_POLICY: PackageVersionRetentionArgs = { org: ORG, packageType: 'npm', packages: ['wide'], keepNewest: 1, maxShareOfPackage: 0.5 };
// The defaults otherwise: 10 of 20 versions go.
const TEN_POLICY: PackageVersionRetentionArgs = { org: ORG, packageType: 'npm', packages: ['ten'], keepNewest: 10 };

let sim: RunningSimulator;
let dir: EngineWorkDir;

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  sim = await startSimulator({ fixture: fixture(), rateLimits: ENTERPRISE_RATE_LIMITS });
  dir = createEngineWorkDir('retention');
}, 30 * MINUTE);

afterAll(async () => {
  await dir?.cleanup();
  await sim?.stop();
});

function job(operations: EngineOperation[], params: PackagesProgramParams = { retentions: { svc: SVC_POLICY } }) {
  return runPackagesJob({ workDir: dir.path, sim, token: TOKEN, params, operations });
}

function publishSvc(n: number): void {
  sim.control.publishVersion({ ...SVC, name: `sha256:${String(n).padStart(64, '0')}`, tags: [`v${n}`] });
}

/** Ids of svc versions by tag `v<n>` (published ones get ids the simulator assigns). */
function svcIdOf(n: number): number {
  const v = sim.control.listVersions(SVC).find((x) => x.tags.includes(`v${n}`));
  if (!v) throw new Error(`no svc version tagged v${n}`);
  return v.id;
}

function requestLinesOf(from: number): string[] {
  return requestLines(mutationsSince(sim, from));
}

function activeSvcTags(): string[] {
  return sim.control
    .listVersions(SVC)
    .filter((v) => v.state === 'active')
    .map((v) => v.tags.find((t) => t !== 'latest')!)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}

describe('PackageVersionRetention through the engine', () => {
  test('preview lists the planned deletions; up (held to the saved plan) deletes exactly those; a second preview shows none', async () => {
    const from = sim.log.length;
    const result = await job([
      { kind: 'preview', diff: true, savePlan: 'first.json' },
      { kind: 'up', plan: 'first.json' },
      { kind: 'preview', expectNoChanges: true },
    ]);
    expectOperationsOk(result);
    const [preview, up] = result.operations;

    const announced = pendingIds(stepOf(preview, 'svc'));
    expect(stepOf(preview, 'svc')?.op).toBe('create');
    expect(announced).toEqual([svcId(1), svcId(2), svcId(3)]);
    // Each line says what the reviewer needs: name, tags, created time and the deciding rule.
    const lines = pendingLinesByPackage(stepOf(preview, 'svc')!.newInputs!.pendingDeletions as Record<string, unknown>).svc;
    expect(lines[String(svcId(1))]).toMatch(/^sha256:0+1 \[v1\] created \d{4}-\d\d-\d\dT[\d:]+Z: keepNewest 9$/);
    // The preview's text lists each of them, keyed by id (the CLI shows the package's JSON text decoded).
    for (const id of announced) expect(preview.stdout).toContain(`${id}: ${JSON.stringify(lines[String(id)])}`);

    // Guarantee 1: the DELETEs GitHub received are the announced set, each once; the up's report agrees.
    const deleted = deletedVersionIds(mutationsSince(sim, from));
    expect(sorted(deleted)).toEqual(announced);
    expect(mutationsSince(sim, from)).toHaveLength(announced.length);
    const lastRun = up.outputs?.svc?.value as {
      lastRun: Record<string, { deleted: { versionId: number }[]; skipped: unknown[] }>;
      deletedCount: number;
    };
    expect(sorted(lastRun.lastRun.svc.deleted.map((d) => d.versionId))).toEqual(announced);
    expect(lastRun.lastRun.svc.skipped).toEqual([]);
    expect(lastRun.deletedCount).toBe(3);
    // Guarantee 2: the converged preview (run with --expect-no-changes) succeeded.
    expect(activeSvcTags()).toEqual(range(4, 12).map((n) => `v${n}`));
  });

  test('a version re-tagged `latest` after the preview is not deleted: up --plan refuses, up without a plan re-plans', async () => {
    for (const n of [13, 14, 15]) publishSvc(n);
    // Protected: v12 (latest), v15 (newest). Candidates v4..v11, v13, v14: the newest 8 stay, v4 and v5 go.
    const reviewed = await job([{ kind: 'preview', diff: true, savePlan: 'retag.json' }]);
    expectOperationsOk(reviewed);
    expect(pendingIds(stepOf(reviewed.operations[0], 'svc'))).toEqual([svcId(4), svcId(5)]);
    expect(stepOf(reviewed.operations[0], 'svc')).toMatchObject({ op: 'update', oldInputs: { pendingDeletions: {} } });

    // Between review and apply someone moves `latest` to v4 (off v12, which becomes a candidate).
    sim.control.setTags({ ...SVC, versionId: svcId(4), tags: ['v4', 'latest'] });
    const from = sim.log.length;
    const result = await job([{ kind: 'up', plan: 'retag.json', mayFail: true }, { kind: 'up' }, { kind: 'preview', expectNoChanges: true }]);
    expectOperationsOk(result, [1, 2]);
    const [refused, up] = result.operations;

    // Held to the saved plan, the engine refuses: the checked inputs (the deletions) differ from the reviewed ones.
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toContain('violates plan');
    // Without a saved plan, up's own preview is the review: v4 is protected now, v12 no longer is, so the 8
    // newest candidates are v7..v14 and v5, v6 go. Exactly what up announced is what GitHub received.
    const announced = pendingIds(stepOf(up, 'svc'));
    expect(announced).toEqual([svcId(5), svcId(6)]);
    expect(sorted(deletedVersionIds(mutationsSince(sim, from)))).toEqual(announced);
    expect(mutationsSince(sim, from)).toHaveLength(2);
    expect(sim.control.getVersion({ ...SVC, versionId: svcId(4) }).state).toBe('active');
  });

  test('a saved plan is refused after a publish that changes the deletions; a fresh saved plan is applied exactly', async () => {
    publishSvc(16);
    // Protected: v4 (latest), v16 (newest). Candidates v7..v15: v7 goes.
    const reviewed = await job([{ kind: 'preview', diff: true, savePlan: 'publish.json' }]);
    expectOperationsOk(reviewed);
    expect(pendingIds(stepOf(reviewed.operations[0], 'svc'))).toEqual([svcId(7)]);

    publishSvc(17); // now v7 and v8 qualify: the reviewed plan no longer describes what up would do
    const from = sim.log.length;
    const result = await job([
      { kind: 'up', plan: 'publish.json', mayFail: true },
      { kind: 'preview', diff: true, savePlan: 'publish-2.json' },
      { kind: 'up', plan: 'publish-2.json' },
      { kind: 'preview', expectNoChanges: true },
    ]);
    expectOperationsOk(result, [1, 2, 3]);
    const [refused, preview] = result.operations;
    expect(refused.error?.message).toContain('violates plan');
    const announced = pendingIds(stepOf(preview, 'svc'));
    expect(announced).toEqual([svcId(7), svcId(8)]);
    // Guarantee 5: the refused apply deleted nothing (the only DELETEs are the second plan's, each once).
    expect(sorted(deletedVersionIds(mutationsSince(sim, from)))).toEqual(announced);
    expect(mutationsSince(sim, from)).toHaveLength(2);
    expect(activeSvcTags()).toEqual(['v4', ...range(9, 17).map((n) => `v${n}`)]);
    expect(svcIdOf(4)).toBe(svcId(4));
  });

  test('a version the policy deleted, restored by hand: refresh, then the preview shows it pending, up deletes it again', async () => {
    sim.control.restoreVersion({ ...SVC, versionId: svcId(7) });
    // Protected: v4 (latest), v17 (newest). Candidates v7, v9..v16: the oldest, v7, goes again.
    const from = sim.log.length;
    const result = await job([{ kind: 'refresh' }, { kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'preview', expectNoChanges: true }]);
    expectOperationsOk(result);
    const [, preview] = result.operations;
    expect(stepOf(preview, 'svc')).toMatchObject({ op: 'update', oldInputs: { pendingDeletions: {} } });
    expect(pendingIds(stepOf(preview, 'svc'))).toEqual([svcId(7)]);
    expect(requestLinesOf(from)).toEqual([`DELETE /orgs/${ORG}/packages/container/svc/versions/${svcId(7)}`]);
  });

  test('a reviewed version re-tagged `latest` while up runs (after its check, before its deletes) is skipped and reported', async () => {
    publishSvc(18);
    // Protected: v4 (latest), v18 (newest). Candidates v9..v17: v9 goes.
    const listing = `/orgs/${ORG}/packages/container/svc/versions`;
    // up lists svc at check (1st) and once more before deleting (2nd): hold the 2nd so the world can change
    // in between, exactly where a real re-tag would race the apply.
    sim.faults.add({ match: { method: 'GET', path: listing, nth: 2 }, fault: { delayMs: 3000 } });
    const from = sim.log.length;
    const running = job([{ kind: 'up' }]);
    const deadline = Date.now() + 3 * MINUTE;
    while (sim.log.slice(from).filter((e) => e.method === 'GET' && e.path === listing).length < 2) {
      if (Date.now() > deadline) throw new Error('up never listed svc a second time');
      await new Promise((r) => setTimeout(r, 25));
    }
    sim.control.setTags({ ...SVC, versionId: svcId(9), tags: ['v9', 'latest'] });
    const result = await running;
    sim.faults.clear();
    expectOperationsOk(result);
    const [up] = result.operations;

    expect(pendingIds(stepOf(up, 'svc'))).toEqual([svcId(9)]); // what up reviewed
    expect(mutationsSince(sim, from)).toEqual([]); // ...and did not delete, because live data changed
    const report = (up.outputs?.svc?.value as { lastRun: Record<string, { deleted: unknown[]; skipped: { versionId: number; reason: string }[] }> })
      .lastRun.svc;
    expect(report.deleted).toEqual([]);
    expect(report.skipped).toEqual([expect.objectContaining({ versionId: svcId(9), reason: expect.stringMatching(/latest/) })]);
    expect(sim.control.getVersion({ ...SVC, versionId: svcId(9) }).state).toBe('active');
  });

  test('a reviewed version deleted by hand before up --plan: the engine refuses, nothing is deleted', async () => {
    // v4 lost `latest` in the test before: protected v9 (latest), v18 (newest); candidates v4, v10..v17: v4 goes.
    const reviewed = await job([{ kind: 'preview', diff: true, savePlan: 'gone.json' }]);
    expectOperationsOk(reviewed);
    expect(pendingIds(stepOf(reviewed.operations[0], 'svc'))).toEqual([svcId(4)]);

    sim.control.deleteVersion({ ...SVC, versionId: svcId(4) });
    const from = sim.log.length;
    const result = await job([
      { kind: 'up', plan: 'gone.json', mayFail: true },
      { kind: 'preview', expectNoChanges: true },
    ]);
    expectOperationsOk(result, [1]);
    const [up] = result.operations;
    // The checked inputs now plan nothing, which is not what was reviewed: the engine refuses (observed with
    // Pulumi 3.274: "violates plan: properties changed: … pendingDeletions"). GitHub receives no DELETE, and the
    // next preview is converged.
    expect(up.ok).toBe(false);
    expect(up.error?.message).toContain('violates plan');
    expect(mutationsSince(sim, from)).toEqual([]);
  });

  test('the per-run cap deletes the oldest and reports the rest; over maxShareOfPackage the preview fails; removing a policy and destroy delete nothing', async () => {
    // The program drops svc's policy, which must delete nothing.
    const from = sim.log.length;
    const result = await job(
      [
        { kind: 'preview', diff: true },
        { kind: 'up' },
        { kind: 'preview', diff: true, mayFail: true, params: { retentions: { bulk: BULK_POLICY, wide: WIDE_POLICY } } },
        { kind: 'destroy' },
      ],
      { retentions: { bulk: BULK_POLICY } },
    );
    expectOperationsOk(result, [0, 1, 3]);
    const [preview, up, overShare, destroy] = result.operations;

    const bulk = stepOf(preview, 'bulk');
    expect(bulk?.op).toBe('create');
    expect(pendingIds(bulk)).toEqual(range(1, 10).map(bulkId)); // the 10 oldest of 25
    expect(bulk!.newInputs).toMatchObject({ remainingForNextRun: 15, planSummary: { bulk: { deleting: 10, 'deferred-by-cap': 15 } } });
    expect(stepOf(preview, 'svc')?.op).toBe('delete');

    const bulkRun = up.outputs?.bulk?.value as { lastRun: Record<string, { deleted: { versionId: number }[] }> };
    expect(sorted(bulkRun.lastRun.bulk.deleted.map((d) => d.versionId))).toEqual(range(1, 10).map(bulkId));

    expect(overShare.ok).toBe(false);
    expect(allOutputText(result)).toMatch(/maxShareOfPackage 0\.5 allows \(5\)/);
    expect(allOutputText(result)).toContain('maxShareOfPackage');

    expect(up.summary).toMatchObject({ create: 1, delete: 1 });
    expect(destroy.summary).toMatchObject({ delete: 2 });
    // Over the whole job only up mutated: the capped 10, each once. Dropping svc's policy, the failing preview and
    // destroy sent nothing.
    expect(sorted(deletedVersionIds(mutationsSince(sim, from)))).toEqual(range(1, 10).map(bulkId));
    expect(mutationsSince(sim, from)).toHaveLength(10);
    expect(sim.control.listVersions({ owner: ORG, packageType: 'npm', packageName: 'wide' }).every((v) => v.state === 'active')).toBe(true);
    expect(result.secretFindings).toEqual([]);
  });

  test('"keep 10" keeps 10: keepNewest 10 with the defaults leaves exactly the 10 newest versions', async () => {
    const from = sim.log.length;
    const result = await job([{ kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'preview', expectNoChanges: true }, { kind: 'destroy' }], {
      retentions: { ten: TEN_POLICY },
    });
    expectOperationsOk(result);
    const [preview, up] = result.operations;
    // The newest version is protected (keepNewestVersion) and is one of the 10, as in other clean-up tools.
    const announced = pendingIds(stepOf(preview, 'ten'));
    expect(announced).toEqual(range(1, 10).map(tenId));
    expect(sorted(deletedVersionIds(mutationsSince(sim, from)))).toEqual(announced);
    const active = sim.control.listVersions({ owner: ORG, packageType: 'npm', packageName: 'ten' }).filter((v) => v.state === 'active');
    expect(active.map((v) => v.id).sort((a, b) => a - b)).toEqual(range(11, 20).map(tenId));
    const outputs = up.outputs?.ten?.value as { lastRun: Record<string, { deleted: { versionId: number }[] }>; deletedCount: number };
    expect(outputs.deletedCount).toBe(10);
    expect(sorted(outputs.lastRun.ten.deleted.map((d) => d.versionId))).toEqual(announced);
  });

  test('minAge holds back the young versions the rule selects, and the preview counts them', async () => {
    // ten: hourly versions, the newest an hour old. keepNewest 1 selects all but the newest; minAge 5.5 h holds
    // back the four between 2 and 5 hours old.
    const policy: PackageVersionRetentionArgs = { ...TEN_POLICY, keepNewest: 1, minAge: '19800s' };
    const result = await job([{ kind: 'preview', diff: true }], { retentions: { ten: policy } });
    expectOperationsOk(result);
    const step = stepOf(result.operations[0], 'ten');
    const active = sim.control.listVersions({ owner: ORG, packageType: 'npm', packageName: 'ten' }).filter((v) => v.state === 'active');
    const announced = pendingIds(step);
    expect(announced).toContain(tenId(15));
    for (const n of range(16, 20)) expect(announced).not.toContain(tenId(n));
    expect(step!.newInputs).toMatchObject({
      planSummary: { ten: { listed: active.length, deleting: active.length - 5, 'younger-than-minAge': 4, kept: 1 } },
    });
  });
});
