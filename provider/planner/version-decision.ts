/**
 * The decisions both planners (version by version, plan-retention.ts; image by image, image-retention.ts) write
 * for a version, with the same fields and the same wording: kept, deleted, deferred by the cap, and the planned
 * deletion a deleted version becomes.
 */
import type { PackageVersionInfo } from '../types';
import type { DeleteRule, KeepReason, PlannedDeletion, VersionDecision } from './plan-types';
import type { TimeBasis } from './retention-options';
import { compareNames } from './version-order';

/** No tags: one shared empty list (a plan of 100,000 untagged versions would otherwise hold 100,000 of them). */
const NO_TAGS: string[] = Object.freeze([]) as unknown as string[];

/** Tags sorted, so the plan does not change when GitHub lists the same tags in another order. */
export function sortedTags(version: PackageVersionInfo): string[] {
  return version.tags.length === 0 ? NO_TAGS : [...version.tags].sort(compareNames);
}

/** One version (or, for images, one digest) across a policy's packages, as a map key: a NUL is in no package name. */
export function versionKey(pkg: string, idOrDigest: number | string): string {
  return `${pkg}\u0000${idOrDigest}`;
}

/** The same tags in any order (GitHub lists a version's tags in no fixed order). */
export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = [...b].sort(compareNames);
  return [...a].sort(compareNames).every((tag, i) => tag === sorted[i]);
}

/**
 * One string for each distinct decision text: most versions of a package share a handful of texts ("kept: among the
 * 10 newest versions (keepNewest)"), and a plan of 100,000 versions would otherwise hold 100,000 copies. Bounded.
 */
const texts = new Map<string, string>();
function sharedText(text: string): string {
  const known = texts.get(text);
  if (known !== undefined) return known;
  if (texts.size >= 1024) texts.clear();
  texts.set(text, text);
  return text;
}

export function keepDecision(version: PackageVersionInfo, reason: KeepReason, text: string, selected: boolean): VersionDecision {
  return { id: version.id, name: version.name, tags: sortedTags(version), action: 'keep', reason, text: sharedText(text), selected };
}

export function deleteDecision(version: PackageVersionInfo, rule: DeleteRule, text: string): VersionDecision {
  return { id: version.id, name: version.name, tags: sortedTags(version), action: 'delete', reason: rule, text: sharedText(text), selected: true };
}

/** A deletion `maxDeletionsPerRun` leaves for the next run: kept now, saying which rule will delete it. */
export function deferredByCap(decision: VersionDecision, maxDeletionsPerRun: number): VersionDecision {
  return {
    ...decision,
    action: 'keep',
    reason: 'deferred-by-cap',
    text: sharedText(
      `deferred: would be deleted (${decision.reason}) but maxDeletionsPerRun ${maxDeletionsPerRun} is reached; the next run continues`,
    ),
    selected: true,
  };
}

/** The stable record of a deletion this run makes (see plan-types.ts: no "now", no ages). */
export function plannedDeletion(packageName: string, version: PackageVersionInfo, rule: DeleteRule, timeBasis: TimeBasis): PlannedDeletion {
  return {
    package: packageName,
    id: version.id,
    name: version.name,
    tags: sortedTags(version),
    createdAt: version.createdAt,
    ...(timeBasis === 'updated' ? { updatedAt: version.updatedAt } : {}),
    rule,
  };
}
