/** Image-graph retention: table-driven cases (imageGraph: registry). */
import { planImageRetention } from '../../../provider/planner/image-retention';
import { resolveRetentionOptions, type RetentionOptions } from '../../../provider/planner/retention-options';
import { NOW, ago, resolve } from './helpers';
import { fromGenerator, RepoBuilder, type TestRepo } from './image-graph-helpers';

function planFor(repo: TestRepo, options: RetentionOptions & Record<string, unknown>) {
  return planImageRetention({
    packages: [{ name: 'app', versions: repo.versions, manifests: repo.manifests }],
    options: resolve({ packageType: 'container', packages: ['app'], imageGraph: 'registry', maxShareOfPackage: 1, ...options }),
    now: NOW,
  });
}

const deletedIds = (p: ReturnType<typeof planFor>) => new Set(p.deletions.map((d) => d.id));
const decision = (p: ReturnType<typeof planFor>, id: number) => p.packages[0].decisions.find((d) => d.id === id)!;

describe('planImageRetention', () => {
  test('keep newest 5 tagged, delete older than 7 days: whole old images go (root first), kept images keep every member', () => {
    const repo = fromGenerator({ images: 10, intervalHours: 24 });
    const p = planFor(repo, { keepNewestTagged: 5, olderThan: '7d' });
    const ids = deletedIds(p);
    const byDigest = new Map(repo.versions.map((v) => [v.name, v.id]));
    repo.generated.images.forEach((image, i) => {
      const members = [image.index, ...image.platforms, ...image.attestations, ...image.referrers].map((d) => byDigest.get(d)!);
      // Images 0..2 are older than 7 days and beyond the newest 5: deleted whole. The rest are kept whole.
      for (const id of members) expect(ids.has(id)).toBe(i <= 2);
    });
    expect(p.deletions).toHaveLength(3 * 10);
    expect(p.deletions[0].id).toBe(byDigest.get(repo.generated.images[0].index));
    expect(p.deletions[0].rule).toBe('keepNewestTagged+olderThan');
    expect(p.images.map((i) => i.action)).toEqual(['delete', 'delete', 'delete']);
    const tree = p.images[0].lines;
    expect(tree[0]).toMatch(
      /^\[1\.0\.0\] index 1008 sha256:[0-9a-f]{64}, created .*: delete: not among the 5 newest tagged images and created more than 7d ago/,
    );
    expect(tree[1]).toMatch(/^ {2}├─ linux\/amd64 1000 sha256:[0-9a-f]{64}: delete: part of image 1008 \[1\.0\.0\]$/);
    expect(tree[5]).toMatch(/├─ attestation of linux\/amd64 1004 /);
    expect(tree[9]).toMatch(
      /└─ signature \(cosign\) 1009 sha256:[0-9a-f]{64} \[sha256-[0-9a-f]{64}\.sig\]: delete: refers to image 1008 \[1\.0\.0\]$/,
    );
    const keptChild = decision(p, byDigest.get(repo.generated.images[9].platforms[0])!);
    expect(keptChild).toMatchObject({ action: 'keep', reason: 'member-of-kept-image' });
    expect(p.warnings).toEqual([]);
  });

  test('an image protected by protectTags counts as protected-tag, and as the newest image it still fills a slot (one pipeline)', () => {
    const repo = fromGenerator({ images: 3, intervalHours: 24 * 10 });
    const newest = repo.versions.find((v) => v.name === repo.generated.images[2].index)!;
    const p = planFor(repo, { keepNewestTagged: 2, protectTags: [newest.tags[0]] });
    expect(decision(p, newest.id)).toMatchObject({
      action: 'keep',
      reason: 'protected-tag',
      text: `protected: tag "${newest.tags[0]}" matches protectTags "${newest.tags[0]}"; as the newest version it fills one of the 2 slots of keepNewestTagged`,
    });
    expect(p.packages[0].keptByReason['protected-tag']).toBe(1);
    expect(p.packages[0].keptByReason['protected-id']).toBeUndefined();
  });

  test('untagged versions are not deleted for being untagged: a platform manifest of a kept tagged image is never a candidate', () => {
    const repo = fromGenerator({ images: 3, intervalHours: 24 * 30 });
    const p = planFor(repo, { select: 'untagged', olderThan: '1d' });
    expect(p.deletions).toEqual([]);
  });

  test('a protected member protects its whole image', () => {
    const repo = fromGenerator({ images: 4, intervalHours: 24 * 10 });
    const child = repo.versions.find((v) => v.name === repo.generated.images[0].platforms[2])!;
    const p = planFor(repo, { keepNewestTagged: 2, protectIds: [child.id] });
    const root = repo.versions.find((v) => v.name === repo.generated.images[0].index)!;
    expect(decision(p, root.id)).toMatchObject({
      action: 'keep',
      reason: 'protected-id',
      text: expect.stringContaining(`its linux/arm/v7 ${child.id} is`),
    });
    expect(deletedIds(p).has(child.id)).toBe(false);
    expect(p.images.map((i) => i.rootId)).not.toContain(root.id);
    // Image 3 is the newest (guarded, one of the 2 slots), image 2 fills the other slot, image 0 is protected (no
    // slot): only image 1 goes.
    expect(p.images.map((i) => i.rootId)).toEqual([repo.versions.find((v) => v.name === repo.generated.images[1].index)!.id]);
  });

  test('a version already deleted (restorable for 30 days) belongs to no image and is never planned again', () => {
    const b = new RepoBuilder();
    const oldPlatform = b.platform('old', ago(40));
    const oldIndex = b.index([{ digest: oldPlatform }], ['old'], ago(40));
    b.index([{ digest: b.platform('new', ago(1)) }], ['new'], ago(1));
    const versions = b.versions.map((v) => (v.id === b.idOf(oldIndex) ? { ...v, state: 'deleted' as const } : v));
    const p = planFor({ versions, manifests: b.manifests }, { olderThan: '7d' });
    expect(deletedIds(p).has(b.idOf(oldIndex))).toBe(false);
    expect(p.images.map((i) => i.rootId)).not.toContain(b.idOf(oldIndex));
  });

  test('a shared child survives while any index referencing it is kept', () => {
    const b = new RepoBuilder();
    const shared = b.platform('shared', ago(40));
    const oldOnly = b.platform('old', ago(40));
    const oldIndex = b.index([{ digest: shared }, { digest: oldOnly, platform: 'arm64' }], ['old'], ago(40));
    const newOnly = b.platform('new', ago(1));
    b.index([{ digest: shared }, { digest: newOnly, platform: 'arm64' }], ['new'], ago(1));
    // The newest tagged image is guarded (keepNewestVersion); keepNewestTagged 0 has no slot for it: it is kept in
    // addition and the rest go.
    const p = planFor(b, { keepNewestTagged: 0 });
    const id = b.idOf;
    expect([...deletedIds(p)].sort()).toEqual([id(oldIndex), id(oldOnly)].sort());
    expect(decision(p, id(shared))).toMatchObject({ action: 'keep', reason: 'shared-with-kept-image' });
  });

  test('referrers follow their subject (OCI subject and cosign tags); orphans are kept', () => {
    const b = new RepoBuilder();
    const p1 = b.platform('p1', ago(30));
    const oldIndex = b.index([{ digest: p1 }], ['1.0'], ago(30));
    const sbom = b.referrer(oldIndex, 'sbom', ago(29));
    const sig = b.cosign(oldIndex, 'sig', ago(29));
    const p2 = b.platform('p2', ago(2));
    const newIndex = b.index([{ digest: p2 }], ['2.0'], ago(2));
    const newSig = b.cosign(newIndex, 'sig2', ago(2));
    const orphan = b.referrer(`sha256:${'0'.repeat(64)}`, 'orphan', ago(50));
    const p = planFor(b, { keepNewestTagged: 0 });
    const id = b.idOf;
    expect([...deletedIds(p)].sort((x, y) => x - y)).toEqual([oldIndex, p1, sbom, sig].map(id).sort((x, y) => x - y));
    expect(p.deletions[0].id).toBe(id(oldIndex));
    expect(decision(p, id(newSig))).toMatchObject({ action: 'keep', reason: 'member-of-kept-image' });
    expect(decision(p, id(orphan))).toMatchObject({ action: 'keep', reason: 'orphan-referrer' });
  });

  test('an unreadable manifest keeps every version of the package, and the warning names it', () => {
    const repo = fromGenerator({ images: 4, intervalHours: 24 * 10 });
    const bad = repo.generated.images[3].platforms[1];
    repo.manifests.set(bad, { ok: false, reason: `manifest ${bad}: the registry answered HTTP 500` });
    const p = planFor(repo, { keepNewestTagged: 1 });
    expect(p.deletions).toEqual([]);
    expect(p.packages[0].keptByReason['unreadable-manifest']).toBe(repo.versions.length);
    expect(p.warnings.join('\n')).toContain(
      `could not be read, so nothing in this package is deleted in this run (fail closed): manifest ${bad}: the registry answered HTTP 500`,
    );
  });

  test('ghost and partial images are reported; missing children are skipped', () => {
    const b = new RepoBuilder();
    const gone1 = b.platform('g1', ago(20), false);
    const gone2 = b.platform('g2', ago(20), false);
    const ghost = b.index([{ digest: gone1 }, { digest: gone2, platform: 'arm64' }], ['ghost'], ago(20));
    const here = b.platform('h', ago(10));
    const gone3 = b.platform('g3', ago(10), false);
    b.index([{ digest: here }, { digest: gone3, platform: 'arm64' }], ['partial'], ago(10));
    b.index([{ digest: b.platform('n', ago(1)) }], ['new'], ago(1));
    const p = planFor(b, { keepNewestTagged: 1 });
    expect(p.warnings.join('\n')).toMatch(
      /2 image\(s\) reference manifests that are gone.*\[ghost\] \(ghost: 2 missing\).*\[partial\] \(partial: 1 missing\)/,
    );
    const ghostTree = p.images.find((i) => i.rootId === b.versions.find((v) => v.name === ghost)!.id)!;
    expect(ghostTree.lines[1]).toMatch(/linux\/amd64 \(missing\) - sha256:[0-9a-f]{64}: missing: skipped/);
  });

  test('maxDeletionsPerRun counts versions and takes whole images, oldest first', () => {
    const repo = fromGenerator({ images: 6, intervalHours: 24 * 10 });
    const p = planFor(repo, { keepNewestTagged: 2, maxDeletionsPerRun: 25 });
    expect(p.deletions).toHaveLength(20); // two whole images of 10 versions
    expect(p.remainingForNextRun).toBe(20); // the newest (guarded) and one more fill the 2 slots, four to delete
    expect(p.images.map((i) => i.action)).toEqual(['delete', 'delete', 'deferred', 'deferred']);
    const tooSmall = planFor(repo, { keepNewestTagged: 2, maxDeletionsPerRun: 5 });
    expect(tooSmall.deletions).toEqual([]);
    expect(tooSmall.warnings.join('\n')).toContain('raise maxDeletionsPerRun to at least 10');
  });

  test('maxShareOfPackage counts versions', () => {
    const repo = fromGenerator({ images: 4, intervalHours: 24 * 10 });
    const p = planFor(repo, { keepNewestTagged: 0, maxShareOfPackage: 0.5 });
    expect(p.deletions).toEqual([]);
    expect(p.errors.join('\n')).toMatch(/would delete 30 of 40 active versions.*; images are deleted whole, with their platform manifests/);
  });

  test('Docker manifest lists plan the same way', () => {
    const repo = fromGenerator({ images: 3, format: 'docker', signatures: 'none', intervalHours: 24 * 10 });
    const p = planFor(repo, { keepNewestTagged: 0 });
    expect(p.deletions).toHaveLength(2 * 5);
  });
});

