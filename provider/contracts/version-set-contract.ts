/** `PackageVersionSet`: the desired state of a list of versions of one package. */
import type { PackageType, VersionState } from '../types';
import type { AssertNever, KeysMissing } from './contract-types';
import type { RetentionVersionRef } from './retention-contract';

/** What a program writes: the package, `versionIds` and/or `versionNames`, and the desired state. */
export interface VersionSetInputs {
  org?: string;
  user?: string;
  packageType: PackageType;
  packageName: string;
  versionIds?: number[];
  versionNames?: string[];
  state: VersionState;
}

/** Version id → `"<name> [tags] created <time>[, deleted <time>]: delete|restore"`. */
export type PendingChanges = Record<string, string>;

/** The plan, as check renders it into the checked inputs; `up` keeps it unchanged in its outputs. */
export interface VersionSetPlanOutputs {
  pendingChanges: PendingChanges;
  /** Versions of the set this run deletes or restores, and those already in the desired state. */
  planSummary: { deleting?: number; restoring?: number; unchanged?: number };
  /** What the changes cost in time at the configured pace; absent when nothing changes. */
  planEstimate?: string;
}

/** What the last `up` did, per version. */
export interface VersionSetReport {
  changed: (RetentionVersionRef & { action: 'delete' | 'restore' })[];
  skipped: (RetentionVersionRef & { reason: string })[];
}

/** What `up` adds: the results (unknown at preview). */
export interface VersionSetResultOutputs {
  lastRun: VersionSetReport;
  changedCount: number;
}

/** What the provider adds (documented on the SDK class `PackageVersionSet`). */
export type VersionSetOutputs = VersionSetPlanOutputs & VersionSetResultOutputs;

/** The stored outputs. */
export type VersionSetState = VersionSetInputs & VersionSetOutputs;

export const VERSION_SET_INPUT_KEYS = [
  'org',
  'user',
  'packageType',
  'packageName',
  'versionIds',
  'versionNames',
  'state',
] as const satisfies readonly (keyof VersionSetInputs)[];
export const VERSION_SET_PLAN_KEYS = ['pendingChanges', 'planSummary', 'planEstimate'] as const satisfies readonly (keyof VersionSetPlanOutputs)[];
export const VERSION_SET_RESULT_KEYS = ['lastRun', 'changedCount'] as const satisfies readonly (keyof VersionSetResultOutputs)[];
export const VERSION_SET_OUTPUT_KEYS = [...VERSION_SET_PLAN_KEYS, ...VERSION_SET_RESULT_KEYS] as const;

export type VersionSetInputKeysComplete = AssertNever<KeysMissing<VersionSetInputs, typeof VERSION_SET_INPUT_KEYS>>;
export type VersionSetPlanKeysComplete = AssertNever<KeysMissing<VersionSetPlanOutputs, typeof VERSION_SET_PLAN_KEYS>>;
export type VersionSetResultKeysComplete = AssertNever<KeysMissing<VersionSetResultOutputs, typeof VERSION_SET_RESULT_KEYS>>;
