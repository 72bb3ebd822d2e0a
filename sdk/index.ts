/** pulumi-github-packages: resources for GitHub Packages package versions, packages and retention policies. */
export { Package, PackageArgs } from './package';
export { PackageVersion, PackageVersionArgs } from './package-version';
export { PackageVersionSet, PackageVersionSetArgs } from './package-version-set';
export { PackageVersionRetention, PackageVersionRetentionArgs } from './package-version-retention';
export type { OwnerArgs, PackageArgsBase } from './owner-args';
export { PACKAGE_TYPES } from './public-types';
export type {
  PackageType,
  PackageVisibility,
  PendingChanges,
  PendingDeletions,
  PendingImages,
  PlannedAction,
  RetentionPackageReport,
  RetentionVersionRef,
  ReviewedVersion,
  VersionSetReport,
  VersionState,
} from './public-types';
export type { PackageResult, PackageVersionResult } from './read-results';
export { getPackage, getPackageOutput, listPackages, listPackagesOutput, listPackageVersions, listPackageVersionsOutput } from './functions';
export type {
  GetPackageArgs,
  GetPackageOutputArgs,
  ListPackagesArgs,
  ListPackagesOutputArgs,
  ListPackageVersionsArgs,
  ListPackageVersionsOutputArgs,
  ProviderConfig,
  ReadOptions,
  ReadOutputOptions,
} from './functions';
export { InvalidArgumentsError, type ArgumentFailure } from './invalid-arguments-error';
