/**
 * What the read functions return: readonly public types in the vocabulary of the resources (`packageId`,
 * `packageName`, `versionId`, `versionName`, `currentState`). The one implementation of the read functions
 * (`provider/resources/read-functions.ts`, shared with the provider plugin) maps the provider's internal types to
 * its contract (`provider/contracts/read-function-contract.ts`); these are the same types in the SDK's own
 * declarations, and `contract-conformance.ts` makes the compiler refuse any drift between the two.
 */
import type { PackageType, PackageVisibility, VersionState } from './public-types';

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
