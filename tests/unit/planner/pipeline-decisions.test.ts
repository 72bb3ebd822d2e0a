/**
 * The one decision pipeline (plan-retention.ts) over images: cases that pin which image is kept or deleted, and why,
 * where the mutation run (docs/testing.md, "Mutation testing") found that no other test looked.
 */
import { planImageRetention } from '../../../provider/planner/image-retention';
import type { RetentionOptions } from '../../../provider/planner/retention-options';
import { NOW, ago, resolve } from './helpers';
import { fromGenerator, RepoBuilder, type TestRepo } from './image-graph-helpers';

function planFor(repo: TestRepo, options: RetentionOptions & Record<string, unknown>) {
  return planImageRetention({
    packages: [{ name: 'app', versions: repo.versions, manifests: repo.manifests }],
    options: resolve({ packageType: 'container', packages: ['app'], imageGraph: 'registry', maxShareOfPackage: 1, ...options }),
    now: NOW,
  });
}

const decision = (p: ReturnType<typeof planFor>, id: number) => p.packages[0].decisions.find((d) => d.id === id)!;
const sortedIds = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('the newest version (keepNewestVersion) is the newest image, not the newest tagged member', () => {
  test('an old image signed yesterday is deleted: its cosign signature is tagged and newer than every image, but not an image', () => {
    const b = new RepoBuilder();
    const oldPlatform = b.platform('old/amd64', ago(30));
    const old = b.index([{ digest: oldPlatform }], ['v1'], ago(30));
    const signature = b.cosign(old, 'old/sig', ago(1)); // tagged sha256-….sig, the newest tagged version of the package
    const current = b.index([{ digest: b.platform('new/amd64', ago(5)) }], ['v2'], ago(5));
    const id = b.idOf;
    const p = planFor(b, { olderThan: '7d' });
    expect(sortedIds(p.deletions.map((d) => d.id))).toEqual(sortedIds([old, oldPlatform, signature].map(id)));
    expect(decision(p, id(old))).toMatchObject({ action: 'delete', reason: 'olderThan' });
    expect(decision(p, id(current))).toMatchObject({ action: 'keep', reason: 'newest-version' });
  });
});

describe('a deletion request (imageCleanup) on an image the rules delete anyway', () => {
  function repo() {
    const b = new RepoBuilder();
    const healthy = b.index([{ digest: b.platform('healthy/amd64', ago(30)) }], ['v1'], ago(30));
    const gone = b.platform('partial/gone', ago(20), false);
    const partial = b.index([{ digest: gone }, { digest: b.platform('partial/arm64', ago(20)), platform: 'arm64' }], ['v2'], ago(20));
    const id = b.idOf;
    return { b, healthy: id(healthy), partial: id(partial) };
  }

  test('is the rules’ deletion: it goes under the rule that selects it', () => {
    const { b, partial } = repo();
    const p = planFor(b, { olderThan: '7d', keepNewestVersion: false, protectTags: ['v1'], imageCleanup: ['partial-images'] });
    expect(decision(p, partial)).toMatchObject({ action: 'delete', reason: 'olderThan' });
  });

  test("so GitHub's last-tagged-version refusal spares it as one of the rules' deletions: the newest of them", () => {
    const { b, healthy, partial } = repo();
    // Both images are older than 7d: the rules delete both, and one tagged image must stay. The partial one is the
    // newer, and the rules select it too, so it is the one kept; the request does not make it go first.
    const p = planFor(b, { olderThan: '7d', keepNewestVersion: false, imageCleanup: ['partial-images'] });
    expect(decision(p, partial)).toMatchObject({ action: 'keep', reason: 'last-tagged-version' });
    expect(decision(p, healthy)).toMatchObject({ action: 'delete', reason: 'olderThan' });
  });
});

