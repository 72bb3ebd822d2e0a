/**
 * Builds the Octokit instance the client uses: @octokit/rest with the throttling and retry plugins, configured so
 * that every wait goes through the injected clock and the client never hammers GitHub.
 *
 * How the plugins are tamed (read from plugin-throttling 11.0.5 and plugin-retry 8.1.1 sources):
 * - plugin-throttling decides *whether* a 403/429 is a rate limit (`x-ratelimit-remaining: 0`, or a message
 *   matching /secondary rate/) and calls `onRateLimit`/`onSecondaryRateLimit(retryAfterSeconds, options, octokit,
 *   retryCount)`; it awaits the handler, and if it returns true, Bottleneck re-runs the request after
 *   `retryAfter * retryAfterBaseValue` ms of *real* time. We set `retryAfterBaseValue: 0` and do the wait inside
 *   the handler with `clock.sleep`, through a gate that holds back every other request of this client meanwhile
 *   (so the retry is not followed by a burst of requests that were in flight).
 * - `fallbackSecondaryRateRetryAfter: 0` lets the handler tell "no Retry-After header" (0) from a given one; then
 *   we wait 60 s, doubling per retry, as GitHub asks:
 *   https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
 * - The plugin's `write` group spaces every non-GET request by 1 s with real timers (module-global Bottleneck).
 *   The client's own MutationQueue already serialises and spaces mutations through the clock, so we pass a
 *   pass-through group instead (`PASS_THROUGH_GROUP`), which keeps tests fast and production behaviour the same.
 *   Its `global` group caps the whole process at 10 requests in flight, whatever the token or host, and knows
 *   nothing of points; the shared RequestBudget (per API and token, slots and points) replaces it.
 * - plugin-retry retries other errors (5xx, network failures reported as status 500) with (n+1)² s real-time
 *   waits. We set `retryAfterBaseValue: 0` and sleep the same schedule through the clock in an error hook that
 *   runs inside it; and we add 429 to `doNotRetry` so that a 429 the throttling plugin gave up on is not retried
 *   again immediately.
 */
import type * as RestModule from '@octokit/rest' with { 'resolution-mode': 'import' };
import type * as ThrottlingModule from '@octokit/plugin-throttling' with { 'resolution-mode': 'import' };
import type * as RetryModule from '@octokit/plugin-retry' with { 'resolution-mode': 'import' };
import type { Clock } from './clock';
import { pointsOf, type RequestBudget } from './request-budget';
import { ApiError, GitHubPackagesError, type RateLimitVerdict } from '../errors';
import { describeWait } from '../error-wording';

/** Where the client's warnings (rate-limit waits, retries) go. */
export interface ClientLogger {
  warn(message: string): void;
  debug?(message: string): void;
}

export interface RetryPolicy {
  /** Retries after a primary or secondary rate limit before failing with RateLimitExhaustedError. Default 3. */
  rateLimitRetries: number;
  /** Wait after a secondary limit without Retry-After; doubled on each further retry. Default 60 s. */
  secondaryFallbackWaitMs: number;
  /** The most this client waits on rate limits in all (`github-packages:maxRateLimitWaitMs`): a wait that would go
   * past it is not begun, and the request fails with the time GitHub asked to wait until. Default 30 minutes. */
  maxRateLimitWaitMs: number;
  /** Retries of 5xx and network failures. Default 3 (waits 1 s, 4 s, 9 s). */
  serverErrorRetries: number;
}

/** What a CI job can live with: GitHub's primary window is an hour, so a limit met late in it is waited out, and
 * one met early fails in minutes with the reset time instead of holding the job for most of an hour. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 30 * 60_000;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  rateLimitRetries: 3,
  secondaryFallbackWaitMs: 60_000,
  maxRateLimitWaitMs: DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  serverErrorRetries: 3,
};

export interface CreateOctokitOptions {
  token: string;
  /** API root: https://api.github.com, https://HOST/api/v3, or a simulator's base URL. */
  baseUrl: string;
  /** Transport; default the global fetch. Never patched globally. */
  fetch?: typeof fetch;
  clock: Clock;
  log: ClientLogger;
  retryPolicy?: Partial<RetryPolicy>;
  userAgent?: string;
  /** Slots and points shared with every other client of this API and token in the process (request-budget.ts). */
  budget?: RequestBudget;
}

