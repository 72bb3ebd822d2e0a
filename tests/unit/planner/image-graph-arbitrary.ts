/**
 * Generated container packages for image-graph properties, with their reachability worked out independently of
 * the planner: every edge the generator creates (index → entry, subject → referrer, fallback tag index → entry) is
 * recorded as it is made, so the test's closure is an oracle, not a second copy of buildImageGraph.
 *
 * Shapes: multi-arch indexes with missing platforms and buildx attestations, chains of nested indexes, children
 * shared between images, referrers of every kind (cosign tags, OCI `subject` manifests, referrer indexes with
 * nested index artifacts and their own signed bundles, fallback tag indexes), orphaned referrers (subject gone,
 * some referencing children of live images) and artifacts tagged with their own fallback tag.
 */
import { createHash } from 'crypto';
import fc from 'fast-check';
import { OCI_INDEX, OCI_MANIFEST } from '../../../provider/registry/media-types';
import { ago } from './helpers';
import { RepoBuilder } from './image-graph-helpers';

const referrerArb = fc.record({
  kind: fc.constantFrom('cosign', 'subject', 'subject-index', 'fallback'),
  onChild: fc.boolean(),
  nested: fc.integer({ min: 0, max: 3 }),
  signed: fc.boolean(),
});

const imageArb = fc.record({
  rootKind: fc.constantFrom('index', 'index', 'manifest'),
  tagged: fc.boolean(),
  platforms: fc.integer({ min: 0, max: 3 }),
  missing: fc.integer({ min: 0, max: 3 }),
  attest: fc.boolean(),
  nestDepth: fc.integer({ min: 0, max: 4 }),
  tagNested: fc.boolean(),
  share: fc.option(fc.nat(), { nil: undefined }),
  referrers: fc.array(referrerArb, { maxLength: 3 }),
  ageDays: fc.integer({ min: 0, max: 60 }),
});

const orphanArb = fc.record({
  kind: fc.constantFrom('subject', 'subject-index', 'cosign'),
  share: fc.option(fc.nat(), { nil: undefined }),
  ageDays: fc.integer({ min: 0, max: 60 }),
});

const selfTaggedArb = fc.record({ suffix: fc.constantFrom('', '.sig'), ageDays: fc.integer({ min: 0, max: 60 }) });

/** Policy options for image-graph properties (every rule and guard that bears on which images go). */
export const imageOptionsArb = fc.record({
  keepNewestTagged: fc.integer({ min: 0, max: 4 }),
  keepNewestUntagged: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  olderThan: fc.constantFrom(undefined, '1d', '7d', '30d'),
  select: fc.constantFrom('all', 'tagged', 'untagged'),
  keepNewestVersion: fc.boolean(),
  maxDeletionsPerRun: fc.integer({ min: 1, max: 200 }),
  imageCleanup: fc.subarray(['orphaned-referrers', 'ghost-images'] as const),
});
export type ImageOptionsSpec = typeof imageOptionsArb extends fc.Arbitrary<infer T> ? T : never;

export const packageArb = fc.record({
  images: fc.array(imageArb, { minLength: 1, maxLength: 6 }),
  orphans: fc.array(orphanArb, { maxLength: 3 }),
  selfTagged: fc.array(selfTaggedArb, { maxLength: 2 }),
});

export type PackageSpec = typeof packageArb extends fc.Arbitrary<infer T> ? T : never;

export interface GeneratedPackage {
  builder: RepoBuilder;
  /** digest → digests it reaches in one step. */
  edges: Map<string, string[]>;
  /** Digests with no incoming edge: the images' roots (and self-tagged artifacts). */
  roots: string[];
  /** Referrers whose subject is not in the package. */
  orphanRoots: string[];
  selfTagged: string[];
}

