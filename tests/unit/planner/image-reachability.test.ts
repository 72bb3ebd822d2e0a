/**
 * Image graph on real registry shapes: reachability is transitive (referrer indexes, nested indexes, referrers of
 * referrers), self-tagged artifacts are not referrers, GitHub's refusals known in advance are dropped, and the
 * preview tree labels entries for what they are and shows members' tags.
 */
import { createHash } from 'crypto';
import { buildImageGraph } from '../../../provider/planner/image-graph';
import { planImageRetention } from '../../../provider/planner/image-retention';
import type { RetentionOptions } from '../../../provider/planner/retention-options';
import { OCI_INDEX, OCI_MANIFEST } from '../../../provider/registry/media-types';
import { NOW, ago, resolve } from './helpers';
import { RepoBuilder } from './image-graph-helpers';

const IN_TOTO = 'application/vnd.in-toto+json';
const SIGSTORE_BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const GONE = `sha256:${'0'.repeat(64)}`;

function planFor(b: RepoBuilder, options: RetentionOptions & Record<string, unknown>) {
  return planImageRetention({
    packages: [{ name: 'app', versions: b.versions, manifests: b.lookup }],
    options: resolve({ packageType: 'container', packages: ['app'], imageGraph: 'registry', maxShareOfPackage: 1, ...options }),
    now: NOW,
  });
}

const graphOf = (b: RepoBuilder) => {
  const g = buildImageGraph(b.versions, b.lookup);
  if (!g.readable) throw new Error(g.reasons.join('; '));
  return g;
};

/** An image [v1] whose referrer is an attestation index (OCI index artifact with `subject`), nested three deep. */
function attestedImage(b: RepoBuilder, tag: string, days: number) {
  const amd64 = b.platform(`${tag}/amd64`, ago(days));
  const root = b.index([{ digest: amd64 }], [tag], ago(days));
  const provenance = b.artifact(`${tag}/provenance`, ago(days), { artifactType: IN_TOTO });
  const leaf = b.artifact(`${tag}/sbom`, ago(days), { artifactType: IN_TOTO });
  const nested = b.artifactIndex([leaf], ago(days), { artifactType: 'application/vnd.example.sbom-set' });
  const referrerIndex = b.artifactIndex([provenance, nested], ago(days), { subject: root });
  const bundle = b.artifact(`${tag}/bundle`, ago(days), { artifactType: SIGSTORE_BUNDLE, subject: referrerIndex, subjectType: OCI_INDEX });
  return { root, amd64, referrerIndex, provenance, nested, leaf, bundle, all: [root, amd64, referrerIndex, provenance, nested, leaf, bundle] };
}

describe('reachability is transitive', () => {
  test('the children of a referrer index (and their children, and its own referrers) belong to the image', () => {
    const b = new RepoBuilder();
    const img = attestedImage(b, 'v1', 3);
    const g = graphOf(b);
    expect(g.images.map((i) => i.root.name)).toEqual([img.root]);
    expect(g.images[0].members.map((m) => m.digest).sort()).toEqual([...img.all].sort());
    expect(g.orphans).toEqual([]);
  });

  test('a kept image keeps its attestation index whole: nothing of it is a standalone untagged image', () => {
    const b = new RepoBuilder();
    attestedImage(b, 'v1', 3);
    const p = planFor(b, { keepNewestTagged: 5, keepNewestUntagged: 0 });
    expect(p.deletions).toEqual([]);
  });

  test('a deleted image takes its referrer index and everything under it, root first', () => {
    const b = new RepoBuilder();
    const old = attestedImage(b, 'v1', 30);
    attestedImage(b, 'v2', 1);
    const p = planFor(b, { keepNewestTagged: 0 });
    const id = b.idOf;
    expect(p.deletions.map((d) => d.id).sort((x, y) => x - y)).toEqual(old.all.map(id).sort((x, y) => x - y));
    expect(p.deletions[0].id).toBe(id(old.root));
  });
});

describe('self-tagged artifacts', () => {
  test('an artifact tagged with its own fallback tag is not its own referrer, and orphan clean-up leaves it alone', () => {
    const b = new RepoBuilder();
    b.index([{ digest: b.platform('p', ago(1)) }], ['v1'], ago(1));
    const self = b.artifact('self', ago(20), { artifactType: 'application/vnd.cncf.helm.config.v1+json', tags: ['sha256-{self}'] });
    const selfSig = b.add(
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: GONE, size: 3 },
        layers: [],
      },
      { tags: ['sha256-{self}.sig'], createdAt: ago(20) },
    );
    const g = graphOf(b);
    expect(g.orphans).toEqual([]);
    expect(g.images.map((i) => i.root.name)).toEqual(expect.arrayContaining([self, selfSig]));
    expect(planFor(b, { keepNewestTagged: 5, imageCleanup: ['orphaned-referrers'] }).deletions).toEqual([]);
  });
});

