/**
 * Expands a `generated` fixture entry into a package of many versions (50,000 in well under a second),
 * deterministically from its seed, so large-package tests need no big file in the repo.
 */
import type { FixturePackage, FixtureVersion, GeneratedPackageSpec } from './types';
import { resolveFixtureTime } from './fixture-time';

/** mulberry32: a small, fast, seeded PRNG (same seed, same sequence). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digestBytes = Buffer.alloc(32);

function randomDigest(random: () => number): string {
  for (let i = 0; i < 8; i++) digestBytes.writeUInt32BE(Math.floor(random() * 0x100000000), i * 4);
  return `sha256:${digestBytes.toString('hex')}`;
}

const PRERELEASES = ['alpha', 'beta', 'rc'];

export function generatePackage(spec: GeneratedPackageSpec, nowMs: number): FixturePackage {
  const random = seededRandom(spec.seed);
  const newest = resolveFixtureTime(spec.newest ?? 'now-1h', nowMs);
  const intervalMs = (spec.intervalMinutes ?? 60) * 60_000;
  const taggedEvery = Math.max(1, spec.taggedEvery ?? 10);
  const deletedFraction = spec.deletedFraction ?? 0;
  const tagged = spec.packageType === 'container' || spec.packageType === 'docker';
  const versions = new Array<FixtureVersion>(spec.count);
  // i = 0 is the oldest version; the newest (i = count - 1) is tagged `latest` for tagged types.
  for (let i = 0; i < spec.count; i++) {
    // Epoch-ms times: no string formatting for 50,000 versions.
    const createdAt = newest - (spec.count - 1 - i) * intervalMs;
    const isMarked = i % taggedEvery === 0 || i === spec.count - 1;
    let name: string;
    const tags: string[] = [];
    if (tagged) {
      name = randomDigest(random);
      if (isMarked) tags.push(`build-${i}`);
      if (i === spec.count - 1) tags.push('latest');
    } else {
      const base = `${Math.floor(i / 10000)}.${Math.floor(i / 100) % 100}.${i % 100}`;
      name = isMarked ? base : `${base}-${PRERELEASES[Math.floor(random() * 3)]}.${i}`;
    }
    const deleted = i !== spec.count - 1 && random() < deletedFraction;
    versions[i] = {
      name,
      tags,
      createdAt,
      updatedAt: createdAt,
      ...(deleted ? { deletedAt: nowMs - 86_400_000 } : {}),
      downloads: Math.floor(random() * 100),
    };
  }
  return {
    owner: spec.owner,
    packageType: spec.packageType,
    name: spec.name,
    visibility: spec.visibility ?? 'private',
    repository: spec.repository,
    createdAt: versions[0]?.createdAt,
    versions,
  };
}
