/**
 * Container images as graphs (pure): a package's active versions + their manifests → images.
 *
 * An image = a root manifest (an index, or a single manifest that no index of the package references) + every
 * manifest it references (platform manifests, buildx attestation manifests, nested indexes) + its referrers:
 * manifests whose OCI 1.1 `subject` is a member, the entries of an OCI fallback tag index `sha256-<hex>`, and
 * cosign's `sha256-<hex>.sig/.att/.sbom` tagged manifests. Referrers follow their subject: they are never roots.
 * A referrer whose subject is not in the package is an orphan. Meaning: ../../../shared/retention-semantics.md,
 * "Containers and multi-arch images". Results do not depend on the order versions are listed in.
 */
import type { ParsedManifest } from '../registry/manifest';
import { describePlatform } from '../registry/manifest';
import type { PackageVersionInfo } from '../types';

export type ManifestLookup = ReadonlyMap<string, { ok: true; manifest: ParsedManifest } | { ok: false; reason: string }>;

export type MemberRole = 'root' | 'platform' | 'attestation' | 'child' | 'referrer';

export interface ImageMember {
  digest: string;
  role: MemberRole;
  /** The active version holding this manifest; absent when the manifest is referenced but gone. */
  version?: PackageVersionInfo;
  /** e.g. `linux/arm64`, `attestation of linux/arm64`, `signature (tag sha256-….sig)`. */
  label: string;
}

export interface ContainerImage {
  root: PackageVersionInfo;
  kind: 'index' | 'manifest';
  /** Root first, then children in index order (depth first), then referrers; each digest once. */
  members: ImageMember[];
  /** Referenced children that are not active versions of the package. */
  missing: string[];
  /** `ghost`: an index whose children are all gone; `partial`: some are gone. */
  health: 'complete' | 'partial' | 'ghost';
}

export type ImageGraph =
  | { readable: true; images: ContainerImage[]; orphanReferrers: Array<{ version: PackageVersionInfo; subject: string }> }
  | { readable: false; reasons: string[] };

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const COSIGN_TAG = /^sha256-([0-9a-f]{64})\.(sig|att|sbom)$/;
const FALLBACK_TAG = /^sha256-([0-9a-f]{64})$/;

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

  // Referrers: digest → subject digest, with a label saying how they refer.
  const subjectOf = new Map<string, { subject: string; label: string }>();
  for (const v of active) {
    const m = parsed.get(v.name)!;
    const tags = [...v.tags].sort();
    const cosign = tags.map((t) => COSIGN_TAG.exec(t)).find(Boolean);
    const fallback = tags.map((t) => FALLBACK_TAG.exec(t)).find(Boolean);
    if (m.subject) subjectOf.set(v.name, { subject: m.subject, label: `referrer${m.artifactType ? ` ${m.artifactType}` : ''}` });
    else if (cosign) subjectOf.set(v.name, { subject: `sha256:${cosign[1]}`, label: `${cosignKind(cosign[2])} (tag ${cosign[0]})` });
    else if (fallback) {
      subjectOf.set(v.name, { subject: `sha256:${fallback[1]}`, label: `referrers index (tag ${fallback[0]})` });
      for (const entry of m.children) if (!subjectOf.has(entry.digest)) subjectOf.set(entry.digest, { subject: `sha256:${fallback[1]}`, label: 'referrer (listed in the fallback tag index)' });
    }
  }
  // A fallback index listing a referrer that also declares its subject: the declared subject wins (set above
  // only when absent), and the order of versions never matters because both rules are applied to all first.
  const referrersOf = new Map<string, string[]>();
  for (const [digest, { subject }] of [...subjectOf].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!byDigest.has(digest)) continue;
    const list = referrersOf.get(subject) ?? [];
    list.push(digest);
    referrersOf.set(subject, list);
  }

  // Children: only indexes that are not referrers contribute image structure.
  const referenced = new Set<string>();
  for (const [digest, m] of parsed) {
    if (subjectOf.has(digest)) continue;
    for (const child of m.children) referenced.add(child.digest);
  }

  const images: ContainerImage[] = [];
  for (const root of active) {
    if (subjectOf.has(root.name) || referenced.has(root.name)) continue;
    images.push(collectImage(root, byDigest, parsed, referrersOf, subjectOf));
  }
  const inImage = new Set(images.flatMap((img) => img.members.map((m) => m.digest)));
  const orphanReferrers = active
    .filter((v) => subjectOf.has(v.name) && !inImage.has(v.name))
    .map((version) => ({ version, subject: subjectOf.get(version.name)!.subject }));
  // Children referenced only by an index that is itself a referrer or gone and not a root: they are in no
  // image. They are kept as orphans too (never deleted without an explicit rule).
  for (const v of active) {
    if (!inImage.has(v.name) && !subjectOf.has(v.name)) orphanReferrers.push({ version: v, subject: '(unreferenced child)' });
  }
  return { readable: true, images, orphanReferrers };
}

function collectImage(
  root: PackageVersionInfo,
  byDigest: ReadonlyMap<string, PackageVersionInfo>,
  parsed: ReadonlyMap<string, ParsedManifest>,
  referrersOf: ReadonlyMap<string, string[]>,
  subjectOf: ReadonlyMap<string, { subject: string; label: string }>,
): ContainerImage {
  const rootManifest = parsed.get(root.name)!;
  const members: ImageMember[] = [{ digest: root.name, role: 'root', version: root, label: rootManifest.kind === 'index' ? 'index' : 'manifest' }];
  const seen = new Set([root.name]);
  const missing: string[] = [];
  const platformOf = new Map<string, string>();
  let childCount = 0;
  const walk = (manifest: ParsedManifest) => {
    for (const child of manifest.children) {
      if (seen.has(child.digest)) continue;
      seen.add(child.digest);
      childCount++;
      const version = byDigest.get(child.digest);
      let role: MemberRole = 'child';
      let label = 'child manifest';
      if (child.attestationFor !== undefined) {
        role = 'attestation';
        label = `attestation of ${platformOf.get(child.attestationFor) ?? child.attestationFor}`;
      } else if (child.platform) {
        role = 'platform';
        label = describePlatform(child.platform);
        platformOf.set(child.digest, label);
      }
      if (!version) {
        missing.push(child.digest);
        members.push({ digest: child.digest, role, label: `${label} (missing)` });
        continue;
      }
      members.push({ digest: child.digest, role, version, label });
      const nested = parsed.get(child.digest);
      if (nested?.kind === 'index') walk(nested);
    }
  };
  walk(rootManifest);
  // Referrers of any member (and referrers of referrers), breadth first.
  for (let i = 0; i < members.length; i++) {
    for (const r of referrersOf.get(members[i].digest) ?? []) {
      if (seen.has(r)) continue;
      seen.add(r);
      members.push({ digest: r, role: 'referrer', version: byDigest.get(r), label: subjectOf.get(r)!.label });
    }
  }
  const health = missing.length === 0 ? 'complete' : missing.length === childCount ? 'ghost' : 'partial';
  return { root, kind: rootManifest.kind, members, missing, health };
}

function cosignKind(suffix: string): string {
  return suffix === 'sig' ? 'signature' : suffix === 'att' ? 'attestation' : 'SBOM';
}
