/**
 * The container manifest model the image planner reads: what a manifest references (an index's entries) and
 * what it refers to (an OCI 1.1 `subject`). The planner owns it; the registry client (registry/manifest.ts)
 * parses the registry's bytes into it.
 */

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface ChildDescriptor {
  digest: string;
  mediaType?: string;
  platform?: Platform;
  /**
   * BuildKit's `vnd.docker.reference.type` / `vnd.docker.reference.digest` annotations: an entry that is not an
   * image for a platform (platform `unknown/unknown`) but refers to another entry, e.g. `attestation-manifest`.
   * https://docs.docker.com/build/metadata/attestations/attestation-storage/
   */
  reference?: { type: string; digest?: string };
  /** OCI 1.1 `artifactType` of the entry (an index artifact's children). */
  artifactType?: string;
}

export interface ParsedManifest {
  digest: string;
  mediaType: string;
  kind: 'index' | 'manifest';
  /** An index's entries (platform manifests and attestation manifests), in the index's order. */
  children: ChildDescriptor[];
  /** OCI 1.1 `subject.digest`: this manifest is a referrer of that one (signature, SBOM, attestation). */
  subject?: string;
  artifactType?: string;
}

/** `linux/arm64/v8`, or `no platform`. */
export function describePlatform(p: Platform | undefined): string {
  if (!p) return 'no platform';
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
