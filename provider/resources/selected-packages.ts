/**
 * Which packages a policy covers, and their live versions: the literal names as given, or the owner's packages
 * of the type that `packages` matches (one listing of the owner's packages), each listed once, 100 per page,
 * never one GET per version.
 */
import { boundedMap } from '../client/bounded-map';
import type { PackagesClient } from '../client/packages-client';
import { describeOwner } from '../error-wording';
import { matchList } from '../planner/patterns';
import { describeOverlaps } from '../planner/plan-retention';
import type { PatternOverlap } from '../planner/selection';
import { unmatchedPackageWarnings } from '../planner/unmatched-packages';
import type { ResolvedRetentionOptions } from '../planner/retention-options';
import type { PackageRef, PackageVersionInfo } from '../types';
import { usableListedNames } from './listed-package-names';
import { isLiteral } from './retention-inputs';

export function packageRef(options: ResolvedRetentionOptions, name: string): PackageRef {
  return { owner: options.owner, packageType: options.packageType, name };
}

export interface PackageSelection {
  /** The names of the packages the policy covers, sorted. */
  names: string[];
  /** A pattern that matches no package of the owner; a listed package that an include and an exclusion of
   * `packages` both match (the exclusion wins), as tags and names warn (docs/retention-semantics.md, "Patterns"). */
  warnings: string[];
}

/** The packages the policy covers: the literal names, or the owner's listed packages that `packages` matches. */
export async function selectedPackages(client: PackagesClient, options: ResolvedRetentionOptions): Promise<PackageSelection> {
  if (isLiteral(options.packages)) return { names: [...new Set(options.packages.includes.map((p) => p.source))].sort(), warnings: [] };
  const all = (await client.listPackages(options.owner, options.packageType)).map((p) => p.name);
  const overlaps: PatternOverlap[] = [];
  const selected: string[] = [];
  for (const name of all) {
    const match = matchList(options.packages, name);
    if (match.includedBy && match.excludedBy) {
      overlaps.push({ property: 'packages', include: match.includedBy.source, exclude: match.excludedBy.source, value: name });
    }
    if (match.selected) selected.push(name);
  }
  const packagesOf = `${options.packageType} packages of ${describeOwner(options.owner)}`;
  return {
    names: [...usableListedNames(selected.sort(), options.packageType, 'listing')],
    warnings: [...unmatchedPackageWarnings(options.packages, all, packagesOf), ...describeOverlaps(overlaps)],
  };
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
