/**
 * The GitHub Packages REST client: one per provider configuration. Reads may run concurrently (bounded);
 * mutations run one at a time, spaced by `mutationIntervalMs`. Every failure surfaces as a typed error from
 * `../errors` (mapped by `./to-provider-error`) whose message never contains the token.
 * REST reference: https://docs.github.com/en/rest/packages/packages
 */
import type { Owner, PackageInfo, PackageRef, PackageType, PackageVersionInfo, VersionState } from '../types';
import {
  ApiError,
  MissingScopesError,
  RestoreWindowClosedError,
  UnsupportedRequestError,
  UnsafeResponseError,
  redactSecrets,
  registerSecret,
  restoreWindowClosesAt,
  type ErrorContext,
} from '../errors';
import { describeTarget } from '../error-wording';
import { isRequestErrorLike, toProviderError } from './to-provider-error';
import { realClock, type Clock } from './clock';
import { createOctokit, DEFAULT_MAX_RATE_LIMIT_WAIT_MS, type ClientLogger, type GitHubOctokit, type RetryPolicy } from './create-octokit';

export { DEFAULT_MAX_RATE_LIMIT_WAIT_MS };
import { MutationQueue } from './mutation-queue';
import { DEFAULT_BUDGET_LIMITS, sharedRequestBudget, type RequestBudget } from './request-budget';
import { linkedPage, parseLinkHeader } from './link-header';
import { toPackageInfo, toVersionInfo, wirePackageProblem, wireVersionProblem, type WirePackage, type WirePackageVersion } from './map-wire';
import { readConsistently, type Listing } from './consistent-listing';
import { guardedFetch } from './guarded-fetch';
import { nodeHttpFetch } from './node-http-fetch';
import { conditionalFetch, NOT_MODIFIED_HEADER } from './conditional-fetch';
import { sharedPageStore, type PageStore } from './page-store';
import { tokenScope } from './token-scope';
import { missingScopes, parseScopesHeader, requiredScopes, type PackageAction } from './required-scopes';

/** GitHub asks for at least one second between mutating requests.
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#avoid-concurrent-requests */
export const DEFAULT_MUTATION_INTERVAL_MS = 1000;
export const DEFAULT_READ_CONCURRENCY = 4;
/** GitHub's maximum page size for these endpoints. */
export const PER_PAGE = 100;
/** Most pages one listing may have (a million items): a Link claiming more is refused at once. */
export const MAX_LIST_PAGES = 10_000;
/** Without it a request nobody answers waits for undici's 300 s header timeout, then plugin-retry's retries. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** `fetch` with a time limit per request, composed with any signal the caller passes. */
export function withTimeout(base: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return base(input, { ...init, signal }).catch((err: unknown) => {
      // Our own error, so octokit keeps its message ("Unknown Error" otherwise, for a DOMException from another realm).
      if (timeout.aborted) throw new Error(`no answer within ${timeoutMs} ms: request timeout`);
      throw err;
    });
  };
}

/**
 * A listing page must be a JSON array of objects with numeric ids. octokit hands back an unparsable (truncated)
 * body as a string; treating that as data would plan from garbage, so it is refused with a clear error.
 */
function expectPage<T>(data: unknown, route: string): T[] {
  if (Array.isArray(data) && data.every((item) => typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'number')) {
    return data as T[];
  }
  throw new ApiError(
    `GitHub's answer to GET ${route} was not the expected JSON list (truncated or malformed); nothing was changed. Run again; ` +
      'if it persists, check https://www.githubstatus.com or the proxy between you and the API.',
  );
}

