/**
 * The user-facing properties of a retention policy, their check-time validation, and the resolved form the
 * planner runs on (defaults applied, patterns compiled, durations parsed). Meaning of every property:
 * docs/retention-semantics.md ("Properties and their checks"). Everything that can be wrong is found here, at check
 * time, so `pulumi preview` fails before any listing; every failure names its property and says what is allowed.
 */
import { PACKAGE_TYPES, TAGGED_TYPES, isPackageType, type Owner, type PackageType } from '../types';
import { parseDuration, type Duration } from './duration';
import { parseOwner } from '../validation/parse-owner';
import { unknownPropertyFailures } from '../validation/unknown-properties';
import { describeValue as describe } from '../describe-value';
import { compilePatternList, type PatternList } from './patterns';

export const TIME_BASES = ['created', 'updated'] as const;
export type TimeBasis = (typeof TIME_BASES)[number];
export const SELECTS = ['all', 'tagged', 'untagged'] as const;
export type Select = (typeof SELECTS)[number];
export const PRERELEASE_MODES = ['any', 'only', 'exclude'] as const;
export type PrereleaseMode = (typeof PRERELEASE_MODES)[number];
export const UNTAGGED_CONTAINER_MODES = ['protect', 'delete'] as const;
export type UntaggedContainerMode = (typeof UNTAGGED_CONTAINER_MODES)[number];
/**
 * `registry` (default for container packages): read manifests from the container registry and plan whole images
 * (docs/container-images.md). `off`: plan version by version, untagged versions under `untaggedContainers`.
 */
export const IMAGE_GRAPH_MODES = ['off', 'registry'] as const;
export type ImageGraphMode = (typeof IMAGE_GRAPH_MODES)[number];
/** With the image graph: what the rules do not delete by themselves, deleted on request. */
export const IMAGE_CLEANUPS = ['orphaned-referrers', 'ghost-images', 'partial-images'] as const;
export type ImageCleanup = (typeof IMAGE_CLEANUPS)[number];

/** What a user writes (every property optional here; `packageType` and `packages` are required by the check). */
export interface RetentionOptions {
  org?: string;
  user?: string;
  packageType?: PackageType;
  packages?: string[];
  keepNewest?: number;
  keepNewestTagged?: number;
  keepNewestUntagged?: number;
  olderThan?: string;
  /**
   * An age floor: no version younger than this is deleted, whatever rule, cleanup or selection picks it (a
   * container image: none of its members). Same format as `olderThan` (`<n><unit>`, unit `s`, `m`, `h`, `d`,
   * `w`), measured on `timeBasis`. The preview counts the versions it holds back as `younger-than-minAge`.
   */
  minAge?: string;
  timeBasis?: TimeBasis;
  select?: Select;
  tags?: string[];
  names?: string[];
  prerelease?: PrereleaseMode;
  protectTags?: string[];
  protectNames?: string[];
  protectIds?: number[];
  keepNewestVersion?: boolean;
  maxDeletionsPerRun?: number;
  maxShareOfPackage?: number;
  maxShareOfKept?: number;
  untaggedContainers?: UntaggedContainerMode;
  imageGraph?: ImageGraphMode;
  imageCleanup?: ImageCleanup[];
}

export const RETENTION_PROPERTIES = [
  'org',
  'user',
  'packageType',
  'packages',
  'keepNewest',
  'keepNewestTagged',
  'keepNewestUntagged',
  'olderThan',
  'minAge',
  'timeBasis',
  'select',
  'tags',
  'names',
  'prerelease',
  'protectTags',
  'protectNames',
  'protectIds',
  'keepNewestVersion',
  'maxDeletionsPerRun',
  'maxShareOfPackage',
  'maxShareOfKept',
  'untaggedContainers',
  'imageGraph',
  'imageCleanup',
] as const satisfies readonly (keyof RetentionOptions)[];