export function generatePackage(spec: PackageSpec): GeneratedPackage {
  const b = new RepoBuilder();
  const edges = new Map<string, string[]>();
  const edge = (from: string, to: string) => edges.set(from, [...(edges.get(from) ?? []), to]);
  const pool: string[] = [];
  const usedTags = new Set<string>();
  const roots: string[] = [];
  const orphanRoots: string[] = [];
  const index = (children: Array<{ digest: string; platform?: string; attestationFor?: string }>, tags: string[], t: string) => {
    const d = b.index(children, tags, t);
    for (const c of children) edge(d, c.digest);
    return d;
  };
  /** A referrer index (OCI index artifact with `subject`): artifacts, a chain of nested index artifacts, maybe a shared child. */
  const referrerIndex = (seed: string, subject: string, nested: number, t: string, shared?: string) => {
    const children = [b.artifact(`${seed}/a`, t, { artifactType: 'application/vnd.in-toto+json' })];
    if (nested > 0) {
      let cur = b.artifact(`${seed}/leaf`, t);
      const chain = [cur];
      for (let k = 0; k < nested; k++) {
        const next = b.artifactIndex([cur], t, { artifactType: `application/vnd.example.level${k}` });
        edge(next, cur);
        cur = next;
        chain.push(cur);
      }
      children.push(cur);
    }
    if (shared) children.push(shared);
    const ri = b.artifactIndex(children, t, { subject });
    for (const c of children) edge(ri, c);
    return ri;
  };

  spec.images.forEach((img, i) => {
    const t = ago(img.ageDays + i / 100);
    const tags = img.tagged ? [`v${i}`] : [];
    let root: string;
    const present: string[] = [];
    if (img.rootKind === 'manifest') {
      root = b.add(
        {
          schemaVersion: 2,
          mediaType: OCI_MANIFEST,
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: fake(`${i}/cfg`), size: 1 },
          layers: [],
        },
        { tags, createdAt: t },
      );
    } else {
      const entries: Array<{ digest: string; platform?: string; attestationFor?: string }> = [];
      for (let p = 0; p < img.platforms; p++) {
        const here = p >= img.missing;
        const d = b.platform(`${i}/${p}`, t, here);
        entries.push({ digest: d, platform: `arch${p}` });
        if (here) present.push(d);
        if (img.attest) {
          const a = b.platform(`${i}/${p}/att`, t);
          entries.push({ digest: a, attestationFor: d });
          present.push(a);
        }
      }
      if (img.nestDepth > 0) {
        let cur = b.platform(`${i}/leaf`, t);
        for (let k = 0; k < img.nestDepth; k++) cur = index([{ digest: cur }], img.tagNested && k === 0 ? [`v${i}-nested`] : [], t);
        entries.push({ digest: cur, platform: 'nested' });
        present.push(cur);
      }
      if (img.share !== undefined && pool.length > 0) entries.push({ digest: pool[img.share % pool.length], platform: 'shared' });
      root = index(entries, tags, t);
    }
    roots.push(root);
    img.referrers.forEach((r, k) => {
      const target = r.onChild && present.length > 0 ? present[0] : root;
      const seed = `${i}/ref${k}`;
      const hex = target.slice('sha256:'.length);
      if (r.kind === 'cosign') {
        if (usedTags.has(`sha256-${hex}.sig`)) return;
        usedTags.add(`sha256-${hex}.sig`);
        edge(target, b.cosign(target, seed, t));
      } else if (r.kind === 'subject') {
        edge(target, b.artifact(seed, t, { subject: target }));
      } else if (r.kind === 'subject-index') {
        const ri = referrerIndex(seed, target, r.nested, t);
        edge(target, ri);
        if (r.signed) edge(ri, b.artifact(`${seed}/bundle`, t, { artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json', subject: ri }));
      } else {
        if (usedTags.has(`sha256-${hex}`)) return;
        usedTags.add(`sha256-${hex}`);
        const entry = b.artifact(seed, t);
        const fb = b.add(
          {
            schemaVersion: 2,
            mediaType: OCI_INDEX,
            manifests: [{ mediaType: OCI_MANIFEST, digest: entry, size: 1, artifactType: 'application/vnd.example.sbom+json' }],
          },
          { tags: [`sha256-${hex}`], createdAt: t },
        );
        edge(target, fb);
        edge(fb, entry);
      }
    });
    pool.push(...present);
  });
  spec.orphans.forEach((o, k) => {
    const t = ago(o.ageDays);
    const gone = fake(`gone/${k}`);
    const shared = o.share !== undefined && pool.length > 0 ? pool[o.share % pool.length] : undefined;
    const d =
      o.kind === 'cosign'
        ? b.cosign(gone, `orphan/${k}`, t)
        : o.kind === 'subject'
          ? b.artifact(`orphan/${k}`, t, { subject: gone })
          : referrerIndex(`orphan/${k}`, gone, 2, t, shared);
    edge(gone, d);
    orphanRoots.push(d);
  });
  const selfTagged = spec.selfTagged.map((s, k) =>
    b.artifact(`self/${k}`, ago(s.ageDays), { artifactType: 'application/vnd.cncf.helm.config.v1+json', tags: [`sha256-{self}${s.suffix}`] }),
  );
  roots.push(...selfTagged);
  return { builder: b, edges, roots, orphanRoots, selfTagged };
}

/** Everything reachable from `from` along the recorded edges (present or not). */
export function closure(g: GeneratedPackage, from: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    stack.push(...(g.edges.get(d) ?? []));
  }
  return seen;
}

/** The longest chain of edges from `root` (nesting depth). */
export function depth(g: GeneratedPackage, root: string): number {
  const next = g.edges.get(root) ?? [];
  return next.length === 0 ? 0 : 1 + Math.max(...next.map((d) => depth(g, d)));
}

function fake(seed: string): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}