describe("GitHub's last-tagged-version refusal: which image stays", () => {
  test('a broken image a request deletes stays before an orphaned referrer, even an older one', () => {
    const b = new RepoBuilder();
    const ghost = b.index([{ digest: b.platform('ghost/gone', ago(10), false) }], ['broken'], ago(10));
    const orphan = b.cosign(`sha256:${'9'.repeat(64)}`, 'orphan/sig', ago(5)); // tagged, newer, its subject gone
    const id = b.idOf;
    const p = planFor(b, { keepNewestTagged: 5, keepNewestVersion: false, imageCleanup: ['ghost-images', 'orphaned-referrers'] });
    expect(decision(p, id(ghost))).toMatchObject({ action: 'keep', reason: 'last-tagged-version' });
    expect(decision(p, id(orphan))).toMatchObject({ action: 'delete', reason: 'orphaned-referrer' });
  });

  test('an image the rules delete stays before one a request deletes, also when only its signature is tagged', () => {
    const b = new RepoBuilder();
    const untagged = b.index([{ digest: b.platform('untagged/amd64', ago(30)) }], [], ago(30));
    const signature = b.cosign(untagged, 'untagged/sig', ago(30)); // the image's only tagged version
    const partial = b.index(
      [{ digest: b.platform('partial/gone', ago(1), false) }, { digest: b.platform('partial/arm64', ago(1)), platform: 'arm64' }],
      ['v2'],
      ago(1),
    );
    const id = b.idOf;
    const p = planFor(b, { olderThan: '7d', keepNewestVersion: false, imageCleanup: ['partial-images'] });
    expect(decision(p, id(untagged))).toMatchObject({
      action: 'keep',
      reason: 'last-tagged-version',
      text: `kept: its signature (cosign) ${id(signature)} is the container package's last tagged version, which GitHub refuses to delete`,
    });
    expect(decision(p, id(signature))).toMatchObject({ action: 'keep', reason: 'last-tagged-version' });
    expect(decision(p, id(partial))).toMatchObject({ action: 'delete', reason: 'partial-image' });
  });

  test('among the rules’ deletions, an image whose own version is tagged stays before a newer one with only a tagged signature', () => {
    const b = new RepoBuilder();
    const tagged = b.index([{ digest: b.platform('tagged/amd64', ago(30)) }], ['v1'], ago(30));
    const untagged = b.index([{ digest: b.platform('untagged/amd64', ago(10)) }], [], ago(10));
    const signature = b.cosign(untagged, 'untagged/sig', ago(10));
    const id = b.idOf;
    const p = planFor(b, { olderThan: '7d', keepNewestVersion: false });
    expect(decision(p, id(tagged))).toMatchObject({
      action: 'keep',
      reason: 'last-tagged-version',
      text: 'kept: GitHub refuses to delete the last tagged version of a container package',
    });
    expect(decision(p, id(untagged))).toMatchObject({ action: 'delete', reason: 'olderThan' });
    expect(decision(p, id(signature))).toMatchObject({ action: 'delete', reason: 'olderThan' });
  });

  test('the image with the tagged signature stays, not a newer image that removes no tagged version', () => {
    const b = new RepoBuilder();
    const signed = b.index([{ digest: b.platform('signed/amd64', ago(30)) }], [], ago(30));
    const signature = b.cosign(signed, 'signed/sig', ago(30)); // the package's only tagged version
    const plain = b.index([{ digest: b.platform('plain/amd64', ago(10)) }], [], ago(10)); // newer, nothing tagged
    const id = b.idOf;
    const p = planFor(b, { olderThan: '7d', keepNewestVersion: false });
    expect(decision(p, id(signed))).toMatchObject({ action: 'keep', reason: 'last-tagged-version' });
    expect(decision(p, id(signature))).toMatchObject({ action: 'keep', reason: 'last-tagged-version' });
    expect(decision(p, id(plain))).toMatchObject({ action: 'delete', reason: 'olderThan' });
    expect(p.deletions.map((d) => d.id)).not.toContain(id(signature));
  });
});

/** An old image and a new one (both tagged) that share a platform manifest; the old one has a platform of its own. */
function sharedPlatformRepo() {
  const b = new RepoBuilder();
  const shared = b.platform('shared', ago(40));
  const oldOnly = b.platform('old', ago(40));
  const oldIndex = b.index([{ digest: shared }, { digest: oldOnly, platform: 'arm64' }], ['old'], ago(40));
  b.index([{ digest: shared }, { digest: b.platform('new', ago(1)), platform: 'arm64' }], ['new'], ago(1));
  const id = b.idOf;
  return { b, id, shared, oldOnly, oldIndex };
}

describe('maxShareOfPackage counts the versions a deletion removes', () => {
  test('a platform manifest a kept image shares is not counted: 2 of 5 versions is under a share of 0.5', () => {
    const { b, id, shared, oldOnly, oldIndex } = sharedPlatformRepo();
    const p = planFor(b, { keepNewestTagged: 0, maxShareOfPackage: 0.5 });
    expect(p.errors).toEqual([]);
    expect(sortedIds(p.deletions.map((d) => d.id))).toEqual(sortedIds([oldIndex, oldOnly].map(id)));
    expect(decision(p, id(shared))).toMatchObject({ action: 'keep', reason: 'shared-with-kept-image' });
  });
});

