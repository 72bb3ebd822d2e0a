// `pulumi refresh` through the real engine reports a PackageVersion changed by hand as drift: the refresh itself
// shows the change (an update with the changed properties), not only the next preview.
import { startSimulator, FIXTURE_TOKENS, type RunningSimulator } from '../../simulator';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { MINUTE, expectOperationsOk, mutationsSince, requestLines, requireBuiltProgramAndCli, runPackagesJob, stepOf } from './e2e-helpers';
import type { PackagesProgramParams } from '../fixtures-programs/packages-program';

jest.setTimeout(10 * MINUTE);

const UI = { org: 'acme', packageType: 'npm' as const, packageName: 'ui' };
const UI_KEY = { owner: 'acme', packageType: 'npm' as const, packageName: 'ui' };
// Default fixture: acme/npm/ui 1.1.0 (id 100207) is active.
const PARAMS: PackagesProgramParams = { versions: { 'ui-1-1-0': { ...UI, versionId: 100207, state: 'active' } }, packages: {} };

let sim: RunningSimulator;
let dir: EngineWorkDir;

beforeAll(async () => {
  await requireBuiltProgramAndCli();
  sim = await startSimulator();
  dir = createEngineWorkDir('refresh-drift');
}, 30 * MINUTE);

afterAll(async () => {
  await dir?.cleanup();
  await sim?.stop();
});

const job = (operations: Parameters<typeof runPackagesJob>[0]['operations']) =>
  runPackagesJob({ workDir: dir.path, sim, token: FIXTURE_TOKENS.admin, params: PARAMS, operations });

test('a version deleted by hand is drift in the refresh itself; the next up restores it and converges', async () => {
  expectOperationsOk(await job([{ kind: 'up' }]));
  sim.control.deleteVersion({ ...UI_KEY, versionId: 100207 });
  const from = sim.log.length;
  const result = await job([{ kind: 'refresh' }, { kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'preview', expectNoChanges: true }]);
  expectOperationsOk(result);
  const [refresh, preview, up] = result.operations;
  // The refresh reports the change (before: "2 unchanged", the drift seen only by the next preview).
  expect(refresh.summary).toMatchObject({ update: 1 });
  expect(refresh.stdout).toMatch(/PackageVersion ui-1-1-0 updated .*\[diff: ~version\]/);
  expect(stepOf(preview, 'ui-1-1-0')).toMatchObject({ op: 'update', newInputs: { plannedAction: 'restore' } });
  expect(up.summary).toMatchObject({ update: 1 });
  expect(requestLines(mutationsSince(sim, from))).toEqual(['POST /orgs/acme/packages/npm/ui/versions/100207/restore']);
  expect(sim.control.getVersion({ ...UI_KEY, versionId: 100207 }).state).toBe('active');
  expect(result.secretFindings).toEqual([]);
});
