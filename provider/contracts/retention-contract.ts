/** `PackageVersionRetention`: a retention policy over one or more packages of one owner and type. */
import { RETENTION_PROPERTIES, type RetentionOptions } from '../planner/retention-options';
import type { AssertNever, KeysMissing } from './contract-types';

/**
 * What a program writes: the rules. Each property's comment is its row of docs/retention-properties.md
 * (`npm run docs:generate` writes it, tests/docs/generated-docs.test.ts fails when it is stale): the first
 * paragraph is the meaning, `@defaultValue` the default. The allowed values come from the type.
 */
export interface RetentionInputs extends RetentionOptions {
  /**
   * Organization login. Neither `org` nor `user`: the token's own account; both: a check failure.
   * @defaultValue neither
   */
  org?: RetentionOptions['org'];
  /**
   * User login (see `org`).
   * @defaultValue neither
   */
  user?: RetentionOptions['user'];
  /**
   * The package type. Tag properties (`keepNewestTagged`, `keepNewestUntagged`, `tags`, `protectTags`,
   * `untaggedContainers`, `select` other than `all`) apply only to `container` and `docker`: on other types they are
   * a check failure.
   * @defaultValue required
   */
  packageType?: RetentionOptions['packageType'];
  /**
   * Package names or patterns, at least one; `!p` excludes. Only literal names are used as given; any pattern or
   * exclusion lists the owner's packages of the type.
   * @defaultValue required
   */
  packages?: RetentionOptions['packages'];
  /**
   * Whole number ≥ 0: spare the N newest candidates (step 3); the newest version fills one of the N slots, so 10
   * keeps 10. `0` without `olderThan` gets a warning: every selected version that is not protected goes.
   * @defaultValue none
   */
  keepNewest?: RetentionOptions['keepNewest'];
  /**
   * Whole number ≥ 0: spare the N newest tagged candidates (container/docker; not together with `keepNewest`).
   * @defaultValue none
   */
  keepNewestTagged?: RetentionOptions['keepNewestTagged'];
  /**
   * Whole number ≥ 0: spare the N newest untagged candidates (container/docker; not together with `keepNewest`).
   * @defaultValue none
   */
  keepNewestUntagged?: RetentionOptions['keepNewestUntagged'];
  /**
   * Delete candidates strictly older than this (step 4): `<n><unit>`, unit `s`, `m` (minutes), `h`, `d`, `w`, e.g.
   * `30d`. Months and years are refused ("use days"): they have no fixed length. `m` gets a warning that it means
   * minutes. Zero is refused (an age limit of zero is none: leave `olderThan` out); under an hour gets a warning
   * that it selects versions of practically any age.
   * @defaultValue none
   */
  olderThan?: RetentionOptions['olderThan'];
  /**
   * An age floor: no version younger than this is deleted, whatever rule, cleanup or selection picks it (a container
   * image: none of its members). Same format as `olderThan` (`<n><unit>`, unit `s`, `m`, `h`, `d`, `w`), measured on
   * `timeBasis`; the preview counts the versions it holds back as `younger-than-minAge`.
   * @defaultValue none
   */
  minAge?: RetentionOptions['minAge'];
  /**
   * Which time governs every "newest", "oldest" and "older than".
   * @defaultValue `created`
   */
  timeBasis?: RetentionOptions['timeBasis'];
  /**
   * Which versions are candidates by tagging; `tagged` and `untagged` container/docker only.
   * @defaultValue `all` (`tagged` when `tags` is given)
   */
  select?: RetentionOptions['select'];
  /**
   * Tag patterns (container/docker): a tagged version is selected only if every one of its tags matches.
   * @defaultValue none
   */
  tags?: RetentionOptions['tags'];
  /**
   * Version-name patterns (containers: the digest `sha256:…`).
   * @defaultValue none
   */
  names?: RetentionOptions['names'];
  /**
   * Select any version, only pre-releases, or no pre-release (docs/retention-semantics.md, "Pre-releases").
   * @defaultValue `any`
   */
  prerelease?: RetentionOptions['prerelease'];
  /**
   * Versions with a tag matching one of these are never deleted. A given list **replaces** the default; an empty
   * list gets a warning.
   * @defaultValue `["latest"]` (container/docker)
   */
  protectTags?: RetentionOptions['protectTags'];
  /**
   * Versions whose name matches one of these patterns are never deleted.
   * @defaultValue `[]`
   */
  protectNames?: RetentionOptions['protectNames'];
  /**
   * Versions with these ids are never deleted (at most 10,000 ids).
   * @defaultValue `[]`
   */
  protectIds?: RetentionOptions['protectIds'];
  /**
   * Never delete the newest version (container/docker: the newest tagged one; with `timeBasis: updated` also the
   * most recently created one). `false` gets a warning.
   * @defaultValue `true`
   */
  keepNewestVersion?: RetentionOptions['keepNewestVersion'];
  /**
   * Whole number ≥ 1: at most this many deletions per `up`, across the resource's packages, oldest first; the rest
   * wait for the next run.
   * @defaultValue no cap
   */
  maxDeletionsPerRun?: RetentionOptions['maxDeletionsPerRun'];
  /**
   * A number in (0, 1]: the preview fails when a package would lose more than this share of its active versions
   * in any run, the first included.
   * @defaultValue no limit
   */
  maxShareOfPackage?: RetentionOptions['maxShareOfPackage'];
  /**
   * A number in (0, 1]: once the policy has run, the share of what it kept that one run may delete before a run
   * guard stops the preview (step 7); `1` for one run lets a run through.
   * @defaultValue `0.5`
   */
  maxShareOfKept?: RetentionOptions['maxShareOfKept'];
  /**
   * Untagged container/docker versions when planned version by version (`imageGraph: 'off'`, docker packages, or
   * the registry could not be read): `protect` keeps them (they may be platform manifests of tagged images),
   * `delete` lets the rules delete them with a warning. With the image graph on, `delete` gets a warning that it
   * only matters in that fallback.
   * @defaultValue `protect`
   */
  untaggedContainers?: RetentionOptions['untaggedContainers'];
  /**
   * `registry`: read manifests from the container registry and plan whole images (docs/container-images.md);
   * `off`: plan version by version. Container packages only.
   * @defaultValue `registry` for container packages, `off` otherwise
   */
  imageGraph?: RetentionOptions['imageGraph'];
  /**
   * With the image graph only: also delete orphaned referrers (subject gone), ghost images (every child gone)
   * and/or partial images (some children gone), each whole.
   * @defaultValue none
   */
  imageCleanup?: RetentionOptions['imageCleanup'];
}

/**
 * Per package: JSON texts of version id → one reviewable line (`<name> [tags] created <time>: <deciding rule>`),
 * `["{\"1001\":\"1.0.0 created 2026-06-13T11:50:16Z: olderThan 14d\",…}", …]`, oldest first, each text at most
 * 8,000 characters. A few strings per package, not a value per deletion, keep a plan of 50,000 deletions small for
 * the engine; `pulumi preview --diff` shows each text decoded, a line per version. (Earlier versions wrote one object
 * of version id → line; `up` and the review report read both.)
 */
export type PendingDeletions = Record<string, string[]>;

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
