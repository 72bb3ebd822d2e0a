/**
 * Step 1 of the order of evaluation: versions set aside for good. They are never deleted. Protected ids, names
 * and tags take no slot in keep counts; the newest version fills one (see `newestVersionIds` and the planner).
 */
import { TAGGED_TYPES, type PackageVersionInfo } from '../types';
import { matchesAnyInclude } from './patterns';
import type { KeepReason } from './plan-types';
import type { ResolvedRetentionOptions } from './retention-options';
import { newestFirst, versionTime } from './version-order';

export interface Protection {
  reason: KeepReason;
  text: string;
}

type ProtectionOptions = Pick<
  ResolvedRetentionOptions,
  'packageType' | 'protectIds' | 'protectNames' | 'protectTags' | 'keepNewestVersion' | 'timeBasis' | 'untaggedContainers'
>;

/** Returns the protection of each protected version, by id. `versions` are the package's active versions. */
export function findProtected(versions: readonly PackageVersionInfo[], options: ProtectionOptions): Map<number, Protection> {
  const result = new Map<number, Protection>();
  const newest = newestVersionIds(versions, options);
  const tagged = TAGGED_TYPES.includes(options.packageType);
  for (const version of versions) {
    const protection = protectionOf(version, options, newest, tagged);
    if (protection) result.set(version.id, protection);
  }
  return result;
}

function protectionOf(version: PackageVersionInfo, options: ProtectionOptions, newest: Set<number>, tagged: boolean): Protection | undefined {
  if (options.protectIds.has(version.id)) return { reason: 'protected-id', text: `protected: id ${version.id} is in protectIds` };
  const name = matchesAnyInclude(options.protectNames, version.name);
  if (name) return { reason: 'protected-name', text: `protected: name matches protectNames "${name.source}"` };
  for (const tag of [...version.tags].sort()) {
    const pattern = matchesAnyInclude(options.protectTags, tag);
    if (pattern) return { reason: 'protected-tag', text: `protected: tag "${tag}" matches protectTags "${pattern.source}"` };
  }
  if (newest.has(version.id)) {
    return {
      reason: 'newest-version',
      text: tagged
        ? 'protected: newest tagged version of the package (keepNewestVersion)'
        : 'protected: newest version of the package (keepNewestVersion)',
    };
  }
  if (tagged && version.tags.length === 0 && options.untaggedContainers === 'protect') {
    return {
      reason: 'untagged-container-protected',
      text: 'protected: untagged, may be a platform manifest, signature or attestation of a tagged image (untaggedContainers: protect)',
    };
  }
  return undefined;
}

/**
 * The versions `keepNewestVersion` protects (none when it is off): the newest version (containers: the newest
 * tagged one) by `timeBasis`; with basis `updated` the most recently *published* (created) version too, since
 * "newest version" means that to most users. Each fills one slot of its group's keep count when the selection
 * matches it, so "keep 10" keeps 10 as in other clean-up tools.
 */
export function newestVersionIds(
  versions: readonly PackageVersionInfo[],
  options: Pick<ProtectionOptions, 'packageType' | 'keepNewestVersion' | 'timeBasis'>,
): Set<number> {
  if (!options.keepNewestVersion) return new Set<number>();
  const pool = TAGGED_TYPES.includes(options.packageType) ? versions.filter((v) => v.tags.length > 0) : versions;
  const ids = new Set<number>();
  const bases = options.timeBasis === 'updated' ? (['updated', 'created'] as const) : (['created'] as const);
  for (const basis of bases) {
    const newest = pool.map((v) => ({ id: v.id, time: versionTime(v, basis) })).sort(newestFirst)[0];
    if (newest) ids.add(newest.id);
  }
  return ids;
}
