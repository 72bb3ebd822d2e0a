/**
 * Manifest media types a registry serves (OCI image spec and Docker's registry v2 schema 2).
 * https://github.com/opencontainers/image-spec/blob/main/media-types.md
 * https://distribution.github.io/distribution/spec/manifest-v2-2/
 */
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

export const MANIFEST_MEDIA_TYPES = [OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST] as const;
export type ManifestMediaType = (typeof MANIFEST_MEDIA_TYPES)[number];

export function isManifestMediaType(value: unknown): value is ManifestMediaType {
  return typeof value === 'string' && (MANIFEST_MEDIA_TYPES as readonly string[]).includes(value);
}

export function isIndexMediaType(value: string): boolean {
  return value === OCI_INDEX || value === DOCKER_MANIFEST_LIST;
}
