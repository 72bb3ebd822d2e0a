/**
 * Issue 12, section 3: success is reported only when GitHub shows it happened. GitHub answers requests it did not
 * apply (the simulator's `{status: 204}` fault: GitHub's success answer, request not applied) and answers 404 for
 * versions it still lists. Results go to docs/reliability.md ("Success means GitHub shows it").
 */
import { createPackageVersionProvider } from '../../provider/resources/package-version-provider';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { contextFor } from '../provider/provider-helpers';
import { BIG, deletedIds, expectClearFailure, pendingIds, settle, startReliabilitySimulator, type RunningSimulator } from './reliability-helpers';
import { recordSection } from './reliability-report';

const POLICY = { org: 'acme', packageType: 'npm', packages: ['big'], keepNewest: 245 };
const BIG_LISTING = '/orgs/acme/packages/npm/big/versions';
const DELETE = { method: 'DELETE', path: /\/versions\/\d+$/, times: 1000 };

let sim: RunningSimulator;
const items: string[] = [];

beforeAll(async () => {
  sim = await startReliabilitySimulator();
});
afterAll(async () => {
  await sim.stop();
  recordSection('effects', { title: 'Success means GitHub shows it', items });
});
beforeEach(() => sim.reset());

/** Check, arm the faults, apply: the outcome and what the run recorded (also when it fails). */
async function run(arm: (reviewed: number[]) => void, onWait?: (ms: number) => void) {
  const p = createRetentionProvider(contextFor(sim, 'admin', onWait ? { onWait } : {}));
  const { inputs } = await p.check({}, POLICY);
  const reviewed = pendingIds(inputs);
  arm(reviewed);
  sim.clearLog();
  const result = await settle(p.create(inputs));
  sim.faults.clear();
  const afterLastDelete = sim.log.slice(sim.log.map((e) => e.method).lastIndexOf('DELETE') + 1);
  if (result.ok) return { reviewed, ok: true as const, message: '', outs: result.value.outs as Record<string, any>, afterLastDelete };
  const message = expectClearFailure(result.error);
  return { reviewed, ok: false as const, message, outs: (result.error as { properties: Record<string, any> }).properties, afterLastDelete };
}

/** After a failed run, a new `pulumi up` (faults gone) deletes what the plan held, and then plans nothing. */
async function expectRerunConverges(reviewed: number[]) {
  const p = createRetentionProvider(contextFor(sim, 'admin'));
  const { inputs } = await p.check({}, POLICY);
  expect(pendingIds(inputs)).toEqual(reviewed);
  expect((await p.create(inputs)).outs.deletedCount).toBe(reviewed.length);
  expect(pendingIds((await p.check(inputs, POLICY)).inputs)).toEqual([]);
}

describe('effects are read back before a run reports success', () => {
  it('every DELETE answered 204 without effect: nothing counted, the run fails naming each version, a re-run converges', async () => {
    const r = await run(() => sim.faults.add({ match: DELETE, fault: { status: 204 } }));
    expect(r.ok).toBe(false);
    expect(r.outs).toMatchObject({ deletedCount: 0, lastRun: { big: { deleted: [] } } });
    for (const id of r.reviewed)
      expect(r.message).toMatch(new RegExp(`big version ${id} \\([^)]*\\): GitHub accepted the request but the version still reads as active`));
    expect(deletedIds(sim, BIG)).toEqual([]);
    // Verified by listings only (4 = github-packages:verifyAttempts, 3 pages each), never a GET per version.
    expect(r.afterLastDelete.every((e) => e.method === 'GET' && e.path === BIG_LISTING)).toBe(true);
    expect(r.afterLastDelete.filter((e) => e.query.page === '1')).toHaveLength(4);
    await expectRerunConverges(r.reviewed);
    items.push(
      `Every DELETE answered 204 without effect (${r.reviewed.length} reviewed versions): \`deletedCount\` 0, \`lastRun\` deletes none, and up fails naming ` +
        `each version: "${r.message.split('\n')[1]?.replace(/^\s*-\s*/, '')}". Checked with ${r.afterLastDelete.filter((e) => e.query.page === '1').length} listings ` +
        '(github-packages:verifyAttempts, a second apart), no GET per version. A re-run with the fault gone deletes them and converges.',
    );
  });

  it('404 on every DELETE of versions GitHub still lists as active: a failure naming each, never "already gone"', async () => {
    const r = await run(() => sim.faults.add({ match: DELETE, fault: { status: 404 } }));
    expect(r.ok).toBe(false);
    expect(r.outs.deletedCount).toBe(0);
    expect(r.outs.lastRun.big.skipped.map((s: { reason: string }) => s.reason)).not.toContain('already gone');
    for (const id of r.reviewed) expect(r.message).toMatch(new RegExp(`big version ${id} .*404.*still reads as active`));
    await expectRerunConverges(r.reviewed);
    items.push(
      `404 on every DELETE while the listing after them still shows the versions active: up fails naming each ("${r.message.split('\n')[1]?.split(': ').slice(1).join(': ').trim()}"); none is reported "already gone".`,
    );
  });

  it('one write that shows only after a moment: re-listed once, counted, the run succeeds', async () => {
    let late: number | undefined;
    let waits = 0;
    const r = await run(
      (reviewed) => {
        late = reviewed[0];
        sim.faults.add({ match: { ...DELETE, times: 1 }, fault: { status: 204 } });
      },
      // The accepted-but-not-yet-visible deletion lands while the provider waits to re-read.
      () => {
        if (++waits === 1) sim.control.deleteVersion({ ...BIG, versionId: late! });
      },
    );
    expect(r.ok).toBe(true);
    expect(r.outs.deletedCount).toBe(r.reviewed.length);
    expect(deletedIds(sim, BIG)).toEqual(r.reviewed);
    expect(r.afterLastDelete.filter((e) => e.query.page === '1')).toHaveLength(2);
    items.push(
      "A DELETE accepted whose effect shows only after a moment (GitHub's reads trailing its writes): the package is listed again after `verifyDelayMs`, the deletion is counted, the run succeeds.",
    );
  });

  it('PackageVersion: a restore answered 204 without effect fails; a re-run restores it', async () => {
    const restore = { org: 'acme', packageType: 'npm', packageName: 'ui', versionId: 100201, state: 'active' };
    const p = createPackageVersionProvider(contextFor(sim, 'admin'));
    const { inputs } = await p.check({}, restore);
    sim.faults.add({ match: { method: 'POST', path: /\/restore$/, times: 1000 }, fault: { status: 204 } });
    const result = await settle(p.create(inputs));
    sim.faults.clear();
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : expectClearFailure(result.error);
    expect(message).toMatch(/^GitHub accepted the request but the version still reads as deleted/);
    const again = createPackageVersionProvider(contextFor(sim, 'admin'));
    expect((await again.create((await again.check({}, restore)).inputs)).outs.currentState).toBe('active');
    items.push(`PackageVersion: a restore answered 204 without effect fails: "${message}" A re-run restores it.`);
  });
});
