/**
 * Realistic multi-arch container repositories for tests and demos: N images, each a tagged index with one
 * manifest per platform (untagged), optional buildx attestation manifests inside the index (platform
 * unknown/unknown, `vnd.docker.reference.type: attestation-manifest`), and optional signatures either as
 * cosign tags (`sha256-<hex>.sig`, tagged manifests) or as OCI 1.1 referrers (untagged, `subject` = the index),
 * optionally also listed in the OCI fallback tag `sha256-<hex>` (an index of referrers).
 * The packages-API versions and the manifests are produced together, so they agree: every manifest is one
 * version named with its digest; the index carries the image's tags, every other manifest is untagged
 * (except cosign and fallback tags). Deterministic: same spec, same bytes, same digests.
 */
import { createHash } from 'crypto';
import type { Fixture, FixturePackage, FixtureVersion } from '../types';
import { resolveFixtureTime } from '../fixture-time';
import { DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_INDEX, OCI_MANIFEST, type ManifestMediaType } from './media-types';
import { sha256Digest } from './registry-store';
import type { FixtureManifest, MultiArchRepositorySpec } from './types';

export type { MultiArchRepositorySpec };

export const DEFAULT_PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/s390x'];

export interface GeneratedImage {
  tags: string[];
  index: string;
  platforms: string[];
  attestations: string[];
  /** Signature manifests (cosign-tag or referrer) and the fallback tag index, if any. */
  referrers: string[];
  createdAt: number;
}

export interface GeneratedRepository {
  package: FixturePackage;
  manifests: FixtureManifest[];
  /** Oldest first. */
  images: GeneratedImage[];
}

const MINUTE = 60_000;

export function generateMultiArchRepository(spec: MultiArchRepositorySpec, nowMs: number): GeneratedRepository {
  const platforms = spec.platforms ?? DEFAULT_PLATFORMS;
  const docker = spec.format === 'docker';
  const attestations = !docker && (spec.attestations ?? true);
  const signatures = spec.signatures ?? 'cosign-tag';
  const newest = resolveFixtureTime(spec.newest ?? 'now-1h', nowMs);
  const interval = (spec.intervalHours ?? 24) * 3_600_000;
  const versions: FixtureVersion[] = [];
  const manifests: FixtureManifest[] = [];
  const images: GeneratedImage[] = [];
  const publish: Publish = (mediaType, body, createdAt, tags = []) => {
    const content = JSON.stringify(body);
    manifests.push({ owner: spec.owner, name: spec.name, mediaType, content });
    const digest = sha256Digest(content);
    versions.push({
      ...(spec.firstId ? { id: spec.firstId + versions.length } : {}),
      name: digest,
      tags,
      createdAt: new Date(createdAt).toISOString(),
    });
    return { digest, size: Buffer.byteLength(content) };
  };

  for (let i = 0; i < spec.images; i++) {
    const t = newest - (spec.images - 1 - i) * interval;
    const seed = `${spec.owner}/${spec.name}#${i}`;
    const manifestType = docker ? DOCKER_MANIFEST : OCI_MANIFEST;
    const children: object[] = [];
    const image: GeneratedImage = { tags: [], index: '', platforms: [], attestations: [], referrers: [], createdAt: t };
    platforms.forEach((platform, p) => {
      const m = publish(manifestType, imageManifest(manifestType, `${seed}/${platform}`), t - (2 * platforms.length - p) * MINUTE);
      image.platforms.push(m.digest);
      children.push({ mediaType: manifestType, digest: m.digest, size: m.size, platform: parsePlatform(platform) });
    });
    if (attestations) {
      image.platforms.forEach((subject, p) => {
        const a = publish(OCI_MANIFEST, attestationManifest(`${seed}/${platforms[p]}`), t - (platforms.length - p) * MINUTE);
        image.attestations.push(a.digest);
        children.push({
          mediaType: OCI_MANIFEST,
          digest: a.digest,
          size: a.size,
          annotations: { 'vnd.docker.reference.digest': subject, 'vnd.docker.reference.type': 'attestation-manifest' },
          platform: { architecture: 'unknown', os: 'unknown' },
        });
      });
    }
    image.tags = [`${spec.tagPrefix ?? '1.0.'}${i}`, ...(i === spec.images - 1 && spec.latest !== false ? ['latest'] : [])];
    const indexType = docker ? DOCKER_MANIFEST_LIST : OCI_INDEX;
    const index = publish(indexType, { schemaVersion: 2, mediaType: indexType, manifests: children }, t, image.tags);
    image.index = index.digest;
    const hex = index.digest.slice('sha256:'.length);
    if (signatures === 'cosign-tag') {
      image.referrers.push(publish(OCI_MANIFEST, cosignSignature(seed), t + MINUTE, [`sha256-${hex}.sig`]).digest);
    } else if (signatures === 'referrer') {
      const subject = { mediaType: indexType, digest: index.digest, size: index.size };
      const artifactType = 'application/vnd.dev.cosign.artifact.sig.v1+json';
      const sig = publish(OCI_MANIFEST, { ...cosignSignature(seed), artifactType, subject }, t + MINUTE);
      image.referrers.push(sig.digest);
      if (spec.fallbackTags) {
        const fallback = {
          schemaVersion: 2,
          mediaType: OCI_INDEX,
          manifests: [{ mediaType: OCI_MANIFEST, digest: sig.digest, size: sig.size, artifactType }],
        };
        image.referrers.push(publish(OCI_INDEX, fallback, t + 2 * MINUTE, [`sha256-${hex}`]).digest);
      }
    }
    if (spec.attestationIndex && !docker)
      image.referrers.push(
        ...publishAttestationIndex(publish, seed, platforms, { mediaType: indexType, digest: index.digest, size: index.size }, t + 3 * MINUTE),
      );
    images.push(image);
  }
  return {
    package: { owner: spec.owner, packageType: 'container', name: spec.name, visibility: spec.visibility ?? 'private', versions },
    manifests,
    images,
  };
}

