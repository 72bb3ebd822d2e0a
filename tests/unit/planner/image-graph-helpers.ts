/** Builds container packages (versions + manifests) for image-graph tests, from the simulator's generator or by hand. */
import { createHash } from 'crypto';
import type { ManifestLookup } from '../../../provider/planner/image-graph';
import { parseManifest } from '../../../provider/registry/manifest';
import { OCI_INDEX, OCI_MANIFEST } from '../../../provider/registry/media-types';
import type { PackageVersionInfo } from '../../../provider/types';
import {
  generateMultiArchRepository,
  type MultiArchRepositorySpec,
  type GeneratedRepository,
} from '../../../simulator/registry/multi-arch-generator';
import { NOW } from './helpers';

export interface TestRepo {
  versions: PackageVersionInfo[];
  manifests: Map<string, { ok: true; manifest: ReturnType<typeof parseManifest> } | { ok: false; reason: string }>;
}

export function fromGenerator(spec: Omit<MultiArchRepositorySpec, 'owner' | 'name'>): TestRepo & { generated: GeneratedRepository } {
  const generated = generateMultiArchRepository({ owner: 'octocat', name: 'app', firstId: 1000, ...spec }, NOW.getTime());
  const versions = generated.package.versions.map((v) => ({
    id: v.id!,
    name: v.name,
    tags: v.tags ?? [],
    createdAt: String(v.createdAt),
    updatedAt: String(v.createdAt),
    state: 'active' as const,
  }));
  const manifests: TestRepo['manifests'] = new Map();
  for (const m of generated.manifests) {
    const bytes = Buffer.from(m.content);
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    manifests.set(digest, { ok: true, manifest: parseManifest(digest, bytes, m.mediaType) });
  }
  return { versions, manifests, generated };
}

/** A hand-made package: `add` a manifest body with tags and a time; returns its digest. */
export class RepoBuilder {
  readonly versions: PackageVersionInfo[] = [];
  readonly manifests: TestRepo['manifests'] = new Map();
  private nextId = 1;

  /** The version id of a digest this builder added (a function of its own, so `const id = b.idOf` works). */
  readonly idOf = (digest: string): number => {
    const version = this.versions.find((v) => v.name === digest);
    if (!version) throw new Error(`no version of digest ${digest} in this package`);
    return version.id;
  };

  add(body: object, opts: { tags?: string[]; createdAt: string; present?: boolean }): string {
    const bytes = Buffer.from(JSON.stringify(body));
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const id = this.nextId++;
    // `{self}` in a tag stands for the manifest's own hex digest (a manifest tagged with its own fallback tag).
    const tags = (opts.tags ?? []).map((t) => t.replace('{self}', digest.slice('sha256:'.length)));
    // The same manifest pushed twice (e.g. two empty indexes) is one version on GitHub, one digest with every tag:
    // a package never lists two versions with the same name.
    const existing = this.versions.find((v) => v.name === digest);
    if (existing && opts.present !== false) {
      for (const t of tags) if (!existing.tags.includes(t)) existing.tags.push(t);
      return digest;
    }
    if (opts.present !== false) {
      this.versions.push({ id, name: digest, tags, createdAt: opts.createdAt, updatedAt: opts.createdAt, state: 'active' });
      this.manifests.set(digest, { ok: true, manifest: parseManifest(digest, bytes, null) });
    }
    return digest;
  }

  platform(seed: string, createdAt: string, present = true): string {
    return this.add(
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: fake(seed), size: 1 },
        layers: [],
      },
      { createdAt, present },
    );
  }

  index(children: Array<{ digest: string; platform?: string; attestationFor?: string }>, tags: string[], createdAt: string): string {
    return this.add(
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: children.map((c) => ({
          mediaType: OCI_MANIFEST,
          digest: c.digest,
          size: 1,
          platform: c.attestationFor ? { os: 'unknown', architecture: 'unknown' } : { os: 'linux', architecture: c.platform ?? 'amd64' },
          ...(c.attestationFor
            ? { annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': c.attestationFor } }
            : {}),
        })),
      },
      { tags, createdAt },
    );
  }

  referrer(subject: string, seed: string, createdAt: string): string {
    return this.add(
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: 'application/example',
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: fake(seed), size: 2 },
        layers: [],
        subject: { mediaType: OCI_INDEX, digest: subject, size: 1 },
      },
      { createdAt },
    );
  }

  cosign(subject: string, seed: string, createdAt: string): string {
    return this.add(
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: fake(seed), size: 3 },
        layers: [],
      },
      { tags: [`${subject.replace(':', '-')}.sig`], createdAt },
    );
  }

  /** An OCI 1.1 artifact manifest (empty config, one layer of `artifactType`), optionally a referrer of `subject`. */
  artifact(
    seed: string,
    createdAt: string,
    opts: { artifactType?: string; subject?: string; subjectType?: string; tags?: string[]; present?: boolean } = {},
  ): string {
    const artifactType = opts.artifactType ?? 'application/vnd.example.sbom+json';
    return this.add(
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType,
        config: EMPTY_CONFIG,
        layers: [{ mediaType: artifactType, digest: fake(seed), size: 42 }],
        ...(opts.subject ? { subject: { mediaType: opts.subjectType ?? OCI_INDEX, digest: opts.subject, size: 1 } } : {}),
      },
      { tags: opts.tags, createdAt: createdAt, present: opts.present },
    );
  }

  /** An OCI 1.1 index artifact: an index with `artifactType` listing `children`, a referrer of `subject` when given. */
  artifactIndex(
    children: string[],
    createdAt: string,
    opts: { artifactType?: string; subject?: string; tags?: string[]; childTypes?: string[] } = {},
  ): string {
    return this.add(
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        artifactType: opts.artifactType ?? 'application/vnd.example.attestations',
        manifests: children.map((digest, i) => ({
          mediaType: opts.childTypes?.[i] ?? OCI_MANIFEST,
          digest,
          size: 1,
          artifactType: 'application/vnd.in-toto+json',
        })),
        ...(opts.subject ? { subject: { mediaType: OCI_INDEX, digest: opts.subject, size: 1 } } : {}),
      },
      { tags: opts.tags, createdAt },
    );
  }

  get lookup(): ManifestLookup {
    return this.manifests;
  }
}

/** The OCI image-spec's empty descriptor (`{}`), the config of artifacts without one. */
const EMPTY_CONFIG = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
};

function fake(seed: string): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}
