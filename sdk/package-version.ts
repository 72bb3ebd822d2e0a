import * as pulumi from '@pulumi/pulumi';
import { PACKAGE_VERSION_OUTPUT_KEYS } from '../provider/contracts/package-version-contract';
import type { PlannedAction, ReviewedVersion, VersionState } from './public-types';
import type { PackageArgsBase } from './owner-args';
import { outputPlaceholders } from './output-declarations';
import { providerStub } from './provider-stub';

export interface PackageVersionArgs extends PackageArgsBase {
  /** The version's numeric id. Give `versionId` or `versionName`, not both. */
  versionId?: pulumi.Input<number>;
  /** The version name (npm `1.2.3`, a container digest `sha256:…`) or, for containers, one of its tags.
   * Must resolve to exactly one version; the output `versionName` is the name it resolved to. */
  versionName?: pulumi.Input<string>;
  /** `active` (restore it if deleted, within GitHub's 30 days) or `deleted` (delete it if active). */
  state: pulumi.Input<VersionState>;
}

/**
 * The desired state of one package version. `pulumi up` deletes or restores it to match; `pulumi destroy` or
 * removing it from the program only stops managing it (nothing is deleted or restored).
 */
export class PackageVersion extends pulumi.dynamic.Resource {
  /** The version the reviewed plan is about (id, name, sorted tags, created time), as check resolved it. Known at
   * preview and kept by `up`, like `plannedAction`. */
  declare readonly version: pulumi.Output<ReviewedVersion>;
  /** What the reviewed plan called for: `delete`, `restore` or `none`. Known at preview; after `up` it keeps that
   * value (the action applied) and `currentState` says the result; a refresh sets it to what is needed now. */
  declare readonly plannedAction: pulumi.Output<PlannedAction>;
  /** The resolved version id. Known at preview (check resolves it), so other resources may depend on it. */
  declare readonly versionId: pulumi.Output<number>;
  /** The resolved version name (for containers the digest `sha256:…`, also when the program named a tag). Known at
   * preview. */
  declare readonly versionName: pulumi.Output<string>;
  /** The version's tags when last read (container and docker; empty otherwise). */
  declare readonly tags: pulumi.Output<string[]>;
  /** When the version was published (ISO 8601, as GitHub sent it). */
  declare readonly createdAt: pulumi.Output<string>;
  /** When the version was last updated (ISO 8601). */
  declare readonly updatedAt: pulumi.Output<string>;
  /** When the version was deleted (ISO 8601), while it is deleted: it can be restored for 30 days after. */
  declare readonly deletedAt: pulumi.Output<string | undefined>;
  /** The version's page on GitHub. */
  declare readonly htmlUrl: pulumi.Output<string | undefined>;
  /** The live state when last read: `active` or `deleted`. */
  declare readonly currentState: pulumi.Output<VersionState>;

  constructor(name: string, args: PackageVersionArgs, opts?: pulumi.CustomResourceOptions) {
    // The selectors the program gives (`versionId`, `versionName`) win over the placeholders: both are also outputs.
    super(
      providerStub('PackageVersion'),
      name,
      { ...outputPlaceholders(PACKAGE_VERSION_OUTPUT_KEYS), ...args },
      opts,
      'github-packages',
      'PackageVersion',
    );
  }
}