/** Every property present, defaults applied; `undefined` only where "not given" has its own meaning. */
export interface ResolvedRetentionOptions {
  owner: Owner;
  packageType: PackageType;
  packages: PatternList;
  keepNewest: number | undefined;
  keepNewestTagged: number | undefined;
  keepNewestUntagged: number | undefined;
  olderThan: Duration | undefined;
  minAge: Duration | undefined;
  timeBasis: TimeBasis;
  select: Select;
  tags: PatternList | undefined;
  names: PatternList | undefined;
  prerelease: PrereleaseMode;
  protectTags: PatternList;
  protectNames: PatternList;
  protectIds: ReadonlySet<number>;
  keepNewestVersion: boolean;
  maxDeletionsPerRun: number;
  /** 1 (no limit) unless given: the limit on every run, the first included. */
  maxShareOfPackage: number;
  /** The run guards' limit once the policy has run (run-guards.ts). */
  maxShareOfKept: number;
  /** With the image graph: only the fallback when the registry cannot be read. Without it: the rule for untagged versions. */
  untaggedContainers: UntaggedContainerMode;
  /** Present for container packages unless `imageGraph: 'off'`; absent = version-level rules. */
  imageGraph?: 'registry';
  /** Only with imageGraph; absent = none. */
  imageCleanup?: ReadonlySet<ImageCleanup>;
}

/** The shape Pulumi's dynamic provider `check` returns for each failure. */
export interface CheckFailure {
  property: string;
  reason: string;
}

export interface ResolveResult {
  options?: ResolvedRetentionOptions;
  failures: CheckFailure[];
  warnings: string[];
}

export const DEFAULT_PROTECT_TAGS = ['latest'];
/** No cap unless given: the preview lists every deletion and the time it takes, so a first clean-up is one run. */
export const DEFAULT_MAX_DELETIONS_PER_RUN = Number.MAX_SAFE_INTEGER;
/** No share limit on a run unless given; once a policy has run, the run guards apply (maxShareOfKept). */
export const DEFAULT_MAX_SHARE_OF_PACKAGE = 1;
export const DEFAULT_MAX_SHARE_OF_KEPT = 0.5;
/** Counts above this are typos, not policies (a package with a million versions cannot be listed anyway). */
export const MAX_COUNT = 1_000_000;
export const MAX_PROTECT_IDS = 10_000;
export interface ResolveSettings {
  /** Properties of the surrounding resource that are not retention options (not reported as unknown). */
  otherProperties?: readonly string[];
}

