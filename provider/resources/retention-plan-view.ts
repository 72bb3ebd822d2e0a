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
import { GITHUB_COM_POINTS_PER_MINUTE, type ProviderSettings } from '../settings/provider-settings';
import { pickProperties } from './resource-inputs';
import { readVersionHead, writeVersionHead } from './review-line-token';
import { printable } from '../describe-value';
import { ownEntry } from '../own-entry';

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
 * client waits for the points, so a pace faster than one per 334 ms goes in bursts of 180 a minute. The budget is
 * `github-packages:requestPointsPerMinute` (GitHub Enterprise Server sets its own limits).
 */
const POINTS_PER_DELETE = 5;

/** How fast the provider deletes: the settings that decide it (provider-settings.ts). */
export type Pace = Pick<ProviderSettings, 'mutationIntervalMs' | 'requestPointsPerMinute'>;

function deletesPerMinute(pointsPerMinute: number): number {
  return Math.max(1, Math.floor(pointsPerMinute / POINTS_PER_DELETE));
}

/** Time for `n` deletions at one per `intervalMs` under the per-minute points limit. */
function pacedMs(n: number, intervalMs: number, pointsPerMinute: number): number {
  const perMinute = deletesPerMinute(pointsPerMinute);
  if (n <= perMinute || intervalMs * perMinute >= 60_000) return n * intervalMs;
  return Math.floor(n / perMinute) * 60_000 + (n % perMinute) * intervalMs;
}

/**
 * Time to issue `count` deletions at one per `intervalMs` when `listingRequests` of the first hour's budget go to
 * the run's listings. When an hour's budget is spent the client waits for the next window, so that hour ends there.
 */
export function deletionTimeMs(
  count: number,
  intervalMs: number,
  listingRequests = DEFAULT_LISTING_REQUESTS,
  pointsPerMinute = GITHUB_COM_POINTS_PER_MINUTE,
): number {
  const perHourByPace = Math.min(
    intervalMs > 0 ? Math.floor(HOUR_MS / intervalMs) : Number.POSITIVE_INFINITY,
    deletesPerMinute(pointsPerMinute) * 60,
  );
  let left = count;
  let budget = Math.max(REQUESTS_PER_HOUR - listingRequests, 0);
  let ms = 0;
  while (left > 0) {
    const n = Math.min(left, budget, perHourByPace);
    if (n === left) return ms + pacedMs(n, intervalMs, pointsPerMinute);
    left -= n;
    ms += HOUR_MS;
    budget = REQUESTS_PER_HOUR;
  }
  return ms;
}

/** What the listings of one `up` of a plan cost GitHub's two budgets (a listing's pages: 100 versions each). */
export interface ListingCost {
  /** Requests the primary limit counts: pages read whole (a 304 is not counted). */
  primary: number;
  /** Secondary-limit points: every page asked for, 304s included. */
  points: number;
}

/**
 * The listings `up` makes for this plan: the check (every page read whole, as in a new process), then for a
 * package with deletions the confirmation (the same pages again, answered 304 in the same process) and the
 * read-back (the changed pages whole, about one per 100 deletions of the oldest versions, the rest 304);
 * plus the token's scopes, once.
 */
export function listingCostOf(plan: RetentionPlan): ListingCost {
  const pages = (versions: number) => Math.max(1, Math.ceil(versions / 100));
  const cost: ListingCost = { primary: 1, points: 1 };
  for (const pkg of plan.packages) {
    cost.primary += pages(pkg.activeVersions);
    cost.points += pages(pkg.activeVersions);
    if (pkg.deleting > 0) {
      cost.points += pages(pkg.activeVersions) + pages(pkg.activeVersions - pkg.deleting);
      cost.primary += Math.min(pages(pkg.activeVersions - pkg.deleting), Math.ceil(pkg.deleting / 100) + 1);
    }
  }
  return cost;
}

/** Time the secondary limit alone needs for `points` (1 per GET, a 304 included; 5 per DELETE): the first
 * minute's budget at once, then the budget a minute. */
function pointsTimeMs(points: number, pointsPerMinute: number): number {
  return (Math.max(0, points - pointsPerMinute) / pointsPerMinute) * 60_000;
}

