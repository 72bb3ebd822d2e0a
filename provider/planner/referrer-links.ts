/**
 * Which manifests of a container package are referrers, and of what (pure). Three ways to refer, all of them
 * seen on ghcr: an OCI 1.1 `subject` field; the OCI fallback tag `sha256-<hex>` on an index of referrers (the
 * referrers tag schema, https://github.com/opencontainers/distribution-spec/blob/main/spec.md#referrers-tag-schema),
 * whose entries refer to that subject too; and cosign's `sha256-<hex>.sig/.att/.sbom` tags.
 *
 * A tag naming the manifest's own digest is not a reference: nothing refers to itself, and reading it as one
 * would make the manifest its own subject (never a root, never reachable, and an "orphan" to clean up).
 */
import type { ParsedManifest } from './manifest-model';
import type { PackageVersionInfo } from '../types';

export interface ReferrerLink {
  subject: string;
  /** How it refers, for the preview: `signature (cosign)`, `referrer application/spdx+json`, … */
  label: string;
}

const COSIGN_TAG = /^sha256-([0-9a-f]{64})\.(sig|att|sbom)$/;
const FALLBACK_TAG = /^sha256-([0-9a-f]{64})$/;

/** Digest → its subject, for every manifest of `active` that refers to another one. */
export function referrerLinks(active: readonly PackageVersionInfo[], parsed: ReadonlyMap<string, ParsedManifest>): Map<string, ReferrerLink> {
  const links = new Map<string, ReferrerLink>();
  const fromFallback: Array<[string, ReferrerLink]> = [];
  for (const v of active) {
    const m = parsed.get(v.name);
    if (!m) continue;
    const other = (match: RegExpExecArray | null) => match !== null && `sha256:${match[1]}` !== v.name;
    const tags = [...v.tags].sort();
    const cosign = tags.map((t) => COSIGN_TAG.exec(t)).find(other);
    const fallback = tags.map((t) => FALLBACK_TAG.exec(t)).find(other);
    if (m.subject && m.subject !== v.name) {
      const what = m.kind === 'index' ? 'referrer index' : 'referrer';
      links.set(v.name, { subject: m.subject, label: m.artifactType ? `${what} ${m.artifactType}` : what });
    } else if (cosign) {
      links.set(v.name, { subject: `sha256:${cosign[1]}`, label: `${cosignKind(cosign[2])} (cosign)` });
    } else if (fallback) {
      links.set(v.name, { subject: `sha256:${fallback[1]}`, label: 'referrers index (OCI fallback tag)' });
      for (const entry of m.children)
        fromFallback.push([entry.digest, { subject: `sha256:${fallback[1]}`, label: 'referrer (listed in the fallback tag index)' }]);
    }
  }
  // An entry of a fallback tag index that declares its own subject keeps it; applied after every declaration so
  // the order versions are listed in never matters.
  for (const [digest, link] of fromFallback.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!links.has(digest) && link.subject !== digest) links.set(digest, link);
  }
  return links;
}

function cosignKind(suffix: string): string {
  return suffix === 'sig' ? 'signature' : suffix === 'att' ? 'attestation' : 'SBOM';
}
