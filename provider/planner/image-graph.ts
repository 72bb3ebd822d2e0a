/**
 * Container images as graphs (pure): a package's active versions + their manifests → images.
 *
 * Edges: an index to each of its entries, and a manifest to each of its referrers (referrer-links.ts). An image =
 * a root (a manifest that no manifest of the package references and that refers to nothing) + everything
 * reachable from it, to any depth: its platform manifests, buildx attestation manifests, nested indexes, its
 * referrers, and, when a referrer is itself an index (an attestation index, an index artifact with `subject`),
 * that index's entries and their referrers too. Deleting an image deletes that closure; keeping it keeps it.
 *
 * A referrer whose subject is not in the package (and that no image reaches) is an orphaned referrer: the root
 * of an orphaned image made of its own closure, deleted only on request. What neither reaches (only possible
 * through tags that refer in a circle) is left alone. Results do not depend on the order versions are listed in.
 */
import type { ParsedManifest } from './manifest-model';
import type { PackageVersionInfo } from '../types';
import { labelEntries } from './image-member-label';
import { referrerLinks, type ReferrerLink } from './referrer-links';
import { compareNames as compare } from './version-order';

export type ManifestLookup = ReadonlyMap<string, { ok: true; manifest: ParsedManifest } | { ok: false; reason: string }>;

export type MemberRole = 'root' | 'platform' | 'attestation' | 'child' | 'referrer';

export interface ImageMember {
  digest: string;
  role: MemberRole;
  /** The active version holding this manifest; absent when the manifest is referenced but gone. */
  version?: PackageVersionInfo;
  /** e.g. `linux/arm64`, `attestation of linux/arm64`, `signature (cosign)`, `referrer index application/…`. */
  label: string;
}

export interface ContainerImage {
  root: PackageVersionInfo;
  kind: 'index' | 'manifest';
  /** Root first; each manifest followed by its entries (depth first); then referrers, each with its closure. */
  members: ImageMember[];
  /** Referenced entries that are not active versions of the package. */
  missing: string[];
  /** `ghost`: the root is an index whose entries are all gone; `partial`: some referenced manifest is gone. */
  health: 'complete' | 'partial' | 'ghost';
}

export interface OrphanedImage {
  /** Rooted at the orphaned referrer; its members are what it references (and their referrers). */
  image: ContainerImage;
  /** The subject that is not in the package. */
  subject: string;
}

export type ImageGraph =
  | {
      readable: true;
      images: ContainerImage[];
      orphans: OrphanedImage[];
      /** Active versions no image or orphan reaches (tags that refer in a circle): never deleted. */
      unreachable: PackageVersionInfo[];
      /** Digests reachable from `unreachable` (themselves included): kept with them. */
      unplacedReach: string[];
    }
  | { readable: false; reasons: string[] };

const DIGEST = /^sha256:[0-9a-f]{64}$/;

interface Graph {
  byDigest: ReadonlyMap<string, PackageVersionInfo>;
  parsed: ReadonlyMap<string, ParsedManifest>;
  links: ReadonlyMap<string, ReferrerLink>;
  referrersOf: ReadonlyMap<string, string[]>;
}