describe('maxDeletionsPerRun over images (image-retention.ts)', () => {
  test('a cap exactly the size of the oldest images takes them: 20 takes two images of 10 versions', () => {
    const repo = fromGenerator({ images: 6, intervalHours: 24 * 10 });
    const p = planFor(repo, { keepNewestTagged: 2, maxDeletionsPerRun: 20 });
    expect(p.deletions).toHaveLength(20);
    expect(p.remainingForNextRun).toBe(20);
    expect(p.images.map((i) => i.action)).toEqual(['delete', 'delete', 'deferred', 'deferred']);
    expect(p.warnings).toEqual([]);
  });

  describe('two images to delete that share a platform manifest go, or wait, together', () => {
    function repo() {
      const b = new RepoBuilder();
      const shared = b.platform('shared', ago(40));
      const aOnly = b.platform('a', ago(40));
      const a = b.index([{ digest: shared }, { digest: aOnly, platform: 'arm64' }], ['a'], ago(40));
      const bOnly = b.platform('b', ago(35));
      const bIndex = b.index([{ digest: shared }, { digest: bOnly, platform: 'arm64' }], ['b'], ago(35));
      const newest = b.index([{ digest: b.platform('c', ago(1)) }], ['c'], ago(1));
      const id = b.idOf;
      return { b, ids: { shared: id(shared), aOnly: id(aOnly), a: id(a), bOnly: id(bOnly), b: id(bIndex), newest: id(newest) } };
    }

    test('a cap of 5 (their versions, the shared one once) deletes both: roots first, each version once', () => {
      const { b, ids } = repo();
      const p = planFor(b, { keepNewestTagged: 0, maxDeletionsPerRun: 5 });
      expect(p.deletions.map((d) => d.id)).toEqual([ids.a, ids.b, ids.shared, ids.aOnly, ids.bOnly]);
      expect(p.remainingForNextRun).toBe(0);
      expect(p.images.map((i) => [i.rootId, i.action])).toEqual([
        [ids.a, 'delete'],
        [ids.b, 'delete'],
      ]);
    });

    test('a cap of 3 (one image alone) defers both, and says the cap is smaller than the images deleted whole', () => {
      const { b, ids } = repo();
      const p = planFor(b, { keepNewestTagged: 0, maxDeletionsPerRun: 3 });
      expect(p.deletions).toEqual([]);
      expect(p.remainingForNextRun).toBe(5);
      expect(p.images.map((i) => [i.rootId, i.action])).toEqual([
        [ids.a, 'deferred'],
        [ids.b, 'deferred'],
      ]);
      for (const id of [ids.a, ids.shared, ids.aOnly, ids.b, ids.bOnly])
        expect(decision(p, id)).toMatchObject({ action: 'keep', reason: 'deferred-by-cap' });
      expect(p.warnings).toEqual([expect.stringContaining('raise maxDeletionsPerRun to at least 5')]);
    });
  });
});

describe('members follow their image (image-retention.ts)', () => {
  test('over maxShareOfPackage, a platform a kept image shares is kept for that image, not counted as held by the share limit', () => {
    const { b, id, shared, oldOnly, oldIndex } = sharedPlatformRepo();
    const p = planFor(b, { keepNewestTagged: 0, maxShareOfPackage: 0.2 });
    expect(p.deletions).toEqual([]);
    expect(p.errors).toEqual([expect.stringContaining('would delete 2 of 5 active versions')]);
    expect(decision(p, id(oldIndex))).toMatchObject({ action: 'keep', reason: 'over-max-share' });
    expect(decision(p, id(oldOnly))).toMatchObject({ action: 'keep', reason: 'over-max-share' });
    expect(decision(p, id(shared))).toMatchObject({ action: 'keep', reason: 'shared-with-kept-image' });
    expect(p.packages[0].keptByReason['over-max-share']).toBe(2);
  });
});

