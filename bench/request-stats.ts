/**
 * What the simulator's request log says about one measured run: requests by kind, rate-limit refusals,
 * listings per package, the most requests in flight at once, and whether any two mutations overlapped.
 */
import type { RequestLogEntry } from '../simulator';

export type RequestKind = 'getUser' | 'listPackages' | 'listVersions' | 'getPackage' | 'getVersion' | 'deleteVersion' | 'restore' | 'other';

const OWNER = String.raw`(?:/user|/users/[^/]+|/orgs/[^/]+)`;
const PATTERNS: Array<[RequestKind, string, RegExp]> = [
  ['getUser', 'GET', /^\/user$/],
  ['listPackages', 'GET', new RegExp(`^${OWNER}/packages$`)],
  ['listVersions', 'GET', new RegExp(`^${OWNER}/packages/[^/]+/[^/]+/versions$`)],
  ['getVersion', 'GET', new RegExp(`^${OWNER}/packages/[^/]+/[^/]+/versions/\\d+$`)],
  ['getPackage', 'GET', new RegExp(`^${OWNER}/packages/[^/]+/[^/]+$`)],
  ['deleteVersion', 'DELETE', new RegExp(`^${OWNER}/packages/[^/]+/[^/]+/versions/\\d+$`)],
  ['restore', 'POST', /\/restore$/],
];

export function kindOf(entry: Pick<RequestLogEntry, 'method' | 'path'>): RequestKind {
  for (const [kind, method, re] of PATTERNS) if (entry.method === method && re.test(entry.path)) return kind;
  return 'other';
}

export function isMutation(entry: Pick<RequestLogEntry, 'method'>): boolean {
  return entry.method !== 'GET' && entry.method !== 'HEAD';
}

export interface MutationPacing {
  /** Successful mutations (2xx). */
  count: number;
  /** Mutations per minute, start to start, over the sample: (count − 1) / (last start − first start). */
  sustainedPerMinute: number | undefined;
  /** Smallest gap between consecutive mutation starts, ms. */
  minStartGapMs: number | undefined;
  /** Mean latency of a mutation as the simulator saw it, ms. */
  meanDurationMs: number | undefined;
  /** Any two mutations in flight at the same time (from startOrder/endOrder). */
  overlapping: number;
}

export interface RequestStats {
  total: number;
  byKind: Partial<Record<RequestKind, number>>;
  /** Responses 403 or 429 (with the bench's admin token the only 403s possible are rate limits). */
  rateLimited: number;
  /** Responses other than 2xx (304s included), by status. */
  failures: Record<string, number>;
  /** Per package name: how many times its versions were listed (a listing starts with page 1). */
  listingsPerPackage: Record<string, number>;
  /** Most API requests in flight at once. */
  maxInFlight: number;
  mutations: MutationPacing;
}

function packageOfListing(path: string): string {
  const parts = path.split('/');
  return decodeURIComponent(parts[parts.length - 2] ?? '');
}

/** Most entries in flight at once; an entry never ended (connection reset) counts as in flight to the end. */
export function maxInFlight(entries: readonly RequestLogEntry[]): number {
  const events: Array<[number, number]> = [];
  for (const e of entries) {
    events.push([e.startOrder, 1]);
    events.push([e.endOrder ?? Number.MAX_SAFE_INTEGER, -1]);
  }
  events.sort((a, b) => a[0] - b[0]);
  let now = 0;
  let max = 0;
  for (const [, delta] of events) {
    now += delta;
    max = Math.max(max, now);
  }
  return max;
}

/** Pairs of entries that overlapped (a.start < b.end && b.start < a.end). */
export function overlappingPairs(entries: readonly RequestLogEntry[]): number {
  const sorted = [...entries].sort((a, b) => a.startOrder - b.startOrder);
  let pairs = 0;
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    const aEnd = a.endOrder ?? Number.MAX_SAFE_INTEGER;
    for (let j = i + 1; j < sorted.length && sorted[j].startOrder < aEnd; j++) pairs++;
  }
  return pairs;
}

export function mutationPacing(entries: readonly RequestLogEntry[]): MutationPacing {
  const all = entries.filter(isMutation);
  const ok = all.filter((e) => e.status >= 200 && e.status < 300).sort((a, b) => a.startedAt - b.startedAt);
  const first = ok[0];
  const last = ok[ok.length - 1];
  const span = first && last ? last.startedAt - first.startedAt : 0;
  let minGap: number | undefined;
  for (let i = 1; i < ok.length; i++) {
    const gap = ok[i].startedAt - ok[i - 1].startedAt;
    minGap = minGap === undefined ? gap : Math.min(minGap, gap);
  }
  const durations = ok.filter((e) => e.endedAt !== undefined).map((e) => e.endedAt! - e.startedAt);
  return {
    count: ok.length,
    sustainedPerMinute: ok.length >= 2 && span > 0 ? ((ok.length - 1) * 60_000) / span : undefined,
    minStartGapMs: minGap,
    meanDurationMs: durations.length > 0 ? durations.reduce((s, d) => s + d, 0) / durations.length : undefined,
    overlapping: overlappingPairs(all),
  };
}

export function requestStats(entries: readonly RequestLogEntry[]): RequestStats {
  const byKind: Partial<Record<RequestKind, number>> = {};
  const failures: Record<string, number> = {};
  const listingsPerPackage: Record<string, number> = {};
  let rateLimited = 0;
  for (const e of entries) {
    const kind = kindOf(e);
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (e.status === 403 || e.status === 429) rateLimited++;
    if (e.status < 200 || e.status >= 300) failures[String(e.status)] = (failures[String(e.status)] ?? 0) + 1;
    // A listing answered 304 (nothing changed) is still a listing.
    if (
      kind === 'listVersions' &&
      (e.query.page === undefined || e.query.page === '1') &&
      ((e.status >= 200 && e.status < 300) || e.status === 304)
    ) {
      const name = packageOfListing(e.path);
      listingsPerPackage[name] = (listingsPerPackage[name] ?? 0) + 1;
    }
  }
  return {
    total: entries.length,
    byKind,
    rateLimited,
    failures,
    listingsPerPackage,
    maxInFlight: maxInFlight(entries),
    mutations: mutationPacing(entries),
  };
}
