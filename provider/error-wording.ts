/**
 * The words the provider's error messages share: how an owner, a package or version, a list of scopes and a
 * wait are named, and the GitHub documentation pages the messages point to.
 */
import type { Owner, PackageType } from './types';

export const DELETE_RESTORE_DOCS = 'https://docs.github.com/en/packages/learn-github-packages/deleting-and-restoring-a-package';
export const PERMISSIONS_DOCS = 'https://docs.github.com/en/packages/learn-github-packages/about-permissions-for-github-packages';
export const TOKEN_SETTINGS_URL = 'https://github.com/settings/tokens';
export const RATE_LIMIT_DOCS = 'https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/** What a message names, when known: the owner, the package and the version. */
export interface TargetWords {
  owner?: Owner;
  packageType?: PackageType;
  packageName?: string;
  versionId?: number;
}

export function describeOwner(owner: Owner): string {
  switch (owner.kind) {
    case 'authenticated':
      return 'the authenticated user';
    case 'user':
      return `user ${owner.login}`;
    case 'org':
      return `organization ${owner.login}`;
  }
}

/** "version 42 of container package "a/b" (organization acme)". */
export function describeTarget(ctx: TargetWords): string {
  const pkg =
    ctx.packageName !== undefined
      ? `${ctx.packageType ?? ''} package "${ctx.packageName}"`.trim()
      : ctx.packageType !== undefined
        ? `${ctx.packageType} packages`
        : 'packages';
  const owner = ctx.owner ? ` of ${describeOwner(ctx.owner)}` : '';
  const version = ctx.versionId !== undefined ? `version ${ctx.versionId} of ` : '';
  return `${version}${pkg}${owner}`;
}

/** `'read:packages', 'repo'`. */
export function scopeList(scopes: readonly string[]): string {
  return scopes.map((s) => `'${s}'`).join(', ');
}

/** "90 s", "12 minutes", "3 hours", "more than a year" (also for an absurd or infinite wait). */
export function describeWait(ms: number): string {
  if (!Number.isFinite(ms) || ms > 365 * 24 * 3600_000) return 'more than a year';
  if (ms < 120_000) return `${Math.ceil(ms / 1000)} s`;
  if (ms < 2 * 3600_000) return `${Math.ceil(ms / 60_000)} minutes`;
  if (ms < 2 * 24 * 3600_000) return `${Math.ceil(ms / 3600_000)} hours`;
  return `${Math.ceil(ms / (24 * 3600_000))} days`;
}

export function capitalize(s: string): string {
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}
