// PackageVersion and Package through the real Pulumi engine against the simulator (issue 4's engine tests,
// issue 6 guarantees 1–4 for these resources): the preview announces each delete/restore in structured events,
// up performs exactly those calls, a second preview is converged, drift made by hand is found by refresh and
// fixed by the next up, and destroy mutates nothing.
import { startSimulator, FIXTURE_TOKENS, type RunningSimulator } from '../../simulator';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { resourceSteps } from '../../scripts/engine/engine-results';
import { runEngine, type EngineRunResult } from '../../scripts/engine/run-engine';
import {
  MINUTE,
  expectOperationsOk,
  mutationsSince,
  packagesJob,
  requestLines,
  requireBuiltProgramAndCli,
  runPackagesJob,
  stepOf,
} from './e2e-helpers';
import type { PackagesProgramParams } from '../fixtures-programs/packages-program';

jest.setTimeout(10 * MINUTE);

const UI = { org: 'acme', packageType: 'npm' as const, packageName: 'ui' };
const SOLO = { org: 'acme', packageType: 'npm' as const, packageName: 'solo' };
// Default fixture: acme/npm/ui 1.1.0 (id 100207) is active; 0.9.0 (id 100201) was deleted 10 days ago.
const PARAMS: PackagesProgramParams = {
  versions: {
    'ui-1-1-0': { ...UI, versionId: 100207, state: 'deleted' },
    'ui-0-9-0': { ...UI, versionName: '0.9.0', state: 'active' },
  },
  packages: { solo: { ...SOLO, state: 'deleted' } },
};
// Simulator control keys (changes made by hand, behind Pulumi's back).
const UI_KEY = { owner: 'acme', packageType: 'npm' as const, packageName: 'ui' };
const SOLO_KEY = { owner: 'acme', packageType: 'npm' as const, packageName: 'solo' };
const DELETE_1_1_0 = 'DELETE /orgs/acme/packages/npm/ui/versions/100207';
const RESTORE_0_9_0 = 'POST /orgs/acme/packages/npm/ui/versions/100201/restore';
const DELETE_SOLO = 'DELETE /orgs/acme/packages/npm/solo';

let sim: RunningSimulator;
let dir: EngineWorkDir;

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  sim = await startSimulator();
  dir = createEngineWorkDir('package-resources');
}, 30 * MINUTE);

afterAll(async () => {
  await dir?.cleanup();
  await sim?.stop();
});

const job = (operations: Parameters<typeof runPackagesJob>[0]['operations']) =>
  runPackagesJob({ workDir: dir.path, sim, token: FIXTURE_TOKENS.admin, params: PARAMS, operations });

/**
 * The first two cases read one job (preview, up, a second preview): one program host and stack set-up instead of
 * two. `upFrom` is the simulator log's length when the up started, so each case reads the requests of its part.
 */
let firstRun: Promise<{ result: EngineRunResult; upFrom: number }> | undefined;
function previewThenUp(): Promise<{ result: EngineRunResult; upFrom: number }> {
  firstRun ??= (async () => {
    let upFrom = -1;
    const result = await runEngine(
      packagesJob({
        workDir: dir.path,
        sim,
        token: FIXTURE_TOKENS.admin,
        params: PARAMS,
        operations: [{ kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'preview', expectNoChanges: true }],
      }),
      {
        timeoutMs: 5 * MINUTE,
        onOperationStart: (index) => {
          if (index === 1) upFrom = sim.log.length;
        },
      },
    );
    return { result, upFrom };
  })();
  return firstRun;
}

