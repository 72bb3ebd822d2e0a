/**
 * Issue 8, the world changes under us: versions published, deleted, restored and re-tagged by someone else between
 * check (preview) and apply (up), and during apply (a hook run by the fault proxy just before the Nth DELETE).
 * Always: nothing outside the reviewed plan is deleted. A version that gained a protected tag is kept; a package
 * deleted by hand is reported, not a crash.
 */
import { createPackageVersionProvider } from '../../provider/resources/package-version-provider';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import {
  BIG,
  deleteRequestIds,
  expectClearFailure,
  pendingIds,
  reliabilityContext,
  settle,
  startReliabilitySimulator,
  type RunningSimulator,
} from './reliability-helpers';
import { recordSection } from './reliability-report';

const WEB = { owner: 'acme', packageType: 'container' as const, packageName: 'web' };
// Version-level rules: the default fixture's container versions have no manifests in the simulator's registry.
const WEB_POLICY = {
  org: 'acme',
  packageType: 'container',
  packages: ['web'],
  imageGraph: 'off',
  olderThan: '30d',
  untaggedContainers: 'delete',
  maxShareOfPackage: 1,
};
const BIG_POLICY = { org: 'acme', packageType: 'npm', packages: ['big'], keepNewest: 246 };
const DELETE_PATH = /\/versions\/\d+$/;

let sim: RunningSimulator;
let proxy: FaultProxy;
const items: string[] = [];

beforeAll(async () => {
  sim = await startReliabilitySimulator();
  proxy = await startFaultProxy(sim.baseUrl);
});
afterAll(async () => {
  await proxy.stop();
  await sim.stop();
  recordSection('world-changes', { title: 'The world changes under us', items });
});
beforeEach(() => {
  sim.reset();
  proxy.clear();
});

function provider() {
  return createRetentionProvider(reliabilityContext(sim, { baseUrl: proxy.baseUrl }).context);
}

function state(id: number, pkg: { owner: string; packageType: string; packageName: string } = WEB): string {
  return sim.control.getVersion({ ...pkg, versionId: id } as never).state;
}

/** Every DELETE was for a reviewed version. */
function expectWithinPlan(reviewed: number[]): void {
  for (const id of deleteRequestIds(sim)) expect(reviewed).toContain(id);
}

async function applyOutcome(p: ReturnType<typeof provider>, inputs: Record<string, unknown>) {
  const result = await settle(p.create(inputs));
  if (result.ok) return { ok: true as const, outs: result.value.outs as Record<string, any> };
  return { ok: false as const, message: expectClearFailure(result.error), error: result.error as Error & { properties?: Record<string, any> } };
}

describe('between preview and up', () => {
  it('versions published since the preview: up deletes only the reviewed ones; the next preview shows the rest', async () => {
    const p = provider();
    const { inputs } = await p.check({}, BIG_POLICY);
    const reviewed = pendingIds(inputs);
    for (let i = 0; i < 3; i++) sim.control.publishVersion({ ...BIG, name: `9.9.${i}` });
    const out = await applyOutcome(p, inputs);
    expect(out.ok).toBe(true);
    expect(deleteRequestIds(sim).sort()).toEqual(reviewed);
    const next = pendingIds((await p.check(inputs, BIG_POLICY)).inputs);
    expect(next).toHaveLength(3);
    for (const id of next) expect(reviewed).not.toContain(id);
    items.push(
      `3 versions published after the preview: up deleted exactly the ${reviewed.length} reviewed versions; the 3 that now qualify waited for the next preview.`,
    );
  });

  it('a reviewed version deleted by hand is skipped, not an error', async () => {
    const p = provider();
    const { inputs } = await p.check({}, WEB_POLICY);
    const reviewed = pendingIds(inputs);
    sim.control.deleteVersion({ ...WEB, versionId: reviewed[1] });
    const out = await applyOutcome(p, inputs);
    expect(out.ok).toBe(true);
    expectWithinPlan(reviewed);
    expect(deleteRequestIds(sim)).not.toContain(reviewed[1]);
    if (out.ok)
      expect(out.outs.lastRun.web.skipped).toEqual([
        expect.objectContaining({ versionId: reviewed[1], reason: expect.stringMatching(/no longer active/) }),
      ]);
    items.push(
      'A reviewed version deleted by hand after the preview: skipped with "no longer active (deleted since the preview)", no DELETE sent for it, the run succeeds.',
    );
  });

  it('a deleted version restored by hand is not deleted again by this up', async () => {
    const p = provider();
    const { inputs } = await p.check({}, WEB_POLICY);
    const reviewed = pendingIds(inputs);
    expect(reviewed).not.toContain(100102);
    sim.control.restoreVersion({ ...WEB, versionId: 100102 });
    await applyOutcome(p, inputs);
    expectWithinPlan(reviewed);
    expect(state(100102)).toBe('active');
    items.push(
      'A version restored by hand after the preview (it was deleted then, so not in the plan): this up leaves it alone; it appears in the next preview if the rules select it.',
    );
  });

  it('a reviewed version that gained the protected tag "latest" is kept; the version that lost it is not deleted either', async () => {
    const p = provider();
    const { inputs } = await p.check({}, WEB_POLICY);
    const reviewed = pendingIds(inputs);
    const target = reviewed[reviewed.length - 1];
    const before = sim.control.listVersions(WEB as never).find((v) => v.state === 'active' && v.tags.includes('latest'))!;
    sim.control.setTags({ ...WEB, versionId: target, tags: ['latest'] });
    const out = await applyOutcome(p, inputs);
    expect(out.ok).toBe(true);
    expectWithinPlan(reviewed);
    expect(state(target)).toBe('active');
    expect(state(before.id)).toBe('active');
    items.push(
      'A reviewed version re-tagged `latest` after the preview: kept, reported "changed since the preview"; the version `latest` moved off is not deleted either (it was not reviewed).',
    );
  });

  it('a package deleted by hand: up reports it and does not crash', async () => {
    const p = provider();
    const { inputs } = await p.check({}, WEB_POLICY);
    sim.control.deletePackage(WEB);
    const out = await applyOutcome(p, inputs);
    expect(sim.mutations()).toEqual([]);
    const text = out.ok ? JSON.stringify(out.outs.lastRun) : out.message;
    expect(text).toMatch(/web/);
    items.push(
      `A package deleted by hand after the preview: nothing sent; ${out.ok ? `up succeeds and reports ${JSON.stringify(out.outs.lastRun)}` : `up fails with a clear message: "${out.message.slice(0, 240)}…"`}.`,
    );
    // The next preview says so too (a check failure naming packages), rather than crashing.
    const next = await settle(p.check(inputs, WEB_POLICY));
    const nextText = next.ok ? JSON.stringify(next.value.failures ?? next.value.inputs.pendingDeletions) : expectClearFailure(next.error);
    expect(nextText).toMatch(/not found|not visible|web/i);
  });

  it('PackageVersion: the package deleted by hand between preview and up fails clearly, sends no mutation', async () => {
    const vp = createPackageVersionProvider(reliabilityContext(sim).context);
    const { inputs, failures } = await vp.check(
      {},
      { org: 'acme', packageType: 'container', packageName: 'web', versionId: 100103, state: 'deleted' },
    );
    expect(failures ?? []).toEqual([]);
    sim.control.deletePackage(WEB);
    const out = await settle(vp.create(inputs));
    expect(sim.mutations()).toEqual([]);
    const text = out.ok ? `succeeds, currentState ${out.value.outs.currentState}` : `fails: "${expectClearFailure(out.error).slice(0, 200)}…"`;
    items.push(`PackageVersion (state deleted) whose package was deleted by hand after the preview: no mutation; up ${text}.`);
  });
});

