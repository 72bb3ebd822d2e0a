/**
 * Random registries for the plan's account (plan-account.property.test.ts): packages of any type, and container
 * packages whose manifests form any graph at all, built as parsed manifests so that shapes content digests rule
 * out in practice can be generated too. Edges are recorded as they are made (an index to each entry, a subject
 * to each of its referrers), so the test's reachability is an oracle, not a copy of buildImageGraph.
 *
 * Shapes: referrer cycles through `subject` + `manifests[]` (an index listing its own subject, issue 23's B1),
 * nested indexes, missing entries and missing subjects, cosign and fallback tags pointing anywhere, equal times,
 * times in the future (a day ahead, year 9999), versions that are not active.
 *
 * `realistic`: every `manifests[]` entry and `subject` names an earlier version, as content digests force (a
 * manifest can only name a digest that existed when it was written), and no link comes from a tag. In such a
 * registry every version belongs to some image.
 */
import { createHash } from 'crypto';
import fc from 'fast-check';
import type { ManifestLookup } from '../../../provider/planner/image-graph';
import type { ParsedManifest } from '../../../provider/planner/manifest-model';
import type { PackageVersionInfo, VersionState } from '../../../provider/types';
import { NOW, DAY } from './helpers';

/** Times chosen from a few values so that equal times are common; two lie in the future. */
const TIMES = [
  new Date(NOW.getTime() - 40 * DAY).toISOString(),
  new Date(NOW.getTime() - 10 * DAY).toISOString(),
  new Date(NOW.getTime() - 10 * DAY).toISOString(),
  new Date(NOW.getTime() - 2 * DAY).toISOString(),
  new Date(NOW.getTime() - 60_000).toISOString(),
  new Date(NOW.getTime() + DAY).toISOString(),
  '9999-12-31T00:00:00Z',
];
export const FUTURE_FROM = NOW.getTime();

const versionSpecArb = fc.record({
  kind: fc.constantFrom('manifest', 'index', 'index'),
  tagged: fc.boolean(),
  /** Indexes: entries by position (any version, or a missing digest when beyond the list). */
  children: fc.array(fc.nat({ max: 14 }), { maxLength: 3 }),
  /** How it refers to another version, if at all. */
  link: fc.constantFrom('none', 'none', 'subject', 'subject', 'cosign', 'fallback'),
  /** The version it refers to (by position; beyond the list = a missing subject). */
  target: fc.nat({ max: 14 }),
  /** An index referrer that also lists its subject among its entries (B1). */
  listsSubject: fc.boolean(),
  created: fc.nat({ max: TIMES.length - 1 }),
  /** updated_at: the same as created, or a later time (a re-tag). */
  updated: fc.option(fc.nat({ max: TIMES.length - 1 }), { nil: undefined }),
  state: fc.constantFrom<VersionState>('active', 'active', 'active', 'active', 'deleted'),
});
type VersionSpec = typeof versionSpecArb extends fc.Arbitrary<infer T> ? T : never;

export const registryPackageArb = fc.record({
  realistic: fc.boolean(),
  versions: fc.array(versionSpecArb, { minLength: 1, maxLength: 12 }),
});
export type RegistryPackageSpec = typeof registryPackageArb extends fc.Arbitrary<infer T> ? T : never;

export interface GeneratedRegistryPackage {
  versions: PackageVersionInfo[];
  manifests: ManifestLookup;
  /** digest → digests it reaches in one step (entries, and referrers of a subject). */
  edges: Map<string, string[]>;
  realistic: boolean;
}

export function digestOf(seed: string): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}

export function generateRegistryPackage(spec: RegistryPackageSpec, salt: string): GeneratedRegistryPackage {
  const n = spec.versions.length;
  const digests = spec.versions.map((_, i) => digestOf(`${salt}/${i}`));
  const missing = (k: number) => digestOf(`${salt}/missing/${k}`);
  /** A target position: before `i` when realistic; beyond the list = missing. */
  const pick = (i: number, k: number): string | undefined => {
    if (spec.realistic) {
      if (k % 4 === 3) return missing(k);
      return i === 0 ? undefined : digests[k % i];
    }
    const j = k % (n + 2);
    if (j === i) return undefined;
    return j < n ? digests[j] : missing(j);
  };
  const edges = new Map<string, string[]>();
  const edge = (from: string, to: string) => edges.set(from, [...(edges.get(from) ?? []), to]);
  // A version that is not active is not in the registry: it has no entries or tags and refers to nothing (the
  // referrers of its digest still refer to it).
  const active = (i: number) => spec.versions[i].state === 'active';
  const manifests = new Map<string, { ok: true; manifest: ParsedManifest }>();
  const versions: PackageVersionInfo[] = [];
  spec.versions.forEach((v: VersionSpec, i) => {
    const digest = digests[i];
    const tags: string[] = v.tagged ? [`t${i}`] : [];
    const children = new Set<string>();
    if (v.kind === 'index')
      for (const k of v.children) {
        const c = pick(i, k);
        if (c !== undefined) children.add(c);
      }
    let subject: string | undefined;
    const target = pick(i, v.target);
    if (target !== undefined && v.link === 'subject') subject = target;
    // Tags are not content: they may point anywhere, so they are left out of realistic registries.
    if (target !== undefined && !spec.realistic && v.link === 'cosign') tags.push(`${target.replace(':', '-')}.sig`);
    if (target !== undefined && !spec.realistic && v.link === 'fallback' && v.kind === 'index') tags.push(target.replace(':', '-'));
    if (subject !== undefined && v.kind === 'index' && v.listsSubject) children.add(subject);
    const linked = subject ?? (tags.length > (v.tagged ? 1 : 0) ? target : undefined);
    if (linked !== undefined && active(i)) edge(linked, digest);
    if (active(i)) for (const c of children) edge(digest, c);
    const created = TIMES[v.created];
    const updated = v.updated === undefined ? created : TIMES[Math.max(v.updated, v.created)];
    const id = 100 + i;
    versions.push({ id, name: digest, tags, createdAt: created, updatedAt: updated < created ? created : updated, state: v.state });
    manifests.set(digest, {
      ok: true,
      manifest: {
        digest,
        mediaType: v.kind === 'index' ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.oci.image.manifest.v1+json',
        kind: v.kind,
        children: [...children].map((d) => ({
          digest: d,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          platform: { os: 'linux', architecture: 'amd64' },
        })),
        ...(subject ? { subject } : {}),
        ...(subject || v.link === 'fallback' ? { artifactType: 'application/vnd.example+json' } : {}),
      },
    });
  });
  return { versions, manifests, edges, realistic: spec.realistic };
}

/** Everything reachable from `from` along the recorded edges (present or not), `from` included. */
export function reachable(edges: ReadonlyMap<string, string[]>, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    stack.push(...(edges.get(d) ?? []));
  }
  return seen;
}
