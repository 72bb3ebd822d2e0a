import * as pulumi from '@pulumi/pulumi';
import { PACKAGE_OUTPUT_KEYS } from '../provider/contracts/package-contract';
import type { PackageVisibility, PlannedAction, VersionState } from './public-types';
import type { PackageArgsBase } from './owner-args';
import { outputPlaceholders } from './output-declarations';
import { providerStub } from './provider-stub';

export interface PackageArgs extends PackageArgsBase {
  /** `active` (restore the whole package if deleted) or `deleted` (delete the package and all its versions). */
  state: pulumi.Input<VersionState>;
}

/**
 * The desired state of a whole package. `pulumi up` deletes or restores it to match; `pulumi destroy` or
 * removing it from the program only stops managing it.
 *
 * The live properties (`packageId`, `visibility`, `versionCount`, `repository`, `htmlUrl`) are absent while the
 * package reads as deleted: GitHub shows deleted packages nowhere.
 */
export class Package extends pulumi.dynamic.Resource {
  /** What the reviewed plan called for: `delete`, `restore` or `none`. Known at preview; after `up` it keeps that
   * value (the action applied) and `currentState` says the result; a refresh sets it to what is needed now. */
  declare readonly plannedAction: pulumi.Output<PlannedAction>;
  /** The live state when last read: `active`, or `deleted` (also when the token cannot see the package). */
  declare readonly currentState: pulumi.Output<VersionState>;
  /** GitHub's numeric id of the package. */
  declare readonly packageId: pulumi.Output<number | undefined>;
  /** `public`, `private` or `internal`. */
  declare readonly visibility: pulumi.Output<PackageVisibility | undefined>;
  /** Active versions of the package, as GitHub counts them. */
  declare readonly versionCount: pulumi.Output<number | undefined>;
  /** The repository the package is linked to (`owner/name`), if any. */
  declare readonly repository: pulumi.Output<string | undefined>;
  /** The package's page on GitHub. */
  declare readonly htmlUrl: pulumi.Output<string | undefined>;

  constructor(name: string, args: PackageArgs, opts?: pulumi.CustomResourceOptions) {
    super(providerStub('Package'), name, { ...outputPlaceholders(PACKAGE_OUTPUT_KEYS), ...args }, opts, 'github-packages', 'Package');
  }
}
