/** buildImageGraph: what belongs to which image. */
import { createHash } from 'crypto';
import { buildImageGraph } from '../../../provider/planner/image-graph';
import { OCI_INDEX, OCI_MANIFEST } from '../../../provider/registry/media-types';
import { ago } from './helpers';
import { RepoBuilder } from './image-graph-helpers';

const images = (b: RepoBuilder) => {
  const g = buildImageGraph(b.versions, b.lookup);
  if (!g.readable) throw new Error(g.reasons.join('; '));
  return g;
};

describe('buildImageGraph', () => {
  test('a nested index belongs to its parent; a single manifest nobody references is an image of its own', () => {
    const b = new RepoBuilder();
    const leaf = b.platform('leaf', ago(3));
    const inner = b.index([{ digest: leaf }], [], ago(3));
    const outer = b.index([{ digest: inner }], ['v1'], ago(3));
    const single = b.platform('single', ago(2));
    const g = images(b);
    expect(g.images.map((i) => [i.root.name, i.members.map((m) => m.digest)])).toEqual([
      [outer, [outer, inner, leaf]],
      [single, [single]],
    ]);
    expect(g.images[1].kind).toBe('manifest');
  });

  test('the OCI fallback tag index and the referrers it lists follow the subject', () => {
    const b = new RepoBuilder();
    const p = b.platform('p', ago(5));
    const index = b.index([{ digest: p }], ['v1'], ago(5));
    const art = b.add(
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: `sha256:${'2'.repeat(64)}`, size: 2 },
        layers: [],
      },
      { createdAt: ago(4) },
    );
    const fallback = b.add(
      { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, digest: art, size: 1 }] },
      { tags: [index.replace(':', '-')], createdAt: ago(4) },
    );
    const g = images(b);
    expect(g.images).toHaveLength(1);
    const members = g.images[0].members;
    expect(members.slice(0, 2).map((m) => [m.digest, m.role])).toEqual([
      [index, 'root'],
      [p, 'platform'],
    ]);
    expect(
      members
        .slice(2)
        .map((m) => m.digest)
        .sort(),
    ).toEqual([art, fallback].sort());
    expect(members.slice(2).every((m) => m.role === 'referrer')).toBe(true);
    expect(g.orphans).toEqual([]);
  });

  test('a version not named by a digest, or a manifest not fetched, makes the package unreadable', () => {
    const b = new RepoBuilder();
    b.platform('p', ago(1));
    const g = buildImageGraph([...b.versions, { id: 99, name: 'latest', tags: [], createdAt: ago(1), updatedAt: ago(1), state: 'active' }], b.lookup);
    expect(g).toEqual({ readable: false, reasons: ['version 99 is named "latest", not a sha256 digest'] });
    const digest = `sha256:${createHash('sha256').update('x').digest('hex')}`;
    const h = buildImageGraph([{ id: 5, name: digest, tags: [], createdAt: ago(1), updatedAt: ago(1), state: 'active' }], new Map());
    expect(h).toEqual({ readable: false, reasons: [`manifest ${digest} (version 5) was not fetched`] });
  });

  test("an image's health: a single manifest is complete; an index whose platforms are all gone is a ghost, whatever its referrers hold", () => {
    const b = new RepoBuilder();
    const single = b.platform('single', ago(9));
    const gone = b.platform('gone', ago(9), false);
    const ghost = b.index([{ digest: gone }], ['old'], ago(8));
    const art = b.platform('art', ago(7));
    // A referrer index of the ghost whose own entry is present: its entries are not the image's.
    b.add(
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [{ mediaType: OCI_MANIFEST, digest: art, size: 1 }],
        subject: { mediaType: OCI_INDEX, digest: ghost, size: 1 },
      },
      { createdAt: ago(7) },
    );
    const g = images(b);
    expect(g.images.map((i) => [i.root.name, i.health])).toEqual([
      [single, 'complete'],
      [ghost, 'ghost'],
    ]);
  });

  test('a referrer whose subject is gone but that a present image lists is a member of that image, not an orphan', () => {
    const b = new RepoBuilder();
    const gone = b.platform('gone', ago(9), false);
    const referrer = b.referrer(gone, 'r', ago(8));
    const index = b.index([{ digest: referrer }], ['v1'], ago(7));
    const g = images(b);
    expect(g.orphans).toEqual([]);
    expect(g.images.map((i) => [i.root.name, i.members.map((m) => m.digest)])).toEqual([[index, [index, referrer]]]);
  });

  test('two referrers of the same gone subject that list it reach each other: one orphaned image, rooted at the older', () => {
    const b = new RepoBuilder();
    const gone = b.platform('gone', ago(9), false);
    const referrerIndex = (artifactType: string) =>
      b.add(
        {
          schemaVersion: 2,
          mediaType: OCI_INDEX,
          artifactType,
          manifests: [{ mediaType: OCI_MANIFEST, digest: gone, size: 1 }],
          subject: { mediaType: OCI_MANIFEST, digest: gone, size: 1 },
        },
        { createdAt: ago(8) },
      );
    const older = referrerIndex('application/one');
    const newer = referrerIndex('application/two');
    const g = images(b);
    expect(g.orphans.map((o) => [o.image.root.name, o.subject, o.image.members.map((m) => m.digest).sort()])).toEqual([
      [older, gone, [gone, newer, older].sort()],
    ]);
  });

  describe('the OCI fallback tag index lists referrers of its subject', () => {
    const fallbackIndex = (b: RepoBuilder, subject: string, entries: string[]) =>
      b.add(
        { schemaVersion: 2, mediaType: OCI_INDEX, manifests: entries.map((digest) => ({ mediaType: OCI_MANIFEST, digest, size: 1 })) },
        { tags: [subject.replace(':', '-')], createdAt: ago(4) },
      );

    test('an entry that declares its own subject stays with it (and is also a member of the subject whose fallback index lists it)', () => {
      const b = new RepoBuilder();
      const x = b.index([{ digest: b.platform('x', ago(6)) }], ['x'], ago(6));
      const y = b.index([{ digest: b.platform('y', ago(6)) }], ['y'], ago(6));
      const signature = b.referrer(x, 'sig', ago(5));
      const fallback = fallbackIndex(b, y, [signature]);
      const g = images(b);
      const of = (root: string) => g.images.find((i) => i.root.name === root)!.members.map((m) => m.digest);
      expect(of(x)).toContain(signature);
      expect(of(y)).toContain(fallback);
    });

    test('a fallback tag index that also lists its subject does not make the subject its own referrer', () => {
      const b = new RepoBuilder();
      const y = b.index([{ digest: b.platform('y', ago(6)) }], ['y'], ago(6));
      const fallback = fallbackIndex(b, y, [y]);
      const g = images(b);
      expect(g.unreachable).toEqual([]);
      expect(g.images.map((i) => [i.root.name, i.members.map((m) => m.digest)])).toEqual([[y, [y, expect.any(String), fallback]]]);
    });
  });

  test('an image missing one of two platforms is partial, not ghost, also when an entry of its fallback tag index is gone', () => {
    const b = new RepoBuilder();
    const image = b.index([{ digest: b.platform('here', ago(6)) }, { digest: b.platform('gone', ago(6), false), platform: 'arm64' }], ['v1'], ago(6));
    b.add(
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [{ mediaType: OCI_MANIFEST, digest: b.platform('gone-referrer', ago(5), false), size: 1 }],
      },
      { tags: [image.replace(':', '-')], createdAt: ago(5) },
    );
    const found = images(b).images.find((i) => i.root.name === image)!;
    expect(found.missing).toHaveLength(2);
    expect(found.health).toBe('partial'); // ghost (all the index's own entries gone) is what imageCleanup ghost-images deletes
  });

  test.each([
    ['a tag that only contains a cosign tag', (hex: string) => `backup-sha256-${hex}.sig`],
    ['a cosign tag with more after it', (hex: string) => `sha256-${hex}.sig-old`],
    ['a tag that only contains a fallback tag', (hex: string) => `old-sha256-${hex}`],
    ['a fallback tag with more after it', (hex: string) => `sha256-${hex}-old`],
  ])('%s does not make an image a referrer of another one', (_, tag) => {
    const b = new RepoBuilder();
    const subject = b.index([{ digest: b.platform('subject', ago(6)) }], ['v1'], ago(6));
    const other = b.index([{ digest: b.platform('other', ago(5)) }], [tag(subject.slice('sha256:'.length))], ago(5));
    expect(images(b).images.map((i) => i.root.name)).toEqual([subject, other]);
  });
});
