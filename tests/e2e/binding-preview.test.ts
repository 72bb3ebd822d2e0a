// Issue 12 through the real engine: what `up` deletes is what a preview showed.
// 1. Inputs unknown at preview: the program (a policy protecting the id of a PackageVersion created in the
//    same run) previews exactly what `up` deletes; a property still unknown at preview fails the preview (plain
//    `up` and `up --strict` alike) and nothing is deleted; once the dependency exists, the program previews and
//    applies.
// 2. Binding `up`: `pulumi up --strict` refuses a version published (policy) or a tag moved (PackageVersion)
//    between its preview and update phases, deleting nothing; a clean `up --strict`, and `preview --save-plan` +
//    `up --plan`, succeed while the program exports the plan outputs (pendingDeletions, planSummary, lastRun, …);
//    the next preview is converged, also after a refresh.
//
// `up --strict` and `up` with a preview phase run through the harness's `previewPhase` option
// (scripts/engine/up-with-preview.ts): the Automation API alone always skips the preview.
import { startSimulator, type RunningSimulator } from '../../simulator';
import type { Fixture, FixtureVersion } from '../../simulator/types';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import type { EngineOperation, OperationResult } from '../../scripts/engine/engine-job';
import type { EngineRunResult } from '../../scripts/engine/run-engine';
import type { PackageVersionRetentionArgs } from '../../sdk';
import type { PackagesProgramParams } from '../fixtures-programs/packages-program';
import {
  MINUTE,
  allOutputText,
  deletedVersionIds,
  expectOperationsOk,
  mutationsSince,
  pendingIds,
  requireBuiltProgramAndCli,
  runPackagesJob,
  sorted,
  stepOf,
  ENTERPRISE_RATE_LIMITS,
} from './e2e-helpers';
import { adminOrgFixture, hourlyVersions } from './e2e-fixtures';
import { reviewedDeletions } from '../../provider/resources/retention-plan-view';

jest.setTimeout(15 * MINUTE);

const TOKEN = 'ghp_e2eBindingAdminToken0000000000001';
const ORG = 'e2e';
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** npm `${pkg}` with versions 1.0.1..1.0.n (ids base+n), one an hour, the newest last. */
function npmPackage(name: string, base: number, n: number) {
  return { owner: ORG, packageType: 'npm' as const, name, versions: hourlyVersions(n, { id: (i) => base + i, prefix: '1.0' }) };
}

function fixture(): Fixture {
  const app: FixtureVersion[] = [
    { id: 9001, name: `sha256:${'1'.repeat(64)}`, tags: ['pr-1'], createdAt: 'now-3d' },
    { id: 9002, name: `sha256:${'2'.repeat(64)}`, tags: ['pr-2'], createdAt: 'now-2d' },
    { id: 9003, name: `sha256:${'3'.repeat(64)}`, tags: ['latest'], createdAt: 'now-1d' },
  ];
  return adminOrgFixture({
    org: ORG,
    token: TOKEN,
    label: 'e2e-admin',
    packages: [
      npmPackage('big', 10_000, 250),
      npmPackage('other', 20_000, 30),
      npmPackage('bulk', 30_000, 30),
      npmPackage('gone', 40_000, 10),
      { owner: ORG, packageType: 'container', name: 'app', versions: app },
    ],
  });
}

const policy = (pkg: string, extra: Partial<PackageVersionRetentionArgs> = {}): PackageVersionRetentionArgs => ({
  org: ORG,
  packageType: 'npm',
  packages: [pkg],
  ...extra,
});

/** Version ids of an exported plan output (`pendingDeletions`). */
const planIds = (plan: unknown) =>
  sorted(reviewedDeletions((plan as { pendingDeletions?: Record<string, unknown> }).pendingDeletions).map((d) => d.id));

let sim: RunningSimulator;
let dir: EngineWorkDir;

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  sim = await startSimulator({ fixture: fixture(), rateLimits: ENTERPRISE_RATE_LIMITS });
  dir = createEngineWorkDir('binding-preview');
}, 30 * MINUTE);

afterAll(async () => {
  await dir?.cleanup();
  await sim?.stop();
});

function job(stackName: string, params: PackagesProgramParams, operations: EngineOperation[]): Promise<EngineRunResult> {
  return runPackagesJob({ workDir: dir.path, sim, token: TOKEN, params, operations, stackName });
}

const listingOf = (pkg: string, type = 'npm') => `/orgs/${ORG}/packages/${type}/${pkg}/versions`;
const listingsSince = (from: number, path: string) => sim.log.slice(from).filter((e) => e.method === 'GET' && e.path === path).length;

/** The step the preview (phase) announced for `name`. */
const reviewed = (op: OperationResult, name: string) => stepOf(op, name);

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3 * MINUTE;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Runs `up --strict` and changes the world between its preview and update phases: the update phase's check
 * lists `path` once more than a preview does, and that listing is held (a simulator delay) while `change` runs.
 */
