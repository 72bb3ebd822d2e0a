// Every program in examples/ against the simulator through the real Pulumi engine: the preview announces the
// deletions and restores, `up` performs exactly those (the simulator's request log), and a second preview shows
// no changes. One simulator for the file, reset before each example.
import { FIXTURE_PATHS, startSimulator, type RunningSimulator } from '../../simulator';
import { resolvePulumiBinary } from '../../scripts/engine';
import { changeKey } from '../../scripts/demo/planned-changes';
import { runExample, type ExampleRun } from './run-example';

jest.setTimeout(5 * 60_000);

let sim: RunningSimulator;
beforeAll(async () => {
  await resolvePulumiBinary();
  sim = await startSimulator({ fixture: FIXTURE_PATHS.demo });
}, 30 * 60_000);
afterAll(async () => {
  await sim?.stop();
});
beforeEach(() => sim.reset());

function keys(changes: ExampleRun['planned'] | ExampleRun['applied']): string[] {
  return changes.map(changeKey).sort();
}

function expectPreviewEqualsApply(run: ExampleRun): void {
  expect(run.planned.length).toBeGreaterThan(0);
  expect(keys(run.applied)).toEqual(keys(run.planned));
  expect(run.applied.every((c) => c.status === 204)).toBe(true);
  expect(run.converged.summary).not.toHaveProperty('update');
  expect(run.converged.summary).not.toHaveProperty('create');
  expect(run.result.secretFindings).toEqual([]);
}

test('container-cleanup: untagged older than 14 days and beyond the newest 10 tagged go; latest and v* stay', async () => {
  const run = await runExample(sim, { name: 'container-cleanup', exportName: 'containerCleanup', config: { org: 'demo-org' } });
  expectPreviewEqualsApply(run);
  console.log(run.planned.length, run.planned.slice(0, 3), run.up.outputs);
});
