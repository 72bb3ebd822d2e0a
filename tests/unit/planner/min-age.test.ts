/** `minAge` (issue 23): an age floor no rule, cleanup or selection crosses, checked at check time, shown in the preview. */
import { planImageRetention } from '../../../provider/planner/image-retention';
import { resolveRetentionOptions } from '../../../provider/planner/retention-options';
import { viewPlan } from '../../../provider/resources/retention-plan-view';
import { DAY, NOW, ago, decisionOf, plan, resolve, version } from './helpers';
import { RepoBuilder } from './image-graph-helpers';

describe('minAge', () => {
  test.each([['2 months'], ['-1d'], ['3mo'], [5]])('%p is a check failure naming minAge', (minAge) => {
    const { failures } = resolveRetentionOptions({ packageType: 'npm', packages: ['lib'], keepNewest: 1, minAge });
    expect(failures).toEqual([expect.objectContaining({ property: 'minAge' })]);
  });

  test('no version younger than minAge is deleted, whatever rule selects it; the preview counts them', () => {
    const versions = [version(1, '1.0.0', 30), version(2, '1.0.1', 10), version(3, '1.0.2', 5), version(4, '1.0.3', 2), version(5, '1.0.4', 1)];
    const rules = { packageType: 'npm' as const, keepNewest: 1, keepNewestVersion: false, minAge: '7d' };
    const p = plan(rules, { lib: versions });
    expect(p.deletions.map((d) => d.id)).toEqual([1, 2]);
    for (const id of [3, 4])
      expect(decisionOf(p, id)).toMatchObject({ action: 'keep', reason: 'younger-than-minAge', text: 'kept: created less than 7d ago (minAge)' });
    expect(viewPlan(p, resolve({ packages: ['lib'], ...rules }), false).planSummary.lib).toEqual({
      listed: 5,
      deleting: 2,
      'younger-than-minAge': 2,
      kept: 1,
    });
    // Without it, the same rule deletes them.
    expect(plan({ ...rules, minAge: undefined }, { lib: versions }).deletions.map((d) => d.id)).toEqual([1, 2, 3, 4]);
  });

  test('the floor is exact: a version exactly minAge old may go, one a millisecond younger stays', () => {
    const at = (ms: number) => ({ ...version(2, '1.0.1', 0), createdAt: new Date(NOW.getTime() - ms).toISOString() });
    const rules = { packageType: 'npm' as const, keepNewest: 1, minAge: '7d' };
    const versions = (ms: number) => [version(1, '1.0.0', 30), at(ms), version(3, '1.0.2', 1)];
    expect(plan(rules, { lib: versions(7 * DAY) }).deletions.map((d) => d.id)).toEqual([1, 2]);
    expect(plan(rules, { lib: versions(7 * DAY - 1) }).deletions.map((d) => d.id)).toEqual([1]);
  });

  test('measured on timeBasis: a version updated yesterday is younger than 7d under timeBasis updated', () => {
    const versions = [version(1, '1.0.0', 30, [], 1), version(2, '1.0.1', 20), version(3, '1.0.2', 1)];
    const rules = { packageType: 'npm' as const, olderThan: '1d', keepNewestVersion: false, minAge: '7d' };
    expect(plan(rules, { lib: versions }).deletions.map((d) => d.id)).toEqual([1, 2]);
    expect(plan({ ...rules, timeBasis: 'updated' }, { lib: versions }).deletions.map((d) => d.id)).toEqual([2]);
  });

  test('an image with a member younger than minAge is kept whole, cleanup included', () => {
    const b = new RepoBuilder();
    const root = b.index([{ digest: b.platform('a/amd64', ago(30)) }], ['v1'], ago(30));
    const signature = b.referrer(root, 'a/sig', ago(2)); // signed two days ago
    const orphan = b.artifact('orphan', ago(1), { subject: 'sha256:' + '0'.repeat(64) });
    const old = b.index([{ digest: b.platform('b/amd64', ago(20)) }], ['v2'], ago(20));
    b.index([{ digest: b.platform('c/amd64', ago(10)) }], ['v3'], ago(10));
    const options = resolve({
      packageType: 'container',
      packages: ['app'],
      olderThan: '1d',
      minAge: '7d',
      protectTags: [],
      keepNewestVersion: false,
      imageCleanup: ['orphaned-referrers'],
    });
    const p = planImageRetention({ packages: [{ name: 'app', versions: b.versions, manifests: b.lookup }], options, now: NOW });
    const id = b.idOf;
    expect(decisionOf(p, id(root))).toMatchObject({ action: 'keep', reason: 'younger-than-minAge' });
    expect(decisionOf(p, id(root))).toMatchObject({ text: `kept: version ${id(signature)} of the image is created less than 7d ago (minAge)` });
    expect(decisionOf(p, id(signature))).toMatchObject({ action: 'keep', reason: 'younger-than-minAge' });
    expect(decisionOf(p, id(orphan))).toMatchObject({ action: 'keep', reason: 'younger-than-minAge' });
    expect(decisionOf(p, id(old)).action).toBe('delete');
    expect(viewPlan(p, options, true).planSummary.app).toMatchObject({ 'younger-than-minAge': 4 });
  });
});