export interface PackagesClientOptions {
  /** Used only in the Authorization header; never stored elsewhere, never logged. */
  token: string;
  /** API root: https://api.github.com, https://HOST/api/v3 for GHES, or a simulator's base URL. */
  baseUrl: string;
  /** Transport for tests or proxies; default `nodeHttpFetch` (Node's http/https, node-http-fetch.ts; the global fetch is never patched). */
  fetch?: typeof fetch;
  /** All waiting goes through this clock. Default: real time. */
  clock?: Clock;
  log?: ClientLogger;
  /** Minimum time between the starts of two mutations (which never overlap). Default 1000 ms. */
  mutationIntervalMs?: number;
  /** Pages fetched at once after the first. Default 4. */
  readConcurrency?: number;
  /** A request with no answer after this long is aborted (and retried like a dropped connection). Default 30 s. */
  requestTimeoutMs?: number;
  /** The most the client waits on rate limits in all before failing with the time to come back. Default 30 minutes. */
  maxRateLimitWaitMs?: number;
  retryPolicy?: Partial<RetryPolicy>;
  /** Requests in flight and points a minute for this API and token; default the process-wide shared budget. */
  requestBudget?: RequestBudget;
  /** The points a minute of the shared budget (when `requestBudget` is not given). Default GitHub.com's 900. */
  pointsPerMinute?: number;
  /**
   * Where the answers read are kept to read them again conditionally (a 304 costs no primary-limit request):
   * default the process-wide memory store only; the provider adds its disk directory (`github-packages:cacheDir`).
   */
  pageStore?: PageStore;
}

export interface ListProgress {
  pagesFetched: number;
  /** Known once the first page's Link header has been read (undefined when GitHub sends only rel="next"). */
  totalPages: number | undefined;
  itemsFetched: number;
}

export interface ListVersionsOptions {
  /** `deleted` lists versions deleted within the restore window; only `/user` and `/orgs` owners support it. */
  state?: VersionState;
  /** Only what planning reads (no `htmlUrl`; shared empty tag lists and equal times: map-wire.ts toVersionInfo): a policy lists
   * up to 100,000s of versions and keeps them while it plans. */
  lean?: boolean;
  onProgress?: (progress: ListProgress) => void;
}

export interface RestoreOptions {
  /** `deleted_at` from a listing, when known: lets a refusal say when the 30-day window closed. */
  deletedAt?: string;
}

/** The part of a package reference that decides scopes: owner and type (name optional). */
export type PreflightTarget = { owner: Owner; packageType: PackageType; name?: string };

const defaultLogger: ClientLogger = { warn: (m) => console.warn(`[github-packages] ${m}`) };

interface OwnerRoute {
  prefix: string;
  params: Record<string, string>;
}

