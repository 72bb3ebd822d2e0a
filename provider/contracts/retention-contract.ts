/** `PackageVersionRetention`: a retention policy over one or more packages of one owner and type. */
import { RETENTION_PROPERTIES, type RetentionOptions } from '../planner/retention-options';
import type { AssertNever, KeysMissing } from './contract-types';

/** What a program writes: the rules (their meaning: docs/retention.md). */
export type RetentionInputs = RetentionOptions;

/** Per package: version id → one reviewable line (`<name> [tags] created <time>: <deciding rule>`). */
export type PendingDeletions = Record<string, Record<string, string>>;

/** Per package: root version id → the lines of the image tree deleted with it (image graph only). */
export type PendingImages = Record<string, Record<string, string[]>>;

/**
 * The plan, as check renders it into the checked inputs: what the preview shows and what `up` keeps in its
 * outputs unchanged (a saved or strict plan refuses outputs that differ).
 */
export interface RetentionPlanOutputs {
  pendingDeletions: PendingDeletions;
  /** Per package: deletions this run, and versions the rules would delete that GitHub's rules or the cap hold back. */
  planSummary: Record<string, Record<string, number>>;
  /** Deletions left for the next run by `maxDeletionsPerRun`. */
  remainingForNextRun: number;
  planWarnings: string[];
  /** What the deletions cost in time at the configured pace; absent when nothing is deleted. */
  planEstimate?: string;
  /** Image graph only. */
  pendingImages?: PendingImages;
}

/** One deleted version, in the vocabulary of the resources. */
export interface RetentionVersionRef {
  versionId: number;
  versionName: string;
}

/** Per package: what the last `up` deleted, and what it skipped with the reason. */
export interface RetentionPackageReport {
  deleted: RetentionVersionRef[];
  skipped: (RetentionVersionRef & { reason: string })[];
}

/** What `up` and refresh add: the results (unknown at preview). */
export interface RetentionResultOutputs {
  lastRun: Record<string, RetentionPackageReport>;
  deletedCount: number;
  /** Per package: active versions, deletions, deferrals and kept versions counted by reason; absent after an `up`
   * that had nothing to delete, until a refresh. */
  keptSummary?: Record<string, Record<string, number>>;
}

/** What the provider adds (documented on the SDK class `PackageVersionRetention`). */
export type RetentionOutputs = RetentionPlanOutputs & RetentionResultOutputs;

/** The stored outputs: the rules as written, and what the provider adds. */
export type RetentionState = RetentionInputs & RetentionOutputs;

/** The rules' names: the planner's own list (it refuses any other property at check). */
export const RETENTION_INPUT_KEYS = RETENTION_PROPERTIES;
/** The plan keys: known at preview, kept by `up` as reviewed. */
export const RETENTION_PLAN_KEYS = [
  'pendingDeletions',
  'planSummary',
  'remainingForNextRun',
  'planEstimate',
  'planWarnings',
  'pendingImages',
] as const satisfies readonly (keyof RetentionPlanOutputs)[];
export const RETENTION_RESULT_KEYS = ['lastRun', 'deletedCount', 'keptSummary'] as const satisfies readonly (keyof RetentionResultOutputs)[];
export const RETENTION_OUTPUT_KEYS = [...RETENTION_PLAN_KEYS, ...RETENTION_RESULT_KEYS] as const;

export type RetentionInputKeysComplete = AssertNever<KeysMissing<RetentionInputs, typeof RETENTION_INPUT_KEYS>>;
export type RetentionPlanKeysComplete = AssertNever<KeysMissing<RetentionPlanOutputs, typeof RETENTION_PLAN_KEYS>>;
export type RetentionResultKeysComplete = AssertNever<KeysMissing<RetentionResultOutputs, typeof RETENTION_RESULT_KEYS>>;
