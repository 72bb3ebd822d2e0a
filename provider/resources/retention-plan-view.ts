/**
 * How a retention plan reaches the reviewer. Dynamic providers cannot print to the preview; the engine shows
 * checked inputs (old against new), so the plan is rendered into them. Only stable data goes in (ids, names,
 * tags, times, the deciding rule, guard counts): Pulumi's saved plans compare these inputs between
 * `preview --save-plan` and `up --plan`, and anything that moves by itself would make every saved plan fail.
 */
import { HELD_BACK_REASONS, type DeleteRule, type PlannedDeletion, type RetentionPlan } from '../planner/plan-types';
import type { ResolvedRetentionOptions } from '../planner/retention-options';
import type { ReviewedDeletion } from '../planner/confirm-deletions';
import { RETENTION_PLAN_KEYS, type PendingDeletions, type RetentionPlanOutputs } from '../contracts/retention-contract';
import { pickProperties } from './resource-inputs';

/** The plan without the image trees (those come from the image graph, `viewImages`). */
export type RetentionPlanView = Omit<RetentionPlanOutputs, 'pendingImages'>;
export type { PendingDeletions };

/** The reviewed plan out of checked inputs (or out of the outputs of an apply, which keep it): the plan keys of
 * the contract. The engine shows checked inputs as the outputs during preview, so the apply keeps them unchanged
 * (a saved or strict plan refuses stack outputs that differ from the preview's); what the run did goes to
 * `lastRun`, `deletedCount` and `keptSummary`. */
export function reviewedPlan(inputs: Record<string, unknown>): Partial<RetentionPlanOutputs> {
  return pickProperties(inputs, RETENTION_PLAN_KEYS);
}

/** GitHub's primary limit: 5,000 requests an hour per token (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api). */
const REQUESTS_PER_HOUR = 5_000;
const HOUR_MS = 3_600_000;
/** Listing requests assumed when the caller does not count them (a few packages of a few hundred versions). */
const DEFAULT_LISTING_REQUESTS = 100;

export function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

/**
 * GitHub's secondary limit: 900 points a minute, 5 per DELETE, so at most 180 deletions in any minute
 * (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits); the
 * client waits for the points, so a pace faster than one per 334 ms goes in bursts of 180 a minute.
 */
const DELETES_PER_MINUTE = 180;

/** Time for `n` deletions at one per `intervalMs` under the per-minute points limit. */
function pacedMs(n: number, intervalMs: number): number {
  if (n <= DELETES_PER_MINUTE || intervalMs * DELETES_PER_MINUTE >= 60_000) return n * intervalMs;
  return Math.floor(n / DELETES_PER_MINUTE) * 60_000 + (n % DELETES_PER_MINUTE) * intervalMs;
}

/**
 * Time to issue `count` deletions at one per `intervalMs` when `listingRequests` of the first hour's budget go to
 * the run's listings. When an hour's budget is spent the client waits for the next window, so that hour ends there.
 */
export function deletionTimeMs(count: number, intervalMs: number, listingRequests = DEFAULT_LISTING_REQUESTS): number {
  const perHourByPace = Math.min(intervalMs > 0 ? Math.floor(HOUR_MS / intervalMs) : Number.POSITIVE_INFINITY, DELETES_PER_MINUTE * 60);
  let left = count;
  let budget = Math.max(REQUESTS_PER_HOUR - listingRequests, 0);
  let ms = 0;
  while (left > 0) {
    const n = Math.min(left, budget, perHourByPace);
    if (n === left) return ms + pacedMs(n, intervalMs);
    left -= n;
    ms += HOUR_MS;
    budget = REQUESTS_PER_HOUR;
  }
  return ms;
}

/** Requests a run of this plan spends on listings: the check `up` runs, the confirmation before and the verification after the deletions. */
export function listingRequestsOf(plan: RetentionPlan): number {
  const pages = (versions: number) => Math.max(1, Math.ceil(versions / 100));
  let requests = 1; // the token's scopes, read once
  for (const pkg of plan.packages) {
    requests += pages(pkg.activeVersions);
    if (pkg.deleting > 0) requests += pages(pkg.activeVersions) + pages(pkg.activeVersions - pkg.deleting);
  }
  return requests;
}

export function estimatePlan(
  deleting: number,
  remaining: number,
  intervalMs: number,
  listingRequests = DEFAULT_LISTING_REQUESTS,
): string | undefined {
  if (deleting === 0 && remaining === 0) return undefined;
  const pace = `one every ${intervalMs} ms (github-packages:mutationIntervalMs)`;
  const ms = deletionTimeMs(deleting, intervalMs, listingRequests);
  let text = `${deleting} deletion${deleting === 1 ? '' : 's'} take about ${formatDuration(ms)} at ${pace}`;
  if (ms > pacedMs(deleting, intervalMs)) text += ` and GitHub's 5,000 requests an hour, ${listingRequests} of them listings`;
  else if (ms > deleting * intervalMs) text += " and GitHub's 180 deletions a minute";
  if (remaining > 0) {
    text += `; ${remaining} more wait for later runs (maxDeletionsPerRun), about ${formatDuration(deletionTimeMs(remaining, intervalMs))} of deleting`;
  }
  return text;
}

