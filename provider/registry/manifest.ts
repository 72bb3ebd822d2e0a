/**
 * Parses a manifest into the image planner's model (planner/manifest-model.ts), from the exact bytes the
 * registry sent, after checking their digest.
 */
import { createHash } from 'crypto';
import type { ChildDescriptor, ParsedManifest, Platform } from '../planner/manifest-model';
import { isIndexType } from './media-types';

export type { ChildDescriptor, ParsedManifest, Platform };

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
          ? {
              reference: {
                type: annotations['vnd.docker.reference.type'],
                ...(typeof annotations['vnd.docker.reference.digest'] === 'string' ? { digest: annotations['vnd.docker.reference.digest'] } : {}),
              },
            }
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
