/**
 * Domain types shared by the client, the planner and the resources. Wire shapes (GitHub's JSON) are mapped
 * into these by the client; nothing outside `provider/client/` sees GitHub's raw objects.
 */

/** Every package type the GitHub Packages REST API knows. */
export const PACKAGE_TYPES = ['npm', 'maven', 'rubygems', 'docker', 'nuget', 'container'] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

export function isPackageType(value: unknown): value is PackageType {
  return typeof value === 'string' && (PACKAGE_TYPES as readonly string[]).includes(value);
}

/**
 * Types whose packages inherit their repository's permissions, so classic tokens also need `repo`.
 * https://docs.github.com/en/packages/learn-github-packages/about-permissions-for-github-packages
 */
export const REPO_SCOPED_TYPES: readonly PackageType[] = ['npm', 'maven', 'rubygems', 'nuget'];

/** Types whose versions carry tags (container: `metadata.container.tags`, docker: `metadata.docker.tag`). */
export const TAGGED_TYPES: readonly PackageType[] = ['container', 'docker'];

/** Who owns the packages: the token's own user (`/user`), a named user (`/users/{u}`), or an org (`/orgs/{o}`). */
export type Owner = { kind: 'authenticated' } | { kind: 'user'; login: string } | { kind: 'org'; login: string };

/** What the provider does with a package or version; each needs its own classic-token scopes. */
export type PackageAction = 'read' | 'delete' | 'restore';

export type VersionState = 'active' | 'deleted';

/** One package version as the provider sees it. Times are ISO-8601 strings exactly as GitHub sent them. */
export interface PackageVersionInfo {
  id: number;
  /** Version name; for containers the manifest digest `sha256:…`. */
  name: string;
  /** Tags (container/docker); empty for other types and for untagged versions. */
  tags: string[];
  createdAt: string;
  updatedAt: string;
  deletedAt?: string;
  htmlUrl?: string;
  state: VersionState;
}

export type Visibility = 'public' | 'private' | 'internal';

/** One package as the provider sees it. */
export interface PackageInfo {
  id: number;
  name: string;
  packageType: PackageType;
  visibility: Visibility;
  versionCount: number;
  ownerLogin: string;
  repository?: string;
  htmlUrl?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** Identifies one package. */
export interface PackageRef {
  owner: Owner;
  packageType: PackageType;
  name: string;
}