export function estimatePlan(
  deleting: number,
  remaining: number,
  intervalMs: number,
  listing: number | ListingCost = DEFAULT_LISTING_REQUESTS,
  pointsPerMinute = GITHUB_COM_POINTS_PER_MINUTE,
): string | undefined {
  if (deleting === 0 && remaining === 0) return undefined;
  const { primary, points } = typeof listing === 'number' ? { primary: listing, points: listing } : listing;
  const pace = `one every ${intervalMs} ms (github-packages:mutationIntervalMs)`;
  const deletingMs = deletionTimeMs(deleting, intervalMs, primary, pointsPerMinute);
  const allPoints = points + POINTS_PER_DELETE * deleting;
  const byPoints = pointsTimeMs(allPoints, pointsPerMinute);
  const budget =
    pointsPerMinute === GITHUB_COM_POINTS_PER_MINUTE
      ? "GitHub's 900 points a minute"
      : `${pointsPerMinute} points a minute (github-packages:requestPointsPerMinute)`;
  const takes = deleting === 1 ? '1 deletion takes' : `${deleting} deletions take`;
  let text: string;
  if (byPoints > deletingMs) {
    // The listings' own pages, not the deletions, set the time: the client waits for the points (no refusal).
    text =
      `${takes} about ${formatDuration(byPoints)}: ${budget} set the time ` +
      `(the run's listings ask for ${points.toLocaleString('en-US')} pages, ${allPoints.toLocaleString('en-US')} points with the deletions), ` +
      `not the deletions (${formatDuration(deletingMs)} at ${pace})`;
  } else {
    text = `${takes} about ${formatDuration(deletingMs)} at ${pace}`;
    if (deletingMs > pacedMs(deleting, intervalMs, pointsPerMinute)) text += ` and GitHub's 5,000 requests an hour, ${primary} of them listings`;
    else if (deletingMs > deleting * intervalMs) {
      text +=
        pointsPerMinute === GITHUB_COM_POINTS_PER_MINUTE
          ? " and GitHub's 180 deletions a minute"
          : ` and ${deletesPerMinute(pointsPerMinute)} deletions a minute (github-packages:requestPointsPerMinute ${pointsPerMinute})`;
    }
  }
  if (remaining > 0) {
    text += `; ${remaining} more wait for later runs (maxDeletionsPerRun), about ${formatDuration(deletionTimeMs(remaining, intervalMs, DEFAULT_LISTING_REQUESTS, pointsPerMinute))} of deleting`;
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
 * A name, tag or time GitHub sent that could be misread is written quoted, with hidden characters escaped
 * (`"1.0.0 beta"`, review-line-token.ts), so every line parses back to exactly what GitHub sent.
 */
export function describeDeletion(d: PlannedDeletion, options: ResolvedRetentionOptions, tagged: boolean): string {
  const updated = options.timeBasis === 'updated' && d.updatedAt;
  const head = writeVersionHead(
    d.name,
    tagged ? [...d.tags].sort() : undefined,
    updated ? 'updated' : 'created',
    updated ? d.updatedAt! : d.createdAt,
  );
  return `${head}: ${describeRule(d.rule, options)}`;
}

export interface PendingLine {
  name: string;
  tags: string[];
  basis: 'created' | 'updated';
  time: string;
  rule: string;
}

/** The parts of a `pendingDeletions` line (the inverse of `describeDeletion`). */
export function parsePendingLine(line: string): PendingLine {
  const head = readVersionHead(line);
  if (!head || head.sep !== ':' || line[head.end] !== ' ' || head.end + 1 >= line.length)
    throw new Error(`unreadable planned deletion "${printable(line)}"`);
  return { name: head.name, tags: head.tags, basis: head.basis, time: head.time, rule: line.slice(head.end + 1) };
}

/** The `planSummary` keys around the held-back reasons: listed = deleting + held back by reason + kept. */
export const PLAN_SUMMARY_ACCOUNT_KEYS: readonly string[] = ['listed', 'deleting', 'kept'];

/** A JSON text of `pendingDeletions` holds at most this many characters (see pendingDeletionsOf). */
export const PENDING_TEXT_CHARS = 8_000;

/**
 * `pendingDeletions` from `[package, version id, line]` rows: per package a list of JSON texts
 * `{"<id>":"<line>",…}` of at most PENDING_TEXT_CHARS characters each (a row longer than that alone), the rows in
 * the order given (the plan's: oldest first). Texts, not one value per deletion: the engine carries checked inputs
 * as a protobuf Struct, and a value per deletion made an uncapped preview of 50,000 deletions cost the provider
 * process over 100 MB more than the plan itself; and several short texts, not one long one, because the protobuf
 * writer grows one array element per byte of a string (docs/benchmarks.md). The Pulumi CLI shows a string holding
 * JSON decoded, so `pulumi preview --diff` still lists every deletion, one line each, keyed by its id; `up`
 * (reviewedDeletions) and the review report read the texts back.
 */
export function pendingDeletionsOf(rows: Iterable<readonly [pkg: string, id: number, line: string]>): PendingDeletions {
  const open: Record<string, { texts: string[]; parts: string[]; size: number }> = {};
  const close = (p: { texts: string[]; parts: string[]; size: number }) => {
    p.texts.push(`{${p.parts.join(',')}}`);
    p.parts = [];
    p.size = 0;
  };
  for (const [pkg, id, line] of rows) {
    const p = ownEntry(open, pkg, () => ({ texts: [], parts: [], size: 0 }));
    const row = `${JSON.stringify(String(id))}:${JSON.stringify(line)}`;
    if (p.parts.length > 0 && p.size + row.length + 1 > PENDING_TEXT_CHARS) close(p);
    p.parts.push(row);
    p.size += row.length + 1;
  }
  const out: PendingDeletions = {};
  for (const [pkg, p] of Object.entries(open)) {
    close(p);
    ownEntry(out, pkg, () => p.texts);
  }
  return out;
}

/**
 * One package's entry of `pendingDeletions` back as version id → line: the JSON texts this version writes, or the
 * object earlier versions wrote (state and saved plans from before). Anything else fails with the package named:
 * `up` deletes nothing it cannot read.
 */
export function pendingLinesOf(entry: unknown, pkg = '?'): Record<string, string> {
  if (Array.isArray(entry) && entry.length > 0 && entry.every((t) => typeof t === 'string')) {
    const out: Record<string, string> = {};
    for (const text of entry) for (const [id, line] of Object.entries(pendingLinesOf(text, pkg))) ownEntry(out, id, () => line);
    return out;
  }
  let lines: unknown = entry;
  if (typeof entry === 'string') {
    try {
      lines = JSON.parse(entry);
    } catch {
      lines = undefined;
    }
  }
  if (typeof lines !== 'object' || lines === null || Array.isArray(lines) || Object.values(lines).some((l) => typeof l !== 'string')) {
    throw new Error(`unreadable planned deletions of package "${printable(pkg)}": ${printable(String(JSON.stringify(entry)).slice(0, 200))}`);
  }
  return lines as Record<string, string>;
}

/** `pendingDeletions` (either form) as package → version id → line. */
export function pendingLinesByPackage(pending: Record<string, unknown> | undefined): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [pkg, entry] of Object.entries(pending ?? {})) ownEntry(out, pkg, () => pendingLinesOf(entry, pkg));
  return out;
}

