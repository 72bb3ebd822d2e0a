/**
 * GitHub's JSON (typed by @octokit/openapi-types) → the provider's domain types. Nothing outside
 * `provider/client/` sees the wire shapes.
 */
import type { components } from '@octokit/openapi-types';
import { describeValue } from '../describe-value';
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

/** What is wrong with a version object from the wire (naming the field), or undefined when it has the shape we read. */
export function wireVersionProblem(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return 'an entry is not an object';
  const o = v as Record<string, unknown>;
  if (!Number.isSafeInteger(o.id) || (o.id as number) <= 0) return `an entry's id is ${describeField(o.id)}, not a positive whole number`;
  const at = `version ${o.id as number}`;
  for (const field of ['name', 'created_at', 'updated_at']) {
    if (typeof o[field] !== 'string') return `${at}: ${field} is ${describeField(o[field])}, not a string`;
  }
  for (const field of ['deleted_at', 'html_url', 'url']) {
    if (o[field] !== undefined && o[field] !== null && typeof o[field] !== 'string')
      return `${at}: ${field} is ${describeField(o[field])}, not a string`;
  }
  const metadata = o.metadata as Record<string, Record<string, unknown> | undefined> | undefined | null;
  if (metadata === undefined || metadata === null) return undefined;
  if (typeof metadata !== 'object') return `${at}: metadata is ${describeField(metadata)}, not an object`;
  const tagLists: [string, unknown][] = [
    ['metadata.container.tags', metadata.container?.tags],
    ['metadata.docker.tag', metadata.docker?.tag],
  ];
  for (const [field, value] of tagLists) {
    if (value === undefined || value === null || (field === 'metadata.docker.tag' && typeof value === 'string')) continue;
    if (!Array.isArray(value)) return `${at}: ${field} is ${describeField(value)}, not a list of strings`;
    const bad = value.findIndex((t) => typeof t !== 'string');
    if (bad >= 0) return `${at}: ${field}[${bad}] is ${describeField(value[bad])}, not a string`;
  }
  return undefined;
}

/** What is wrong with a package object from the wire (naming the field), or undefined. */
export function wirePackageProblem(p: unknown): string | undefined {
  if (typeof p !== 'object' || p === null) return 'an entry is not an object';
  const o = p as Record<string, unknown>;
  if (!Number.isSafeInteger(o.id) || (o.id as number) <= 0) return `an entry's id is ${describeField(o.id)}, not a positive whole number`;
  for (const field of ['name', 'package_type', 'visibility']) {
    if (typeof o[field] !== 'string') return `package ${o.id as number}: ${field} is ${describeField(o[field])}, not a string`;
  }
  return undefined;
}

/** How a wrong value from GitHub reads in a message (provider/describe-value.ts); a field it left out reads "missing". */
function describeField(value: unknown): string {
  return describeValue(value, 'missing');
}

/** No tags: one shared, frozen empty list for the lean records of a listing (100,000 untagged versions, one list). */
const NO_TAGS: string[] = Object.freeze([]) as unknown as string[];

/**
 * A version's state: `deleted` when GitHub shows `deleted_at`, or when it came from a `state=deleted` listing
 * (`listedAs`), else `active`. `lean`: only what planning reads (no `htmlUrl`), untagged versions sharing one empty
 * tag list, and `updatedAt` the same string as `createdAt` when GitHub sends the same time (a policy holds every
 * listed version while it plans: at 100,000 versions each of these is megabytes).
 */
export function toVersionInfo(v: WirePackageVersion, listedAs?: VersionState, lean = false): PackageVersionInfo {
  const deleted = listedAs === 'deleted' || (v.deleted_at !== undefined && v.deleted_at !== null);
  const tags = versionTags(v);
  const info: PackageVersionInfo = {
    id: v.id,
    name: v.name,
    tags: lean && tags.length === 0 ? NO_TAGS : tags,
    createdAt: v.created_at,
    updatedAt: lean && v.updated_at === v.created_at ? v.created_at : v.updated_at,
    state: deleted ? 'deleted' : 'active',
  };
  if (v.deleted_at) info.deletedAt = v.deleted_at;
  if (v.html_url && !lean) info.htmlUrl = v.html_url;
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