async function strictUpRacing(stackName: string, params: PackagesProgramParams, path: string, change: () => void): Promise<EngineRunResult> {
  const counted = sim.log.length;
  expectOperationsOk(await job(stackName, params, [{ kind: 'preview' }]));
  const perPreview = listingsSince(counted, path);
  expect(perPreview).toBeGreaterThan(0);
  sim.faults.add({ match: { method: 'GET', path, nth: perPreview + 1 }, fault: { delayMs: 3000 } });
  const from = sim.log.length;
  const running = job(stackName, params, [{ kind: 'up', previewPhase: 'strict', mayFail: true }]);
  try {
    await until(() => listingsSince(from, path) > perPreview, 'the update phase to list again');
    change();
    return await running;
  } finally {
    await running.catch(() => undefined);
    sim.faults.clear();
  }
}

describe('inputs unknown at preview', () => {
  test("the issue's program: protectIds from a PackageVersion created in the same run is known at preview, and up deletes exactly what the preview listed", async () => {
    const params: PackagesProgramParams = {
      versions: { pin: { org: ORG, packageType: 'npm', packageName: 'big', versionName: '1.0.3', state: 'active' } },
      retentions: { keep200: policy('big', { keepNewest: 200 }) },
      protectIdsFrom: { keep200: 'pin' },
    };
    const from = sim.log.length;
    const result = await job('issue', params, [{ kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'preview', expectNoChanges: true }]);
    expectOperationsOk(result);
    const [preview] = result.operations;
    const announced = pendingIds(reviewed(preview, 'keep200'));
    // 250 versions: the pinned 1.0.3 protected (no slot); the newest and 199 others fill the 200 slots; 49 deleted.
    expect(announced).toEqual([10_001, 10_002, ...range(4, 50).map((i) => 10_000 + i)]);
    expect(reviewed(preview, 'keep200')?.newInputs?.protectIds).toEqual([10_003]);
    expect(sorted(deletedVersionIds(mutationsSince(sim, from)))).toEqual(announced);
    expect(sim.control.getVersion({ owner: ORG, packageType: 'npm', packageName: 'big', versionId: 10_003 }).state).toBe('active');
  });

  test('a property unknown at preview fails the preview, plain up and up --strict, naming it; nothing is deleted; once the dependency exists the program works', async () => {
    const pin = { pin: { org: ORG, packageType: 'npm' as const, packageName: 'other', versionName: '1.0.2', state: 'active' as const } };
    const params: PackagesProgramParams = {
      versions: pin,
      retentions: { keep21: policy('other', { keepNewest: 21 }) },
      protectNamesFrom: { keep21: 'pin' },
    };
    const from = sim.log.length;
    const refused = await job('unknown', params, [
      { kind: 'preview', mayFail: true },
      { kind: 'up', previewPhase: 'plain', mayFail: true },
      { kind: 'up', previewPhase: 'strict', mayFail: true },
    ]);
    for (const op of refused.operations) expect({ index: op.index, ok: op.ok }).toEqual({ index: op.index, ok: false });
    const text = allOutputText(refused);
    expect(text).toMatch(/protectNames is not known until another resource is created or updated/);
    expect(text).toMatch(/pulumi up --target/);
    expect(mutationsSince(sim, from)).toEqual([]);

    // The dependency first (as `pulumi up --target` would), then the whole program: its name is known at preview.
    const result = await job('unknown', params, [
      { kind: 'up', params: { versions: pin, retentions: {}, protectNamesFrom: {} } },
      { kind: 'preview', diff: true },
      { kind: 'up', previewPhase: 'plain' },
      { kind: 'preview', expectNoChanges: true },
    ]);
    expectOperationsOk(result);
    const announced = pendingIds(reviewed(result.operations[1], 'keep21'));
    // 30 versions: 1.0.2 protected (no slot); the newest and 20 others fill the 21 slots; 8 deleted.
    expect(announced).toEqual([20_001, ...range(3, 9).map((i) => 20_000 + i)]);
    expect(sorted(deletedVersionIds(mutationsSince(sim, from)))).toEqual(announced);
  });
});