/** The plan as the reviewer sees it; with `pace`, how long its deletions take (`planEstimate`). */
export function viewPlan(plan: RetentionPlan, options: ResolvedRetentionOptions, tagged: boolean, pace?: Pace): RetentionPlanView {
  const pendingDeletions = pendingDeletionsOf(
    (function* () {
      for (const d of plan.deletions) yield [d.package, d.id, describeDeletion(d, options, tagged)] as const;
    })(),
  );
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
    ownEntry(planSummary, pkg.name, () => counts);
  }
  const view: RetentionPlanView = { pendingDeletions, planSummary, remainingForNextRun: plan.remainingForNextRun, planWarnings: plan.warnings };
  const estimate =
    pace === undefined
      ? undefined
      : estimatePlan(plan.deletions.length, plan.remainingForNextRun, pace.mutationIntervalMs, listingCostOf(plan), pace.requestPointsPerMinute);
  if (estimate) view.planEstimate = estimate;
  return view;
}

/** The reviewed deletions back out of the checked inputs (this version's form or earlier versions'), oldest first
 * (the order they are issued in). */
export function reviewedDeletions(pending: PendingDeletions | Record<string, unknown> | undefined): ReviewedDeletion[] {
  if (!pending) return [];
  const out: Array<ReviewedDeletion & { at: number }> = [];
  for (const [pkg, entry] of Object.entries(pending)) {
    for (const [id, line] of Object.entries(pendingLinesOf(entry, pkg))) {
      const { name, tags, time } = parsePendingLine(line);
      out.push({ package: pkg, id: Number(id), name, tags, at: Date.parse(time) || 0 });
    }
  }
  out.sort((a, b) => a.at - b.at || a.id - b.id);
  return out.map(({ at: _at, ...d }) => d);
}

/** Per package: active versions, deletions, deferrals and kept versions counted by reason (output `keptSummary`). */
export function keptSummary(p: RetentionPlan): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const pkg of p.packages)
    ownEntry(out, pkg.name, () => ({
      active: pkg.activeVersions,
      deleting: pkg.deleting,
      deferred: pkg.deferred,
      ...(pkg.keptByReason as Record<string, number>),
    }));
  return out;
}
