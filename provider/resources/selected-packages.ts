/**
 * Which packages a policy covers, and their live versions: the literal names as given, or the owner's packages
 * of the type that `packages` matches (one listing of the owner's packages), each listed once, 100 per page,
 * never one GET per version.
 */
import { boundedMap } from '../client/bounded-map';
import type { PackagesClient } from '../client/packages-client';
import { matchesList } from '../planner/patterns';
import type { ResolvedRetentionOptions } from '../planner/retention-options';
import type { PackageRef, PackageVersionInfo } from '../types';
import { usableListedNames } from './listed-package-names';
import { isLiteral } from './retention-inputs';

export function packageRef(options: ResolvedRetentionOptions, name: string): PackageRef {
  return { owner: options.owner, packageType: options.packageType, name };
}

/** The names of the packages the policy covers, sorted. */
export async function selectedPackages(client: PackagesClient, options: ResolvedRetentionOptions): Promise<string[]> {
  if (isLiteral(options.packages)) return [...new Set(options.packages.includes.map((p) => p.source))].sort();
  const all = await client.listPackages(options.owner, options.packageType);
  const selected = all
    .map((p) => p.name)
    .filter((name) => matchesList(options.packages, name))
    .sort();
  return [...usableListedNames(selected, options.packageType, 'listing')];
}

/** Packages listed at once; each listing fetches its later pages `readConcurrency` at a time (at most 16 requests in
 * flight for one policy by default). Policies planned in parallel share the process's request budget for the token
 * (client/request-budget.ts): at most 32 in flight together, far under the 100 concurrent requests GitHub allows. */
export const PACKAGE_CONCURRENCY = 4;

/** Each named package's active versions, by name. */
export async function listActiveVersions(
  client: PackagesClient,
  options: ResolvedRetentionOptions,
  names: readonly string[],
): Promise<Map<string, PackageVersionInfo[]>> {
  const lists = await boundedMap(names, PACKAGE_CONCURRENCY, (name) =>
    client.listVersions(packageRef(options, name), { state: 'active', lean: true }),
  );
  return new Map(names.map((name, i) => [name, lists[i]] as const));
}
