/**
 * The retention plan: for every version a decision, and the list of deletions for this run.
 * `deletions` becomes part of the resource's checked inputs, which Pulumi's saved plans compare between
 * `preview --save-plan` and `up --plan`; so it holds only stable data (ids, names, tags, times, the rule),
 * never "now", ages or counters that move by themselves.
 */
import type { TimeBasis } from './retention-options';

/** Why a version is kept: the guard that saved it or the rule that spared it. */
export type KeepReason =
  /** Not an active version (the planner only plans active ones). */
  | 'not-active'
  /** Its package is not matched by `packages`. */
  | 'package-not-selected'
  /** A time of some version in its package could not be read: the whole package is kept (fail closed). */
  | 'unreadable-data'
  | 'protected-id'
  | 'protected-name'
  | 'protected-tag'
  | 'newest-version'
  | 'untagged-container-protected'
  | 'not-selected'
  | 'kept-by-keepNewest'
  | 'kept-by-keepNewestTagged'
  | 'kept-by-keepNewestUntagged'
  | 'younger-than-cutoff'
  /** keepNewestTagged/Untagged given for the other group only, and no olderThan: this group is not deleted. */
  | 'no-rule-for-group'
  | 'last-version'
  | 'last-tagged-version'
  /** The package's deletions exceed maxShareOfPackage: none of them is planned (the plan carries an error). */
  | 'over-max-share'
  /** Over maxDeletionsPerRun: left for the next run. */
  | 'deferred-by-cap'
  /** Image graph (container packages by default): a member (platform manifest, attestation, referrer) of a kept image. */
  | 'member-of-kept-image'
  /** Image graph: a member of a deleted image that a kept image also references. */
  | 'shared-with-kept-image'
  /** Image graph: a referrer whose subject is gone (deleted only by an explicit rule). */
  | 'orphan-referrer'
  /** Image graph: no image or orphaned referrer reaches it (tags that refer in a circle): never deleted. */
  | 'not-in-any-image'
  /** Image graph: a manifest of the package could not be read, so the whole package is kept (fail closed). */
  | 'unreadable-manifest';

/** The rule that deletes a version: a keep count it is beyond, the age cut-off, or both. */
export type DeleteRule =
  | 'keepNewest'
  | 'keepNewestTagged'
  | 'keepNewestUntagged'
  | 'olderThan'
  | 'keepNewest+olderThan'
  | 'keepNewestTagged+olderThan'
  | 'keepNewestUntagged+olderThan'
  /** Image graph, `imageCleanup`: a referrer whose subject is gone; an index whose children are all / some gone. */
  | 'orphaned-referrer'
  | 'ghost-image'
  | 'partial-image';

export const PROTECTION_REASONS: readonly KeepReason[] = [
  'protected-id',
  'protected-name',
  'protected-tag',
  'newest-version',
  'untagged-container-protected',
];

export type VersionDecision =
  | { id: number; name: string; tags: string[]; action: 'keep'; reason: KeepReason; text: string; selected: boolean }
  | { id: number; name: string; tags: string[]; action: 'delete'; reason: DeleteRule; text: string; selected: true };

/** One deletion planned for this run. Stable data only (see the file comment). */
export interface PlannedDeletion {
  package: string;
  id: number;
  name: string;
  tags: string[];
  createdAt: string;
  /** Present when `timeBasis` is `updated`. */
  updatedAt?: string;
  rule: DeleteRule;
}

export interface PackagePlan {
  name: string;
  /** Active versions, protected ones included (the denominator of maxShareOfPackage). */
  activeVersions: number;
  /** Planned for deletion in this run. */
  deleting: number;
  /** Would be deleted, left for a later run by maxDeletionsPerRun. */
  deferred: number;
  kept: number;
  /** Kept by a protection (step 1), whether or not the selection matched them. */
  protected: number;
  /** Every kept version counted by its reason. */
  keptByReason: Partial<Record<KeepReason, number>>;
  /** One per version, newest first. */
  decisions: VersionDecision[];
}

export interface RetentionPlan {
  timeBasis: TimeBasis;
  /** This run's deletions across all packages, oldest first (the order they are issued in). */
  deletions: PlannedDeletion[];
  /** Per package, sorted by name. */
  packages: PackagePlan[];
  /** Deletions left for the next run by maxDeletionsPerRun. */
  remainingForNextRun: number;
  warnings: string[];
  /** Non-empty means the preview must fail with these messages and nothing may be deleted. */
  errors: string[];
}
