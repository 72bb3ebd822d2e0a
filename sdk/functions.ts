/**
 * Read-only look-ups for use inside programs: the analog of a provider's data sources, which dynamic providers
 * cannot offer as invokes. They run in the program's process with the same client and configuration as the
 * resources (stack config `github-packages:token` / `baseUrl`, else GITHUB_TOKEN / GH_TOKEN) and return plain
 * typed data (promises are valid Pulumi inputs).
 */
import * as pulumi from '@pulumi/pulumi';
import type { PackagesClient } from '../provider/client/packages-client';
import { createProviderContext } from '../provider/resources/provider-context';
import type { Owner, PackageInfo, PackageType, PackageVersionInfo, VersionState } from '../provider/types';

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

function ownerOf(selector: OwnerSelector): Owner {
  if (selector.org !== undefined && selector.user !== undefined) throw new Error('give `org` or `user`, not both');
  if (selector.org !== undefined) return { kind: 'org', login: selector.org };
  if (selector.user !== undefined) return { kind: 'user', login: selector.user };
  return { kind: 'authenticated' };
}

/** One package (404 → NotFoundOrNoAccessError, saying which scopes matter). */
export function getPackage(args: PackageSelector): Promise<PackageInfo> {
  return sharedClient().getPackage({ owner: ownerOf(args), packageType: args.packageType, name: args.packageName });
}

/** Every package of a type that the owner has and the token may see. */
export function listPackages(args: OwnerSelector & { packageType: PackageType }): Promise<PackageInfo[]> {
  return sharedClient().listPackages(ownerOf(args), args.packageType);
}

/**
 * Every version of a package, newest first: `active` (default), or `deleted` (still restorable; listed for
 * your own account and organizations only).
 */
export function listPackageVersions(args: PackageSelector & { state?: VersionState }): Promise<PackageVersionInfo[]> {
  return sharedClient().listVersions(
    { owner: ownerOf(args), packageType: args.packageType, name: args.packageName },
    { state: args.state ?? 'active' },
  );
}