/** The deciding rule in the words of the policy's own properties: `olderThan 14d`, `keepNewestTagged 10 + olderThan 14d`. */
export function describeRule(rule: DeleteRule, options: ResolvedRetentionOptions): string {
  const parts = rule.split('+').map((part) => {
    switch (part) {
      case 'keepNewest':
        return `keepNewest ${options.keepNewest}`;
      case 'keepNewestTagged':
        return `keepNewestTagged ${options.keepNewestTagged}`;
      case 'keepNewestUntagged':
        return `keepNewestUntagged ${options.keepNewestUntagged}`;
      case 'olderThan':
        return `olderThan ${options.olderThan?.text}`;
      case 'orphaned-referrer':
        return 'imageCleanup orphaned-referrers';
      case 'ghost-image':
        return 'imageCleanup ghost-images';
      case 'partial-image':
        return 'imageCleanup partial-images';
      default:
        return part;
    }
  });
  return parts.join(' + ');
}

/**
 * One reviewable line per deletion, kept under the 150 characters the Pulumi CLI shows of a string (a container
 * digest alone is 71): `sha256:… [pr-445] created 2026-06-13T11:50:16Z: keepNewestTagged 10 + olderThan 14d`.
 * Tags (`[\w][\w.-]*`) and version names hold no spaces, commas or brackets, so the line parses back exactly.
 */
export function describeDeletion(d: PlannedDeletion, options: ResolvedRetentionOptions, tagged: boolean): string {
  const tags = tagged ? (d.tags.length > 0 ? ` [${[...d.tags].sort().join(',')}]` : ' (untagged)') : '';
  const time = options.timeBasis === 'updated' && d.updatedAt ? `updated ${d.updatedAt}` : `created ${d.createdAt}`;
  return `${d.name}${tags} ${time}: ${describeRule(d.rule, options)}`;
}

export interface PendingLine {
  name: string;
  tags: string[];
  basis: 'created' | 'updated';
  time: string;
  rule: string;
}

const PENDING_LINE = /^(\S+?)(?: \[([^\]]*)\]| \(untagged\))? (created|updated) (\S+): (.+)$/;

/** The parts of a `pendingDeletions` line (the inverse of `describeDeletion`). */
export function parsePendingLine(line: string): PendingLine {
  const m = PENDING_LINE.exec(line);
  if (!m || Number.isNaN(Date.parse(m[4]))) throw new Error(`unreadable planned deletion "${line}"`);
  return { name: m[1], tags: m[2] ? m[2].split(',') : [], basis: m[3] as PendingLine['basis'], time: m[4], rule: m[5] };
}

/** The `planSummary` keys around the held-back reasons: listed = deleting + held back by reason + kept. */
export const PLAN_SUMMARY_ACCOUNT_KEYS: readonly string[] = ['listed', 'deleting', 'kept'];

export function viewPlan(plan: RetentionPlan, options: ResolvedRetentionOptions, tagged: boolean, mutationIntervalMs?: number): RetentionPlanView {
  const pendingDeletions: PendingDeletions = {};
  for (const d of plan.deletions) {
    (pendingDeletions[d.package] ??= {})[String(d.id)] = describeDeletion(d, options, tagged);
  }
  const planSummary: Record<string, Record<string, number>> = {};
  for (const pkg of plan.packages) {
    if (pkg.activeVersions === 0) continue;
    // The account: listed = deleting + each held-back reason + kept (every other reason; keptSummary has them).
    const counts: Record<string, number> = { listed: pkg.activeVersions };
    if (pkg.deleting > 0) counts.deleting = pkg.deleting;
    let heldBack = 0;
    for (const reason of HELD_BACK_REASONS) {
      const n = pkg.keptByReason[reason];
      if (n) counts[reason] = n;
      heldBack += n ?? 0;
    }
    const kept = pkg.activeVersions - pkg.deleting - heldBack;
    if (kept > 0) counts.kept = kept;
    planSummary[pkg.name] = counts;
  }
  const view: RetentionPlanView = { pendingDeletions, planSummary, remainingForNextRun: plan.remainingForNextRun, planWarnings: plan.warnings };
  const estimate =
    mutationIntervalMs === undefined
      ? undefined
      : estimatePlan(plan.deletions.length, plan.remainingForNextRun, mutationIntervalMs, listingRequestsOf(plan));
  if (estimate) view.planEstimate = estimate;
  return view;
}

/** The reviewed deletions back out of the checked inputs, oldest first (the order they are issued in). */
export function reviewedDeletions(pending: PendingDeletions | undefined): ReviewedDeletion[] {
  if (!pending) return [];
  const out: Array<ReviewedDeletion & { at: number }> = [];
  for (const [pkg, ids] of Object.entries(pending)) {
    for (const [id, line] of Object.entries(ids)) {
      const { name, tags, time } = parsePendingLine(line);
      out.push({ package: pkg, id: Number(id), name, tags, at: Date.parse(time) });
    }
  }
  out.sort((a, b) => a.at - b.at || a.id - b.id);
  return out.map(({ at: _at, ...d }) => d);
}

/** Per package: active versions, deletions, deferrals and kept versions counted by reason (output `keptSummary`). */
export function keptSummary(p: RetentionPlan): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const pkg of p.packages)
    out[pkg.name] = { active: pkg.activeVersions, deleting: pkg.deleting, deferred: pkg.deferred, ...(pkg.keptByReason as Record<string, number>) };
  return out;
}
