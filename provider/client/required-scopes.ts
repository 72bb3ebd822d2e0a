import { REPO_SCOPED_TYPES, type PackageAction, type PackageType } from '../types';

export type { PackageAction };
export const PACKAGE_ACTIONS: readonly PackageAction[] = ['read', 'delete', 'restore'];

/**
 * Package types whose packages inherit their repository's permissions, so a classic token also needs `repo`.
 *
 * Source: "About permissions for GitHub Packages"
 * https://docs.github.com/en/packages/learn-github-packages/about-permissions-for-github-packages
 * The project's list (`REPO_SCOPED_TYPES`: npm, maven, rubygems, nuget) plus `docker`: every version of that
 * page that lists the legacy Docker registry (docker.pkg.github.com) lists it under "only support
 * repository-scoped permissions". `container` never needs `repo`: the Container registry has granular
 * permissions of its own. (github.com's current page has since moved npm, NuGet and RubyGems to granular
 * permissions; GitHub Enterprise Server 3.x still lists them as repository-scoped, so asking for `repo` is the
 * answer that works on both.)
 */
export const REPO_SCOPE_TYPES: readonly PackageType[] = [...REPO_SCOPED_TYPES, 'docker'];

/**
 * Classic-token scopes per action, from the REST reference of each endpoint
 * (https://docs.github.com/en/rest/packages/packages): list/get need `read:packages`; delete needs
 * `read:packages` and `delete:packages` (delete does not imply read); restore needs `read:packages` and
 * `write:packages` (write implies read, see `IMPLIED_SCOPES`).
 */
const PACKAGE_SCOPES: Record<PackageAction, readonly string[]> = {
  read: ['read:packages'],
  delete: ['read:packages', 'delete:packages'],
  restore: ['read:packages', 'write:packages'],
};

/**
 * Scopes a granted scope implies. https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps
 * "write:packages ... grants read:packages". `delete:packages` implies nothing; `repo` is only satisfied by `repo`.
 */
const IMPLIED_SCOPES: Record<string, readonly string[]> = {
  'write:packages': ['read:packages'],
};

/** The scopes a classic token needs for `action` on a package of `type`, without duplicates. */
export function requiredScopes(type: PackageType, action: PackageAction): string[] {
  const scopes = [...PACKAGE_SCOPES[action]];
  if (REPO_SCOPE_TYPES.includes(type)) scopes.push('repo');
  return scopes;
}

/** `have` plus everything it implies. */
export function effectiveScopes(have: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const scope of have) {
    out.add(scope);
    for (const implied of IMPLIED_SCOPES[scope] ?? []) out.add(implied);
  }
  return out;
}

/**
 * The scopes missing from `have` for `action` on `type`, in `requiredScopes` order; empty when nothing is missing.
 * A scope implied by one the token has (read:packages by write:packages) is not missing.
 */
export function missingScopes(have: readonly string[], type: PackageType, action: PackageAction): string[] {
  const effective = effectiveScopes(have);
  return requiredScopes(type, action).filter((scope) => !effective.has(scope));
}

/** Parses an `X-OAuth-Scopes` header value ("repo, read:packages"); `null` when the header is absent. */
export function parseScopesHeader(value: string | null | undefined): string[] | null {
  if (value === undefined || value === null) return null;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
