import * as pulumi from '@pulumi/pulumi';
import type { VersionState } from '../provider/types';
import type { PackageArgsBase } from './owner-args';
import { providerStub } from './provider-stub';

export interface PackageVersionArgs extends PackageArgsBase {
  /** The version's numeric id. Give `versionId` or `versionName`, not both. */
  versionId?: pulumi.Input<number>;
  /** The version name (npm `1.2.3`, a container digest `sha256:…`) or, for containers, one of its tags.
   * Must resolve to exactly one version. */
  versionName?: pulumi.Input<string>;
  /** `active` (restore it if deleted, within GitHub's 30 days) or `deleted` (delete it if active). */
  state: pulumi.Input<VersionState>;
}

/**
 * The desired state of one package version. `pulumi up` deletes or restores it to match; `pulumi destroy` or
 * removing it from the program only stops managing it (nothing is deleted or restored).
 */
export class PackageVersion extends pulumi.dynamic.Resource {
  /** The resolved version id. Known at preview (check resolves it), so other resources may depend on it. */
  declare readonly versionId: pulumi.Output<number>;
  /** The version name (for containers the digest). */
  declare readonly name: pulumi.Output<string>;
  declare readonly tags: pulumi.Output<string[]>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  declare readonly deletedAt: pulumi.Output<string | undefined>;
  declare readonly htmlUrl: pulumi.Output<string | undefined>;
  /** The version the reviewed plan is about (id, name, sorted tags, created time), as check resolved it. Known at
   * preview and kept by `up`, like `plannedAction`. */
  declare readonly version: pulumi.Output<{ id: number; name: string; tags: string[]; createdAt: string; deletedAt?: string }>;
  /** The live state when last read: `active` or `deleted`. */
  declare readonly currentState: pulumi.Output<VersionState>;
  /** What the reviewed plan called for: `delete`, `restore` or `none`. Known at preview; after `up` it keeps that
   * value (the action applied) and `currentState` says the result; a refresh sets it to what is needed now. */
  declare readonly plannedAction: pulumi.Output<'delete' | 'restore' | 'none'>;

  constructor(name: string, args: PackageVersionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerStub('PackageVersion'),
      name,
      {
        ...args,
        // Listed even when the program names the version, so the resolved id is an output either way.
        versionId: args.versionId,
        name: undefined,
        tags: undefined,
        createdAt: undefined,
        updatedAt: undefined,
        deletedAt: undefined,
        htmlUrl: undefined,
        currentState: undefined,
        version: undefined,
        plannedAction: undefined,
      },
      opts,
      'github-packages',
      'PackageVersion',
    );
  }
}
