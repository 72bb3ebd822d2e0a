import type * as pulumi from '@pulumi/pulumi';
import type { PackageType } from './public-types';

/**
 * Who owns the package(s): give `org`, or `user`, or neither for the token's own account (`/user/packages`).
 * Giving both is a check failure. Logins follow GitHub's rules: at most 39 letters, digits and single hyphens (not
 * first or last); a `user` may be an Enterprise Managed User's `name_shortcode`.
 */
export interface OwnerArgs {
  /** Organization login, e.g. `acme` (`/orgs/acme/packages`). Deleting and restoring need org admin. */
  org?: pulumi.Input<string>;
  /** User login for another user's packages (`/users/{user}/packages`); deleted versions are not listed there. */
  user?: pulumi.Input<string>;
}

export interface PackageArgsBase extends OwnerArgs {
  /** `npm`, `maven`, `rubygems`, `docker`, `nuget` or `container`. */
  packageType: pulumi.Input<PackageType>;
  /** The package name as GitHub shows it (maven: `group:artifact`; container names may contain `/`). */
  packageName: pulumi.Input<string>;
}
