import * as pulumi from '@pulumi/pulumi';
import { VERSION_SET_OUTPUT_KEYS } from '../provider/contracts/version-set-contract';
import type { PendingChanges, VersionSetReport, VersionState } from './public-types';
import type { PackageArgsBase } from './owner-args';
import { outputPlaceholders } from './output-declarations';
import { providerStub } from './provider-stub';

export interface PackageVersionSetArgs extends PackageArgsBase {
  /** Version ids. Give `versionIds`, `versionNames`, or both; every entry must match a version (active or
   * deleted), or the preview fails naming it. */
  versionIds?: pulumi.Input<pulumi.Input<number>[]>;
  /** Version names (npm `1.2.3`, a container digest `sha256:…`) or, for containers, tags; each must match exactly
   * one version. */
  versionNames?: pulumi.Input<pulumi.Input<string>[]>;
  /** `active` (restore each deleted one, within GitHub's 30 days) or `deleted` (delete each active one). */
  state: pulumi.Input<VersionState>;
}

/**
 * The desired state of a list of versions of one package: delete an explicit list of ids, or restore the versions
 * a clean-up deleted (docs/resources.md, "Undo a clean-up"). `pulumi preview --diff` lists every version `up` will
 * delete or restore (`pendingChanges`); `up` changes only versions in that list that live data still calls for.
 * `pulumi destroy`, or removing it from the program, deletes and restores nothing.
 *
 * The plan (`pendingChanges`, `planSummary`, `planEstimate`) is known at preview and keeps, after `up`, the value
 * the preview showed; the results (`lastRun`, `changedCount`) are unknown at preview and say what `up` did.
 */
export class PackageVersionSet extends pulumi.dynamic.Resource {
  /** Version id → `"<name> [tags] created <time>[, deleted <time>]: delete|restore"` (the engine shows them by id). */
  declare readonly pendingChanges: pulumi.Output<PendingChanges>;
  /** `deleting` / `restoring`: versions this run changes; `unchanged`: versions of the set already as wanted. */
  declare readonly planSummary: pulumi.Output<{ deleting?: number; restoring?: number; unchanged?: number }>;
  /** How long the changes take at the configured pace (`github-packages:mutationIntervalMs`); absent when nothing
   * changes. */
  declare readonly planEstimate: pulumi.Output<string | undefined>;
  /** What the last `up` deleted or restored (`changed`) and skipped with the reason, per version. Unknown at preview. */
  declare readonly lastRun: pulumi.Output<VersionSetReport>;
  /** Versions the last `up` deleted or restored, as GitHub's listing shows them afterwards. */
  declare readonly changedCount: pulumi.Output<number>;

  constructor(name: string, args: PackageVersionSetArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerStub('PackageVersionSet'),
      name,
      { ...outputPlaceholders(VERSION_SET_OUTPUT_KEYS), ...args },
      opts,
      'github-packages',
      'PackageVersionSet',
    );
  }
}
