// The root program (Pulumi.yaml → index.ts → scripts/demo/demo-program.ts), as `npm run demo` runs it: against
// the demo fixture through the real engine, the preview's deletions and restore are exactly what up sends, and
// the stack converges although the restored release lives in the package the image policy cleans up.
import { FIXTURE_PATHS, startSimulator, type RunningSimulator } from '../../simulator';
import { resolvePulumiBinary } from '../../scripts/engine';
import { changeKey } from '../../scripts/demo/planned-changes';
import { runExample } from './run-example';

jest.setTimeout(5 * 60_000);

let sim: RunningSimulator;
beforeAll(async () => {
  await resolvePulumiBinary();
  sim = await startSimulator({ fixture: FIXTURE_PATHS.demo });
}, 30 * 60_000);
afterAll(async () => {
  await sim?.stop();
});

test('the demo program: 50 deletions (42 image versions, 8 pre-releases) and 1 restore announced, performed exactly, then no changes', async () => {
  const run = await runExample(sim, {
    name: 'pulumi-github-packages-demo',
    module: 'scripts/demo/demo-program.ts',
    exportName: 'demoProgram',
    config: { org: 'demo-org' },
  });
  const keys = (changes: ReadonlyArray<Parameters<typeof changeKey>[0]>) => changes.map(changeKey).sort();
  expect(keys(run.applied)).toEqual(keys(run.planned));
  expect(run.applied.filter((c) => c.status !== 204)).toEqual([]);
  expect(run.planned.filter((c) => c.action === 'delete')).toHaveLength(50);
  expect(run.planned.filter((c) => c.action === 'restore').map(changeKey)).toEqual(['restore demo-org/container/app@9001001']);
  // The restore ran before the image policy was planned (dependsOn), so the restored v1.0.0 is protected by v*.
  const appPaths = sim
    .mutations()
    .map((m) => m.path)
    .filter((p) => p.includes('/packages/container/app/'));
  expect(appPaths[0]).toMatch(/\/versions\/9001001\/restore$/);
  expect(sim.control.getVersion({ owner: 'demo-org', packageType: 'container', packageName: 'app', versionId: 9001001 }).state).toBe('active');
  expect(run.converged.summary).toEqual({ same: expect.any(Number) });
  expect(run.up.outputs?.deletedCount?.value).toBe(50);
});
