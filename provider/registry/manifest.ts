/**
 * A manifest as the image graph needs it: what it references (an index's children) and what it refers to (an
 * OCI 1.1 `subject`). Parsed from the exact bytes the registry sent, after checking their digest.
 */
import { createHash } from 'crypto';
import { isIndexType } from './media-types';

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

export class ManifestFormatError extends Error {
  override readonly name = 'ManifestFormatError';
}

export function sha256Of(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Parses the bytes; throws ManifestFormatError when they are not the manifest asked for. */
export function parseManifest(expectedDigest: string, bytes: Uint8Array, contentType: string | null): ParsedManifest {
  const actual = sha256Of(bytes);
  if (actual !== expectedDigest) throw new ManifestFormatError(`the registry sent content with digest ${actual}, not ${expectedDigest}`);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new ManifestFormatError('the manifest is not valid JSON');
  }
  const mediaType = (typeof json.mediaType === 'string' ? json.mediaType : undefined) ?? contentType?.split(';')[0].trim() ?? '';
  const isIndex = isIndexType(mediaType) || (Array.isArray(json.manifests) && !Array.isArray(json.layers));
  const children: ChildDescriptor[] = [];
  if (isIndex) {
    if (!Array.isArray(json.manifests)) throw new ManifestFormatError('the index has no manifests list');
    for (const entry of json.manifests as Array<Record<string, unknown>>) {
      if (!entry || typeof entry.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(entry.digest)) {
        throw new ManifestFormatError('an index entry has no valid sha256 digest');
      }
      const annotations = (entry.annotations ?? {}) as Record<string, string>;
      const platform = entry.platform as Platform | undefined;
      children.push({
        digest: entry.digest,
        ...(typeof entry.mediaType === 'string' ? { mediaType: entry.mediaType } : {}),
        ...(platform ? { platform } : {}),
        ...(typeof annotations['vnd.docker.reference.type'] === 'string'
          ? { reference: { type: annotations['vnd.docker.reference.type'], ...(typeof annotations['vnd.docker.reference.digest'] === 'string' ? { digest: annotations['vnd.docker.reference.digest'] } : {}) } }
          : {}),
        ...(typeof entry.artifactType === 'string' ? { artifactType: entry.artifactType } : {}),
      });
    }
  }
  const subject = (json.subject as { digest?: unknown } | undefined)?.digest;
  return {
    digest: expectedDigest,
    mediaType,
    kind: isIndex ? 'index' : 'manifest',
    children,
    ...(typeof subject === 'string' ? { subject } : {}),
    ...(typeof json.artifactType === 'string' ? { artifactType: json.artifactType } : {}),
  };
}

export function describePlatform(p: Platform | undefined): string {
  if (!p) return 'no platform';
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
