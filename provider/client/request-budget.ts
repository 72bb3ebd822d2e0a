/**
 * One budget of requests per GitHub API and token, shared by every client of the process. The engine runs
 * resources in parallel and one provider process serves them all: each listing bounds its own pages in flight,
 * but fifty policies planning at once would still together exceed what GitHub allows one token. GitHub's
 * secondary limits (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits):
 * - at most 100 concurrent requests (shared with GraphQL and every other tool using the token);
 * - at most 900 points a minute for REST endpoints: GET, HEAD and OPTIONS cost 1 point, other methods 5.
 * Every attempt (retries included) waits here for a slot and for its points, first come first served.
 */
import type { Clock } from './clock';
import { tokenScope } from './token-scope';

export interface BudgetLimits {
  /** Requests of this process in flight at once for one API and token. */
  maxInFlight: number;
  /** Points spent in any 60 s. */
  pointsPerMinute: number;
}

/**
 * A third of GitHub's concurrency limit (the token's other users get the rest; more slots would not be faster,
 * the points are the bound: 32 pages in flight at 50 ms spend 900 points in under 2 s), and GitHub's full point
 * budget: mutations paced at the 340 ms floor already spend 882 of the 900, so holding back a share would slow the
 * deletes users configured.
 */
export const DEFAULT_BUDGET_LIMITS: BudgetLimits = { maxInFlight: 32, pointsPerMinute: 900 };

const WINDOW_MS = 60_000;

/** What GitHub charges for one request of this method against the points limit. */
export function pointsOf(method: string | undefined): number {
  return /^(GET|HEAD|OPTIONS)$/i.test(method ?? 'GET') ? 1 : 5;
}

export interface BudgetSnapshot {
  inFlight: number;
  /** Points counted in the current 60 s window. */
  pointsInWindow: number;
}

/** A slot and its points; call `release` once the response (or failure) is in. */
export type Release = () => void;

export class RequestBudget {
  private inFlight = 0;
  /** Points spent, each dated by when its request ended (or started, while it runs): see `release`. */
  private spent: Array<{ at: number; cost: number; open: boolean }> = [];
  private admissions: Promise<unknown> = Promise.resolve();
  private slotFreed: Array<() => void> = [];

  constructor(
    private readonly clock: Clock,
    readonly limits: BudgetLimits = DEFAULT_BUDGET_LIMITS,
  ) {
    for (const [key, value] of Object.entries(limits)) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`${key} must be a whole number >= 1, got ${value}`);
    }
  }

  /** Waits (in arrival order) until a slot is free and `cost` points fit in the window; then holds both. */
  acquire(cost: number): Promise<Release> {
    if (cost > this.limits.pointsPerMinute)
      throw new RangeError(`a request costs ${cost} points, more than the ${this.limits.pointsPerMinute} a minute allowed`);
    const admitted = this.admissions.then(() => this.admit(cost));
    this.admissions = admitted.catch(() => undefined);
    return admitted;
  }

  snapshot(): BudgetSnapshot {
    this.prune();
    return { inFlight: this.inFlight, pointsInWindow: this.spent.reduce((sum, e) => sum + e.cost, 0) };
  }

  private async admit(cost: number): Promise<Release> {
    while (this.inFlight >= this.limits.maxInFlight) await new Promise<void>((resolve) => this.slotFreed.push(resolve));
    for (;;) {
      this.prune();
      const wait = this.waitForPoints(cost);
      if (wait <= 0) break;
      await this.clock.sleep(wait);
    }
    const entry = { at: this.clock.now(), cost, open: true };
    this.spent.push(entry);
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // GitHub dates the points when it receives the request, somewhere between our start and the response: dating
      // them at the response keeps our window never shorter than GitHub's.
      entry.at = this.clock.now();
      entry.open = false;
      this.inFlight--;
      this.slotFreed.shift()?.();
    };
  }

  private prune(): void {
    const cutoff = this.clock.now() - WINDOW_MS;
    this.spent = this.spent.filter((e) => e.open || e.at > cutoff);
  }

  /** How long until `cost` more points fit: 0 if they do now. Requests still running leave the window only after they end. */
  private waitForPoints(cost: number): number {
    const used = this.spent.reduce((sum, e) => sum + e.cost, 0);
    if (used + cost <= this.limits.pointsPerMinute) return 0;
    const closed = this.spent.filter((e) => !e.open).sort((a, b) => a.at - b.at);
    let freed = 0;
    for (const e of closed) {
      freed += e.cost;
      if (used - freed + cost <= this.limits.pointsPerMinute) return Math.max(1, e.at + WINDOW_MS - this.clock.now() + 1);
    }
    // Only running requests hold the points needed: check again shortly after one of them ends.
    return 100;
  }
}

/**
 * The process's budgets, per clock (tests give each client its own clock; production has one real clock), then per
 * API root, token and limits. The key is a SHA-256 of them, so the token is not held in clear in the map.
 */
const budgets = new WeakMap<Clock, Map<string, RequestBudget>>();

export function sharedRequestBudget(baseUrl: string, token: string, clock: Clock, limits: BudgetLimits = DEFAULT_BUDGET_LIMITS): RequestBudget {
  let byKey = budgets.get(clock);
  if (!byKey) budgets.set(clock, (byKey = new Map<string, RequestBudget>()));
  const key = `${limits.maxInFlight} ${limits.pointsPerMinute} ${tokenScope(baseUrl, token)}`;
  let budget = byKey.get(key);
  if (!budget) byKey.set(key, (budget = new RequestBudget(clock, limits)));
  return budget;
}
