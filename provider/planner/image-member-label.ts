/**
 * What an index entry is, in words for the preview tree (pure): a platform image (`linux/arm64`), a BuildKit
 * entry that refers to another one (`attestation of linux/arm64`, `buildx builder of linux/arm64`: BuildKit
 * gives these platform `unknown/unknown`, which is not a platform,
 * https://docs.docker.com/build/metadata/attestations/attestation-storage/), an OCI artifact (`artifact
 * application/vnd.in-toto+json`), or a nested index.
 */
import { describePlatform, type ChildDescriptor, type ParsedManifest } from './manifest-model';

export type EntryRole = 'platform' | 'attestation' | 'child';

export interface LabelledEntry {
  digest: string;
  role: EntryRole;
  label: string;
  /** The index itself says what the entry is (a platform, a BuildKit reference), which beats any other label. */
  described: boolean;
}

/** Labels for the entries of `index`, in its order; `kindOf` says whether an entry is itself an index. */
export function labelEntries(index: ParsedManifest, kindOf: (digest: string) => 'index' | 'manifest' | undefined): LabelledEntry[] {
  const platformOf = new Map<string, string>();
  for (const c of index.children) if (isRealPlatform(c) && !c.reference) platformOf.set(c.digest, describePlatform(c.platform));
  return index.children.map((c) => ({
    digest: c.digest,
    ...label(c, platformOf, kindOf(c.digest)),
    described: c.reference !== undefined || isRealPlatform(c),
  }));
}

function label(
  c: ChildDescriptor,
  platformOf: ReadonlyMap<string, string>,
  kind: 'index' | 'manifest' | undefined,
): { role: EntryRole; label: string } {
  if (c.reference) {
    const of = c.reference.digest ? ` of ${platformOf.get(c.reference.digest) ?? c.reference.digest}` : '';
    return c.reference.type === 'attestation-manifest'
      ? { role: 'attestation', label: `attestation${of}` }
      : { role: 'child', label: `buildx ${c.reference.type}${of}` };
  }
  if (isRealPlatform(c)) return { role: 'platform', label: describePlatform(c.platform) };
  if (c.artifactType) return { role: 'child', label: `artifact ${c.artifactType}` };
  if (c.platform) return { role: 'child', label: `entry without a platform (${describePlatform(c.platform)})` };
  return { role: 'child', label: kind === 'index' ? 'nested index' : 'child manifest' };
}

function isRealPlatform(c: ChildDescriptor): c is ChildDescriptor & { platform: NonNullable<ChildDescriptor['platform']> } {
  return c.platform !== undefined && !(c.platform.os === 'unknown' && c.platform.architecture === 'unknown');
}