describe('a deletion request (imageCleanup) deletes what only the rules keep, whichever rule keeps it', () => {
  /** A healthy tagged image (v1) and, newer, a ghost image (all its children gone), tagged as given. */
  function repo(ghostTags: string[]) {
    const b = new RepoBuilder();
    const healthy = b.index([{ digest: b.platform('healthy/amd64', ago(20)) }], ['v1'], ago(20));
    const ghost = b.index([{ digest: b.platform('ghost/gone', ago(10), false) }], ghostTags, ago(10));
    const id = b.idOf;
    return { b, healthy: id(healthy), ghost: id(ghost) };
  }

  test.each([
    ['kept-by-keepNewest', ['broken'], { keepNewest: 5 }],
    ['kept-by-keepNewestUntagged', [], { keepNewestTagged: 5, keepNewestUntagged: 5 }],
    ['no-rule-for-group', [], { keepNewestTagged: 5 }],
    ['not-selected', ['broken'], { keepNewestTagged: 5, tags: ['v*'] }],
  ])('an image the rules keep as %s', (rulesReason, ghostTags, rules) => {
    const { b, healthy, ghost } = repo(ghostTags);
    const options = { keepNewestVersion: false, ...rules };
    expect(decision(planFor(b, options), ghost)).toMatchObject({ action: 'keep', reason: rulesReason });
    const p = planFor(b, { ...options, imageCleanup: ['ghost-images'] });
    expect(decision(p, ghost)).toMatchObject({ action: 'delete', reason: 'ghost-image' });
    expect(p.deletions.map((d) => d.id)).toEqual([ghost]);
    expect(decision(p, healthy).action).toBe('keep');
  });
});

describe('an image with a member dated in the future (step 1)', () => {
  test('is held and is not the newest image: the newest image with known times is protected instead', () => {
    const b = new RepoBuilder();
    const old = b.index([{ digest: b.platform('old/amd64', ago(30)) }], ['v1'], ago(30));
    const future = b.platform('new/amd64', ago(-2)); // two days ahead of now
    const recent = b.index([{ digest: future }], ['v2'], ago(1)); // the root's own time is known
    const id = b.idOf;
    const p = planFor(b, { olderThan: '7d' });
    expect(decision(p, id(recent))).toMatchObject({
      action: 'keep',
      reason: 'time-in-future',
      text: 'kept: dated in the future, so its age is unknown (check the registry data)',
    });
    expect(decision(p, id(future))).toMatchObject({ action: 'keep', reason: 'time-in-future' });
    expect(decision(p, id(old))).toMatchObject({ action: 'keep', reason: 'newest-version' });
    expect(p.deletions).toEqual([]);
  });

  test('a future-dated image is named in one warning (the image planner warns, not the pipeline again)', () => {
    const b = new RepoBuilder();
    b.index([{ digest: b.platform('old/amd64', ago(30)) }], ['v1'], ago(30));
    const future = b.index([{ digest: b.platform('new/amd64', ago(1)) }], ['v2'], ago(-2));
    const id = b.versions.find((v) => v.name === future)!.id;
    const p = planFor(b, { olderThan: '7d' });
    expect(p.warnings.filter((w) => /dated in the future/.test(w))).toEqual([expect.stringContaining(`${id} (created ${ago(-2)}`)]);
  });
});

