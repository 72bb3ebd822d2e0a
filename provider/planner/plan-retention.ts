/**
 * The pure retention planner: live versions + resolved rules + "now" in, a decision for every version out.
 * No I/O, no clock: the caller reads "now" once and passes it in.
 *
 * Order of evaluation (exactly as docs/retention-semantics.md, "Order of evaluation"), per package:
 *  1. Protected versions are set aside for good (protectIds, protectNames, protectTags, the newest version,
 *     untagged container versions while `untaggedContainers` is `protect`).
 *  2. Selection: the other versions that every given filter matches (select AND tags AND names AND prerelease).
 *  3. Keep counts spare the newest candidates: keepNewest over all, keepNewestTagged/Untagged per group. The
 *     newest version (keepNewestVersion) fills one slot of its group's count when the selection matches it, so
 *     "keep 10" keeps 10 as in other tools; other protected versions take no slot and are kept in addition.
 *  4. Age: with olderThan, a candidate not spared is deleted only if strictly older than now - olderThan; without
 *     it, a group with a count deletes what the count does not spare, a group with no rule deletes nothing.
 *  5. GitHub's known refusals are dropped: the last version of a package, the last tagged version of a
 *     container package.
 *  6. Run limits: over maxShareOfPackage (deletions / active versions, protected included, before the cap) the
 *     package plans nothing and the plan carries an error saying by how much (the preview must fail). Then
 *     maxDeletionsPerRun keeps the OLDEST deletions across packages; the rest are deferred to the next run.
 * Ordering is by timeBasis, ties by id (higher = newer). Deletions are listed oldest first.
 */
import { TAGGED_TYPES, type PackageVersionInfo } from '../types';
import { matchesList } from './patterns';
import { listExamples } from './list-examples';
import { maxShareError } from './max-share';
import { summarizePackage } from './package-summary';
import type { DeleteRule, KeepReason, PackagePlan, PlannedDeletion, RetentionPlan, VersionDecision } from './plan-types';
import { findProtected, newestVersionIds } from './protection';
import { futureWarnings, isFutureDated } from './future-times';
import { holdOf } from './holds';
import type { ResolvedRetentionOptions } from './retention-options';
import { selectVersion, type PatternOverlap } from './selection';
import { deferredByCap, deleteDecision, keepDecision, plannedDeletion } from './version-decision';
import { compareNames as compareStrings, oldestFirst, versionTime } from './version-order';

export interface PlanInput {
  /** Each package with its versions (active ones; any others are kept as `not-active`). */
  packages: ReadonlyArray<{ name: string; versions: readonly PackageVersionInfo[] }>;
  options: ResolvedRetentionOptions;
  /** Read once by the caller; only the age cut-off depends on it, and the plan never records it. */
  now: Date;
  /**
   * What each listed version stands for: a version (the default), or a whole image (the image planner passes
   * image roots): then the texts count images, and the warnings about deleting container versions one by one
   * do not apply.
   */
  unit?: 'version' | 'image';
}

interface Entry {
  version: PackageVersionInfo;
  time: number;
  decision?: VersionDecision;
}

export function planRetention(input: PlanInput): RetentionPlan {
  const { options, now } = input;
  const unit = input.unit ?? 'version';
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('planRetention: now must be a valid Date');
  const cutoff = options.olderThan ? now.getTime() - options.olderThan.ms : undefined;
  const warnings: string[] = [];
  const errors: string[] = [];
  const overlaps: PatternOverlap[] = [];

  const packages = [...input.packages].sort((a, b) => compareStrings(a.name, b.name));
  const entriesByPackage = new Map<string, Entry[]>();
  for (let i = 0; i < packages.length; i++) {
    const { name, versions } = packages[i];
    if (i > 0 && packages[i - 1].name === name) {
      throw new TypeError(`planRetention: package "${name}" is listed twice; pass each package once`);
    }
    entriesByPackage.set(name, planPackage({ name, versions, options, cutoff, now, unit }, { warnings, errors, overlaps }));
  }

  const remainingForNextRun = applyCap(entriesByPackage, options);
  warnings.push(...describeOverlaps(overlaps));

  // The deletions, oldest first: sorted as entries, then each made once (a plan of 100,000 deletions would
  // otherwise hold every record twice while it sorts).
  const deleting: Array<{ name: string; entry: Entry; rule: DeleteRule }> = [];
  const packagePlans: PackagePlan[] = [];
  for (const { name } of packages) {
    const entries = entriesByPackage.get(name) ?? [];
    for (const entry of entries) {
      const decision = entry.decision;
      if (decision?.action === 'delete') deleting.push({ name, entry, rule: decision.reason });
    }
    packagePlans.push(summarize(name, entries));
    if (unit === 'version') warnings.push(...containerWarnings(name, entries, options));
  }
  deleting.sort((a, b) => oldestEntryFirst(a.entry, b.entry) || compareStrings(a.name, b.name));
  const deletions: PlannedDeletion[] = deleting.map(({ name, entry, rule }) => plannedDeletion(name, entry.version, rule, options.timeBasis));
  return {
    timeBasis: options.timeBasis,
    deletions,
    packages: packagePlans,
    remainingForNextRun,
    warnings,
    errors,
  };
}

