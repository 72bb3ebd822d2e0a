/**
 * GitHub's primary and secondary rate limits, on the simulator clock.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
import type { RateLimitConfig, RateLimitOptions } from './types';
import { GitHubApiError } from './github-error';

export const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
export const SECONDARY_RATE_LIMIT_DOCS = `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`;
export const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.';

export const GITHUB_RATE_LIMITS: RateLimitConfig = {
  primary: { enabled: true, limit: 5000, unauthenticatedLimit: 60, windowMs: 3_600_000, status: 403 },
  secondary: {
    enabled: true,
    pointsPerMinute: 900,
    readCost: 1,
    writeCost: 5,
    concurrency: 100,
    contentCreatingPerMinute: 80,
    contentCreatingPerHour: 500,
    deleteIsContentCreating: false,
    retryAfter: 'computed',
    status: 403,
  },
};

export function resolveRateLimits(options: RateLimitOptions | undefined): RateLimitConfig {
  const off = options?.enabled === false ? { enabled: false } : {};
  return {
    primary: { ...GITHUB_RATE_LIMITS.primary, ...off, ...options?.primary },
    secondary: { ...GITHUB_RATE_LIMITS.secondary, ...off, ...options?.secondary },
  };
}

interface PrimaryBucket {
  windowStart: number;
  used: number;
}

interface SecondaryBucket {
  points: Array<{ at: number; cost: number }>;
  content: number[];
  inFlight: number;
}

export interface RateLimitTicket {
  headers: Record<string, string>;
  /** Call when the response is finished (releases the concurrency slot). */
  release(): void;
  /**
   * The request was answered `304 Not Modified`: it does not count against the primary limit ("Making a conditional
   * request ... If the response is 304 ... it does not count against your primary rate limit",
   * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate).
   * Gives the primary request back and returns the X-RateLimit-* headers as they now stand. Its secondary points
   * stay spent: see simulator/README.md, "What is faithful, and what is assumed".
   */
  notModified(): Record<string, string>;
}

export function primaryExceeded(userId: number | undefined, headers: Record<string, string>, status: number): GitHubApiError {
  const who = userId === undefined ? 'your IP address' : `user ID ${userId}`;
  return new GitHubApiError(status, `API rate limit exceeded for ${who}.`, headers, RATE_LIMIT_DOCS);
}

export function secondaryExceeded(retryAfter: number | undefined, status: number, headers: Record<string, string> = {}): GitHubApiError {
  const h = { ...headers };
  if (retryAfter !== undefined) h['Retry-After'] = String(retryAfter);
  return new GitHubApiError(status, SECONDARY_MESSAGE, h, SECONDARY_RATE_LIMIT_DOCS);
}

export class RateLimiter {
  private primary = new Map<string, PrimaryBucket>();
  private secondary = new Map<string, SecondaryBucket>();

  constructor(public config: RateLimitConfig) {}

  reset(): void {
    this.primary.clear();
    this.secondary.clear();
  }

  /**
   * Admits one request or throws 403/429. `key` is the token (or 'anonymous'), `userId` for the message.
   * Every admitted or refused request carries the X-RateLimit-* headers.
   */
  admit(r: { key: string; userId?: number; method: string; contentCreating: boolean; nowMs: number }): RateLimitTicket {
    const p = this.config.primary;
    const limit = r.userId === undefined ? p.unauthenticatedLimit : p.limit;
    let bucket = this.primary.get(r.key);
    if (!bucket || r.nowMs >= bucket.windowStart + p.windowMs) {
      bucket = { windowStart: r.nowMs, used: 0 };
      this.primary.set(r.key, bucket);
    }
    const headers = (): Record<string, string> => ({
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit - bucket.used)),
      'X-RateLimit-Used': String(bucket.used),
      'X-RateLimit-Reset': String(Math.ceil((bucket.windowStart + p.windowMs) / 1000)),
      'X-RateLimit-Resource': 'core',
    });
    if (p.enabled && bucket.used >= limit) throw primaryExceeded(r.userId, headers(), p.status);
    if (this.config.secondary.enabled && r.userId !== undefined) this.checkSecondary(r, headers());
    bucket.used++;
    const s = this.secondaryBucket(r.key);
    s.inFlight++;
    let released = false;
    let refunded = false;
    return {
      headers: headers(),
      release: () => {
        if (!released) s.inFlight--;
        released = true;
      },
      notModified: () => {
        if (!refunded && bucket.used > 0) bucket.used--;
        refunded = true;
        return headers();
      },
    };
  }

  private secondaryBucket(key: string): SecondaryBucket {
    let s = this.secondary.get(key);
    if (!s) {
      s = { points: [], content: [], inFlight: 0 };
      this.secondary.set(key, s);
    }
    return s;
  }

  private checkSecondary(r: { key: string; method: string; contentCreating: boolean; nowMs: number }, headers: Record<string, string>): void {
    const c = this.config.secondary;
    const s = this.secondaryBucket(r.key);
    const minuteAgo = r.nowMs - 60_000;
    const hourAgo = r.nowMs - 3_600_000;
    s.points = s.points.filter((e) => e.at > minuteAgo);
    s.content = s.content.filter((at) => at > hourAgo);
    const refuse = (computedSeconds: number): never => {
      const retry = c.retryAfter === null ? undefined : c.retryAfter === 'computed' ? Math.max(1, Math.ceil(computedSeconds)) : c.retryAfter;
      throw secondaryExceeded(retry, c.status, headers);
    };
    if (s.inFlight >= c.concurrency) refuse(60);
    const cost = /^(GET|HEAD|OPTIONS)$/.test(r.method) ? c.readCost : c.writeCost;
    const used = s.points.reduce((sum, e) => sum + e.cost, 0);
    if (used + cost > c.pointsPerMinute) {
      // Wait until enough of the oldest points leave the one-minute window.
      let freed = 0;
      let until = r.nowMs + 60_000;
      for (const e of s.points) {
        freed += e.cost;
        if (used - freed + cost <= c.pointsPerMinute) {
          until = e.at + 60_000;
          break;
        }
      }
      refuse((until - r.nowMs) / 1000);
    }
    if (r.contentCreating) {
      const lastMinute = s.content.filter((at) => at > minuteAgo);
      if (lastMinute.length >= c.contentCreatingPerMinute) refuse((lastMinute[0] + 60_000 - r.nowMs) / 1000);
      if (s.content.length >= c.contentCreatingPerHour) refuse((s.content[0] + 3_600_000 - r.nowMs) / 1000);
      s.content.push(r.nowMs);
    }
    s.points.push({ at: r.nowMs, cost });
  }
}
