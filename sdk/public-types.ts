/**
 * The SDK's public types: what a user's program names, declared here so that the SDK's declaration files import
 * nothing of the provider (its internals and Octokit's types stay out of a user's compiler). Each one equals its
 * provider counterpart: `sdk/contract-conformance.ts` makes the compiler refuse any drift, in both directions.
 */

/** Every package type the GitHub Packages REST API knows. */
export const PACKAGE_TYPES = ['npm', 'maven', 'rubygems', 'docker', 'nuget', 'container'] as const;

/** `npm`, `maven`, `rubygems`, `docker`, `nuget` or `container`. */
export type PackageType = (typeof PACKAGE_TYPES)[number];

/** A version's or package's state: `active`, or `deleted` (restorable for 30 days). */
export type VersionState = 'active' | 'deleted';

/** Who may see a package: `public`, `private` or `internal` (GitHub Enterprise). */
export type PackageVisibility = 'public' | 'private' | 'internal';

/** What the reviewed plan of a `PackageVersion` or `Package` does: `delete`, `restore` or `none`. */
export type PlannedAction = 'delete' | 'restore' | 'none';

/** The version a `PackageVersion`'s reviewed plan is about, as the preview resolved it. */
export interface ReviewedVersion {
  versionId: number;
  versionName: string;
  /** Sorted. */
  tags: string[];
  createdAt: string;
  /** Kept once known: GitHub purges a version 30 days after deletion, and then only this says when. */
  deletedAt?: string;
}

/**
 * Per package: JSON texts of version id → one reviewable line (`<name> [tags] created <time>: <deciding rule>`),
 * `["{\"1001\":\"1.0.0 created 2026-06-13T11:50:16Z: olderThan 14d\",…}", …]`, oldest first, each text at most
 * 8,000 characters: `JSON.parse` each for the lines. A few strings per package, not a value per deletion, keep a plan
 * of 50,000 deletions small for the engine; `pulumi preview --diff` shows each text decoded, a line per version.
 */
export type PendingDeletions = Record<string, string[]>;

/** Per package: root version id → the lines of the image tree deleted with it (image graph only). */
export type PendingImages = Record<string, Record<string, string[]>>;

/** Version id → `"<name> [tags] created <time>[, deleted <time>]: delete|restore"`. */
export type PendingChanges = Record<string, string>;

/** One version a run deleted, restored or skipped. */
export interface RetentionVersionRef {
  versionId: number;
  versionName: string;
}

/** Per package: what the last `up` of a policy deleted, and what it skipped with the reason. */
export interface RetentionPackageReport {
  deleted: RetentionVersionRef[];
  skipped: (RetentionVersionRef & { reason: string })[];
}

/** What the last `up` of a `PackageVersionSet` did, per version. */
export interface VersionSetReport {
  changed: (RetentionVersionRef & { action: 'delete' | 'restore' })[];
  skipped: (RetentionVersionRef & { reason: string })[];
}