/** One package to plan. */
interface PackageInput {
  name: string;
  versions: readonly PackageVersionInfo[];
  options: ResolvedRetentionOptions;
  /** now - olderThan in ms, when olderThan is given. */
  cutoff: number | undefined;
  now: Date;
  unit: 'version' | 'image';
}

/** What planning a package adds to the whole plan. */
interface PlanNotes {
  warnings: string[];
  errors: string[];
  overlaps: PatternOverlap[];
}

function planPackage(input: PackageInput, notes: PlanNotes): Entry[] {
  const { name, versions, options, cutoff, now, unit } = input;
  const { warnings, errors, overlaps } = notes;
  const all: Entry[] = versions.map((version) => ({ version, time: versionTime(version, options.timeBasis) }));
  all.sort(newestEntryFirst);
  const active = all.filter((e) => e.version.state === 'active');
  for (const e of all) if (e.version.state !== 'active') e.decision = keep(e, 'not-active', `not active (state ${e.version.state})`, false);

  if (!matchesList(options.packages, name)) {
    for (const e of active) e.decision = keep(e, 'package-not-selected', `package "${name}" is not matched by packages`, false);
    return all;
  }
  const unreadable = findUnreadable(active);
  if (unreadable) {
    errors.push(
      `package "${name}": ${unreadable}; nothing in this package is planned. Report this: GitHub's listing should always carry valid ids and times`,
    );
    for (const e of active) e.decision = keep(e, 'unreadable-data', 'kept: the package listing could not be read completely', false);
    return all;
  }

  // Step 1: a version dated in the future has no known age: held, and not the newest (future-times.ts).
  const future = active.filter((e) => isFutureDated(e.version, options.timeBasis, now));
  for (const e of future) e.decision = keep(e, 'time-in-future', 'kept: dated in the future, so its age is unknown (check the registry data)', false);
  if (unit === 'version')
    warnings.push(
      ...futureWarnings(
        name,
        future.map((e) => e.version),
        options.timeBasis,
        now,
      ),
    );
  const dated = active.filter((e) => !e.decision);
  // Step 1: protection. Step 2: selection (protected versions too, to show "kept (protected)").
  const protections = findProtected(
    dated.map((e) => e.version),
    options,
  );
  const newest = newestVersionIds(
    dated.map((e) => e.version),
    options,
  );
  const candidates: Entry[] = [];
  /** Newest versions the selection matches, newest first: each fills a slot of its group's count (step 3). */
  const slotFillers: Entry[] = [];
  const partial: string[] = [];
  for (const e of dated) {
    const selection = selectVersion(e.version, options);
    const protection = protections.get(e.version.id);
    if (protection) {
      e.decision = keep(e, protection.reason, protection.text, selection.selected);
      if (selection.selected && newest.has(e.version.id)) slotFillers.push(e);
      continue;
    }
    overlaps.push(...selection.overlaps);
    if (selection.unmatchedTags)
      partial.push(`${describeVersion(e.version)} (would also remove ${selection.unmatchedTags.map((t) => `"${t}"`).join(', ')})`);
    if (selection.selected) candidates.push(e);
    else e.decision = keep(e, 'not-selected', `not selected: ${selection.notSelectedBecause}`, false);
  }
  if (partial.length > 0) {
    warnings.push(
      `package "${name}": ${partial.length} version(s) match tags only partly and are not selected, because deleting a version removes all its tags: ${listExamples(partial)}`,
    );
  }

  // Steps 3 and 4: keep counts (the newest version's slot first), then the age cut-off, per group.
  for (const group of groupsOf(options, unit)) {
    const filled = fillSlots(slotFillers.filter(group.has), group);
    candidates.filter(group.has).forEach((e, index) => {
      if (group.count !== undefined && index < group.count - filled) {
        e.decision = keep(e, `kept-by-${group.rule}` as KeepReason, `kept: among the ${group.count} newest ${group.label} (${group.rule})`, true);
      } else if (cutoff !== undefined && options.olderThan) {
        if (e.time < cutoff) {
          const rule = (group.count !== undefined ? `${group.rule}+olderThan` : 'olderThan') as DeleteRule;
          const beyond = group.count !== undefined ? `not among the ${group.count} newest ${group.label} and ` : '';
          e.decision = remove(e, rule, `delete: ${beyond}${options.timeBasis} more than ${options.olderThan.text} ago`);
        } else {
          e.decision = keep(e, 'younger-than-cutoff', `kept: ${options.timeBasis} less than ${options.olderThan.text} ago (olderThan)`, true);
        }
      } else if (group.count !== undefined) {
        e.decision = remove(e, group.rule, `delete: not among the ${group.count} newest ${group.label} (${group.rule})`);
      } else {
        e.decision = keep(e, 'no-rule-for-group', `kept: no rule deletes ${group.label} (no count for them and no olderThan)`, true);
      }
    });
  }

  // Holds (holds.ts): whatever selected a version for deletion, it may not go now.
  for (const e of candidates) {
    const hold = e.decision?.action === 'delete' ? holdOf([e.version], options, now) : undefined;
    if (hold) e.decision = keep(e, hold.reason, hold.text, true);
  }

  // Step 5: refusals GitHub is known to give: https://docs.github.com/en/packages/learn-github-packages/deleting-and-restoring-a-package
  const isDeleted = (e: Entry) => e.decision?.action === 'delete';
  if (TAGGED_TYPES.includes(options.packageType)) {
    const taggedActive = active.filter((e) => e.version.tags.length > 0);
    if (taggedActive.length > 0 && taggedActive.every(isDeleted)) {
      const spared = taggedActive[0];
      spared.decision = keep(spared, 'last-tagged-version', 'kept: GitHub refuses to delete the last tagged version of a container package', true);
    }
  }
  if (active.length > 0 && active.every(isDeleted)) {
    active[0].decision = keep(active[0], 'last-version', 'kept: GitHub refuses to delete the last version of a package', true);
  }

  // Step 6, first half: maxShareOfPackage on the whole deletion set, before the cap.
  const deleting = active.filter(isDeleted);
  const overShare = maxShareError(name, deleting.length, active.length, options.maxShareOfPackage, {
    narrow: 'narrow the rules (e.g. a larger keepNewest or olderThan)',
  });
  if (overShare) {
    errors.push(overShare);
    for (const e of deleting) {
      e.decision = keep(e, 'over-max-share', `kept: the package's deletions exceed maxShareOfPackage ${options.maxShareOfPackage}`, true);
    }
  }
  return all;
}

