/** Fixture and state types of the simulator's container registry surface (`/v2/`, `/token`). */
import type { ManifestMediaType } from './media-types';
import type { MultiArchRepositorySpec } from './multi-arch-generator';

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