/** Statuses plugin-retry must leave alone (its defaults plus 429, which plugin-throttling owns). */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

/**
 * Holds every request of one client while a rate-limit wait is running. `pauseUntil` extends the pause when a
 * later deadline is asked for; `whenOpen` resolves when the current pause ends.
 */
export class RequestGate {
  private pause: Promise<void> = Promise.resolve();
  private until = 0;
  /** Time this client has been (or is being) held in all: what counts against `maxRateLimitWaitMs`. */
  private pausedMs = 0;

  constructor(private readonly clock: Clock) {}

  /** How long the client will have waited on rate limits in all if it waits until `deadline` (clock ms). */
  waitedIfUntil(deadline: number): number {
    return this.pausedMs + Math.max(0, deadline - Math.max(this.clock.now(), this.until));
  }

  /** The time waited (or being waited) so far. */
  waited(): number {
    return this.pausedMs;
  }

  /**
   * Holds requests until `deadline` (clock ms). A deadline no later than the current one joins the running pause
   * (or passes at once if it is over): requests refused for the same window wait once, together.
   */
  pauseUntil(deadline: number): Promise<void> {
    if (deadline > this.until) {
      this.pausedMs = this.waitedIfUntil(deadline);
      this.until = deadline;
      this.pause = this.clock.sleep(deadline - this.clock.now());
    }
    return this.pause;
  }

  whenOpen(): Promise<void> {
    return this.pause;
  }
}

/** Stands in for plugin-throttling's Bottleneck groups: runs the job at once (see module comment). */
const PASS_THROUGH_GROUP = {
  key: () => ({
    schedule: <A extends unknown[], R>(_jobOptions: unknown, fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R> =>
      Promise.resolve().then(() => fn(...args)),
  }),
};

// These packages are ESM-only. Node >= 20.19 require()s ESM natively, but TypeScript's `module: Node16` refuses a
// static import of ESM from a CommonJS file (TS1479; `module: node20` accepts it). Until tsconfig moves to node20,
// load them with require() and take the types from type-only imports.
/* eslint-disable @typescript-eslint/no-require-imports */
const { Octokit } = require('@octokit/rest') as typeof RestModule;
const { throttling } = require('@octokit/plugin-throttling') as typeof ThrottlingModule;
const { retry } = require('@octokit/plugin-retry') as typeof RetryModule;
/* eslint-enable @typescript-eslint/no-require-imports */

type Octokit = RestModule.Octokit;
type OctokitPlugin = Parameters<typeof Octokit.plugin>[number];
type HookOptions = { method?: string; url?: string; request?: unknown };

/** Per-instance settings handed to `pacingPlugin` through the Octokit constructor options. */
interface PacingOptions {
  /** The API's root, named when it cannot be reached. */
  baseUrl: string;
  gate: RequestGate;
  clock: Clock;
  policy: RetryPolicy;
  log: ClientLogger;
  budget?: RequestBudget;
}

/**
 * Registered before the throttling and retry plugins, so its hooks sit *inside* theirs (before-after-hook nests
 * later registrations outside earlier ones) and run on every attempt, retries included:
 * - before each attempt, wait while a rate-limit pause is running, then for a slot and the points of the shared budget
 *   (held until the attempt's answer is in; back-off sleeps, outside, hold none);
 * - when an attempt fails in a way plugin-retry will retry, sleep its back-off through the clock first.
 */
const pacingPlugin: OctokitPlugin = (octokit, octokitOptions) => {
  const pacing = (octokitOptions as { pacing?: PacingOptions }).pacing;
  if (!pacing) return {};
  const { gate, clock, policy, log, budget } = pacing;
  if (budget) {
    octokit.hook.wrap('request', async (request, options) => {
      const release = await budget.acquire(pointsOf(options.method));
      try {
        return await request(options);
      } finally {
        release();
      }
    });
  }
  octokit.hook.before('request', () => gate.whenOpen());
  octokit.hook.error('request', async (error, options) => {
    // The transport's own refusals (a redirect on a mutation, an oversized body) arrive wrapped in a status-500
    // RequestError, which plugin-retry would retry: rethrow them bare, so they are final.
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof GitHubPackagesError) throw cause;
    // A host name that does not exist (a typo in github-packages:baseUrl) will not exist in 14 s either: say so now,
    // naming it, instead of retrying. EAI_AGAIN (DNS could not answer) stays retried.
    const unresolved = unresolvedHost(error);
    if (unresolved) {
      throw new ApiError(
        `Could not reach the GitHub API at ${pacing.baseUrl} (github-packages:baseUrl): the host name ${unresolved} does not resolve ` +
          '(DNS: ENOTFOUND). Check github-packages:baseUrl (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise ' +
          'Server) and your network; nothing was changed.',
      );
    }
    const status = (error as { status?: unknown }).status;
    const request = options.request as PacingRequestState;
    const attempt = Number(request.retryCount ?? 0);
    if (status === 403 || status === 429) {
      const deadline = primaryDeadlineMs(error, clock);
      if (deadline === undefined) delete request.rateLimitDeadlineMs;
      else {
        request.rateLimitDeadlineMs = deadline;
        // Close the gate now, before plugin-throttling's handler runs, so that requests the other workers start
        // meanwhile wait too. The handler joins this pause (same deadline) or, if it gives up, the wait is short.
        if (gate.waitedIfUntil(deadline) <= policy.maxRateLimitWaitMs) void gate.pauseUntil(deadline);
      }
    }
    if (typeof status === 'number' && status >= 400 && !DO_NOT_RETRY.includes(status) && attempt < policy.serverErrorRetries) {
      const waitMs = (attempt + 1) ** 2 * 1000;
      log.warn(
        `GitHub answered ${status} to ${options.method ?? 'GET'} ${options.url ?? ''}: retrying in ${waitMs / 1000} s ` +
          `(retry ${attempt + 1} of ${policy.serverErrorRetries}).`,
      );
      await clock.sleep(waitMs);
    }
    throw error;
  });
  return {};
};

