/**
 * The read functions (`getPackage`, `listPackages`, `listPackageVersions`): what each takes and returns, in the
 * vocabulary of the resources (`packageId`, `packageName`, `versionId`, `versionName`, `currentState`), mapped from
 * the provider's internal types so that the internals may change without changing the API. The SDK's functions and
 * the provider plugin's invokes both take and return exactly these.
 */
import type { PackageType, VersionState, Visibility } from '../types';
import type { AssertNever } from './contract-types';

/** Arguments of `getPackage`: one package of an owner. */
export interface GetPackageArgs {
  /** Organization login. Give `org`, `user`, or neither (the token's own account). */
  readonly org?: string;
  /** User login (another user's packages; deleted versions are not listed there). */
  readonly user?: string;
  /** `npm`, `maven`, `rubygems`, `docker`, `nuget` or `container`. */
  readonly packageType: PackageType;
  /** The package name as GitHub shows it. */
  readonly packageName: string;
}

/** Arguments of `listPackages`: every package of a type that an owner has. */
export interface ListPackagesArgs {
  /** Organization login. Give `org`, `user`, or neither (the token's own account). */
  readonly org?: string;
  /** User login. */
  readonly user?: string;
  /** `npm`, `maven`, `rubygems`, `docker`, `nuget` or `container`. */
  readonly packageType: PackageType;
}

/** Arguments of `listPackageVersions`: the versions of one package. */
export interface ListPackageVersionsArgs extends GetPackageArgs {
  /** `active` (default), or `deleted` (still restorable; listed for your own account and organizations only). */
  readonly state?: VersionState;
}

/** Who may see a package: `public`, `private` or `internal` (GitHub Enterprise). */
export type PackageVisibility = 'public' | 'private' | 'internal';

/** The compiler refuses a public union that drifts from the provider's. */
export type PackageVisibilityMatches = [AssertNever<Exclude<PackageVisibility, Visibility>>, AssertNever<Exclude<Visibility, PackageVisibility>>];

/** One package, as `getPackage` and `listPackages` return it. */
export interface PackageResult {
  /** GitHub's numeric id of the package (the `Package` resource's `packageId`). */
  readonly packageId: number;
  /** The package name as GitHub shows it (maven: `group:artifact`; container names may contain `/`). */
  readonly packageName: string;
  readonly packageType: PackageType;
  readonly visibility: PackageVisibility;
  /** Active versions, as GitHub counts them. */
  readonly versionCount: number;
  /** The login of the user or organization that owns the package. */
  readonly ownerLogin: string;
  /** The repository the package is linked to (`owner/name`), if any. */
  readonly repository?: string;
  /** The package's page on GitHub. */
  readonly htmlUrl?: string;
  /** When the package was created (ISO 8601, as GitHub sent it). */
  readonly createdAt?: string;
  /** When the package was last updated (ISO 8601). */
  readonly updatedAt?: string;
}

/** One package version, as `listPackageVersions` returns it (the same names as the `PackageVersion` outputs). */
export interface PackageVersionResult {
  /** GitHub's numeric id of the version. */
  readonly versionId: number;
  /** The version name (npm `1.2.3`; for containers the manifest digest `sha256:…`). */
  readonly versionName: string;
  /** Tags (container and docker); empty for other types and for untagged versions. */
  readonly tags: readonly string[];
  /** When the version was published (ISO 8601, as GitHub sent it). */
  readonly createdAt: string;
  /** When the version was last updated (ISO 8601). */
  readonly updatedAt: string;
  /** When the version was deleted (ISO 8601); restorable for 30 days after. Only for deleted versions. */
  readonly deletedAt?: string;
  /** The version's page on GitHub. */
  readonly htmlUrl?: string;
  /** `active` or `deleted`. */
  readonly currentState: VersionState;
}
