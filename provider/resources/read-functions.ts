/**
 * The read functions, one implementation for both doors: the SDK's `getPackage` / `listPackages` /
 * `listPackageVersions` (run in a TypeScript program's process) and the provider plugin's invokes
 * (`github-packages:index:getPackage`, …). Arguments are checked as the resources check them: an
 * InvalidArgumentsError naming each bad property, before any request.
 */
import type { PackagesClient } from '../client/packages-client';
import type {
  GetPackageArgs,
  ListPackagesArgs,
  ListPackageVersionsArgs,
  PackageResult,
  PackageVersionResult,
} from '../contracts/read-function-contract';
import type { Owner, PackageInfo, PackageRef, PackageType, PackageVersionInfo } from '../types';
import type { CheckFailure } from '../validation/check-failure';
import { InvalidArgumentsError } from '../validation/invalid-arguments-error';
import { validateOwner, validatePackageName, validatePackageType } from '../validation/validate-package-inputs';

/** The owner and package type, checked as the resources check them (InvalidArgumentsError before any request). */
function ownerAndType(fn: string, args: ListPackagesArgs): { owner: Owner; packageType: PackageType } {
  const failures: CheckFailure[] = [];
  const owner = validateOwner(args as unknown as Record<string, unknown>, failures);
  const packageType = validatePackageType(args.packageType, failures);
  if (!owner || !packageType) throw new InvalidArgumentsError(fn, failures);
  return { owner, packageType };
}

function packageRef(fn: string, args: GetPackageArgs): PackageRef {
  const failures: CheckFailure[] = [];
  const owner = validateOwner(args as unknown as Record<string, unknown>, failures);
  const packageType = validatePackageType(args.packageType, failures);
  const name = validatePackageName(args.packageName, packageType, failures);
  if (!owner || !packageType || name === undefined) throw new InvalidArgumentsError(fn, failures);
  return { owner, packageType, name };
}

/** One package (404 → NotFoundOrNoAccessError, saying which scopes matter). */
export async function getPackageWith(client: PackagesClient, args: GetPackageArgs): Promise<PackageResult> {
  return packageResult(await client.getPackage(packageRef('getPackage', args)));
}

/** Every package of a type that the owner has and the token may see. */
export async function listPackagesWith(client: PackagesClient, args: ListPackagesArgs): Promise<readonly PackageResult[]> {
  const { owner, packageType } = ownerAndType('listPackages', args);
  return (await client.listPackages(owner, packageType)).map(packageResult);
}

/** Every version of a package, newest first: `active` (default) or `deleted`. */
export async function listPackageVersionsWith(client: PackagesClient, args: ListPackageVersionsArgs): Promise<readonly PackageVersionResult[]> {
  const ref = packageRef('listPackageVersions', args);
  return (await client.listVersions(ref, { state: args.state ?? 'active' })).map(packageVersionResult);
}

export function packageResult(info: PackageInfo): PackageResult {
  return {
    packageId: info.id,
    packageName: info.name,
    packageType: info.packageType,
    visibility: info.visibility,
    versionCount: info.versionCount,
    ownerLogin: info.ownerLogin,
    ...(info.repository !== undefined ? { repository: info.repository } : {}),
    ...(info.htmlUrl !== undefined ? { htmlUrl: info.htmlUrl } : {}),
    ...(info.createdAt !== undefined ? { createdAt: info.createdAt } : {}),
    ...(info.updatedAt !== undefined ? { updatedAt: info.updatedAt } : {}),
  };
}

export function packageVersionResult(version: PackageVersionInfo): PackageVersionResult {
  return {
    versionId: version.id,
    versionName: version.name,
    tags: [...version.tags],
    createdAt: version.createdAt,
    updatedAt: version.updatedAt,
    ...(version.deletedAt !== undefined ? { deletedAt: version.deletedAt } : {}),
    ...(version.htmlUrl !== undefined ? { htmlUrl: version.htmlUrl } : {}),
    currentState: version.state,
  };
}
