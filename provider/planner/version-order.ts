/**
 * "Newest" and "oldest" by the policy's `timeBasis`, ties broken by id (a higher id is newer), as fixed in
 * docs/retention-semantics.md ("Time and order").
 */
import type { PackageVersionInfo } from '../types';
import type { TimeBasis } from './retention-options';

/** Milliseconds since the epoch of the version's time on `basis`, or NaN when unreadable. */
export function versionTime(version: PackageVersionInfo, basis: TimeBasis): number {
  const text = basis === 'created' ? version.createdAt : version.updatedAt;
  return typeof text === 'string' ? Date.parse(text) : Number.NaN;
}

export interface Timed {
  id: number;
  time: number;
}

/** Sorts newest first. */
export function newestFirst(a: Timed, b: Timed): number {
  return b.time - a.time || b.id - a.id;
}

/** Sorts oldest first. */
export function oldestFirst(a: Timed, b: Timed): number {
  return a.time - b.time || a.id - b.id;
}

/** Names, tags and package names in code-unit order: the same on every machine, unlike localeCompare. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
