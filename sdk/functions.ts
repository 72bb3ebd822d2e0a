/**
 * Read-only look-ups for use inside programs: the analog of a provider's data sources, which dynamic providers
 * cannot offer as invokes. They run in the program's process with the same client and configuration as the
 * resources (stack config `github-packages:token` / `baseUrl`, else GITHUB_TOKEN / GH_TOKEN) and return plain
 * typed data (promises are valid Pulumi inputs).
 */
import * as pulumi from '@pulumi/pulumi';
import type { PackagesClient } from '../provider/client/packages-client';
import { createProviderContext } from '../provider/resources/provider-context';
import type { Owner, PackageInfo, PackageRef, PackageType, PackageVersionInfo, VersionState } from '../provider/types';
import type { CheckFailure } from '../provider/validation/check-failure';
import { InvalidArgumentsError } from '../provider/validation/invalid-arguments-error';
import { validateOwner, validatePackageName, validatePackageType } from '../provider/validation/validate-package-inputs';

export interface OwnerSelector {
  /** Organization login. Give `org`, `user`, or neither (the token's own account). */
  org?: string;
  user?: string;
}

export interface PackageSelector extends OwnerSelector {
  packageType: PackageType;
  packageName: string;
}

let client: PackagesClient | undefined;

function sharedClient(): PackagesClient {
  // runtime.getConfig reads the stack's config as the engine passed it (secrets decrypted), without logging.
  client ??= createProviderContext({ config: { get: (key) => pulumi.runtime.getConfig(key) } }).client();
  return client;
}

/** The owner and package type, checked as the resources check them (InvalidArgumentsError before any request). */
function ownerAndType(fn: string, args: OwnerSelector & { packageType: PackageType }): { owner: Owner; packageType: PackageType } {
  const failures: CheckFailure[] = [];
  const owner = validateOwner(args as unknown as Record<string, unknown>, failures);
  const packageType = validatePackageType(args.packageType, failures);
  if (!owner || !packageType) throw new InvalidArgumentsError(fn, failures);
  return { owner, packageType };
}

function packageRef(fn: string, args: PackageSelector): PackageRef {
  const failures: CheckFailure[] = [];
  const owner = validateOwner(args as unknown as Record<string, unknown>, failures);
  const packageType = validatePackageType(args.packageType, failures);
  const name = validatePackageName(args.packageName, packageType, failures);
  if (!owner || !packageType || name === undefined) throw new InvalidArgumentsError(fn, failures);
  return { owner, packageType, name };
}

/** One package (404 → NotFoundOrNoAccessError, saying which scopes matter). */
export async function getPackage(args: PackageSelector): Promise<PackageInfo> {
  return sharedClient().getPackage(packageRef('getPackage', args));
}

/** Every package of a type that the owner has and the token may see. */
export async function listPackages(args: OwnerSelector & { packageType: PackageType }): Promise<PackageInfo[]> {
  const { owner, packageType } = ownerAndType('listPackages', args);
  return sharedClient().listPackages(owner, packageType);
}

/**
 * Every version of a package, newest first: `active` (default), or `deleted` (still restorable; listed for
 * your own account and organizations only).
 */
export async function listPackageVersions(args: PackageSelector & { state?: VersionState }): Promise<PackageVersionInfo[]> {
  return sharedClient().listVersions(packageRef('listPackageVersions', args), { state: args.state ?? 'active' });
}