/** Validates raw inputs (as Pulumi passes them to `check`) and resolves them. */
export function resolveRetentionOptions(input: unknown, settings: ResolveSettings = {}): ResolveResult {
  const failures: CheckFailure[] = [];
  const warnings: string[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });

  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    fail('inputs', 'must be an object with the retention properties (packageType, packages, and a rule)');
    return { failures, warnings };
  }
  const raw = input as Record<string, unknown>;
  failures.push(...unknownPropertyFailures(raw, RETENTION_PROPERTIES, 'retention', settings.otherProperties));
  const has = (key: keyof RetentionOptions) => raw[key] !== undefined && raw[key] !== null;

  // packageType first: several checks depend on it.
  let packageType: PackageType | undefined;
  if (!has('packageType')) fail('packageType', `is required: one of ${PACKAGE_TYPES.join(', ')}`);
  else if (!isPackageType(raw.packageType))
    fail('packageType', `${describe(raw.packageType)} is not a package type: use one of ${PACKAGE_TYPES.join(', ')}`);
  else packageType = raw.packageType;
  const tagged = packageType !== undefined && TAGGED_TYPES.includes(packageType);

  const { owner, failures: ownerFailures } = parseOwner(raw);
  failures.push(...ownerFailures);

  // Tag properties only where versions carry tags.
  const tagProperties = ['keepNewestTagged', 'keepNewestUntagged', 'tags', 'protectTags', 'untaggedContainers'] as const;
  if (packageType !== undefined && !tagged) {
    for (const key of tagProperties) {
      if (has(key)) fail(key, `applies only to container and docker packages; ${packageType} versions carry no tags: remove it`);
    }
    if (has('select') && raw.select !== 'all') {
      fail(
        'select',
        `"tagged" and "untagged" apply only to container and docker packages; ${packageType} versions carry no tags: remove select or use "all"`,
      );
    }
  }

  const packages = has('packages')
    ? readPatternList(raw, 'packages', { allowExclusions: true, allowEmpty: false }, fail, warnings)
    : (fail('packages', 'is required: a list of package names or globs, e.g. ["my-app"] or ["service-*"]'), undefined);

  const keepNewest = readCount(raw, 'keepNewest', 0, fail);
  const keepNewestTagged = tagged ? readCount(raw, 'keepNewestTagged', 0, fail) : undefined;
  const keepNewestUntagged = tagged ? readCount(raw, 'keepNewestUntagged', 0, fail) : undefined;
  if (keepNewest !== undefined && (keepNewestTagged !== undefined || keepNewestUntagged !== undefined)) {
    fail('keepNewest', 'cannot be combined with keepNewestTagged or keepNewestUntagged: use keepNewest for all candidates, or the per-group counts');
  }

  let olderThan: Duration | undefined;
  if (has('olderThan')) {
    const parsed = parseDuration(raw.olderThan);
    if (parsed.ok) {
      olderThan = parsed.duration;
      if (olderThan.unit === 'm')
        warnings.push(`olderThan "${olderThan.text}" means ${olderThan.text.slice(0, -1)} minutes (m = minutes); for months use days, e.g. "180d"`);
      else if (olderThan.ms < 3600_000)
        // As good as no age limit ("0s" is refused for that reason): say so, rather than refuse a value that works.
        warnings.push(
          `olderThan "${olderThan.text}" is under an hour: it selects versions of practically any age (all but those published in the last ${olderThan.text})`,
        );
    } else fail('olderThan', parsed.reason);
  }

  let minAge: Duration | undefined;
  if (has('minAge')) {
    const parsed = parseDuration(raw.minAge);
    if (parsed.ok) minAge = parsed.duration;
    else fail('minAge', parsed.reason);
  }

  // Given, even if invalid (that has its own failure): only a policy with no deleting rule at all gets this one.
  const deletingRuleGiven = has('keepNewest') || has('keepNewestTagged') || has('keepNewestUntagged') || has('olderThan');
  if (!deletingRuleGiven) {
    fail(
      'keepNewest',
      'a policy needs a deleting rule: set keepNewest, keepNewestTagged, keepNewestUntagged (container/docker) or olderThan; filters alone delete nothing',
    );
  }
  if (keepNewest === 0 && olderThan === undefined) {
    warnings.push('keepNewest is 0 and there is no olderThan: every selected version that is not protected will be deleted');
  }

  const timeBasis = readEnum(raw, 'timeBasis', TIME_BASES, 'created', fail);
  const tags = tagged && has('tags') ? readPatternList(raw, 'tags', { allowExclusions: true, allowEmpty: false }, fail, warnings) : undefined;
  const select = readEnum(raw, 'select', SELECTS, tags ? 'tagged' : 'all', fail);
  if (tags && select === 'untagged') {
    if (tags.includes.length > 0)
      fail('select', '"untagged" with tags selects nothing (untagged versions have no tag to match): remove tags or use select "tagged"');
    else warnings.push('tags has no effect with select "untagged": untagged versions have no tags to exclude');
  }
  const names = has('names') ? readPatternList(raw, 'names', { allowExclusions: true, allowEmpty: false }, fail, warnings) : undefined;
  const prerelease = readEnum(raw, 'prerelease', PRERELEASE_MODES, 'any', fail);

  const protectTags =
    tagged && has('protectTags')
      ? readPatternList(raw, 'protectTags', { allowExclusions: false, allowEmpty: true }, fail, warnings)
      : compileDefault(tagged ? DEFAULT_PROTECT_TAGS : []);
  if (tagged && protectTags && has('protectTags') && protectTags.includes.length === 0) {
    warnings.push('protectTags is empty: versions tagged "latest" are no longer protected');
  }
  const protectNames = has('protectNames')
    ? readPatternList(raw, 'protectNames', { allowExclusions: false, allowEmpty: true }, fail, warnings)
    : compileDefault([]);
  const protectIds = readIds(raw, fail);

  let keepNewestVersion = true;
  if (has('keepNewestVersion')) {
    if (typeof raw.keepNewestVersion === 'boolean') keepNewestVersion = raw.keepNewestVersion;
    else fail('keepNewestVersion', `${describe(raw.keepNewestVersion)} is not a boolean: use true (default) or false`);
  }
  if (!keepNewestVersion) warnings.push('keepNewestVersion is false: the newest version of a package may be deleted');

  const maxDeletionsPerRun = readCount(raw, 'maxDeletionsPerRun', 1, fail) ?? DEFAULT_MAX_DELETIONS_PER_RUN;
  const maxShareOfPackage = readShare(raw, 'maxShareOfPackage', DEFAULT_MAX_SHARE_OF_PACKAGE, fail);
  const maxShareOfKept = readShare(raw, 'maxShareOfKept', DEFAULT_MAX_SHARE_OF_KEPT, fail);
  const untaggedContainers = tagged ? readEnum(raw, 'untaggedContainers', UNTAGGED_CONTAINER_MODES, 'protect', fail) : 'protect';
  // Container packages are planned as images by default; other types have no registry graph to read.
  const imageGraph = readEnum(raw, 'imageGraph', IMAGE_GRAPH_MODES, packageType === 'container' ? 'registry' : 'off', fail);
  if (has('imageGraph') && imageGraph === 'registry' && packageType !== undefined && packageType !== 'container') {
    fail('imageGraph', `applies only to container packages (ghcr.io); ${packageType} packages are planned version by version: remove it`);
  }
  if (imageGraph === 'registry' && has('untaggedContainers') && raw.untaggedContainers === 'delete') {
    warnings.push(
      'untaggedContainers "delete" applies only when the container registry cannot be read (the image graph plans untagged manifests with their images); then untagged versions are deleted without knowing which images they belong to',
    );
  }
  let imageCleanup: Set<ImageCleanup> | undefined;
  if (has('imageCleanup')) {
    const list = raw.imageCleanup;
    if (imageGraph !== 'registry')
      fail(
        'imageCleanup',
        'needs the image graph (container packages, imageGraph not "off"): orphaned referrers, ghost and partial images are only known from it',
      );
    else if (!Array.isArray(list) || !list.every((v) => (IMAGE_CLEANUPS as readonly unknown[]).includes(v))) {
      fail('imageCleanup', `${describe(list)} is not allowed: use a list of ${IMAGE_CLEANUPS.map((v) => `"${v}"`).join(', ')}`);
    } else imageCleanup = new Set(list as ImageCleanup[]);
  }

  if (failures.length > 0 || !owner || packageType === undefined || !packages || !protectTags || !protectNames || !protectIds) {
    return { failures, warnings };
  }
  return {
    failures,
    warnings,
    options: {
      owner,
      packageType,
      packages,
      keepNewest,
      keepNewestTagged,
      keepNewestUntagged,
      olderThan,
      minAge,
      timeBasis,
      select,
      tags,
      names,
      prerelease,
      protectTags,
      protectNames,
      protectIds,
      keepNewestVersion,
      maxDeletionsPerRun,
      maxShareOfPackage,
      maxShareOfKept,
      untaggedContainers,
      ...(imageGraph === 'registry' ? { imageGraph } : {}),
      ...(imageCleanup && imageCleanup.size > 0 ? { imageCleanup } : {}),
    },
  };
}