describe('tags that refer in a circle', () => {
  test('manifests that only refer to each other by tag are in no image and never deleted, even with orphan clean-up', () => {
    const b = new RepoBuilder();
    b.index([{ digest: b.platform('p', ago(1)) }], ['v1'], ago(1));
    const body = (seed: string) => ({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${seed.repeat(64)}`, size: 233 },
      layers: [],
    });
    const hex = (o: object) => createHash('sha256').update(JSON.stringify(o)).digest('hex');
    const x = b.add(body('a'), { tags: [`sha256-${hex(body('b'))}.sig`], createdAt: ago(40) });
    const y = b.add(body('b'), { tags: [`sha256-${hex(body('a'))}.sig`], createdAt: ago(40) });
    const g = graphOf(b);
    expect(g.unreachable.map((v) => v.name).sort()).toEqual([x, y].sort());
    expect(g.orphans).toEqual([]);
    const p = planFor(b, { keepNewestTagged: 0, imageCleanup: ['orphaned-referrers', 'ghost-images'] });
    expect(p.deletions).toEqual([]);
    expect(p.packages[0].keptByReason['not-in-any-image']).toBe(2);
  });
});

describe("GitHub's refusals known in advance (step 5)", () => {
  test('orphan clean-up never plans the last tagged version: it is kept and the preview says why', () => {
    const b = new RepoBuilder();
    b.platform('u1', ago(3));
    b.platform('u2', ago(2));
    const sig = b.cosign(GONE, 'orphan-sig', ago(40));
    const p = planFor(b, { keepNewestUntagged: 5, imageCleanup: ['orphaned-referrers'] });
    expect(p.deletions).toEqual([]);
    const id = b.versions.find((v) => v.name === sig)!.id;
    expect(p.packages[0].decisions.find((d) => d.id === id)).toMatchObject({
      action: 'keep',
      reason: 'last-tagged-version',
      text: 'kept: GitHub refuses to delete the last tagged version of a container package',
    });
  });

  test('no refusal while a kept image holds a tagged version: the last tagged image may go (the old planner kept it for a refusal GitHub never gives)', () => {
    const b = new RepoBuilder();
    const signed = b.index([{ digest: b.platform('signed', ago(1)) }], [], ago(1)); // untagged, kept by keepNewestUntagged
    const sig = b.cosign(signed, 'sig', ago(1)); // tagged sha256-….sig: stays with its image
    const old = b.index([{ digest: b.platform('old', ago(30)) }], ['v1'], ago(30));
    const id = b.idOf;
    const p = planFor(b, { keepNewestTagged: 0, keepNewestUntagged: 1, keepNewestVersion: false });
    expect(p.packages[0].decisions.find((d) => d.id === id(sig))).toMatchObject({ action: 'keep', reason: 'member-of-kept-image' });
    expect(p.packages[0].decisions.find((d) => d.id === id(old))).toMatchObject({ action: 'delete', reason: 'keepNewestTagged' });
    expect(p.packages[0].keptByReason['last-tagged-version']).toBeUndefined();
  });

  test('an image whose tagged member is the last tagged version is kept whole', () => {
    const b = new RepoBuilder();
    const oldIndex = b.index([{ digest: b.platform('old', ago(30)) }], [], ago(30));
    const sig = b.cosign(oldIndex, 'sig', ago(30));
    b.index([{ digest: b.platform('new', ago(1)) }], [], ago(1));
    const p = planFor(b, { keepNewestUntagged: 1, keepNewestVersion: false });
    expect(p.deletions).toEqual([]);
    const id = b.idOf;
    expect(p.packages[0].decisions.find((d) => d.id === id(oldIndex))).toMatchObject({
      action: 'keep',
      reason: 'last-tagged-version',
      text: expect.stringMatching(/^kept: its signature \(cosign\) \d+ is the container package's last tagged version/),
    });
    expect(p.packages[0].decisions.find((d) => d.id === id(sig))).toMatchObject({ action: 'keep' });
  });

  test('deleting an orphaned referrer index deletes its children, except those a kept image references', () => {
    const b = new RepoBuilder();
    const shared = b.platform('shared', ago(40));
    const kept = b.index([{ digest: shared }], ['v1'], ago(1));
    const only = b.artifact('only', ago(40), { artifactType: IN_TOTO });
    const orphan = b.artifactIndex([only, shared], ago(40), { subject: GONE });
    const id = b.idOf;
    const without = planFor(b, { keepNewestTagged: 5, keepNewestUntagged: 0 });
    expect(without.deletions).toEqual([]);
    const p = planFor(b, { keepNewestTagged: 5, imageCleanup: ['orphaned-referrers'] });
    expect(p.deletions.map((d) => d.id)).toEqual([id(orphan), id(only)]);
    expect(p.packages[0].decisions.find((d) => d.id === id(shared))).toMatchObject({
      action: 'keep',
      text: expect.stringContaining(`part of image ${id(kept)} [v1]`),
    });
    const tree = p.images.find((i) => i.rootId === id(orphan))!.lines;
    expect(tree).toHaveLength(3);
    expect(tree[1]).toContain(`artifact ${IN_TOTO} ${id(only)} ${only}: delete: referenced by orphaned referrer ${id(orphan)}`);
  });
});

describe('labels in the preview tree', () => {
  test('BuildKit attestations exported as OCI artifacts (oci-artifact=true: subject and artifactType) still read as attestations of their platform', () => {
    const b = new RepoBuilder();
    const amd64 = b.platform('amd64', ago(30));
    const att = b.artifact('att', ago(30), {
      artifactType: 'application/vnd.docker.attestation.manifest.v1+json',
      subject: amd64,
      subjectType: OCI_MANIFEST,
    });
    const root = b.add(
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          { mediaType: OCI_MANIFEST, digest: amd64, size: 1, platform: { os: 'linux', architecture: 'amd64' } },
          {
            mediaType: OCI_MANIFEST,
            digest: att,
            size: 1,
            artifactType: 'application/vnd.docker.attestation.manifest.v1+json',
            platform: { os: 'unknown', architecture: 'unknown' },
            annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': amd64 },
          },
        ],
      },
      { tags: ['v1'], createdAt: ago(30) },
    );
    const g = graphOf(b);
    expect(g.images).toHaveLength(1);
    expect(g.images[0].members.map((m) => [m.digest, m.label])).toEqual([
      [root, 'index'],
      [amd64, 'linux/amd64'],
      [att, 'attestation of linux/amd64'],
    ]);
    expect(g.orphans).toEqual([]);
  });

  test('buildx reference entries are labelled by their type, not as platform unknown/unknown; tagged members show their tags', () => {
    const b = new RepoBuilder();
    const amd64 = b.add(
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: GONE, size: 1 },
        layers: [],
      },
      { tags: ['v1-amd64'], createdAt: ago(30) },
    );
    const att = b.platform('att', ago(30));
    const builder = b.platform('builder', ago(30));
    const bare = b.platform('bare', ago(30));
    const unknown = { os: 'unknown', architecture: 'unknown' };
    const root = b.add(
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          { mediaType: OCI_MANIFEST, digest: amd64, size: 1, platform: { os: 'linux', architecture: 'amd64' } },
          {
            mediaType: OCI_MANIFEST,
            digest: att,
            size: 1,
            platform: unknown,
            annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': amd64 },
          },
          {
            mediaType: OCI_MANIFEST,
            digest: builder,
            size: 1,
            platform: unknown,
            annotations: { 'vnd.docker.reference.type': 'builder', 'vnd.docker.reference.digest': amd64 },
          },
          { mediaType: OCI_MANIFEST, digest: bare, size: 1, platform: unknown },
        ],
      },
      { tags: ['v1'], createdAt: ago(30) },
    );
    b.index([{ digest: b.platform('new', ago(1)) }], ['v2'], ago(1));
    const p = planFor(b, { keepNewestTagged: 0 });
    const id = b.idOf;
    const lines = p.images.find((i) => i.rootId === id(root))!.lines;
    expect(lines.join('\n')).not.toContain('unknown/unknown 1');
    expect(lines[1]).toMatch(new RegExp(`^  ├─ linux/amd64 ${id(amd64)} ${amd64} \\[v1-amd64\\]: delete: part of image`));
    expect(lines[2]).toMatch(new RegExp(`^  ├─ attestation of linux/amd64 ${id(att)} `));
    expect(lines[3]).toMatch(new RegExp(`^  ├─ buildx builder of linux/amd64 ${id(builder)} `));
    expect(lines[4]).toMatch(new RegExp(`^  └─ entry without a platform \\(unknown/unknown\\) ${id(bare)} `));
  });
});
