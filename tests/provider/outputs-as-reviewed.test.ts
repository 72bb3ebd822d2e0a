// Issue 12, section 2: after an apply, every output the preview already knew keeps the value the preview showed.
// The engine shows a resource's checked inputs as its outputs during preview (dynamic providers have no preview
// of their own), and `pulumi up --strict` / `up --plan` refuse stack outputs that differ from the reviewed ones
// (e.g. `pendingDeletions` exported and emptied by the apply). What happened goes to outputs the preview did
// not know: `lastRun`, `deletedCount`, `keptSummary`, `currentState`, ….
import { createPackageProvider } from '../../provider/resources/package-provider';
import { createPackageVersionProvider } from '../../provider/resources/package-version-provider';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { pendingLinesByPackage } from '../../provider/resources/retention-plan-view';
import { contextFor, mutationsOf, startSimulator, type RunningSimulator } from './provider-helpers';

/** The checked inputs, as the preview showed them, are all in the outputs unchanged. */
function expectReviewedOutputs(outs: Record<string, unknown>, checked: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(checked)) expect({ key, value: outs[key] }).toEqual({ key, value });
}

describe('outputs after an apply agree with the preview', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({});
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  it('a policy keeps the reviewed plan (pendingDeletions, planSummary, remainingForNextRun, planEstimate, planWarnings) and reports the run in lastRun', async () => {
    const p = createRetentionProvider(contextFor(sim, 'admin'));
    const news = {
      org: 'acme',
      packageType: 'container',
      packages: ['web'],
      imageGraph: 'off',
      olderThan: '30d',
      untaggedContainers: 'delete',
      maxDeletionsPerRun: 3,
    };
    const { inputs } = await p.check({}, news);
    expect(inputs.remainingForNextRun).toBe(1);
    expect(inputs.planEstimate).toEqual(expect.any(String));
    const created = await p.create(inputs);
    expect(mutationsOf(sim)).toHaveLength(3);
    expectReviewedOutputs(created.outs, inputs);
    expect(created.outs.deletedCount).toBe(3);
    expect(created.outs.lastRun.web.deleted.map((d: { versionId: number }) => d.versionId)).toEqual(
      Object.keys(pendingLinesByPackage(inputs.pendingDeletions).web).map(Number),
    );

    // The next run (an update) likewise; its converged successor changes nothing.
    const next = await p.check(inputs, news);
    expect(Object.keys(pendingLinesByPackage(next.inputs.pendingDeletions).web)).toHaveLength(1);
    const updated = await p.update(created.id, created.outs, next.inputs);
    expectReviewedOutputs(updated.outs, next.inputs);
    const converged = await p.check(next.inputs, news);
    expect((await p.diff(created.id, updated.outs, converged.inputs)).changes).toBe(false);
  });

  it('a PackageVersion keeps the reviewed version and plannedAction; currentState says what happened', async () => {
    const p = createPackageVersionProvider(contextFor(sim, 'admin'));
    const news = { org: 'acme', packageType: 'container', packageName: 'web', versionName: 'pr-123', state: 'deleted' };
    const { inputs } = await p.check({}, news);
    const created = await p.create(inputs);
    expect(mutationsOf(sim)).toEqual(['DELETE /orgs/acme/packages/container/web/versions/100110']);
    expectReviewedOutputs(created.outs, inputs);
    expect(created.outs).toMatchObject({ plannedAction: 'delete', currentState: 'deleted', deletedAt: expect.any(String) });
    const again = await p.check(inputs, news);
    expect(again.inputs.plannedAction).toBe('none');
    expect((await p.diff(created.id, created.outs, again.inputs)).changes).toBe(false);
  });

  it('a Package keeps the reviewed plannedAction; currentState says what happened', async () => {
    const p = createPackageProvider(contextFor(sim, 'admin'));
    const news = { org: 'acme', packageType: 'npm', packageName: 'ui', state: 'deleted' };
    const { inputs } = await p.check({}, news);
    const created = await p.create(inputs);
    expectReviewedOutputs(created.outs, inputs);
    expect(created.outs).toMatchObject({ plannedAction: 'delete', currentState: 'deleted' });
    const again = await p.check(inputs, news);
    expect((await p.diff(created.id, created.outs, again.inputs)).changes).toBe(false);
  });
});