type Fail = (property: string, reason: string) => void;

function readCount(raw: Record<string, unknown>, key: keyof RetentionOptions, min: number, fail: Fail): number | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  const allowed = `a whole number from ${min} to ${MAX_COUNT}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(key, `${describe(value)} is not a number: use ${allowed}`);
  else if (!Number.isInteger(value)) fail(key, `${value} is not a whole number: use ${allowed}`);
  else if (value < min) fail(key, `${value} is too small: use ${allowed}`);
  else if (value > MAX_COUNT) fail(key, `${value} is too large: use ${allowed}`);
  else return value;
  return undefined;
}

function readShare(raw: Record<string, unknown>, key: 'maxShareOfPackage' | 'maxShareOfKept', fallback: number, fail: Fail): number {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  const allowed = "a number greater than 0 and at most 1 (e.g. 0.5 = half of a package's versions per run)";
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(key, `${describe(value)} is not a number: use ${allowed}`);
  else if (value <= 0 || value > 1) fail(key, `${value} is outside (0, 1]: use ${allowed}`);
  else return value;
  return fallback;
}

function readEnum<T extends string>(raw: Record<string, unknown>, key: keyof RetentionOptions, values: readonly T[], fallback: T, fail: Fail): T {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  fail(key, `${describe(value)} is not allowed: use one of ${values.map((v) => `"${v}"`).join(', ')}`);
  return fallback;
}

function readStringArray(raw: Record<string, unknown>, key: keyof RetentionOptions, fail: Fail): string[] | undefined {
  const value = raw[key];
  if (!Array.isArray(value)) {
    fail(key, `${describe(value)} is not a list: use a list of strings, e.g. ["pr-*"] (a single pattern also goes in a list)`);
    return undefined;
  }
  const bad = value.findIndex((entry) => typeof entry !== 'string');
  if (bad >= 0) {
    fail(key, `entry ${bad} ${describe(value[bad])} is not a string: every entry must be a name or pattern`);
    return undefined;
  }
  return value as string[];
}

function readPatternList(
  raw: Record<string, unknown>,
  key: keyof RetentionOptions,
  rules: { allowExclusions: boolean; allowEmpty: boolean },
  fail: Fail,
  warnings: string[],
): PatternList | undefined {
  const entries = readStringArray(raw, key, fail);
  if (!entries) return undefined;
  if (entries.length === 0 && !rules.allowEmpty) {
    fail(key, 'is an empty list: give at least one name or pattern, or omit the property');
    return undefined;
  }
  const compiled = compilePatternList(entries, { allowExclusions: rules.allowExclusions });
  for (const error of compiled.errors) fail(key, error);
  for (const warning of compiled.warnings) warnings.push(`${key}: ${warning}`);
  return compiled.list;
}

function compileDefault(entries: string[]): PatternList {
  const compiled = compilePatternList(entries, { allowExclusions: false });
  if (!compiled.list) throw new Error(`internal error: default pattern list ${JSON.stringify(entries)} does not compile`);
  return compiled.list;
}

function readIds(raw: Record<string, unknown>, fail: Fail): ReadonlySet<number> | undefined {
  const value = raw.protectIds;
  if (value === undefined || value === null) return new Set();
  const allowed = 'a list of package version ids (positive whole numbers), e.g. [12345678]';
  if (!Array.isArray(value)) {
    fail('protectIds', `${describe(value)} is not a list: use ${allowed}`);
    return undefined;
  }
  if (value.length > MAX_PROTECT_IDS) {
    fail('protectIds', `has ${value.length} entries; at most ${MAX_PROTECT_IDS} are allowed`);
    return undefined;
  }
  const bad = value.findIndex((id) => typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0);
  if (bad >= 0) {
    fail('protectIds', `entry ${bad} ${describe(value[bad])} is not a version id: use ${allowed}`);
    return undefined;
  }
  return new Set(value as number[]);
}

/** A short, safe description of a value for a failure message. */
