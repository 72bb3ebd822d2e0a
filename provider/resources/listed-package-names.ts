/**
 * Package names that come from GitHub (a glob policy's package listing, a reviewed plan's package keys) go into
 * request paths just like names a program gives, so they pass the same rule first: a name such as `..` or `.`
 * would be resolved away by URL normalization (`/orgs/acme/packages/container/../versions` is
 * `/orgs/acme/packages/versions`) and the request would reach another route.
 */
import type { PackageType } from '../types';
import type { CheckFailure } from '../validation/check-failure';
import { validatePackageName } from '../validation/validate-package-inputs';

/** A name from a listing that cannot be a package name: nothing is requested with it. */
export class UnusablePackageNameError extends Error {
  override readonly name = 'UnusablePackageNameError';
  readonly code = 'unusable_package_name';
  constructor(
    readonly packageName: string,
    reason: string,
  ) {
    super(
      `GitHub listed a package named ${JSON.stringify(packageName.length > 60 ? `${packageName.slice(0, 57)}...` : packageName)}, ` +
        `which cannot be a package name (${reason}); nothing was requested with it. ` +
        'Check `github-packages:baseUrl` (a proxy or server answering for GitHub) or narrow `packages` to exclude it.',
    );
  }
}

/** The names, unchanged, if every one is a usable package name; otherwise throws for the first that is not. */
export function usableListedNames(names: readonly string[], packageType: PackageType): readonly string[] {
  for (const name of names) {
    const failures: CheckFailure[] = [];
    validatePackageName(name, packageType, failures);
    if (failures.length > 0) throw new UnusablePackageNameError(String(name), failures[0].reason.replace(/\.$/, ''));
  }
  return names;
}