describe('maxDeletionsPerRun over images: which images it takes (image-retention.ts)', () => {
  /** A package with an old tagged image (`days` old) and a newest one (1 day old), ids from `firstId`. */
  function pkg(name: string, days: number, firstId: number) {
    const b = new RepoBuilder();
    const old = b.index([{ digest: b.platform(`${name}/old`, ago(days)) }], [`${name}-old`], ago(days));
    b.index([{ digest: b.platform(`${name}/new`, ago(1)) }], [`${name}-new`], ago(1));
    for (const v of b.versions) v.id += firstId;
    return { name, versions: b.versions, manifests: b.manifests, old: b.versions.find((v) => v.name === old)!.id };
  }

  test('the oldest image across packages first, whatever the package names', () => {
    const a = pkg('a', 10, 100);
    const b = pkg('b', 30, 200);
    const p = planImageRetention({
      packages: [a, b],
      options: resolve({
        packageType: 'container',
        packages: ['*'],
        imageGraph: 'registry',
        maxShareOfPackage: 1,
        keepNewestTagged: 0,
        maxDeletionsPerRun: 2,
      }),
      now: NOW,
    });
    expect(p.images.map((i) => [i.package, i.rootId, i.action])).toEqual([
      ['b', b.old, 'delete'],
      ['a', a.old, 'deferred'],
    ]);
    expect(p.deletions.map((d) => d.package)).toEqual(['b', 'b']);
    expect(p.remainingForNextRun).toBe(2);
  });

  test('the cap counts the versions an image deletes, not a member a kept image keeps', () => {
    const { b, id, shared, oldOnly, oldIndex } = sharedPlatformRepo();
    const p = planFor(b, { keepNewestTagged: 0, maxDeletionsPerRun: 2 });
    expect(sortedIds(p.deletions.map((d) => d.id))).toEqual(sortedIds([oldIndex, oldOnly].map(id)));
    expect(p.remainingForNextRun).toBe(0);
    expect(p.images).toEqual([expect.objectContaining({ rootId: id(oldIndex), action: 'delete', memberIds: sortedIds([shared, oldOnly].map(id)) })]);
  });

  describe('an image that shares members with two others joins their groups into one', () => {
    // A and B share nothing; C (the newest of the three) shares a platform with each. D, the newest, is kept.
    function repo() {
      const b = new RepoBuilder();
      const s1 = b.platform('s1', ago(40));
      const s2 = b.platform('s2', ago(35));
      const a = b.index([{ digest: s1 }, { digest: b.platform('a', ago(40)), platform: 'arm64' }], ['a'], ago(40));
      const bIndex = b.index([{ digest: s2 }, { digest: b.platform('b', ago(35)), platform: 'arm64' }], ['b'], ago(35));
      const c = b.index([{ digest: s1 }, { digest: s2, platform: 'arm64' }], ['c'], ago(30));
      b.index([{ digest: b.platform('d', ago(1)) }], ['d'], ago(1));
      const id = b.idOf;
      return { b, roots: [a, bIndex, c].map(id) };
    }

    test('a cap below their 7 versions defers all three', () => {
      const { b, roots } = repo();
      const p = planFor(b, { keepNewestTagged: 0, maxDeletionsPerRun: 6 });
      expect(p.deletions).toEqual([]);
      expect(p.remainingForNextRun).toBe(7);
      expect(p.images.map((i) => [i.rootId, i.action])).toEqual(roots.map((r) => [r, 'deferred']));
      expect(p.warnings).toEqual([expect.stringContaining('raise maxDeletionsPerRun to at least 7')]);
    });

    test('a cap of 7 deletes all three, each version once', () => {
      const { b, roots } = repo();
      const p = planFor(b, { keepNewestTagged: 0, maxDeletionsPerRun: 7 });
      expect(p.deletions).toHaveLength(7);
      expect(p.deletions.slice(0, 3).map((d) => d.id)).toEqual(roots);
      expect(p.remainingForNextRun).toBe(0);
    });
  });
});

describe('what the image planner decides before the pipeline (image-retention.ts)', () => {
  test('a package `packages` does not match is not read as images: kept as not selected, no warning about its graph', () => {
    const b = new RepoBuilder();
    const digest = b.index([{ digest: b.platform('x/amd64', ago(30)) }], ['v1'], ago(30));
    b.manifests.set(digest, { ok: false, reason: 'HTTP 500' });
    const p = planImageRetention({
      packages: [{ name: 'other', versions: b.versions, manifests: b.manifests }],
      options: resolve({ packageType: 'container', packages: ['app'], imageGraph: 'registry', olderThan: '7d' }),
      now: NOW,
    });
    expect(p.packages[0].keptByReason).toEqual({ 'package-not-selected': 2 });
    expect(p.warnings).toEqual([]);
  });

  test('an unreadable graph keeps a version that is not active as not active', () => {
    const b = new RepoBuilder();
    const digest = b.index([{ digest: b.platform('x/amd64', ago(30)) }], ['v1'], ago(30));
    b.manifests.set(digest, { ok: false, reason: 'HTTP 500' });
    b.versions.push({ ...b.versions[0], id: 99, name: `sha256:${'e'.repeat(64)}`, tags: [], state: 'deleted' });
    const p = planFor(b, { olderThan: '7d' });
    expect(decision(p, 99)).toMatchObject({ action: 'keep', reason: 'not-active' });
    expect(p.packages[0].keptByReason).toEqual({ 'unreadable-manifest': 2, 'not-active': 1 });
  });

  test('with timeBasis updated an image is as new as its latest update, also when that is its root (re-tagged)', () => {
    const b = new RepoBuilder();
    const platform = b.platform('retagged/amd64', ago(30));
    const retagged = b.index([{ digest: platform }], ['v1'], ago(30));
    b.index([{ digest: b.platform('new/amd64', ago(0.5)) }], ['v2'], ago(0.5));
    const root = b.versions.find((v) => v.name === retagged)!;
    root.updatedAt = ago(1); // re-tagged yesterday; its platform manifest was last updated 30 days ago
    const p = planFor(b, { olderThan: '7d', timeBasis: 'updated', keepNewestVersion: false });
    expect(decision(p, root.id)).toMatchObject({ action: 'keep', reason: 'younger-than-cutoff' });
    expect(p.deletions).toEqual([]);
  });
});