describe('up --strict binds the update to its preview', () => {
  test('a version published between the preview and update phases: the policy is refused, nothing deleted', async () => {
    const params: PackagesProgramParams = { retentions: { bulk: policy('bulk', { keepNewest: 26, maxShareOfPackage: 1 }) }, exportPlan: true };
    const from = sim.log.length;
    const result = await strictUpRacing('race-policy', params, listingOf('bulk'), () =>
      sim.control.publishVersion({ owner: ORG, packageType: 'npm', packageName: 'bulk', name: '1.0.31' }),
    );
    const [up] = result.operations;
    // The preview phase reviewed 1.0.1..1.0.4; with 1.0.31 published, the update phase's check plans 1.0.5 too.
    expect(reviewed(up, 'bulk')).toMatchObject({ planning: true });
    expect(pendingIds(reviewed(up, 'bulk'))).toEqual([30_001, 30_002, 30_003, 30_004]);
    expect(up.ok).toBe(false);
    expect(allOutputText(result)).toMatch(/bulk violates plan: properties changed: .*pendingDeletions/);
    expect(mutationsSince(sim, from)).toEqual([]);
  });

  test('a tag moved between the preview and update phases: the PackageVersion is refused, nothing deleted', async () => {
    const app = { owner: ORG, packageType: 'container' as const, packageName: 'app' };
    const params: PackagesProgramParams = {
      versions: { pr1: { org: ORG, packageType: 'container', packageName: 'app', versionName: 'pr-1', state: 'deleted' } },
      exportPlan: true,
    };
    const from = sim.log.length;
    const result = await strictUpRacing('race-tag', params, listingOf('app', 'container'), () => {
      sim.control.setTags({ ...app, versionId: 9001, tags: [] });
      sim.control.setTags({ ...app, versionId: 9002, tags: ['pr-2', 'pr-1'] });
    });
    const [up] = result.operations;
    expect(reviewed(up, 'pr1')).toMatchObject({ planning: true, newInputs: { plannedAction: 'delete', version: { versionId: 9001 } } });
    expect(up.ok).toBe(false);
    expect(allOutputText(result)).toMatch(/pr1 violates plan: properties changed: .*version/);
    expect(mutationsSince(sim, from)).toEqual([]);
    expect(sim.control.getVersion({ ...app, versionId: 9001 }).state).toBe('active');
    expect(sim.control.getVersion({ ...app, versionId: 9002 }).state).toBe('active');
  });

  test('a clean up --strict, and preview --save-plan + up --plan, pass with the plan outputs exported; the next previews are converged', async () => {
    const gone = { owner: ORG, packageType: 'npm' as const, packageName: 'gone' };
    const params: PackagesProgramParams = {
      retentions: { gone: policy('gone', { keepNewest: 7, maxDeletionsPerRun: 2 }) },
      versions: { v10: { org: ORG, packageType: 'npm', packageName: 'gone', versionName: '1.0.10', state: 'active' } },
      packages: { solo: { org: ORG, packageType: 'npm', packageName: 'big', state: 'active' } },
      exportPlan: true,
    };
    const from = sim.log.length;
    const result = await job('clean', params, [
      { kind: 'up', previewPhase: 'strict', diff: true },
      { kind: 'preview', diff: true, savePlan: 'clean.json' },
      { kind: 'up', plan: 'clean.json' },
      { kind: 'refresh' },
      { kind: 'preview', expectNoChanges: true },
    ]);
    expectOperationsOk(result);
    const [strict, second, planned] = result.operations;
    // Of 10 versions the newest (1.0.10) and 6 others fill the 7 slots; 3 go, 2 a run: 1.0.1, 1.0.2, then 1.0.3.
    expect(pendingIds(reviewed(strict, 'gone'))).toEqual([40_001, 40_002]);
    expect(pendingIds(reviewed(second, 'gone'))).toEqual([40_003]);
    expect(sorted(deletedVersionIds(mutationsSince(sim, from)))).toEqual([40_001, 40_002, 40_003]);
    // The exported plan is the reviewed one; lastRun says what was done.
    expect(strict.outputs?.gonePlan?.value).toMatchObject({ pendingDeletions: { gone: expect.any(Array) }, remainingForNextRun: 1 });
    expect(planIds(strict.outputs?.gonePlan?.value)).toEqual([40_001, 40_002]);
    expect(strict.outputs?.gone?.value).toMatchObject({ deletedCount: 2, planSummary: { gone: { deleting: 2, 'deferred-by-cap': 1 } } });
    expect(planned.outputs?.gonePlan?.value).toMatchObject({ pendingDeletions: { gone: expect.any(Array) }, remainingForNextRun: 0 });
    expect(planIds(planned.outputs?.gonePlan?.value)).toEqual([40_003]);
    expect(
      (planned.outputs?.gone?.value as { lastRun: Record<string, { deleted: { versionId: number }[] }> }).lastRun.gone.deleted.map(
        (d) => d.versionId,
      ),
    ).toEqual([40_003]);
    expect(strict.outputs?.v10Plan?.value).toMatchObject({ plannedAction: 'none', version: { versionId: 40_010 } });
    expect(strict.outputs?.soloPlan?.value).toEqual({ plannedAction: 'none' });
    expect(sim.control.listVersions(gone).filter((v) => v.state === 'active')).toHaveLength(7);
  });
});
