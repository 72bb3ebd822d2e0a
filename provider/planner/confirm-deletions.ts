/**
 * The apply-time half of "preview is binding": of the deletions a reviewed plan holds, which may still go?
 *
 * Pure. Given the reviewed deletions and a fresh, uncapped plan over freshly listed versions, a reviewed
 * deletion is confirmed only if the version is still active, still looks as the reviewer saw it (same name and
 * tags), and the rules and guards would still delete it today. Nothing outside the reviewed list is ever
 * confirmed, whatever the fresh plan says.
 */
import type { PackageVersionInfo } from '../types';
import type { RetentionPlan } from './plan-types';
import { sameTags, versionKey } from './version-decision';

/** A reviewed deletion as recorded in the checked inputs. */
export interface ReviewedDeletion {
  package: string;
  id: number;
  name: string;
  tags: string[];
}

export interface SkippedDeletion extends ReviewedDeletion {
  reason: string;
}

export interface Confirmation {
  /** In reviewed order (oldest first). */
  confirmed: ReviewedDeletion[];
  skipped: SkippedDeletion[];
}

export function confirmDeletions(
  reviewed: readonly ReviewedDeletion[],
  live: ReadonlyMap<string, readonly PackageVersionInfo[]>,
  fresh: RetentionPlan,
): Confirmation {
  const freshDeletions = new Set(fresh.deletions.map((d) => versionKey(d.package, d.id)));
  const decisions = new Map<string, string>();
  for (const pkg of fresh.packages) {
    for (const d of pkg.decisions) if (d.action === 'keep') decisions.set(versionKey(pkg.name, d.id), d.text);
  }
  const confirmed: ReviewedDeletion[] = [];
  const skipped: SkippedDeletion[] = [];
  for (const deletion of reviewed) {
    const key = versionKey(deletion.package, deletion.id);
    const version = live.get(deletion.package)?.find((v) => v.id === deletion.id);
    let reason: string | undefined;
    if (!version || version.state !== 'active') {
      reason = 'no longer active (deleted since the preview)';
    } else if (version.name !== deletion.name || !sameTags(version.tags, deletion.tags)) {
      reason = `changed since the preview (tags now ${JSON.stringify(version.tags)}): not deleted unreviewed`;
    } else if (!freshDeletions.has(key)) {
      reason = `no longer qualifies: ${decisions.get(key) ?? 'the rules keep it now'}`;
    }
    if (reason) skipped.push({ ...deletion, reason });
    else confirmed.push(deletion);
  }
  return { confirmed, skipped };
}
