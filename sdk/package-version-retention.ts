import * as pulumi from '@pulumi/pulumi';
import { RETENTION_OUTPUT_KEYS } from '../provider/contracts/retention-contract';
import type { PackageType, PendingDeletions, PendingImages, RetentionPackageReport } from './public-types';
import type { OwnerArgs } from './owner-args';
import { outputPlaceholders } from './output-declarations';
import { providerStub } from './provider-stub';

/**
 * A retention policy over one or more packages of one owner and type. Meaning of every property:
 * docs/retention.md (the exact rules: docs/retention-semantics.md).
 */
export interface PackageVersionRetentionArgs extends OwnerArgs {
  packageType: pulumi.Input<PackageType>;
  /** Package names or globs (`app`, `service-*`, `!legacy-*`); at least one. */
  packages: pulumi.Input<pulumi.Input<string>[]>;
  /** Keep the N newest candidates; the newest version (`keepNewestVersion`) fills one of the N slots, so 10 keeps 10. */
  keepNewest?: pulumi.Input<number>;
  /** Keep the N newest tagged candidates, the newest tagged version included (container/docker; not with `keepNewest`). */
  keepNewestTagged?: pulumi.Input<number>;
  /** Spare the N newest untagged candidates (container/docker; not with `keepNewest`). */
  keepNewestUntagged?: pulumi.Input<number>;
  /** Delete candidates older than this: `<n><unit>`, unit `s`, `m`, `h`, `d` or `w` (e.g. `30d`, `12w`). */
  olderThan?: pulumi.Input<string>;
  /** An age floor: no version younger than this is deleted, whatever selects it (same format as `olderThan`). */
  minAge?: pulumi.Input<string>;
  /** Which time governs "newest", "oldest" and "older than": `created` (default) or `updated`. */
  timeBasis?: pulumi.Input<'created' | 'updated'>;
  /** `all` (default; `tagged` when `tags` is given), `tagged` or `untagged` (container/docker). */
  select?: pulumi.Input<'all' | 'tagged' | 'untagged'>;
  /** Tag patterns (container/docker): a version is selected only if every one of its tags matches. */
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  /** Version-name patterns (for containers the digest `sha256:…`). Globs, or `/regex/flags`. */
  names?: pulumi.Input<pulumi.Input<string>[]>;
  /** `any` (default), `only` or `exclude` pre-releases. */
  prerelease?: pulumi.Input<'any' | 'only' | 'exclude'>;
  /** Versions with any of these tags are never deleted. Default `["latest"]`; a given list replaces it. */
  protectTags?: pulumi.Input<pulumi.Input<string>[]>;
  /** Versions whose name matches are never deleted. */
  protectNames?: pulumi.Input<pulumi.Input<string>[]>;
  /** Versions with these ids are never deleted. */
  protectIds?: pulumi.Input<pulumi.Input<number>[]>;
  /**
   * Never delete the newest version (containers: the newest tagged one; with `timeBasis: updated`, neither the most
   * recently updated nor the most recently created one). It fills a slot of the keep count. Default true.
   */
  keepNewestVersion?: pulumi.Input<boolean>;
  /** At most this many deletions per `up`, oldest first; the rest wait for the next run. Default: no cap. */
  maxDeletionsPerRun?: pulumi.Input<number>;
  /** Fail the preview when a package would lose more than this share of its versions in any run, the first included. Default: no limit. */
  maxShareOfPackage?: pulumi.Input<number>;
  /**
   * Once the policy has run: the share of what it kept that one run may delete before a run guard stops the preview
   * (changed-policy guard, sudden-share guard; docs/retention.md "Run guards"). Default 0.5; 1 for one run lets it through.
   */
  maxShareOfKept?: pulumi.Input<number>;
  /**
   * Untagged container versions when planned version by version (`imageGraph: 'off'`, or the registry could not be
   * read): `protect` (default: they may be platform manifests of tagged images) or `delete`.
   */
  untaggedContainers?: pulumi.Input<'protect' | 'delete'>;
  /**
   * Container packages: `registry` (default) reads manifests from the registry and plans whole images
   * (docs/container-images.md); `off` plans version by version.
   */
  imageGraph?: pulumi.Input<'off' | 'registry'>;
  /**
   * With the image graph: also delete `orphaned-referrers` (subject gone; each with what it references, except what a
   * kept image reaches), `ghost-images` (all children gone) and/or `partial-images` (some children gone), each whole.
   */
  imageCleanup?: pulumi.Input<pulumi.Input<'orphaned-referrers' | 'ghost-images' | 'partial-images'>[]>;
}

/**
 * Keeps what you need and deletes the rest. `pulumi preview --diff` lists every version the next `up` will delete
 * (`pendingDeletions`); `up` deletes only versions in that list that still qualify on live data. It never
 * restores anything and `pulumi destroy` deletes nothing.
 *
 * Outputs come in two kinds. The plan (`pendingDeletions`, `planSummary`, `remainingForNextRun`, `planEstimate`,
 * `planWarnings`) is known at preview and keeps, after `up`, the value the preview showed: the plan that was
 * reviewed and applied (so `pulumi up --strict` and `up --plan` accept a program that exports it). The results
 * (`lastRun`, `deletedCount`, `keptSummary`) are unknown at preview and say what `up` did. A refresh replaces the
 * plan outputs with what the rules would delete now.
 */
export class PackageVersionRetention extends pulumi.dynamic.Resource {
  /** Per package: JSON texts of version id → one line (name, tags, created, deciding rule) for each deletion of
   * the reviewed plan (after `up`: the plan it applied; what it actually deleted is in `lastRun`); `JSON.parse` each
   * for the lines. The preview shows them decoded. */
  declare readonly pendingDeletions: pulumi.Output<PendingDeletions>;
  /** Per package, in the reviewed plan: deletions, and versions a GitHub rule, the share limit or the cap held back. */
  declare readonly planSummary: pulumi.Output<Record<string, Record<string, number>>>;
  /** Deletions the reviewed plan left for later runs (`maxDeletionsPerRun`). */
  declare readonly remainingForNextRun: pulumi.Output<number>;
  /** What a reviewer should know about the reviewed plan (e.g. rules that select nothing). */
  declare readonly planWarnings: pulumi.Output<string[]>;
  /** How long the reviewed deletions (and those left for later runs) take at the configured pace; absent when the
   * plan deletes nothing. */
  declare readonly planEstimate: pulumi.Output<string | undefined>;
  /** With `imageGraph: 'registry'`: per package, root version id → the image tree deleted with it (root, then its
   * members indented). Absent without the image graph. */
  declare readonly pendingImages: pulumi.Output<PendingImages | undefined>;
  /** Per package: what the last `up` deleted and skipped (with the reason). Unknown at preview. */
  declare readonly lastRun: pulumi.Output<Record<string, RetentionPackageReport>>;
  /** Versions the last `up` deleted (each confirmed by a listing afterwards). Unknown at preview. */
  declare readonly deletedCount: pulumi.Output<number>;
  /** Per package, from the last `up` that deleted or the last refresh: active versions, deletions, deferrals and
   * kept versions counted by reason. */
  declare readonly keptSummary: pulumi.Output<Record<string, Record<string, number>> | undefined>;

  constructor(name: string, args: PackageVersionRetentionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerStub('PackageVersionRetention'),
      name,
      { ...outputPlaceholders(RETENTION_OUTPUT_KEYS), ...args },
      opts,
      'github-packages',
      'PackageVersionRetention',
    );
  }
}