interface Group {
  has: (e: Entry) => boolean;
  count: number | undefined;
  rule: 'keepNewest' | 'keepNewestTagged' | 'keepNewestUntagged';
  label: string;
}

function groupsOf(options: ResolvedRetentionOptions, unit: 'version' | 'image'): Group[] {
  const what = unit === 'image' ? 'images' : 'candidates';
  if (options.keepNewestTagged === undefined && options.keepNewestUntagged === undefined) {
    return [{ has: () => true, count: options.keepNewest, rule: 'keepNewest', label: what }];
  }
  return [
    { has: (e) => e.version.tags.length > 0, count: options.keepNewestTagged, rule: 'keepNewestTagged', label: `tagged ${what}` },
    { has: (e) => e.version.tags.length === 0, count: options.keepNewestUntagged, rule: 'keepNewestUntagged', label: `untagged ${what}` },
  ];
}

/**
 * The protected newest versions of a group take its first slots (at most `count`; any beyond stay protected, in
 * addition) and their decisions say so. Returns how many slots they fill.
 */
function fillSlots(fillers: Entry[], group: Group): number {
  const filled = Math.min(fillers.length, group.count ?? 0);
  for (const e of fillers.slice(0, filled)) {
    const d = e.decision!;
    const as = d.reason === 'newest-version' ? 'it' : 'as the newest version it';
    e.decision = { ...d, text: `${d.text}; ${as} fills one of the ${group.count} slots of ${group.rule}` };
  }
  return filled;
}

