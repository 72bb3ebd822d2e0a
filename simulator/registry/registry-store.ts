/**
 * The manifests behind the simulator's registry surface, content-addressed per repository. Which manifests a
 * repository *has* is decided by the packages data: a manifest is served only while the container package has
 * an active version named with its digest, and tags resolve through the versions' tags. So deleting a version
 * through the packages API removes its manifest, restoring brings it back, and the two surfaces never disagree.
 */
import { createHash, randomBytes } from 'crypto';
import type { SimulatorState } from '../simulator-state';
import type { PackageRecord, VersionRecord } from '../types';
import { isManifestMediaType, type ManifestMediaType } from './media-types';
import type { FixtureRegistry, StoredManifest } from './types';

export function sha256Digest(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export interface PullToken {
  /** `<owner>/<name>`, lower-case owner. */
  repository: string;
  login?: string;
  /** Label of the GitHub token it was issued for (for the request log); never the token. */
  label: string;
}

export class RegistryStore {
  referrersApi: boolean;
  private readonly manifests = new Map<string, Map<string, StoredManifest>>();
  private readonly pullTokens = new Map<string, PullToken>();

  constructor(fixture: FixtureRegistry | undefined) {
    this.referrersApi = fixture?.referrersApi ?? true;
    for (const m of fixture?.manifests ?? []) this.add(m.owner, m.name, m.mediaType, m.content);
  }

  /** Stores a manifest's exact bytes; returns its digest. Publishing the matching version is the caller's job. */
  add(owner: string, name: string, mediaType: ManifestMediaType, content: string | Buffer): string {
    if (!isManifestMediaType(mediaType)) throw new Error(`Unknown manifest media type "${String(mediaType)}".`);
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const digest = sha256Digest(bytes);
    const parsed = JSON.parse(bytes.toString('utf8')) as {
      subject?: { digest?: string };
      artifactType?: string;
      config?: { mediaType?: string };
      annotations?: Record<string, string>;
    };
    const key = repositoryKey(owner, name);
    const repo = this.manifests.get(key) ?? new Map<string, StoredManifest>();
    repo.set(digest, {
      digest,
      mediaType,
      bytes,
      subject: parsed.subject?.digest,
      artifactType: parsed.artifactType ?? parsed.config?.mediaType,
      annotations: parsed.annotations,
    });
    this.manifests.set(key, repo);
    return digest;
  }

  /** The manifest for a digest or tag, if the package has it as an active version. */
  resolve(state: SimulatorState, owner: string, name: string, reference: string): StoredManifest | undefined {
    const pkg = state.activePackage(owner, 'container', name);
    if (!pkg) return undefined;
    const version = reference.startsWith('sha256:')
      ? activeVersion(pkg, (v) => v.name === reference)
      : activeVersion(pkg, (v) => v.tags.includes(reference));
    return version ? this.manifests.get(repositoryKey(owner, name))?.get(version.name) : undefined;
  }

  /** Active manifests whose OCI `subject` is `digest` (what the referrers endpoint lists). */
  referrersOf(state: SimulatorState, owner: string, name: string, digest: string): StoredManifest[] {
    const repo = this.manifests.get(repositoryKey(owner, name));
    if (!repo) return [];
    return [...repo.values()]
      .filter((m) => m.subject === digest && this.resolve(state, owner, name, m.digest) !== undefined)
      .sort((a, b) => (a.digest < b.digest ? -1 : 1));
  }

  issuePullToken(token: PullToken): string {
    const value = `simreg_${randomBytes(18).toString('base64url')}`;
    this.pullTokens.set(value, token);
    return value;
  }

  pullToken(value: string): PullToken | undefined {
    return this.pullTokens.get(value);
  }
}

export function repositoryKey(owner: string, name: string): string {
  return `${owner.toLowerCase()}/${name}`;
}

function activeVersion(pkg: PackageRecord, test: (v: VersionRecord) => boolean): VersionRecord | undefined {
  return pkg.versions.find((v) => v.deletedAt === undefined && test(v));
}
