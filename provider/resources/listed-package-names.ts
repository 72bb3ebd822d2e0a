/**
 * Package names that come from GitHub (a glob policy's package listing, a reviewed plan's package keys) go into
 * request paths just like names a program gives, so they pass the same rule first: a name such as `..` or `.`
 * would be resolved away by URL normalization (`/orgs/acme/packages/container/../versions` is
 * `/orgs/acme/packages/versions`) and the request would reach another route.
 */
import type { PackageType } from '../types';
import type { CheckFailure } from '../validation/check-failure';
import { validatePackageName } from '../validation/validate-package-inputs';

/** Where a name came from: GitHub's package listing, or the reviewed plan (`pendingDeletions`) that `up` applies. */
export type NameSource = 'listing' | 'plan';

/** A name from a listing or a plan that cannot be a package name: nothing is requested with it. */
export class UnusablePackageNameError extends Error {
  override readonly name = 'UnusablePackageNameError';
  readonly code = 'unusable_package_name';
  constructor(
    readonly packageName: string,
    reason: string,
    source: NameSource,
  ) {
    const shown = JSON.stringify(packageName.length > 60 ? `${packageName.slice(0, 57)}...` : packageName);
    super(
      source === 'listing'
        ? `GitHub listed a package named ${shown}, which cannot be a package name (${reason}); nothing was requested with it. ` +
            'Check `github-packages:baseUrl` (a proxy or server answering for GitHub) or narrow `packages` to exclude it.'
        : `The reviewed plan (pendingDeletions) names a package ${shown}, which cannot be a package name (${reason}); nothing was ` +
            'requested with it. The plan or state was changed outside the provider: run `pulumi preview` again and review its plan.',
    );
  }
}

/** The names, unchanged, if every one is a usable package name; otherwise throws for the first that is not. */
export function usableListedNames(names: readonly string[], packageType: PackageType, source: NameSource): readonly string[] {
  for (const name of names) {
    const failures: CheckFailure[] = [];
    validatePackageName(name, packageType, failures);
    if (failures.length > 0) throw new UnusablePackageNameError(String(name), failures[0].reason.replace(/\.$/, ''), source);
  }
  return names;
}
