/**
 * The plan's account, case by case (issue 23): the shapes the property test (plan-account.property.test.ts) found
 * or the issue reported, each a test that failed on the planner before the fix.
 */
import { buildImageGraph } from '../../../provider/planner/image-graph';
import { planImageRetention } from '../../../provider/planner/image-retention';
import { OCI_MANIFEST } from '../../../provider/registry/media-types';
import { FUTURE_TOLERANCE_MS } from '../../../provider/planner/future-times';
import { viewPlan } from '../../../provider/resources/retention-plan-view';
import { NOW, ago, decisionOf, plan, resolve, version } from './helpers';
import { RepoBuilder } from './image-graph-helpers';

function imagePlan(b: RepoBuilder, rules: Record<string, unknown>) {
  const options = resolve({ packageType: 'container', packages: ['app'], maxShareOfPackage: 1, ...rules });
  return { options, plan: planImageRetention({ packages: [{ name: 'app', versions: b.versions, manifests: b.lookup }], options, now: NOW }) };
}

const idOf = (b: RepoBuilder, digest: string) => b.versions.find((v) => v.name === digest)!.id;
const nothingProtected = { protectTags: [], keepNewestVersion: false, olderThan: '1s' };

describe('B1: a referrer index that lists its own subject', () => {
  // regclient's `child`/`loop` shape: L has `subject: X` and X in manifests[]. By the OCI spec `subject` is a weak
  // link: X is an image's root and L its referrer, not X's parent.
  function b1() {
    const b = new RepoBuilder();
    const x = b.platform('x', ago(10));
    b.versions.find((v) => v.name === x)!.tags.push('child');
    const l = b.artifactIndex([x], ago(9), { subject: x });
    const y = b.index([{ digest: b.platform('y/amd64', ago(2)) }], ['v2'], ago(2));
    return { b, x, l, y };
  }

  test('X is the root of an image and L a member of it', () => {
    const { b, x, l } = b1();
    const graph = buildImageGraph(b.versions, b.lookup);
    if (!graph.readable) throw new Error('unreadable');
    expect(graph.unreachable).toEqual([]);
    const image = graph.images.find((img) => img.root.name === x)!;
    expect(image.members.map((m) => m.digest)).toEqual([x, l]);
  });

  test('"delete everything older than 1 s": X goes with L, the newest tagged image stays for GitHub', () => {
    const { b, x, l, y } = b1();
    const { plan: p, options } = imagePlan(b, nothingProtected);
    expect(p.deletions.map((d) => d.id).sort()).toEqual([idOf(b, x), idOf(b, l)].sort());
    expect(decisionOf(p, idOf(b, y))).toMatchObject({ action: 'keep', reason: 'last-tagged-version' });
    // Every version accounted for in the preview: 2 deleted + the image of 2 kept for GitHub = 4 listed.
    expect(viewPlan(p, options, true).planSummary.app).toEqual({ listed: 4, deleting: 2, 'last-tagged-version': 2 });
  });
});

test('the summary counts every version GitHub keeps with the last tagged image (1 root + 2 platforms = 3)', () => {
  const b = new RepoBuilder();
  const p1 = b.platform('a/amd64', ago(5));
  const p2 = b.platform('a/arm64', ago(5));
  b.index([{ digest: p1 }, { digest: p2, platform: 'arm64' }], ['v1'], ago(5));
  const { plan: p, options } = imagePlan(b, nothingProtected);
  expect(p.packages[0].keptByReason).toEqual({ 'last-tagged-version': 3 });
  expect(viewPlan(p, options, true).planSummary.app).toEqual({ listed: 3, 'last-tagged-version': 3 });
});

test('timeBasis updated: a re-tagged platform manifest makes its image the most recently updated', () => {
  const b = new RepoBuilder();
  const old = b.platform('old/amd64', ago(30));
  const oldRoot = b.index([{ digest: old }], ['v1'], ago(30));
  const newRoot = b.index([{ digest: b.platform('new/amd64', ago(20)) }], ['v2'], ago(20));
  // Someone tags old's platform manifest today: GitHub moves its updated_at.
  const member = b.versions.find((v) => v.name === old)!;
  member.tags.push('amd64-latest');
  member.updatedAt = ago(0.5);
  const { plan: p } = imagePlan(b, { keepNewestTagged: 1, timeBasis: 'updated', keepNewestVersion: false, protectTags: [] });
  expect(decisionOf(p, idOf(b, oldRoot))).toMatchObject({ action: 'keep', reason: 'kept-by-keepNewestTagged' });
  expect(decisionOf(p, idOf(b, newRoot)).action).toBe('delete');
});

