/** Fixture and state types of the simulator's container registry surface (`/v2/`, `/token`). */
import type { ManifestMediaType } from './media-types';
import type { FixtureTime } from '../fixture-time';

/** One manifest of a container package, served at `/v2/<owner>/<name>/manifests/<digest>`. */
export interface FixtureManifest {
  owner: string;
  /** The container package's name (the repository is `<owner>/<name>`). */
  name: string;
  mediaType: ManifestMediaType;
  /** The exact bytes served; the digest is `sha256:` + the SHA-256 of these bytes (UTF-8). */
  content: string;
}

export interface FixtureRegistry {
  /** The OCI 1.1 referrers endpoint (`/v2/<name>/referrers/<digest>`): on by default; off answers 404. */
  referrersApi?: boolean;
  manifests?: FixtureManifest[];
  /** Multi-arch repositories generated at load (packages and manifests together; times relative to load). */
  generated?: MultiArchRepositorySpec[];
}

export interface StoredManifest {
  digest: string;
  mediaType: ManifestMediaType;
  bytes: Buffer;
  /** `subject.digest` of an OCI 1.1 referrer. */
  subject?: string;
  /** `artifactType`, else `config.mediaType` (what the referrers endpoint reports). */
  artifactType?: string;
  annotations?: Record<string, string>;
}

/** A multi-arch repository that simulator/registry/multi-arch-generator.ts generates at fixture load. */
export interface MultiArchRepositorySpec {
  owner: string;
  name: string;
  images: number;
  /** `os/arch[/variant]`; default DEFAULT_PLATFORMS (4). */
  platforms?: string[];
  /** Buildx attestation manifests, one per platform, inside the index. Default true. */
  attestations?: boolean;
  /** `cosign-tag`: `sha256-<hex>.sig` tagged manifests; `referrer`: OCI 1.1 `subject` manifests; default `cosign-tag`. */
  signatures?: 'cosign-tag' | 'referrer' | 'none';
  /** With `signatures: 'referrer'`: also publish the OCI fallback tag index `sha256-<hex>`. Default false. */
  fallbackTags?: boolean;
  /**
   * Also attach to each image an attestation index: an OCI 1.1 index artifact (`artifactType`, `subject` = the
   * image's index) listing one in-toto attestation manifest per platform, itself signed by a Sigstore bundle
   * whose `subject` is the attestation index (three levels below the image). Default false.
   */
  attestationIndex?: boolean;
  /** `oci` (OCI index + manifests) or `docker` (manifest list + Docker v2 manifests; no attestations). Default `oci`. */
  format?: 'oci' | 'docker';
  /** Creation time of the newest image's index (default `now-1h`); older images are `intervalHours` apart (default 24). */
  newest?: FixtureTime;
  intervalHours?: number;
  /** Tag of image i (0 = oldest): `${tagPrefix}${i}`; default `1.0.`. The newest also gets `latest` unless false. */
  tagPrefix?: string;
  latest?: boolean;
  visibility?: 'public' | 'private';
  /** First version id (default: assigned by the simulator in order). */
  firstId?: number;
}