/** The host of a request that failed because DNS says the name does not exist (`getaddrinfo ENOTFOUND host`). */
function unresolvedHost(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, hostname } = e as { code?: unknown; hostname?: unknown };
    if (code === 'ENOTFOUND') return typeof hostname === 'string' ? hostname : 'of the API';
  }
  return undefined;
}

/** What the pacing hook leaves on `options.request` for the limit handlers (the plugin passes `options` on). */
type PacingRequestState = { retryCount?: number; rateLimitDeadlineMs?: number; rateLimitVerdict?: RateLimitVerdict };

/**
 * When a primary-limit refusal lets us retry: after `Retry-After` seconds when present, else one second after
 * `X-RateLimit-Reset` (epoch seconds), on the injected clock. plugin-throttling computes the same from
 * `Date.now()`; computing it here keeps the injected clock the only source of time.
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
 */
function primaryDeadlineMs(error: unknown, clock: Clock): number | undefined {
  const { message, response } = error as { message?: unknown; response?: { headers?: Record<string, unknown> } };
  const headers = response?.headers ?? {};
  // Same tests as plugin-throttling: a secondary limit is told by its message, a primary one by remaining = 0.
  if (/\bsecondary rate\b/i.test(String(message)) || String(headers['x-ratelimit-remaining']) !== '0') return undefined;
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return clock.now() + retryAfter * 1000;
  const reset = Number(headers['x-ratelimit-reset']);
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  return reset * 1000 + 1000;
}

/** `{ until }` as an ISO time, when `ms` is one (an absurd Retry-After is not). */
function untilOf(ms: number): { until?: string } {
  return Number.isFinite(ms) && ms < 8.64e15 ? { until: new Date(Math.ceil(ms / 1000) * 1000).toISOString() } : {};
}