describe('PackageVersion and Package through the engine', () => {
  test('preview announces the delete and the restore, and mutates nothing', async () => {
    const { result, upFrom } = await previewThenUp();
    expectOperationsOk(result, [0]);
    const [preview] = result.operations;

    expect(stepOf(preview, 'ui-1-1-0')).toMatchObject({
      op: 'create',
      newInputs: { plannedAction: 'delete', version: { versionId: 100207, versionName: '1.1.0' }, state: 'deleted' },
    });
    expect(stepOf(preview, 'ui-0-9-0')).toMatchObject({
      op: 'create',
      newInputs: { plannedAction: 'restore', version: { versionId: 100201, versionName: '0.9.0' }, state: 'active' },
    });
    expect(stepOf(preview, 'solo')).toMatchObject({ op: 'create', newInputs: { plannedAction: 'delete', state: 'deleted' } });
    // Nothing mutated before the up started.
    expect(upFrom).toBeGreaterThan(0);
    expect(mutationsSince(sim, 0)).toEqual(mutationsSince(sim, upFrom));
    expect(result.secretFindings).toEqual([]);
  });

  test('up performs exactly the announced calls; a second preview shows no changes', async () => {
    const { result, upFrom } = await previewThenUp();
    expectOperationsOk(result);
    const [, up, second] = result.operations;

    // Guarantee 1: one DELETE of that version, one restore, one package DELETE; nothing else.
    expect(requestLines(mutationsSince(sim, upFrom)).sort()).toEqual([DELETE_SOLO, DELETE_1_1_0, RESTORE_0_9_0].sort());
    expect(up.summary).toMatchObject({ create: 4 }); // the stack + 3
    expect(up.outputs?.['ui-1-1-0']?.value).toMatchObject({ versionId: 100207, currentState: 'deleted' });
    expect(up.outputs?.['ui-0-9-0']?.value).toMatchObject({ versionId: 100201, currentState: 'active' });
    expect(up.outputs?.solo?.value).toMatchObject({ currentState: 'deleted' });
    expect(sim.control.getVersion({ ...UI_KEY, versionId: 100207 }).state).toBe('deleted');
    expect(sim.control.getVersion({ ...UI_KEY, versionId: 100201 }).state).toBe('active');

    // Guarantee 2: converged (the operation ran with --expect-no-changes and succeeded).
    expect(resourceSteps(second)).toEqual([]);
  });

  test('hand changes: refresh finds them, the next preview shows the fix, up applies it, destroy mutates nothing', async () => {
    // Behind Pulumi's back: 1.1.0 restored, 0.9.0 deleted again, the package restored.
    sim.control.restoreVersion({ ...UI_KEY, versionId: 100207 });
    sim.control.deleteVersion({ ...UI_KEY, versionId: 100201 });
    sim.control.restorePackage(SOLO_KEY);
    const from = sim.log.length;

    const result = await job([
      { kind: 'refresh' },
      { kind: 'preview', diff: true },
      { kind: 'up' },
      { kind: 'preview', expectNoChanges: true },
      { kind: 'destroy' },
    ]);
    expectOperationsOk(result);
    const [refresh, preview, up, , destroy] = result.operations;

    // Refresh reads the drift into state.
    expect(refresh.summary).toMatchObject({ update: 3 });
    // The preview shows each fix as a change of the planned action, old inputs against new.
    expect(stepOf(preview, 'ui-1-1-0')).toMatchObject({
      op: 'update',
      oldInputs: { plannedAction: 'none' },
      newInputs: { plannedAction: 'delete', version: { versionId: 100207 } },
      oldOutputs: { currentState: 'active' },
    });
    expect(stepOf(preview, 'ui-0-9-0')).toMatchObject({
      op: 'update',
      oldInputs: { plannedAction: 'none' },
      newInputs: { plannedAction: 'restore', version: { versionId: 100201 } },
    });
    expect(stepOf(preview, 'solo')).toMatchObject({ op: 'update', oldInputs: { plannedAction: 'none' }, newInputs: { plannedAction: 'delete' } });
    expect(up.summary).toMatchObject({ update: 3 });
    expect(destroy.summary).toMatchObject({ delete: 4 });

    // Exactly one call per fix over refresh, preview, up, the converged preview and destroy together: had
    // destroy (or anything else) deleted or restored, there would be more (guarantees 3 and 4).
    expect(requestLines(mutationsSince(sim, from)).sort()).toEqual([DELETE_SOLO, DELETE_1_1_0, RESTORE_0_9_0].sort());
    // Destroy only forgot them: the live world is as the program last left it.
    expect(sim.control.getVersion({ ...UI_KEY, versionId: 100207 }).state).toBe('deleted');
    expect(sim.control.getVersion({ ...UI_KEY, versionId: 100201 }).state).toBe('active');
    expect(result.secretFindings).toEqual([]);
  });
});