export function buildImageGraph(versions: readonly PackageVersionInfo[], manifests: ManifestLookup): ImageGraph {
  const active = versions.filter((v) => v.state === 'active').sort((a, b) => a.id - b.id);
  const reasons: string[] = [];
  const byDigest = new Map<string, PackageVersionInfo>();
  const parsed = new Map<string, ParsedManifest>();
  for (const v of active) {
    if (!DIGEST.test(v.name)) {
      reasons.push(`version ${v.id} is named "${v.name}", not a sha256 digest`);
      continue;
    }
    byDigest.set(v.name, v);
    const result = manifests.get(v.name);
    if (!result) reasons.push(`manifest ${v.name} (version ${v.id}) was not fetched`);
    else if (!result.ok) reasons.push(`${result.reason} (version ${v.id})`);
    else parsed.set(v.name, result.manifest);
  }
  if (reasons.length > 0) return { readable: false, reasons };

  const links = referrerLinks(active, parsed);
  const referrersOf = new Map<string, string[]>();
  for (const [digest, { subject }] of [...links].sort(([a], [b]) => compare(a, b))) {
    if (!byDigest.has(digest)) continue;
    referrersOf.set(subject, [...(referrersOf.get(subject) ?? []), digest]);
  }
  const graph: Graph = { byDigest, parsed, links, referrersOf };
  const referenced = new Set([...parsed.values()].flatMap((m) => m.children.map((c) => c.digest)));

  const images = active.filter((v) => !links.has(v.name) && !referenced.has(v.name)).map((root) => collect(root, graph));
  const reached = new Set(images.flatMap((img) => img.members.map((m) => m.digest)));

  // Orphaned referrers: subject not in the package, not reached from any image. One reached from another
  // orphan's closure is a member of that orphaned image, not a root of its own.
  const candidates = active.filter((v) => links.has(v.name) && !byDigest.has(links.get(v.name)!.subject) && !reached.has(v.name));
  const closures = candidates.map((v) => collect(v, graph, 'orphaned referrer'));
  const orphans: OrphanedImage[] = [];
  // Two that reach each other (referrers listing the same gone subject, B1's shape without its subject): the
  // oldest id is the root.
  const reaches = (a: ContainerImage, b: ContainerImage) => a.members.some((m) => m.digest === b.root.name);
  closures.forEach((image, i) => {
    const inOther = closures.some((other, j) => j !== i && reaches(other, image) && !(reaches(image, other) && image.root.id < other.root.id));
    if (!inOther) orphans.push({ image, subject: links.get(image.root.name)!.subject });
  });
  for (const o of orphans) for (const m of o.image.members) reached.add(m.digest);

  // Circles. Content digests allow one kind only: a referrer that lists what it refers to (an index with `subject: X`
  // and X in `manifests[]`, regclient's `child`/`loop` images). Per the OCI image spec, `subject` is a weak link to
  // another graph (https://github.com/opencontainers/image-spec/blob/main/manifest.md#image-manifest-property-descriptions):
  // it does not make X the referrer's child, so X is the root and the referrer a member of X's image. In general: of
  // the versions no image reaches yet, one that is no referrer and that no such version but a referrer lists is a
  // root; oldest id first, until none is left.
  for (;;) {
    const left = active.filter((v) => !reached.has(v.name));
    const listed = new Set(left.filter((v) => !links.has(v.name)).flatMap((v) => parsed.get(v.name)!.children.map((c) => c.digest)));
    const root = left.find((v) => !links.has(v.name) && !listed.has(v.name));
    if (!root) break;
    const image = collect(root, graph);
    images.push(image);
    for (const m of image.members) reached.add(m.digest);
  }
  // What is still left the model cannot place (circles of tags, or of entries that content digests rule out):
  // never deleted, and nothing it reaches is either.
  const unreachable = active.filter((v) => !reached.has(v.name));
  const unplacedReach = [...new Set(unreachable.flatMap((v) => collect(v, graph).members.map((m) => m.digest)))].sort(compare);
  return { readable: true, images, orphans, unreachable, unplacedReach };
}

/** The closure of `root`: entries depth first, then referrers of every member (present or missing), each with its own closure. */
function collect(root: PackageVersionInfo, g: Graph, rootLabel?: string): ContainerImage {
  const rootManifest = g.parsed.get(root.name)!;
  const members: ImageMember[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  let rootEntries = 0;
  let rootEntriesMissing = 0;
  const visit = (digest: string, role: MemberRole, label: string, structural: boolean): void => {
    seen.add(digest);
    const version = g.byDigest.get(digest);
    if (!version) {
      missing.push(digest);
      members.push({ digest, role, label: `${label} (missing)` });
      if (structural) rootEntriesMissing++;
      return;
    }
    members.push({ digest, role, version, label });
    const manifest = g.parsed.get(digest);
    if (manifest?.kind !== 'index') return;
    for (const entry of labelEntries(manifest, (d) => g.parsed.get(d)?.kind)) {
      if (seen.has(entry.digest)) continue;
      if (structural) rootEntries++;
      // An entry that is itself a referrer (of a fallback tag index, or declaring a subject) is shown as one,
      // unless the index says what it is (BuildKit's attestations with oci-artifact=true also carry a subject).
      const link = entry.described ? undefined : g.links.get(entry.digest);
      visit(entry.digest, link ? 'referrer' : entry.role, link ? link.label : entry.label, structural);
    }
  };
  visit(root.name, 'root', rootLabel ?? rootManifest.kind, true);
  for (let i = 0; i < members.length; i++) {
    for (const r of g.referrersOf.get(members[i].digest) ?? []) {
      if (!seen.has(r)) visit(r, 'referrer', g.links.get(r)!.label, false);
    }
  }
  const health = rootEntries > 0 && rootEntriesMissing === rootEntries ? 'ghost' : missing.length > 0 ? 'partial' : 'complete';
  return { root, kind: rootManifest.kind, members, missing, health };
}