describe('during up (someone acts just before the 2nd DELETE)', () => {
  function during(before: () => void): void {
    proxy.add({ method: 'DELETE', path: DELETE_PATH, nth: 2, action: { kind: 'hook', before } });
  }

  it('a later reviewed version deleted by hand: skipped as already gone, the run goes on', async () => {
    const p = provider();
    const { inputs } = await p.check({}, WEB_POLICY);
    const reviewed = pendingIds(inputs);
    during(() => sim.control.deleteVersion({ ...WEB, versionId: reviewed[3] }));
    const out = await applyOutcome(p, inputs);
    expect(out.ok).toBe(true);
    expectWithinPlan(reviewed);
    expect(reviewed.map((id) => state(id))).toEqual(reviewed.map(() => 'deleted'));
    items.push('During up, a later reviewed version deleted by hand: its DELETE answers 404, reported skipped "already gone", the run succeeds.');
  });

  it('versions published during up: nothing outside the plan is deleted', async () => {
    const p = provider();
    const { inputs } = await p.check({}, BIG_POLICY);
    const reviewed = pendingIds(inputs);
    during(() => {
      for (let i = 0; i < 10; i++) sim.control.publishVersion({ ...BIG, name: `8.8.${i}` });
    });
    const out = await applyOutcome(p, inputs);
    expect(out.ok).toBe(true);
    expect(deleteRequestIds(sim).sort()).toEqual(reviewed);
    items.push('During up, 10 versions published: up deletes exactly the reviewed versions.');
  });

  it('the whole package deleted by hand during up: remaining deletions reported, no crash', async () => {
    const p = provider();
    const { inputs } = await p.check({}, WEB_POLICY);
    const reviewed = pendingIds(inputs);
    during(() => sim.control.deletePackage(WEB));
    const out = await applyOutcome(p, inputs);
    expectWithinPlan(reviewed);
    const report = out.ok ? out.outs.lastRun : out.error.properties?.lastRun;
    expect(report?.web).toBeDefined();
    items.push(
      `During up, the whole package deleted by hand: the remaining DELETEs answer 404; up ${out.ok ? 'succeeds' : 'fails'} and reports ` +
        `${JSON.stringify(report.web.skipped.map((s: { reason: string }) => s.reason))} for them.`,
    );
  });

  it('FINDING: a reviewed version that gains the protected tag during up, after the confirmation listing, is still deleted', async () => {
    const p = provider();
    const { inputs } = await p.check({}, WEB_POLICY);
    const reviewed = pendingIds(inputs);
    const target = reviewed[reviewed.length - 1];
    during(() => sim.control.setTags({ ...WEB, versionId: target, tags: ['latest'] }));
    await applyOutcome(p, inputs);
    expectWithinPlan(reviewed);
    // Documents today's behaviour: up confirms against one listing taken before the first DELETE, so a tag added
    // between that listing and the version's own DELETE is not seen. Reported; turns red once fixed.
    expect(state(target)).toBe('deleted');
    items.push(
      'FINDING: during up, a reviewed version tagged `latest` *after* the confirmation listing (here just before the 2nd of 4 ' +
        'DELETEs) is still deleted: up confirms all deletions against one listing taken before the first DELETE. It stays within ' +
        'the reviewed plan, but a protected tag added mid-run does not save it. The window is the length of the run (at the ' +
        'default 1 s spacing, 100 deletions ≈ 100 s). Possible fix (provider/resources/apply-retention.ts): re-list the ' +
        'package every N deletions or every few seconds and re-confirm the rest.',
    );
  });
});