describe('imageCleanup', () => {
  test('orphaned-referrers: a referrer whose subject is gone is deleted only on request, never when protected', () => {
    const b = new RepoBuilder();
    const p1 = b.platform('p1', ago(2));
    b.index([{ digest: p1 }], ['v1'], ago(2));
    const orphan = b.referrer(`sha256:${'0'.repeat(64)}`, 'orphan', ago(50));
    const cosignOrphan = b.cosign(`sha256:${'9'.repeat(64)}`, 'sig', ago(50));
    const id = b.idOf;
    expect(planFor(b, { keepNewestTagged: 5 }).deletions).toEqual([]);
    const p = planFor(b, { keepNewestTagged: 5, imageCleanup: ['orphaned-referrers'] });
    expect(p.deletions.map((d) => [d.id, d.rule])).toEqual([
      [id(orphan), 'orphaned-referrer'],
      [id(cosignOrphan), 'orphaned-referrer'],
    ]);
    expect(p.images.map((i) => i.lines[0])).toEqual([
      expect.stringMatching(
        /^untagged manifest \d+ sha256:[0-9a-f]{64}, created .*: delete: orphaned referrer, its subject sha256:0{64} is gone \(imageCleanup\)$/,
      ),
      expect.stringMatching(/^\[sha256-9{64}\.sig\] manifest /),
    ]);
    const guarded = planFor(b, { keepNewestTagged: 5, imageCleanup: ['orphaned-referrers'], protectIds: [id(orphan)] });
    expect(guarded.deletions.map((d) => d.id)).toEqual([id(cosignOrphan)]);
  });

  test('ghost-images: an index whose children are all gone is deleted whatever the counts, unless guarded', () => {
    const b = new RepoBuilder();
    const gone = b.platform('g', ago(1), false);
    const ghost = b.index([{ digest: gone }], ['broken'], ago(1));
    const sig = b.cosign(ghost, 'ghost-sig', ago(1));
    const partialGone = b.platform('pg', ago(1), false);
    const partialHere = b.platform('ph', ago(1));
    b.index([{ digest: partialGone }, { digest: partialHere, platform: 'arm64' }], ['partial'], ago(1));
    b.index([{ digest: b.platform('n', ago(0.5)) }], ['newest'], ago(0.5));
    const id = b.idOf;
    expect(planFor(b, { keepNewestTagged: 5 }).deletions).toEqual([]);
    const p = planFor(b, { keepNewestTagged: 5, imageCleanup: ['ghost-images'] });
    expect(p.deletions.map((d) => [d.id, d.rule])).toEqual([
      [id(ghost), 'ghost-image'],
      [id(sig), 'ghost-image'],
    ]);
    expect(planFor(b, { keepNewestTagged: 5, imageCleanup: ['ghost-images'], protectTags: ['broken'] }).deletions).toEqual([]);
  });

  test("GitHub's last-tagged-version refusal keeps an image the rules delete rather than a broken one a request deletes", () => {
    const b = new RepoBuilder();
    const healthy = b.index([{ digest: b.platform('old', ago(30)) }], ['v1'], ago(30));
    const gone = b.platform('pg', ago(1), false);
    const partial = b.index([{ digest: gone }, { digest: b.platform('ph', ago(1)), platform: 'arm64' }], ['v2'], ago(1));
    const id = b.idOf;
    // The rules keep the newest image (partial) and delete v1; imageCleanup deletes the partial image: one must stay.
    const p = planFor(b, { keepNewestTagged: 1, keepNewestVersion: false, imageCleanup: ['partial-images'] });
    expect(decision(p, id(partial))).toMatchObject({ action: 'delete', reason: 'partial-image' });
    expect(decision(p, id(healthy))).toMatchObject({
      action: 'keep',
      reason: 'last-tagged-version',
      text: 'kept: GitHub refuses to delete the last tagged version of a container package',
    });
  });

  test('partial-images: an index some of whose children are gone is deleted whole (what is left of it), unless guarded', () => {
    const b = new RepoBuilder();
    const gone = b.platform('pg', ago(1), false);
    const here = b.platform('ph', ago(1));
    const partial = b.index([{ digest: gone }, { digest: here, platform: 'arm64' }], ['partial'], ago(1));
    const sig = b.cosign(partial, 'partial-sig', ago(1));
    const ghostGone = b.platform('g', ago(1), false);
    b.index([{ digest: ghostGone }], ['ghost'], ago(1));
    b.index([{ digest: b.platform('n', ago(0.5)) }], ['newest'], ago(0.5));
    const id = b.idOf;
    const p = planFor(b, { keepNewestTagged: 5, imageCleanup: ['partial-images'] });
    // The ghost image is not partial: it stays unless ghost-images is asked for too.
    expect(p.deletions.map((d) => [d.id, d.rule])).toEqual([
      [id(partial), 'partial-image'],
      [id(here), 'partial-image'],
      [id(sig), 'partial-image'],
    ]);
    expect(p.images.find((i) => i.rootId === id(partial))!.lines[0]).toMatch(
      /^\[partial\] index \d+ sha256:[0-9a-f]{64}, created .*: delete: partial image, 1 of its manifests are gone \(imageCleanup\)$/,
    );
    expect(planFor(b, { keepNewestTagged: 5, imageCleanup: ['partial-images', 'ghost-images'] }).deletions).toHaveLength(4);
    expect(planFor(b, { keepNewestTagged: 5, imageCleanup: ['partial-images'], protectTags: ['partial'] }).deletions).toEqual([]);
  });

  test('imageCleanup needs the image graph and known values; the graph is the default for container packages', () => {
    const base = { packageType: 'container', packages: ['app'], keepNewest: 1 };
    expect(resolveRetentionOptions(base).options?.imageGraph).toBe('registry');
    expect(resolveRetentionOptions({ ...base, imageCleanup: ['partial-images'] }).options?.imageCleanup).toEqual(new Set(['partial-images']));
    expect(resolveRetentionOptions({ ...base, imageGraph: 'off' }).options?.imageGraph).toBeUndefined();
    expect(resolveRetentionOptions({ ...base, packageType: 'docker' }).options?.imageGraph).toBeUndefined();
    expect(resolveRetentionOptions({ ...base, imageGraph: 'off', imageCleanup: ['ghost-images'] }).failures).toEqual([
      expect.objectContaining({ property: 'imageCleanup', reason: expect.stringContaining('needs the image graph') }),
    ]);
    expect(resolveRetentionOptions({ ...base, untaggedContainers: 'delete' }).warnings).toEqual([
      expect.stringContaining('applies only when the container registry cannot be read'),
    ]);
    expect(resolveRetentionOptions({ ...base, imageGraph: 'registry', imageCleanup: ['all'] }).failures).toEqual([
      expect.objectContaining({ property: 'imageCleanup' }),
    ]);
    expect(resolveRetentionOptions({ ...base, imageGraph: 'registry', imageCleanup: ['orphaned-referrers'] }).options?.imageCleanup).toEqual(
      new Set(['orphaned-referrers']),
    );
  });
});
