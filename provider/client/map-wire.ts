/**
 * GitHub's JSON (typed by @octokit/openapi-types) → the provider's domain types. Nothing outside
 * `provider/client/` sees the wire shapes.
 */
import type { components } from '@octokit/openapi-types';
import { isPackageType, type PackageInfo, type PackageVersionInfo, type VersionState, type Visibility } from '../types';

export type WirePackage = components['schemas']['package'];
export type WirePackageVersion = components['schemas']['package-version'];

/** Tags: `metadata.container.tags` (container) or `metadata.docker.tag` (docker, an array despite its name). */
export function versionTags(v: WirePackageVersion): string[] {
  const container = v.metadata?.container?.tags;
  if (Array.isArray(container)) return [...container];
  const docker = v.metadata?.docker?.tag as unknown;
  if (Array.isArray(docker)) return docker.filter((t): t is string => typeof t === 'string');
  if (typeof docker === 'string' && docker.length > 0) return [docker];
  return [];
}

/**
 * A version's state: `deleted` when GitHub shows `deleted_at`, or when it came from a `state=deleted` listing
 * (`listedAs`), else `active`.
 */
export function toVersionInfo(v: WirePackageVersion, listedAs?: VersionState): PackageVersionInfo {
  const deleted = listedAs === 'deleted' || (v.deleted_at !== undefined && v.deleted_at !== null);
  const info: PackageVersionInfo = {
    id: v.id,
    name: v.name,
    tags: versionTags(v),
    createdAt: v.created_at,
    updatedAt: v.updated_at,
    state: deleted ? 'deleted' : 'active',
  };
  if (v.deleted_at) info.deletedAt = v.deleted_at;
  if (v.html_url) info.htmlUrl = v.html_url;
  return info;
}

function toVisibility(value: string): Visibility {
  return value === 'public' || value === 'internal' ? value : 'private';
}

export function toPackageInfo(p: WirePackage): PackageInfo {
  if (!isPackageType(p.package_type)) {
    throw new TypeError(`GitHub returned package ${p.id} with unknown package_type "${String(p.package_type)}"`);
  }
  const info: PackageInfo = {
    id: p.id,
    name: p.name,
    packageType: p.package_type,
    visibility: toVisibility(p.visibility),
    versionCount: p.version_count,
    ownerLogin: p.owner?.login ?? '',
  };
  if (p.repository?.full_name) info.repository = p.repository.full_name;
  if (p.html_url) info.htmlUrl = p.html_url;
  if (p.created_at) info.createdAt = p.created_at;
  if (p.updated_at) info.updatedAt = p.updated_at;
  return info;
}
