/** pulumi-github-packages: resources for GitHub Packages package versions, packages and retention policies. */
export { Package, PackageArgs } from './package';
export { PackageVersion, PackageVersionArgs } from './package-version';
export { PackageVersionSet, PackageVersionSetArgs } from './package-version-set';
export { PackageVersionRetention, PackageVersionRetentionArgs } from './package-version-retention';
export type { OwnerArgs, PackageArgsBase } from './owner-args';
export type {
  RetentionPackageReport,
  RetentionVersionRef,
  ReviewedVersion,
  PendingDeletions,
  PendingImages,
  PendingChanges,
  VersionSetReport,
} from '../provider/contracts';
export type { PackageType, VersionState } from '../provider/types';
export { PACKAGE_TYPES } from '../provider/types';
export type { PackageResult, PackageVersionResult, PackageVisibility } from './read-results';
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
export { InvalidArgumentsError } from '../provider/validation/invalid-arguments-error';
