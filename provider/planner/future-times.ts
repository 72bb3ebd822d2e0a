/**
 * Versions dated in the future (issue 23: a `created_at` of year 9999 once made the oldest version "newest" and
 * real newer ones were planned for deletion with no warning). Such a time says nothing about the version's age, so
 * the planners hold the version (and its image) with reason `time-in-future`, leave it out of "newest", and warn.
 */
import type { PackageVersionInfo } from '../types';
import { listExamples } from './list-examples';
import type { TimeBasis } from './retention-options';

/** GitHub's clock and this machine's differ by seconds; a time later than now by more than this is in the future. */
export const FUTURE_TOLERANCE_MS = 3_600_000;

/** Whether a time the plan reads (created, and updated under `timeBasis: updated`) lies in the future. */
export function isFutureDated(version: PackageVersionInfo, basis: TimeBasis, now: Date): boolean {
  const limit = now.getTime() + FUTURE_TOLERANCE_MS;
  return Date.parse(version.createdAt) > limit || (basis === 'updated' && Date.parse(version.updatedAt) > limit);
}

/** The warning naming a package's future-dated versions, if any. */
export function futureWarnings(name: string, versions: readonly PackageVersionInfo[], basis: TimeBasis, now: Date): string[] {
  const future = versions.filter((v) => isFutureDated(v, basis, now)).map((v) => `${v.id} (created ${v.createdAt}, updated ${v.updatedAt})`);
  if (future.length === 0) return [];
  return [
    `package "${name}": ${future.length} version(s) are dated in the future, so their age is unknown: they are kept and not counted as the newest; check the registry's data: ${listExamples(future)}`,
  ];
}