/** Step 6, second half: maxDeletionsPerRun keeps the oldest deletions across packages. Returns how many were deferred. */
function applyCap(entriesByPackage: Map<string, Entry[]>, options: ResolvedRetentionOptions): number {
  const deleting: Array<{ id: number; time: number; packageName: string; entry: Entry }> = [];
  for (const [packageName, entries] of entriesByPackage) {
    for (const entry of entries) {
      if (entry.decision?.action === 'delete') deleting.push({ id: entry.version.id, time: entry.time, packageName, entry });
    }
  }
  deleting.sort((a, b) => oldestFirst(a, b) || compareStrings(a.packageName, b.packageName));
  const deferred = deleting.slice(options.maxDeletionsPerRun);
  for (const { entry } of deferred) entry.decision = deferredByCap(entry.decision!, options.maxDeletionsPerRun);
  return deferred.length;
}

function summarize(name: string, entries: Entry[]): PackagePlan {
  return summarizePackage(
    name,
    entries.map((entry) => {
      if (!entry.decision) throw new Error(`internal error: version ${entry.version.id} of "${name}" has no decision`);
      return entry.decision;
    }),
  );
}

function containerWarnings(name: string, entries: Entry[], options: ResolvedRetentionOptions): string[] {
  if (!TAGGED_TYPES.includes(options.packageType)) return [];
  const deleting = entries.filter((e) => e.decision?.action === 'delete');
  const untagged = deleting.filter((e) => e.version.tags.length === 0).length;
  const tagged = deleting.length - untagged;
  const warnings: string[] = [];
  if (untagged > 0) {
    warnings.push(
      `package "${name}": ${untagged} untagged version(s) will be deleted (untaggedContainers: delete); platform manifests, ` +
        'signatures or attestations of tagged images may be among them, and deleting those breaks the tagged images',
    );
  }
  if (tagged > 0) {
    warnings.push(
      `package "${name}": ${tagged} tagged version(s) will be deleted, each treated as an image of its own; ` +
        'while the image graph is unknown, a tagged version may also be a child of another (multi-arch) image',
    );
  }
  return warnings;
}

/** One warning per include/exclusion pair that both matched, naming (some of) the values they matched. */
export function describeOverlaps(overlaps: PatternOverlap[]): string[] {
  const byPair = new Map<string, { overlap: PatternOverlap; values: Set<string> }>();
  for (const overlap of overlaps) {
    const key = JSON.stringify([overlap.property, overlap.include, overlap.exclude]);
    const found = byPair.get(key) ?? { overlap, values: new Set<string>() };
    found.values.add(overlap.value);
    byPair.set(key, found);
  }
  return [...byPair.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, { overlap, values }]) => {
      const list = [...values].sort(compareStrings).map((v) => `"${v}"`);
      return `${overlap.property}: "${overlap.include}" and "!${overlap.exclude}" both match ${listExamples(list)}; the exclusion wins`;
    });
}

function keep(e: Entry, reason: KeepReason, text: string, selected: boolean): VersionDecision {
  return keepDecision(e.version, reason, text, selected);
}

function remove(e: Entry, rule: DeleteRule, text: string): VersionDecision {
  return deleteDecision(e.version, rule, text);
}

function findUnreadable(entries: Entry[]): string | undefined {
  const seen = new Set<number>();
  for (const { version } of entries) {
    if (!Number.isSafeInteger(version.id) || version.id <= 0) return `a version has an invalid id (${String(version.id)})`;
    if (seen.has(version.id)) return `version id ${version.id} is listed twice`;
    seen.add(version.id);
    if (Number.isNaN(Date.parse(version.createdAt)) || Number.isNaN(Date.parse(version.updatedAt))) {
      return `version ${version.id} has an unreadable created_at or updated_at`;
    }
    if (typeof version.name !== 'string' || !Array.isArray(version.tags)) return `version ${version.id} has no name or tags`;
  }
  return undefined;
}

/** `oldestFirst` (version-order.ts) on entries, without an object per comparison (a sort of 100,000 entries makes
 * millions of comparisons). */
function oldestEntryFirst(a: Entry, b: Entry): number {
  return a.time - b.time || a.version.id - b.version.id;
}

/** `newestFirst` on entries, NaN times (unreadable; the package is then kept whole) as oldest and an id that is not
 * a number as 0, so sorting stays consistent; without an object per comparison. */
function newestEntryFirst(a: Entry, b: Entry): number {
  return safeTime(b) - safeTime(a) || safeId(b) - safeId(a);
}

function safeTime(e: Entry): number {
  return Number.isNaN(e.time) ? -Infinity : e.time;
}

function safeId(e: Entry): number {
  return Number.isFinite(e.version.id) ? e.version.id : 0;
}

function describeVersion(version: PackageVersionInfo): string {
  const tags = version.tags.length > 0 ? ` tagged ${[...version.tags].sort().join(', ')}` : '';
  return `${version.id} ${version.name}${tags}`;
}