describe('a time in the future', () => {
  test('version by version: kept, not the newest, named in a warning; the real newest fills the slot', () => {
    const p = plan(
      { packageType: 'npm', keepNewest: 1 },
      { lib: [version(1, '1.0.0', 1, [], 1), version(2, '1.0.1', 10), version(3, '1.0.2', 5)] },
      NOW,
    );
    // Version 1 says year 9999.
    const future = plan(
      { packageType: 'npm', keepNewest: 1 },
      {
        lib: [
          { ...version(1, '1.0.0', 0), createdAt: '9999-01-01T00:00:00Z', updatedAt: '9999-01-01T00:00:00Z' },
          version(2, '1.0.1', 10),
          version(3, '1.0.2', 5),
        ],
      },
    );
    expect(p.deletions.length).toBeGreaterThan(0);
    expect(decisionOf(future, 1)).toMatchObject({ action: 'keep', reason: 'time-in-future' });
    expect(decisionOf(future, 3)).toMatchObject({ action: 'keep', reason: 'newest-version' });
    expect(future.deletions.map((d) => d.id)).toEqual([2]);
    expect(future.warnings.join('\n')).toMatch(/"lib": 1 version\(s\) are dated in the future.*1 \(created 9999/);
  });

  test('image by image: an image with a member dated in the future is kept whole and named', () => {
    const b = new RepoBuilder();
    const p1 = b.platform('f/amd64', ago(40));
    b.versions.find((v) => v.name === p1)!.createdAt = '9999-12-31T00:00:00Z';
    const root = b.index([{ digest: p1 }], ['v1'], ago(40));
    b.index([{ digest: b.platform('g/amd64', ago(30)) }], ['v2'], ago(30));
    const { plan: p } = imagePlan(b, nothingProtected);
    expect(decisionOf(p, idOf(b, root))).toMatchObject({ action: 'keep', reason: 'time-in-future' });
    expect(decisionOf(p, idOf(b, p1))).toMatchObject({ action: 'keep', reason: 'time-in-future' });
    expect(p.warnings.join('\n')).toMatch(new RegExp(`dated in the future.*${idOf(b, p1)} \\(created 9999`));
  });
});

describe('a time in the future, at the edges', () => {
  const future = (id: number, name: string, ms: number, basis: 'createdAt' | 'updatedAt') => {
    const v = version(id, name, 10);
    const t = new Date(NOW.getTime() + FUTURE_TOLERANCE_MS + ms).toISOString();
    return basis === 'createdAt' ? { ...v, createdAt: t, updatedAt: t } : { ...v, updatedAt: t };
  };
  test.each([
    ['created', 'createdAt'],
    ['updated', 'updatedAt'],
  ] as const)('timeBasis %s: up to the tolerance (clock skew) a time is ordinary; a millisecond beyond, it is held', (timeBasis, field) => {
    const rules = { packageType: 'npm' as const, keepNewest: 1, timeBasis };
    const at = (ms: number) => plan(rules, { lib: [version(1, '1.0.0', 20), version(2, '1.0.1', 5), future(3, '1.0.2', ms, field)] });
    expect(decisionOf(at(0), 3).reason).toBe('newest-version');
    expect(decisionOf(at(1), 3).reason).toBe('time-in-future');
  });

  test('an orphaned referrer and a ghost image dated in the future are held, whatever imageCleanup asks', () => {
    const b = new RepoBuilder();
    const orphan = b.artifact('orphan', '9999-01-01T00:00:00Z', { subject: 'sha256:' + '0'.repeat(64) });
    const ghost = b.index([{ digest: b.platform('gone', ago(30), false) }], [], '9999-01-01T00:00:00Z');
    b.index([{ digest: b.platform('n', ago(1)) }], ['v1'], ago(1));
    const { plan: p } = imagePlan(b, { ...nothingProtected, imageCleanup: ['orphaned-referrers', 'ghost-images'] });
    expect(decisionOf(p, idOf(b, orphan))).toMatchObject({ action: 'keep', reason: 'time-in-future' });
    expect(decisionOf(p, idOf(b, ghost))).toMatchObject({ action: 'keep', reason: 'time-in-future' });
  });
});

test('a version no rule can place is kept, named in a warning, and so is what it references', () => {
  // Two cosign tags that sign each other: a circle of tags, neither a root.
  const b = new RepoBuilder();
  const shared = b.platform('shared', ago(20));
  const a = b.add(
    { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: OCI_MANIFEST, digest: shared, size: 1 }] },
    { createdAt: ago(20) },
  );
  const c = b.platform('c', ago(20));
  b.versions.find((v) => v.name === a)!.tags.push(`${c.replace(':', '-')}.sig`);
  b.versions.find((v) => v.name === c)!.tags.push(`${a.replace(':', '-')}.sig`);
  // An ordinary image that also lists `shared`.
  b.index([{ digest: shared }], ['v1'], ago(20));
  b.index([{ digest: b.platform('n', ago(1)) }], ['v2'], ago(1));
  const { plan: p, options } = imagePlan(b, nothingProtected);
  for (const d of [a, c]) expect(decisionOf(p, idOf(b, d))).toMatchObject({ action: 'keep', reason: 'not-in-any-image' });
  expect(decisionOf(p, idOf(b, shared)).action).toBe('keep');
  expect(p.warnings.join('\n')).toMatch(new RegExp(`2 version\\(s\\) are in no image.*${idOf(b, a)}`));
  expect(viewPlan(p, options, true).planSummary.app).toMatchObject({ listed: 6, 'not-in-any-image': 2 });
});
