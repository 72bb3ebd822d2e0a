import * as pulumi from '@pulumi/pulumi';
import type { VersionState } from '../provider/types';
import type { PackageArgsBase } from './owner-args';
import { providerStub } from './provider-stub';

export interface PackageArgs extends PackageArgsBase {
  /** `active` (restore the whole package if deleted) or `deleted` (delete the package and all its versions). */
  state: pulumi.Input<VersionState>;
}

/**
 * The desired state of a whole package. `pulumi up` deletes or restores it to match; `pulumi destroy` or
 * removing it from the program only stops managing it.
 */
export class Package extends pulumi.dynamic.Resource {
  declare readonly packageId: pulumi.Output<number | undefined>;
  declare readonly visibility: pulumi.Output<string | undefined>;
  declare readonly versionCount: pulumi.Output<number | undefined>;
  declare readonly repository: pulumi.Output<string | undefined>;
  declare readonly htmlUrl: pulumi.Output<string | undefined>;
  declare readonly currentState: pulumi.Output<VersionState>;
  /** What the reviewed plan called for: `delete`, `restore` or `none`. Known at preview; after `up` it keeps that
   * value (the action applied) and `currentState` says the result; a refresh sets it to what is needed now. */
  declare readonly plannedAction: pulumi.Output<'delete' | 'restore' | 'none'>;

  constructor(name: string, args: PackageArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerStub('Package'),
      name,
      {
        ...args,
        packageId: undefined,
        visibility: undefined,
        versionCount: undefined,
        repository: undefined,
        htmlUrl: undefined,
        currentState: undefined,
        plannedAction: undefined,
      },
      opts,
      'github-packages',
      'Package',
    );
  }
}
