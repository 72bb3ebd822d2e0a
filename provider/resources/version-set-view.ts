/**
 * How a `PackageVersionSet` plan reaches the reviewer: rendered into the checked inputs (dynamic providers reach
 * the preview only through them), one line per version: `1.2.0 [beta] created 2026-10-01T12:00:00Z, deleted
 * 2026-11-20T08:00:00Z: restore`. Only stable data goes in (a saved plan compares it), and `up` reads the
 * reviewed changes back from these lines.
 */
import type { PendingChanges, VersionSetPlanOutputs } from '../contracts/version-set-contract';
import type { SetAction, SetChange, VersionSetPlan } from '../planner/plan-version-set';
import { formatDuration, deletionTimeMs, type Pace } from './retention-plan-view';

/** Version id → one reviewable line. */
export type { PendingChanges };

/** The plan as check renders it (the contract's plan outputs). */
export type VersionSetView = VersionSetPlanOutputs;

export function describeChange(c: SetChange, tagged: boolean): string {
  const tags = c.tags.length > 0 ? ` [${c.tags.join(',')}]` : tagged ? ' (untagged)' : '';
  const deleted = c.deletedAt ? `, deleted ${c.deletedAt}` : '';
  return `${c.name}${tags} created ${c.createdAt}${deleted}: ${c.action}`;
}

const LINE = /^(.+?)(?: \[([^\]]*)\]| \(untagged\))? created (\S+?)(?:, deleted (\S+))?: (delete|restore)$/;

/** The reviewed changes out of checked inputs (or out of the outputs of an apply, which keep them), in line order. */
export function reviewedChanges(pending: PendingChanges | undefined): SetChange[] {
  return Object.entries(pending ?? {}).map(([id, line]) => {
    const m = LINE.exec(line);
    if (!m) throw new Error(`unreadable planned change "${line}" of version ${id}: run \`pulumi preview\` again`);
    const change: SetChange = { id: Number(id), name: m[1], tags: m[2] ? m[2].split(',') : [], createdAt: m[3], action: m[5] as SetAction };
    if (m[4]) change.deletedAt = m[4];
    return change;
  });
}

export function viewVersionSet(plan: VersionSetPlan, tagged: boolean, pace: Pace): VersionSetView {
  const pendingChanges: PendingChanges = {};
  for (const c of plan.changes) pendingChanges[String(c.id)] = describeChange(c, tagged);
  const deleting = plan.changes.filter((c) => c.action === 'delete').length;
  const restoring = plan.changes.length - deleting;
  const planSummary: VersionSetView['planSummary'] = {};
  if (deleting > 0) planSummary.deleting = deleting;
  if (restoring > 0) planSummary.restoring = restoring;
  if (plan.unchanged > 0) planSummary.unchanged = plan.unchanged;
  const view: VersionSetView = { pendingChanges, planSummary };
  if (plan.changes.length > 0) {
    const what = deleting > 0 ? `${deleting} deletion${deleting === 1 ? '' : 's'}` : `${restoring} restore${restoring === 1 ? '' : 's'}`;
    // Restores are mutating requests too: the client paces them like deletions.
    const ms = deletionTimeMs(plan.changes.length, pace.mutationIntervalMs, undefined, pace.requestPointsPerMinute);
    view.planEstimate = `${what} take${plan.changes.length === 1 ? 's' : ''} about ${formatDuration(ms)} at one every ${pace.mutationIntervalMs} ms (github-packages:mutationIntervalMs)`;
  }
  return view;
}