type Publish = (mediaType: ManifestMediaType, body: object, createdAt: number, tags?: string[]) => { digest: string; size: number };

/** The attestation index, its entries and its signature; returns their digests, the index first. */
function publishAttestationIndex(
  publish: Publish,
  seed: string,
  platforms: readonly string[],
  subject: { mediaType: string; digest: string; size: number },
  t: number,
): string[] {
  const inToto = 'application/vnd.in-toto+json';
  const entries = platforms.map((platform) => {
    const body = {
      ...attestationManifest(`${seed}/${platform}/bundle`),
      artifactType: inToto,
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: EMPTY_DIGEST, size: 2 },
    };
    return { ...publish(OCI_MANIFEST, body, t), platform };
  });
  const index = publish(
    OCI_INDEX,
    {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      artifactType: 'application/vnd.example.attestation-index.v1+json',
      manifests: entries.map((e) => ({
        mediaType: OCI_MANIFEST,
        digest: e.digest,
        size: e.size,
        artifactType: inToto,
        annotations: { 'org.opencontainers.image.title': `provenance ${e.platform}` },
      })),
      subject,
    },
    t,
  );
  const bundle = publish(
    OCI_MANIFEST,
    {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: EMPTY_DIGEST, size: 2 },
      layers: [{ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', digest: fakeDigest(`${seed}/bundle`), size: 4210 }],
      subject: { mediaType: OCI_INDEX, digest: index.digest, size: index.size },
    },
    t + MINUTE,
  );
  return [index.digest, ...entries.map((e) => e.digest), bundle.digest];
}

/** The OCI image-spec's empty descriptor digest (of `{}`), the config of artifacts that have none. */
const EMPTY_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';

/** A copy of `fixture` with the repository's package and manifests added. */
export function withRepository(fixture: Fixture, repo: GeneratedRepository): Fixture {
  return {
    ...fixture,
    packages: [...(fixture.packages ?? []), repo.package],
    registry: { ...fixture.registry, manifests: [...(fixture.registry?.manifests ?? []), ...repo.manifests] },
  };
}

function fakeDigest(seed: string): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}

function parsePlatform(platform: string): { os: string; architecture: string; variant?: string } {
  const [os, architecture, variant] = platform.split('/');
  return variant ? { architecture, os, variant } : { architecture, os };
}

function imageManifest(mediaType: ManifestMediaType, seed: string): object {
  const docker = mediaType === DOCKER_MANIFEST;
  return {
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: docker ? 'application/vnd.docker.container.image.v1+json' : 'application/vnd.oci.image.config.v1+json',
      digest: fakeDigest(`${seed}/config`),
      size: 1469,
    },
    layers: [0, 1].map((l) => ({
      mediaType: docker ? 'application/vnd.docker.image.rootfs.diff.tar.gzip' : 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: fakeDigest(`${seed}/layer${l}`),
      size: 3_000_000 + l * 1234,
    })),
  };
}

function attestationManifest(seed: string): object {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: fakeDigest(`${seed}/att-config`), size: 167 },
    layers: [
      {
        mediaType: 'application/vnd.in-toto+json',
        digest: fakeDigest(`${seed}/provenance`),
        size: 1520,
        annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
      },
    ],
  };
}

function cosignSignature(seed: string): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: fakeDigest(`${seed}/sig-config`), size: 233 },
    layers: [
      {
        mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
        digest: fakeDigest(`${seed}/sig`),
        size: 250,
        annotations: { 'dev.cosignproject.cosign/signature': Buffer.from(fakeDigest(`${seed}/sigvalue`)).toString('base64') },
      },
    ],
  };
}

/** The fixture with its `registry.generated` repositories expanded (called at every load and reset). */
export function expandGeneratedRepositories(fixture: Fixture, nowMs: number): Fixture {
  let out: Fixture = fixture;
  for (const spec of fixture.registry?.generated ?? []) out = withRepository(out, generateMultiArchRepository(spec, nowMs));
  return out;
}