const ThrottledOctokit = Octokit.plugin(pacingPlugin, throttling, retry);
/**
 * The client's Octokit: @octokit/rest's own type (the plugins add nothing the client calls). Named rather than
 * inferred from `ThrottledOctokit`, whose inferred type points into a nested node_modules path in the emitted
 * declarations, which no user's compiler can resolve.
 */
export type GitHubOctokit = RestModule.Octokit;

export function createOctokit(options: CreateOctokitOptions): GitHubOctokit {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
  const { clock, log } = options;
  const gate = new RequestGate(clock);
  const debug = (m: string) => log.debug?.(m);

  const onLimit =
    (kind: 'primary' | 'secondary') =>
    async (retryAfterSeconds: number, req: HookOptions, _octokit: unknown, retryCount: number): Promise<boolean> => {
      const what = `${req.method ?? 'GET'} ${req.url ?? ''}`;
      // Why we gave up, left on the options; the outermost error hook (below) puts it on the error for its message.
      const state = (req.request ?? {}) as PacingRequestState;
      if (retryCount >= policy.rateLimitRetries) {
        log.warn(`GitHub ${kind} rate limit on ${what}: giving up after ${retryCount} retries.`);
        const asked = retryAfterSeconds > 0 ? clock.now() + retryAfterSeconds * 1000 : undefined;
        state.rateLimitVerdict = { gaveUp: 'retries', retries: retryCount, ...(asked === undefined ? {} : untilOf(asked)) };
        return false;
      }
      const now = clock.now();
      const deadline =
        kind === 'secondary'
          ? now + (retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : policy.secondaryFallbackWaitMs * 2 ** retryCount)
          : ((req.request as PacingRequestState | undefined)?.rateLimitDeadlineMs ?? now + Math.max(retryAfterSeconds, 1) * 1000);
      const waitMs = Math.max(0, deadline - now);
      if (!(gate.waitedIfUntil(deadline) <= policy.maxRateLimitWaitMs)) {
        log.warn(
          `GitHub ${kind} rate limit on ${what}: asked to wait ${describeWait(waitMs)}, more than github-packages:maxRateLimitWaitMs leaves; giving up.`,
        );
        state.rateLimitVerdict = {
          gaveUp: 'too-long',
          waitMs,
          waitedMs: gate.waited(),
          maxWaitMs: policy.maxRateLimitWaitMs,
          ...untilOf(deadline),
        };
        return false;
      }
      log.warn(
        `GitHub ${kind} rate limit on ${what}: waiting ${Math.ceil(waitMs / 1000)} s before retry ` +
          `${retryCount + 1} of ${policy.rateLimitRetries}.`,
      );
      await gate.pauseUntil(deadline);
      return true;
    };

  const pacing: PacingOptions = { baseUrl: options.baseUrl, gate, clock, policy, log, ...(options.budget ? { budget: options.budget } : {}) };
  const octokit = new ThrottledOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent ?? 'pulumi-github-packages',
    request: options.fetch ? { fetch: options.fetch } : {},
    // Octokit's own request log goes to debug only: failures reach the user as typed errors from the client.
    log: { debug, info: debug, warn: (m: string) => log.warn(m), error: debug },
    pacing,
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      fallbackSecondaryRateRetryAfter: 0,
      retryAfterBaseValue: 0,
      global: PASS_THROUGH_GROUP as never,
      write: PASS_THROUGH_GROUP as never,
      notifications: PASS_THROUGH_GROUP as never,
    },
    retry: { retries: policy.serverErrorRetries, doNotRetry: DO_NOT_RETRY, retryAfterBaseValue: 0 },
  });
  // Outside every plugin: the limit handlers' verdict (left on the request options, which octokit's error does not
  // share) goes onto the error, so its message says whether the client waited or refused to.
  octokit.hook.error('request', (error, options) => {
    const verdict = (options.request as PacingRequestState | undefined)?.rateLimitVerdict;
    if (verdict && typeof error === 'object' && error !== null) (error as { rateLimitVerdict?: RateLimitVerdict }).rateLimitVerdict = verdict;
    throw error;
  });
  return octokit;
}