function ownerRoute(owner: Owner): OwnerRoute {
  switch (owner.kind) {
    case 'authenticated':
      return { prefix: '/user', params: {} };
    case 'user':
      return { prefix: '/users/{username}', params: { username: owner.login } };
    case 'org':
      return { prefix: '/orgs/{org}', params: { org: owner.login } };
  }
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const v = (headers as Record<string, unknown>)[name];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

export class PackagesClient {
  private readonly octokit: GitHubOctokit;
  private readonly baseUrl: string;
  private readonly clock: Clock;
  private readonly mutations: MutationQueue;
  private readonly readConcurrency: number;
  private readonly log: ClientLogger;
  /** `undefined` until a response has been seen; `null` when responses carry no X-OAuth-Scopes. */
  private scopes: string[] | null | undefined;

  constructor(options: PackagesClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.clock = options.clock ?? realClock;
    this.readConcurrency = options.readConcurrency ?? DEFAULT_READ_CONCURRENCY;
    if (!Number.isInteger(this.readConcurrency) || this.readConcurrency < 1) {
      throw new RangeError(`readConcurrency must be a whole number >= 1, got ${this.readConcurrency}`);
    }
    this.mutations = new MutationQueue(this.clock, options.mutationIntervalMs ?? DEFAULT_MUTATION_INTERVAL_MS);
    // Whatever its format, the token is removed from every message and warning from now on (a server may echo it).
    registerSecret(options.token);
    const log = options.log ?? defaultLogger;
    this.log = { warn: (m) => log.warn(redactSecrets(m)), ...(log.debug ? { debug: (m: string) => log.debug?.(redactSecrets(m)) } : {}) };
    const octokitOptions: Parameters<typeof createOctokit>[0] = {
      token: options.token,
      baseUrl: this.baseUrl,
      clock: this.clock,
      log: this.log,
      budget:
        options.requestBudget ??
        sharedRequestBudget(this.baseUrl, options.token, this.clock, {
          ...DEFAULT_BUDGET_LIMITS,
          ...(options.pointsPerMinute !== undefined ? { pointsPerMinute: options.pointsPerMinute } : {}),
        }),
    };
    // The timeout covers the whole answer, body included (the guard reads it before returning). Reads are
    // conditional on what was read before (conditional-fetch.ts), on the guarded transport's bounded answers.
    const pages = options.pageStore ?? sharedPageStore('off');
    octokitOptions.fetch = withTimeout(
      conditionalFetch(guardedFetch(options.fetch ?? nodeHttpFetch), pages, tokenScope(this.baseUrl, options.token)),
      options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    );
    const retryPolicy = {
      ...(options.maxRateLimitWaitMs === undefined ? {} : { maxRateLimitWaitMs: options.maxRateLimitWaitMs }),
      ...options.retryPolicy,
    };
    if (Object.keys(retryPolicy).length > 0) octokitOptions.retryPolicy = retryPolicy;
    this.octokit = createOctokit(octokitOptions);
    // X-OAuth-Scopes is on every response (success or error) of a classic token; remember it.
    this.octokit.hook.after('request', (response) => this.noteScopes(response.status, response.headers));
    this.octokit.hook.error('request', (error) => {
      if (isRequestErrorLike(error) && error.response) this.noteScopes(error.status, error.response.headers);
      throw error;
    });
  }

  private noteScopes(status: number, headers: unknown): void {
    if (status >= 500 || status === 401) return;
    this.scopes = parseScopesHeader(headerValue(headers, 'x-oauth-scopes'));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Reads

  /** Every package of `type` the owner has and the token may see. */
  async listPackages(
    owner: Owner,
    packageType: PackageType,
    opts: { visibility?: 'public' | 'private' | 'internal'; onProgress?: (p: ListProgress) => void } = {},
  ): Promise<PackageInfo[]> {
    const { prefix, params } = ownerRoute(owner);
    const query: Record<string, string> = { package_type: packageType };
    if (opts.visibility) query.visibility = opts.visibility;
    const ctx: ErrorContext = { action: 'read', owner, packageType, method: 'GET', path: `${prefix}/packages` };
    const what = describeTarget({ owner, packageType });
    return this.call(ctx, () =>
      readConsistently(
        () =>
          this.listAll(
            `${prefix}/packages`,
            { ...params, ...query },
            (p: WirePackage) => toPackageInfo(checkedWire(p, wirePackageProblem, `the listing of ${what}`)),
            opts.onProgress,
          ),
        what,
        (m) => this.log.warn(m),
      ),
    );
  }

  async getPackage(ref: PackageRef): Promise<PackageInfo> {
    const { route, params } = this.packageRoute(ref);
    return this.call(this.ctx('read', ref, 'GET', route), async () => {
      const res = await this.octokit.request(`GET ${route}`, params);
      return toPackageInfo(checkedWire(res.data as WirePackage, wirePackageProblem, `GitHub's answer about ${describeRef(ref)}`));
    });
  }

  /**
   * All versions in `state` (default active), newest first as GitHub lists them: page 1, then the remaining
   * pages (known from Link rel="last") `readConcurrency` at a time.
   */
  async listVersions(ref: PackageRef, opts: ListVersionsOptions = {}): Promise<PackageVersionInfo[]> {
    const state = opts.state ?? 'active';
    const { route, params } = this.packageRoute(ref);
    const query: Record<string, string> = {};
    if (ref.owner.kind === 'user') {
      if (state === 'deleted') {
        throw new UnsupportedRequestError(
          `GitHub's API lists deleted versions only for the authenticated user's and organizations' packages, not for ` +
            `packages of a named user (${ref.owner.login}). If ${ref.owner.login} is the token's own account, use the ` +
            `authenticated-user owner instead.`,
        );
      }
    } else {
      query.state = state;
    }
    const ctx = this.ctx('read', ref, 'GET', `${route}/versions`);
    const what = describeRef(ref);
    return this.call(ctx, () =>
      readConsistently(
        () =>
          this.listAll(
            `${route}/versions`,
            { ...params, ...query },
            (v: WirePackageVersion) => toVersionInfo(checkedVersion(v, ref, `the listing of ${what}`), state, opts.lean),
            opts.onProgress,
          ),
        what,
        (m) => this.log.warn(m),
      ),
    );
  }

  async getVersion(ref: PackageRef, versionId: number): Promise<PackageVersionInfo> {
    const { route, params } = this.versionRoute(ref, versionId);
    return this.call({ ...this.ctx('read', ref, 'GET', route), versionId }, async () => {
      const res = await this.octokit.request(`GET ${route}`, params);
      const where = `GitHub's answer about ${describeRef(ref, versionId)}`;
      const v = checkedVersion(res.data as WirePackageVersion, ref, where);
      if (v.id !== versionId) throw new UnsafeResponseError(`${where} describes version ${v.id}; nothing was planned or changed from it.`);
      return toVersionInfo(v);
    });
  }

  /**
   * The token's classic scopes from `X-OAuth-Scopes`, or `null` when GitHub sends none (fine-grained tokens,
   * Actions' GITHUB_TOKEN). Uses any response already seen; otherwise one cheap `GET /user`, whose headers count
   * even when it is refused (Actions' token may not call it).
   */
  async tokenScopes(): Promise<string[] | null> {
    if (this.scopes !== undefined) return this.scopes;
    try {
      await this.octokit.request('GET /user');
    } catch (err) {
      if (this.scopes === undefined) throw toProviderError(err, { action: 'read', method: 'GET', path: '/user', api: this.baseUrl });
    }
    return this.scopes ?? null;
  }

  /**
   * Fails with MissingScopesError when the token's classic scopes lack what `action` on this package type needs.
   * Tokens that report no scopes skip the check: the API's own 403/404 will say what is wrong.
   */
  async preflight(target: PreflightTarget, action: PackageAction): Promise<void> {
    const shortfall = await this.scopeShortfall(target, action);
    if (shortfall) throw shortfall;
  }

  /**
   * What `preflight` would throw, returned instead: a preview with a read-only token plans in full and says what
   * the apply will need, while every mutation still checks before its request (`mutate`).
   */
  async scopeShortfall(target: PreflightTarget, action: PackageAction): Promise<MissingScopesError | undefined> {
    const have = await this.tokenScopes();
    if (have === null) return undefined;
    const missing = missingScopes(have, target.packageType, action);
    if (missing.length === 0) return undefined;
    const ctx: ErrorContext = { action, owner: target.owner, packageType: target.packageType };
    if (target.name !== undefined) ctx.packageName = target.name;
    return new MissingScopesError(missing, have, requiredScopes(target.packageType, action), ctx);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Mutations: serial, spaced. They report facts; deciding that a delete of a deleted version is a no-op is the
  // caller's job, from live data.

  async deleteVersion(ref: PackageRef, versionId: number): Promise<void> {
    const { route, params } = this.versionRoute(ref, versionId);
    await this.mutate({ ...this.ctx('delete', ref, 'DELETE', route), versionId }, `DELETE ${route}`, params);
  }

  async restoreVersion(ref: PackageRef, versionId: number, opts: RestoreOptions = {}): Promise<void> {
    const { route, params } = this.versionRoute(ref, versionId);
    const ctx: ErrorContext = { ...this.ctx('restore', ref, 'POST', `${route}/restore`), versionId };
    if (opts.deletedAt) ctx.deletedAt = opts.deletedAt;
    await this.mutate(ctx, `POST ${route}/restore`, params);
  }

  async deletePackage(ref: PackageRef): Promise<void> {
    const { route, params } = this.packageRoute(ref);
    await this.mutate(this.ctx('delete', ref, 'DELETE', route), `DELETE ${route}`, params);
  }

  async restorePackage(ref: PackageRef, opts: RestoreOptions = {}): Promise<void> {
    // GitHub's description also lists an optional `token` query parameter ("package token", nothing more:
    // https://docs.github.com/rest/packages/packages#restore-a-package-for-an-organization). It is not sent: the
    // Authorization header authenticates, and a credential in a URL ends up in logs. README, "Known limitations".
    const { route, params } = this.packageRoute(ref);
    const ctx = this.ctx('restore', ref, 'POST', `${route}/restore`);
    if (opts.deletedAt) ctx.deletedAt = opts.deletedAt;
    await this.mutate(ctx, `POST ${route}/restore`, params);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Internals

  private packageRoute(ref: PackageRef): { route: string; params: Record<string, string | number> } {
    const { prefix, params } = ownerRoute(ref.owner);
    // Octokit's endpoint expansion percent-encodes `{package_name}` (RFC 6570 simple expansion): maven's
    // `group:artifact` and container names with `/` reach GitHub as one path segment.
    return {
      route: `${prefix}/packages/{package_type}/{package_name}`,
      params: { ...params, package_type: ref.packageType, package_name: ref.name },
    };
  }

  private versionRoute(ref: PackageRef, versionId: number): { route: string; params: Record<string, string | number> } {
    if (!Number.isSafeInteger(versionId) || versionId <= 0) {
      throw new RangeError(`A package version id is a positive whole number, got ${versionId}`);
    }
    const { route, params } = this.packageRoute(ref);
    return { route: `${route}/versions/{package_version_id}`, params: { ...params, package_version_id: versionId } };
  }

  private ctx(action: PackageAction, ref: PackageRef, method: string, path: string): ErrorContext {
    return { action, owner: ref.owner, packageType: ref.packageType, packageName: ref.name, method, path };
  }

  private async call<T>(ctx: ErrorContext, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      // Not found among the token's own packages: the usual cause is a forgotten `org`, and the message names whose
      // packages were searched (one GET /user, on this path only).
      if (ctx.owner?.kind === 'authenticated' && isRequestErrorLike(err) && err.status === 404) {
        const login = await this.authenticatedLogin();
        if (login) throw this.mapError(err, { ...ctx, login });
      }
      throw this.mapError(err, ctx);
    }
  }

  private login: Promise<string | undefined> | undefined;

  /** The token's own login (`GET /user`), or undefined when GitHub does not say (Actions' token may not call it). */
  authenticatedLogin(): Promise<string | undefined> {
    this.login ??= this.octokit.request('GET /user').then(
      (res) => (typeof (res.data as { login?: unknown }).login === 'string' ? (res.data as { login: string }).login : undefined),
      () => undefined,
    );
    return this.login;
  }

  private mapError(err: unknown, ctx: ErrorContext): Error {
    // A restore refused with 404 after the 30-day window: GitHub no longer knows the thing, but we know when it
    // was deleted, so say when the window closed.
    if (ctx.action === 'restore' && ctx.deletedAt && isRequestErrorLike(err) && err.status === 404) {
      const closes = restoreWindowClosesAt(ctx.deletedAt);
      if (closes && closes.getTime() <= this.clock.now()) return new RestoreWindowClosedError(ctx, { status: 404 });
    }
    return toProviderError(err, { ...ctx, api: this.baseUrl });
  }

  private async mutate(ctx: ErrorContext, route: string, params: Record<string, string | number>): Promise<void> {
    // Every DELETE and restore checks the token's scopes first (cached: no request), whatever resource sends it:
    // a token that cannot do it fails here, naming the scope, before GitHub sees a request.
    if (ctx.owner && ctx.packageType) {
      await this.preflight(
        { owner: ctx.owner, packageType: ctx.packageType, ...(ctx.packageName !== undefined ? { name: ctx.packageName } : {}) },
        ctx.action,
      );
    }
    await this.mutations.run(() => this.call(ctx, () => this.octokit.request(route, params)));
  }

  /**
   * One read of every page of a list endpoint. Page 1 first; every further page is requested from the client's
   * own route with only `page` changed (a Link only says how many pages there are, after `linkedPage` checked it
   * is this listing's). With Link rel="last" the pages are fetched `readConcurrency` at a time, wave by wave,
   * and a page that is not full ends the listing (so a Link claiming 3,000 pages costs a wave, not 3,000
   * requests); without it rel="next" is followed page by page, and must name the next page (a Link back to a page
   * already read is a loop). A listing whose pages contradict each other is returned with `inconsistency` set.
   */
  private async listAll<W, T>(
    route: string,
    params: Record<string, string | number>,
    map: (wire: W) => T,
    onProgress?: (p: ListProgress) => void,
  ): Promise<Listing<T>> {
    const pageParams = (page: number) => ({ ...params, per_page: PER_PAGE, page });
    const ownUrl = new URL(this.octokit.request.endpoint(`GET ${route}`, pageParams(1)).url);
    // Each page is checked and mapped as it arrives: only the mapped records are kept, never the whole listing's
    // wire objects (memory flat in what GitHub sends per version).
    const fetchPage = async (page: number) => {
      const res = await this.octokit.request(`GET ${route}`, pageParams(page));
      const notModified = headerValue(res.headers, NOT_MODIFIED_HEADER) === '1';
      return { items: expectPage<W>(res.data, route).map(map), links: parseLinkHeader(headerValue(res.headers, 'link')), notModified };
    };
    const pageOfLink = (link: string) => {
      const page = linkedPage(link, ownUrl, this.baseUrl);
      if (page > MAX_LIST_PAGES) {
        throw new UnsafeResponseError(
          `GitHub's pagination Link for GET ${ownUrl.pathname} names page ${page}, more than the ${MAX_LIST_PAGES} pages ` +
            `(${MAX_LIST_PAGES * PER_PAGE} items) the client reads in one listing; nothing was planned from it. Check any proxy between you and the API.`,
        );
      }
      return page;
    };

    const first = await fetchPage(1);
    // A page 1 GitHub answered 304 comes with the Link stored with it: its items are current, but the last page it
    // names may not be (versions deleted or restored further down change the page count, not page 1). Then the
    // last page is a hint: the listing ends at the first page that is not full, wherever that is.
    const lastIsHint = first.notModified;
    const pages: T[][] = [first.items];
    let itemsFetched = first.items.length;
    let inconsistency: string | undefined;
    const lastPage = first.links.last ? pageOfLink(first.links.last) : undefined;
    let pagesFetched = 1;
    onProgress?.({ pagesFetched, totalPages: lastPage ?? (first.links.next ? undefined : 1), itemsFetched });
    const tookNext = (items: T[], totalPages: number | undefined) => {
      pages.push(items);
      pagesFetched += 1;
      itemsFetched += items.length;
      onProgress?.({ pagesFetched, totalPages, itemsFetched });
    };

    if (first.items.length < PER_PAGE) {
      // What the first page implies: it holds everything.
      if (first.links.next || (lastPage ?? 1) > 1) inconsistency = 'page 1 is not full, yet its Link names more pages';
    } else if (lastPage !== undefined) {
      // `readConcurrency` workers take the next page number until a page that is not full ends the listing; at
      // most the pages already in flight are fetched past it.
      const fetched = new Map<number, T[]>();
      let nextPage = 2;
      let endedAt = lastPage;
      const worker = async () => {
        while (nextPage <= endedAt) {
          const page = nextPage++;
          const { items } = await fetchPage(page);
          fetched.set(page, items);
          pagesFetched += 1;
          itemsFetched += items.length;
          onProgress?.({ pagesFetched, totalPages: lastIsHint ? undefined : lastPage, itemsFetched });
          if (items.length < PER_PAGE && page < endedAt) endedAt = page;
          // The hinted last page is full: the listing may go on.
          else if (lastIsHint && items.length === PER_PAGE && page === endedAt && endedAt < MAX_LIST_PAGES) endedAt = page + 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.readConcurrency, lastPage - 1) }, worker));
      for (const [page, items] of [...fetched].sort(([a], [b]) => a - b)) {
        if (page <= endedAt) pages.push(items);
        else if (items.length > 0) inconsistency ??= `page ${page} has items after page ${endedAt}, which was not full`;
      }
      if (endedAt < lastPage && !lastIsHint) inconsistency ??= `page ${endedAt} of ${lastPage} is not full`;
    } else {
      let current = 1;
      let next = first.links.next;
      // After a 304 page 1 (its Link is the stored one), a full page without rel="next" may not be the last.
      let readOn = lastIsHint;
      while (next || readOn) {
        const page = next ? pageOfLink(next) : current + 1;
        if (page !== current + 1) {
          throw new UnsafeResponseError(
            `GitHub's pagination Link rel="next" on page ${current} of GET ${ownUrl.pathname} names page ${page}` +
              `${page <= current ? ', a page already read (the listing would loop)' : ', skipping pages'}; the listing stopped and nothing was planned from it.`,
          );
        }
        const res = await fetchPage(page);
        current = page;
        next = res.links.next;
        readOn = lastIsHint && !next && res.items.length === PER_PAGE && page < MAX_LIST_PAGES;
        tookNext(res.items, next || readOn ? undefined : page);
        if (res.items.length < PER_PAGE) {
          if (next) inconsistency ??= `page ${page} is not full, yet its Link names more pages`;
          break;
        }
      }
    }
    const items = pages.flat();
    return inconsistency === undefined ? { items } : { items, inconsistency };
  }
}

/** `wire` when `problem` finds nothing wrong with it; else a clear error naming `where` and the field. */
function checkedWire<T>(wire: T, problem: (v: unknown) => string | undefined, where: string): T {
  const found = problem(wire);
  if (found) {
    throw new UnsafeResponseError(
      `${capitalize(where)} is malformed (${found}); nothing was planned or changed from it. Run again; if it persists, check ` +
        'https://www.githubstatus.com and any proxy between you and the API.',
    );
  }
  return wire;
}

/**
 * A version object checked for shape, and — when it names its own API URL, as GitHub's do — checked to belong to
 * the package asked for: ids of another package are never planned under this one.
 */
function checkedVersion(v: WirePackageVersion, ref: PackageRef, where: string): WirePackageVersion {
  checkedWire(v, wireVersionProblem, where);
  if (typeof v.url === 'string' && !plainUrlEndsWith(v.url, `/packages/${ref.packageType}/${ref.name}/versions/${v.id}`)) {
    let path: string;
    try {
      path = decodeURIComponent(new URL(v.url).pathname);
    } catch {
      path = '';
    }
    // Case-insensitively: GitHub may spell the name in its own case (NuGet's `Hubot.Core` asked as `hubot.core`).
    if (!path.toLowerCase().endsWith(`/packages/${ref.packageType}/${ref.name}/versions/${v.id}`.toLowerCase())) {
      throw new UnsafeResponseError(
        `${capitalize(where)} holds version ${v.id} of another package (${path || 'an unreadable url'}); nothing was planned or ` +
          'changed from it. Check any proxy between you and the API.',
      );
    }
  }
  return v;
}

/**
 * The common case of the check above without parsing a URL per version (a listing of 100,000 versions parsed
 * 100,000): an absolute URL with nothing the URL parser would rewrite or decode (no `%`, `\`, white space, controls,
 * dot segments, query or fragment) whose path, case-insensitively, ends with `suffix`. Anything else takes the parse.
 */
function plainUrlEndsWith(url: string, suffix: string): boolean {
  if (/[?#%\\\s\u0000-\u001f\u007f]|\/\./.test(url)) return false;
  const scheme = url.indexOf('://');
  const hostEnd = url.indexOf('/', scheme + 3);
  const at = url.length - suffix.length;
  return scheme > 0 && hostEnd > scheme + 3 && at >= hostEnd && url.slice(at).toLowerCase() === suffix.toLowerCase();
}

/** "version 42 of npm package "big" of organization acme". */
function describeRef(ref: PackageRef, versionId?: number): string {
  return describeTarget({ owner: ref.owner, packageType: ref.packageType, packageName: ref.name, ...(versionId !== undefined ? { versionId } : {}) });
}

function capitalize(s: string): string {
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}
