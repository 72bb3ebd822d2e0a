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
 *     Holds (holds.ts) then keep what any of these (or a caller's deletion request) would delete.
 *  5. GitHub's known refusals are dropped: the last version of a package, the last tagged version of a
 *     container package.
 *  6. Run limits: over maxShareOfPackage (deletions / active versions, protected included, before the cap) the
 *     package plans nothing and the plan carries an error saying by how much (the preview must fail). Then
 *     maxDeletionsPerRun keeps the OLDEST deletions across packages; the rest are deferred to the next run.
 * Ordering is by timeBasis, ties by id (higher = newer). Deletions are listed oldest first.
 *
 * One pipeline for both planners: a unit is a version, or (image-retention.ts) a whole image carrying its present
 * members, an optional deletion request (imageCleanup) that is one more way it is selected, or none of the rules at
 * all (an orphaned referrer). Protection by any member, holds over all members, GitHub's refusals and the share
 * limit count the versions a unit's deletion removes; a version another kept unit holds is never removed.
 */
import { TAGGED_TYPES, type PackageVersionInfo } from '../types';
import { matchesList } from './patterns';
import { listExamples } from './list-examples';
import { maxShareError } from './max-share';
import { summarizePackage } from './package-summary';
import type { DeleteRule, KeepReason, PackagePlan, PlannedDeletion, RetentionPlan, VersionDecision } from './plan-types';
import { findProtected, newestVersionIds, type Protection } from './protection';
import { futureWarnings, isFutureDated } from './future-times';
import { holdOf } from './holds';
import type { ResolvedRetentionOptions } from './retention-options';
import { selectVersion, type PatternOverlap } from './selection';
import { deferredByCap, deleteDecision, keepDecision, plannedDeletion } from './version-decision';
import { compareNames as compareStrings, newestFirst, oldestFirst, versionTime } from './version-order';

/** A version of an image that a unit's deletion removes: the unit's own (no label), or a member, named by `label`. */
export interface UnitMember {
  version: PackageVersionInfo;
  /** How decisions name a member (`linux/arm64`, `signature (cosign)`); absent for the unit's own version. */
  label?: string;
}

/** What the pipeline decides about as one: a version, or a whole image (see the file comment). */
export interface PlanUnit {
  /** What the rules read: the version itself, or an image's root with the image's times. */
  version: PackageVersionInfo;
  /** The present versions deleting the unit removes, its own first; absent: the version alone. */
  members?: readonly UnitMember[];
  /** A deletion asked for besides the rules (imageCleanup): under the same protections, holds, refusals and share limit. */
  request?: { rule: DeleteRule; text: string };
  /** A unit the rules do not see (no count, not the newest, not selected): kept for this reason unless `request` asks. */
  outside?: { reason: KeepReason; text: string };
}

export type PlanPackage =
  | { name: string; versions: readonly PackageVersionInfo[] }
  | {
      name: string;
      units: readonly PlanUnit[];
      /** Versions the caller keeps whatever the plan says (an image model's unplaced versions): counted, never removed. */
      held?: readonly PackageVersionInfo[];
    };

export interface PlanInput {
  /** Each package with its versions (active ones; any others are kept as `not-active`), or its units. */
  packages: ReadonlyArray<PlanPackage>;
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

interface Entry extends PlanUnit {
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
    const pkg = packages[i];
    const { name } = pkg;
    if (i > 0 && packages[i - 1].name === name) {
      throw new TypeError(`planRetention: package "${name}" is listed twice; pass each package once`);
    }
    entriesByPackage.set(name, planPackage({ pkg, options, cutoff, now, unit }, { warnings, errors, overlaps }));
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
  pkg: PlanPackage;
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
  const { pkg, options, cutoff, now, unit } = input;
  const { name } = pkg;
  const held = 'units' in pkg ? (pkg.held ?? []) : [];
  const { warnings, errors, overlaps } = notes;
  // One shape for every entry (all fields present), so that the steps below stay fast over 100,000 versions.
  const entry = (u: PlanUnit): Entry => ({
    version: u.version,
    members: u.members,
    request: u.request,
    outside: u.outside,
    time: versionTime(u.version, options.timeBasis),
    decision: undefined,
  });
  const all: Entry[] = 'units' in pkg ? pkg.units.map(entry) : pkg.versions.map((version) => entry({ version }));
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

  // Step 1: a version dated in the future has no known age: held, and not the newest (future-times.ts). An image:
  // any of its members.
  const future = active.filter((e) => !e.outside && (e.members ?? [e]).some((m) => isFutureDated(m.version, options.timeBasis, now)));
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
  const dated = active.filter((e) => !e.decision && !e.outside);
  // Step 1: protection. Step 2: selection (protected versions too, to show "kept (protected)").
  const protectionOf = protectionFinder(active, dated, options);
  // Units outside the rules: protected, or deleted on request, or kept for their own reason.
  for (const e of active) {
    if (!e.outside || e.decision) continue;
    const protection = protectionOf(e);
    if (protection) e.decision = keep(e, protection.reason, protection.text, false);
    else if (e.request) e.decision = remove(e, e.request.rule, e.request.text);
    else e.decision = keep(e, e.outside.reason, e.outside.text, false);
  }
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
    const protection = protectionOf(e);
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

  applyRequests(dated);
  applyHolds(active, options, now);

  // Step 5: refusals GitHub is known to give: https://docs.github.com/en/packages/learn-github-packages/deleting-and-restoring-a-package
  spareForGitHubRefusals(active, held, options);
  // A unit whose own version a kept unit holds stays (images: a root that a kept image also reaches).
  const { going, removed } = settle(active, held);
  for (const e of active) {
    if (e.decision?.action === 'delete' && !going.has(e)) e.decision = keep(e, 'shared-with-kept-image', 'kept: also a member of a kept image', true);
  }

  // Step 6, first half: maxShareOfPackage on the whole deletion set (versions), before the cap.
  const overShare = maxShareError(name, removed.size, versionsOf(active, held).size, options.maxShareOfPackage, SHARE_WORDING[unit]);
  if (overShare) {
    const deleting = active.filter((e) => going.has(e));
    errors.push(overShare);
    for (const e of deleting) {
      e.decision = keep(e, 'over-max-share', `kept: the package's deletions exceed maxShareOfPackage ${options.maxShareOfPackage}`, true);
    }
  }
  return all;
}

const SHARE_WORDING = {
  version: { narrow: 'narrow the rules (e.g. a larger keepNewest or olderThan)' },
  image: { whole: 'images are deleted whole, with their platform manifests, attestations and signatures', narrow: 'narrow the rules' },
} as const;

/** The keep reasons a deletion request overrides: the rules' own choices, never a protection or a hold. */
const REQUEST_OVERRIDES: readonly KeepReason[] = [
  'kept-by-keepNewest',
  'kept-by-keepNewestTagged',
  'kept-by-keepNewestUntagged',
  'younger-than-cutoff',
  'no-rule-for-group',
  'not-selected',
];

/** A deletion request (imageCleanup) is one more way a unit is selected: it deletes what only the rules keep. */
function applyRequests(dated: readonly Entry[]): void {
  for (const e of dated) {
    if (e.request && e.decision?.action === 'keep' && REQUEST_OVERRIDES.includes(e.decision.reason)) {
      e.decision = remove(e, e.request.rule, e.request.text);
    }
  }
}

/**
 * Holds (holds.ts): whatever selected a unit for deletion (the rules, a request), it may not go now. What the rules
 * select is held by its own time as they read it first; then every member counts (an image is never split).
 */
function applyHolds(active: readonly Entry[], options: ResolvedRetentionOptions, now: Date): void {
  for (const e of active) {
    if (e.decision?.action !== 'delete') continue;
    const byRules = !e.request || e.decision.reason !== e.request.rule;
    const own = byRules ? holdOf([e.version], options, now) : undefined;
    const members = e.members?.map((m) => m.version);
    const hold = own ?? (members ? holdOf(members, options, now) : undefined);
    if (hold) e.decision = keep(e, hold.reason, hold.text, true);
  }
}

/**
 * Step 1 per unit: a protectIds/Names/Tags match on any member protects the whole unit (saying which member), then
 * the unit's own protections (the newest version, untagged containers).
 */
function protectionFinder(active: Entry[], dated: Entry[], options: ResolvedRetentionOptions): (e: Entry) => Protection | undefined {
  const own = findProtected(
    dated.map((e) => e.version),
    options,
  );
  const memberVersions = active.flatMap((e) => (e.members ?? []).map((m) => m.version));
  if (memberVersions.length === 0) return (e) => (e.outside ? undefined : own.get(e.version.id));
  const byMember = findProtected(memberVersions, { ...options, keepNewestVersion: false, untaggedContainers: 'delete' });
  return (e) => {
    for (const m of e.members ?? []) {
      const p = byMember.get(m.version.id);
      if (p)
        return m.label === undefined
          ? p
          : { reason: p.reason, text: `protected: its ${m.label} ${m.version.id} is ${p.text.replace(/^protected: /, '')}` };
    }
    return e.outside ? undefined : own.get(e.version.id);
  };
}

/** Every version the package's units and held versions stand for, by id. */
function versionsOf(entries: readonly Entry[], held: readonly PackageVersionInfo[]): Map<number, PackageVersionInfo> {
  const versions = new Map<number, PackageVersionInfo>(held.map((v) => [v.id, v]));
  for (const e of entries) {
    if (!e.members) versions.set(e.version.id, e.version);
    else for (const m of e.members) versions.set(m.version.id, m.version);
  }
  return versions;
}

/**
 * Which deleting units go and which versions they remove: a version goes only when no kept unit (and no held
 * version) holds it, and a unit whose own version a kept unit holds stays. Plain versions: each deletion itself.
 */
function settle(entries: readonly Entry[], held: readonly PackageVersionInfo[] = []): { going: Set<Entry>; removed: Set<number> } {
  const going = new Set(entries.filter((e) => e.decision?.action === 'delete'));
  // Plain versions: each deletion removes itself, and nothing holds it.
  if (held.length === 0 && entries.every((e) => !e.members)) return { going, removed: new Set([...going].map((e) => e.version.id)) };
  const membersOf = (e: Entry) => e.members ?? [{ version: e.version }];
  for (;;) {
    const kept = new Set<number>(held.map((v) => v.id));
    for (const e of entries) if (!going.has(e)) for (const m of membersOf(e)) kept.add(m.version.id);
    const staying = [...going].filter((e) => kept.has(e.version.id));
    if (staying.length === 0) {
      const removed = new Set<number>();
      for (const e of going) for (const m of membersOf(e)) if (!kept.has(m.version.id)) removed.add(m.version.id);
      return { going, removed };
    }
    for (const e of staying) going.delete(e);
  }
}

/**
 * Step 5: GitHub refuses to delete a container package's last tagged version and any package's last version, so
 * a plan that would do so keeps one unit removing such a version, whole, and says why: what the rules delete
 * before what a request deletes (a broken image) before units outside the rules (an orphaned referrer); then a unit
 * whose own version is tagged before one with only a tagged member; then the newest.
 */
function spareForGitHubRefusals(active: Entry[], held: readonly PackageVersionInfo[], options: ResolvedRetentionOptions): void {
  const versions = [...versionsOf(active, held).values()];
  const rank = (e: Entry) => (e.outside ? 2 : e.request && e.decision?.reason === e.request.rule ? 1 : 0);
  /** Going units in the order they are spared (`active` is newest first and the sort is stable). */
  const ordered = (going: Set<Entry>, removes: (e: Entry) => 0 | 1 | undefined) =>
    [...going].flatMap((e) => {
      const how = removes(e);
      return how === undefined ? [] : [{ e, key: rank(e) * 2 + how }];
    });
  const first = (list: Array<{ e: Entry; key: number }>) => list.sort((a, b) => a.key - b.key)[0].e;
  if (TAGGED_TYPES.includes(options.packageType)) {
    const tagged = versions.filter((v) => v.tags.length > 0);
    const { going, removed } = settle(active, held);
    const taggedMember = (e: Entry) =>
      (e.members ?? []).filter((m) => m.version.tags.length > 0 && removed.has(m.version.id)).sort(newestMember(options))[0];
    if (tagged.length > 0 && tagged.every((v) => removed.has(v.id))) {
      const e = first(ordered(going, (u) => (u.version.tags.length > 0 ? 0 : taggedMember(u) ? 1 : undefined)));
      const m = taggedMember(e);
      const text =
        e.version.tags.length > 0 || !m
          ? 'kept: GitHub refuses to delete the last tagged version of a container package'
          : `kept: its ${m.label ?? 'version'} ${m.version.id} is the container package's last tagged version, which GitHub refuses to delete`;
      e.decision = keep(e, 'last-tagged-version', text, true);
    }
  }
  const { going, removed } = settle(active, held);
  if (versions.length > 0 && versions.every((v) => removed.has(v.id))) {
    const e = first(ordered(going, () => 0));
    e.decision = keep(e, 'last-version', 'kept: GitHub refuses to delete the last version of a package', true);
  }
}

function newestMember(options: ResolvedRetentionOptions): (a: UnitMember, b: UnitMember) => number {
  const timed = (m: UnitMember) => ({ id: m.version.id, time: versionTime(m.version, options.timeBasis) });
  return (a, b) => newestFirst(timed(a), timed(b));
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
