/**
 * The retention plan: for every version a decision, and the list of deletions for this run.
 * `deletions` becomes part of the resource's checked inputs, which Pulumi's saved plans compare between
 * `preview --save-plan` and `up --plan`; so it holds only stable data (ids, names, tags, times, the rule),
 * never "now", ages or counters that move by themselves.
 */
import type { TimeBasis } from './retention-options';

/**
 * Why a version is kept: the guard that saved it or the rule that spared it, each with its words for a reviewer
 * (the report, docs/retention-semantics.md) and whether the preview's `planSummary` names it. The one list of
 * reasons: `KeepReason` is its keys, so a reason without its words does not compile.
 *
 * `heldBack`: the rules would delete the version but this run does not (GitHub's refusals, the run limits, an
 * age floor, a graph the model cannot place). The preview counts these by name; the other kept versions are one
 * `kept` count there (their reasons move with every publish; all of them are in the `keptSummary` output).
 */
export const KEEP_REASON_TEXT = {
  'not-active': { summary: 'not an active version (the planner plans active ones only)', heldBack: false },
  'package-not-selected': { summary: 'its package is not matched by packages', heldBack: false },
  'unreadable-data': { summary: 'a time of some version of its package could not be read: the whole package is kept (fail closed)', heldBack: false },
  'protected-id': { summary: 'protected by protectIds', heldBack: false },
  'protected-name': { summary: 'protected by protectNames', heldBack: false },
  'protected-tag': { summary: 'protected by protectTags', heldBack: false },
  'newest-version': { summary: 'the newest version of its package (keepNewestVersion)', heldBack: false },
  'untagged-container-protected': { summary: 'an untagged container version (untaggedContainers: protect)', heldBack: false },
  'not-selected': { summary: 'not selected by select, tags, names or prerelease', heldBack: false },
  'kept-by-keepNewest': { summary: 'among the newest (keepNewest)', heldBack: false },
  'kept-by-keepNewestTagged': { summary: 'among the newest tagged (keepNewestTagged)', heldBack: false },
  'kept-by-keepNewestUntagged': { summary: 'among the newest untagged (keepNewestUntagged)', heldBack: false },
  'younger-than-cutoff': { summary: 'younger than olderThan', heldBack: false },
  'no-rule-for-group': {
    summary: 'no rule deletes its group (keepNewestTagged/Untagged given for the other group only, no olderThan)',
    heldBack: false,
  },
  'younger-than-minAge': { summary: 'younger than minAge: the rules would delete it, the age floor holds it', heldBack: true },
  'time-in-future': { summary: 'its time lies in the future, so its age is unknown: never deleted, not counted as newest', heldBack: true },
  'last-version': { summary: "GitHub keeps a package's last version", heldBack: true },
  'last-tagged-version': { summary: "GitHub keeps a container package's last tagged version", heldBack: true },
  'over-max-share': { summary: 'over maxShareOfPackage (none of the package is deleted)', heldBack: true },
  'deferred-by-cap': { summary: 'maxDeletionsPerRun: waits for the next run', heldBack: true },
  'member-of-kept-image': { summary: 'a member (platform manifest, attestation, referrer) of a kept image', heldBack: false },
  'shared-with-kept-image': { summary: 'a member of a deleted image that a kept image also references', heldBack: false },
  'orphan-referrer': { summary: 'a referrer whose subject is gone (deleted only with imageCleanup orphaned-referrers)', heldBack: false },
  'not-in-any-image': { summary: 'in no image the model can resolve (tags or entries that refer in a circle): never deleted', heldBack: true },
  'unreadable-manifest': { summary: 'a manifest of its package could not be read: the whole package is kept (fail closed)', heldBack: false },
} as const satisfies Record<string, { summary: string; heldBack: boolean }>;

export type KeepReason = keyof typeof KEEP_REASON_TEXT;

/** Every keep reason, in the order of evaluation. */
export const KEEP_REASONS = Object.keys(KEEP_REASON_TEXT) as KeepReason[];

/** The reasons the preview's `planSummary` counts by name (see `heldBack`). */
export const HELD_BACK_REASONS: readonly KeepReason[] = KEEP_REASONS.filter((r) => KEEP_REASON_TEXT[r].heldBack);

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
