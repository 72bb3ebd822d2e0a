/** pulumi-github-packages: resources for GitHub Packages package versions, packages and retention policies. */
export { Package, PackageArgs } from './package';
export { PackageVersion, PackageVersionArgs } from './package-version';
export { PackageVersionSet, PackageVersionSetArgs, VersionSetReport } from './package-version-set';
export { PackageVersionRetention, PackageVersionRetentionArgs, RetentionPackageReport } from './package-version-retention';
export type { OwnerArgs, PackageArgsBase } from './owner-args';
export type { PackageType, PackageVersionInfo, PackageInfo, VersionState } from '../provider/types';
export { PACKAGE_TYPES } from '../provider/types';
export { getPackage, listPackages, listPackageVersions, OwnerSelector, PackageSelector } from './functions';
export { InvalidArgumentsError } from '../provider/validation/invalid-arguments-error';
