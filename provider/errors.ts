/**
 * Typed errors of the GitHub Packages provider. Every message says what the user can do next, and no message,
 * stack or property ever carries the token: octokit's RequestError (whose `request` holds the `authorization`
 * header and whose message may echo URLs) is never re-thrown; `toProviderError` copies the few facts it needs
 * and scrubs anything that looks like a token.
 */
import type { Owner, PackageType } from './types';
import { requiredScopes, parseScopesHeader, missingScopes, type PackageAction } from './client/required-scopes';
import { redactSecrets } from './redaction';

export { redactSecrets, registerSecret } from './redaction';

const DELETE_RESTORE_DOCS = 'https://docs.github.com/en/packages/learn-github-packages/deleting-and-restoring-a-package';
const PERMISSIONS_DOCS = 'https://docs.github.com/en/packages/learn-github-packages/about-permissions-for-github-packages';
const TOKEN_SETTINGS_URL = 'https://github.com/settings/tokens';
const RATE_LIMIT_DOCS = 'https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api';
/** Deleted packages and versions can be restored for 30 days (see DELETE_RESTORE_DOCS). */
export const RESTORE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** What the failing call was about; used only to word messages. */
export interface ErrorContext {
  action: PackageAction;
  owner?: Owner;
  packageType?: PackageType;
  packageName?: string;
  versionId?: number;
  /** `deleted_at` of the thing being restored, when the API showed it. */
  deletedAt?: string;
  /** HTTP method and path of the request, for the fallback message. */
  method?: string;
  path?: string;
}

/** Facts copied from a failed response (never the request: it holds the token). */
export interface ResponseFacts {
  status?: number;
  githubMessage?: string;
  documentationUrl?: string;
  requestId?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Wording helpers

export function describeOwner(owner: Owner): string {
  switch (owner.kind) {
    case 'authenticated':
      return 'the authenticated user';
    case 'user':
      return `user ${owner.login}`;
    case 'org':
      return `organization ${owner.login}`;
  }
}

/** "version 42 of container package "a/b" (organization acme)". */
export function describeTarget(ctx: Partial<ErrorContext>): string {
  const pkg =
    ctx.packageName !== undefined
      ? `${ctx.packageType ?? ''} package "${ctx.packageName}"`.trim()
      : ctx.packageType !== undefined
        ? `${ctx.packageType} packages`
        : 'packages';
  const owner = ctx.owner ? ` of ${describeOwner(ctx.owner)}` : '';
  const version = ctx.versionId !== undefined ? `version ${ctx.versionId} of ` : '';
  return `${version}${pkg}${owner}`;
}

function scopeList(scopes: readonly string[]): string {
  return scopes.map((s) => `'${s}'`).join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Error classes

/** Base class of every error the provider raises about GitHub. */
export abstract class GitHubPackagesError extends Error {
  abstract readonly code: string;
  readonly status?: number;
  readonly githubMessage?: string;
  readonly documentationUrl?: string;
  readonly requestId?: string;

  protected constructor(message: string, facts: ResponseFacts = {}) {
    super(redactSecrets(message));
    this.name = new.target.name;
    if (facts.status !== undefined) this.status = facts.status;
    if (facts.githubMessage !== undefined) this.githubMessage = redactSecrets(facts.githubMessage);
    if (facts.documentationUrl !== undefined) this.documentationUrl = redactSecrets(facts.documentationUrl);
    if (facts.requestId !== undefined) this.requestId = facts.requestId;
  }
}

/** The token's classic scopes (X-OAuth-Scopes) lack what this action on this package type needs. */
export class MissingScopesError extends GitHubPackagesError {
  readonly code = 'missing-scopes';
  constructor(
    readonly missing: readonly string[],
    readonly have: readonly string[],
    readonly context: ErrorContext,
    facts: ResponseFacts = {},
  ) {
    super(
      `The token cannot ${context.action} ${describeTarget(context)}: it lacks the scope(s) ${scopeList(missing)} ` +
        `(it has ${have.length > 0 ? scopeList(have) : 'no scopes'}; ${context.action} on ${context.packageType ?? 'these'} ` +
        `packages needs ${scopeList(context.packageType ? requiredScopes(context.packageType, context.action) : missing)}). ` +
        `If the token comes from the GitHub CLI run \`gh auth refresh -h github.com -s ${missing.join(',')}\`; ` +
        `otherwise edit the personal access token (classic) at ${TOKEN_SETTINGS_URL} and add ${missing.join(', ')}. ` +
        `See ${PERMISSIONS_DOCS}`,
      facts,
    );
  }
}

/** 403 with `X-GitHub-SSO: required; url=…`: the org enforces SAML SSO and the token is not authorized for it. */
export class SsoAuthorizationRequiredError extends GitHubPackagesError {
  readonly code = 'sso-authorization-required';
  constructor(
    readonly authorizationUrl: string | undefined,
    context: ErrorContext,
    facts: ResponseFacts = {},
  ) {
    super(
      `Cannot ${context.action} ${describeTarget(context)}: the organization enforces SAML single sign-on and this ` +
        `token is not authorized for it. ` +
        (authorizationUrl
          ? `Open ${authorizationUrl} in a browser to authorize the token, then run again.`
          : `Authorize the token for the organization (Settings > Developer settings > Tokens > Configure SSO), then run again.`) +
        ` See https://docs.github.com/en/enterprise-cloud@latest/authentication/authenticating-with-saml-single-sign-on/authorizing-a-personal-access-token-for-use-with-saml-single-sign-on`,
      facts,
    );
  }
}

/** 404: GitHub answers the same for "does not exist" and "this token may not see it". */
export class NotFoundOrNoAccessError extends GitHubPackagesError {
  readonly code = 'not-found-or-no-access';
  constructor(
    readonly context: ErrorContext,
    facts: ResponseFacts = {},
  ) {
    const scopes = context.packageType
      ? `a classic token needs ${scopeList(requiredScopes(context.packageType, context.action))} to ${context.action} ${context.packageType} packages`
      : `a classic token needs 'read:packages' (plus 'repo' for npm, maven, rubygems, nuget and docker packages)`;
    super(
      `${capitalize(describeTarget(context))} was not found or is not visible to this token. ` +
        `Check the owner, package type and name (and version id); then check access: ${scopes}, ` +
        `and the token's user needs access to the package (and, for repository-scoped types, its repository)` +
        (isMutation(context.action) && context.owner?.kind === 'org'
          ? `; deleting or restoring an organization's packages also needs the admin role in the organization. `
          : `. `) +
        `See ${PERMISSIONS_DOCS}`,
      facts,
    );
  }
}

/** 401: the token is missing, malformed, expired or revoked. */
export class BadCredentialsError extends GitHubPackagesError {
  readonly code = 'bad-credentials';
  constructor(facts: ResponseFacts = {}) {
    super(
      `GitHub rejected the token (401 Bad credentials): it is missing, mistyped, expired or revoked. ` +
        `Set a valid token with \`pulumi config set --secret github-packages:token <token>\` ` +
        `or in GITHUB_TOKEN / GH_TOKEN. Tokens are managed at ${TOKEN_SETTINGS_URL}`,
      facts,
    );
  }
}

/** GitHub refuses to delete the last (for containers: last tagged) version of a package. */
export class LastVersionError extends GitHubPackagesError {
  readonly code = 'last-version';
  constructor(
    readonly context: ErrorContext,
    facts: ResponseFacts = {},
  ) {
    super(
      `GitHub refuses to delete ${describeTarget(context)}: it is the last ${context.packageType === 'container' ? '(tagged) ' : ''}` +
        `version of the package, and a package cannot lose its last version. Delete the whole package instead: ` +
        `declare a \`Package\` resource for it with state "deleted" (and stop managing this version). See ${DELETE_RESTORE_DOCS}`,
      facts,
    );
  }
}

/** Public package/version downloaded more than 5,000 times: the API cannot delete it. */
export class DownloadLimitError extends GitHubPackagesError {
  readonly code = 'download-limit';
  constructor(
    readonly context: ErrorContext,
    facts: ResponseFacts = {},
  ) {
    super(
      `GitHub refuses to delete ${describeTarget(context)}: it is public and has been downloaded more than 5,000 times, ` +
        `and GitHub's API cannot delete such packages. Contact GitHub Support (https://support.github.com/contact) to have ` +
        `it removed, or set this resource's state back to "active" / stop managing it. See ${DELETE_RESTORE_DOCS}`,
      facts,
    );
  }
}

/** When a deleted package or version stops being restorable (GitHub keeps them 30 days). */
export function restoreWindowClosesAt(deletedAt: string): Date | undefined {
  const t = Date.parse(deletedAt);
  return Number.isNaN(t) ? undefined : new Date(t + RESTORE_WINDOW_MS);
}

/** Restore after GitHub's 30-day window. */
export class RestoreWindowClosedError extends GitHubPackagesError {
  readonly code = 'restore-window-closed';
  readonly closedAt?: string;
  constructor(
    readonly context: ErrorContext,
    facts: ResponseFacts = {},
  ) {
    const closes = context.deletedAt ? restoreWindowClosesAt(context.deletedAt) : undefined;
    super(
      `Cannot restore ${describeTarget(context)}: ` +
        (context.deletedAt && closes
          ? `it was deleted at ${context.deletedAt} and GitHub allows restoring for 30 days, so the window closed at ${closes.toISOString()}. `
          : `GitHub allows restoring deleted packages and versions for 30 days only, and that window has closed. `) +
        `It cannot be restored: publish it again, or set this resource's state to "deleted". See ${DELETE_RESTORE_DOCS}`,
      facts,
    );
    if (closes) this.closedAt = closes.toISOString();
  }
}

/** Deleting or restoring in an organization needs the admin role (and admin on container packages). */
export class OrgAdminRequiredError extends GitHubPackagesError {
  readonly code = 'org-admin-required';
  constructor(
    readonly context: ErrorContext,
    facts: ResponseFacts = {},
  ) {
    const org = context.owner && context.owner.kind !== 'authenticated' ? context.owner.login : 'the organization';
    super(
      `Cannot ${context.action} ${describeTarget(context)}: the token's user is not an admin of ${org}. ` +
        `Deleting or restoring an organization's packages needs the admin role in the organization` +
        `${context.packageType === 'container' || context.packageType === undefined ? ' and, for container packages, admin access to the package' : ''}. ` +
        `Ask an organization owner to grant it, or use a token of an admin. See ${PERMISSIONS_DOCS}`,
      facts,
    );
  }
}

/** 409 on restore: a new package with the same name and type was published since the deletion. */
export class NameTakenError extends GitHubPackagesError {
  readonly code = 'name-taken';
  constructor(
    readonly context: ErrorContext,
    facts: ResponseFacts = {},
  ) {
    super(
      `Cannot restore ${describeTarget(context)}: its name is taken by a package published after the deletion. ` +
        `Delete the new package first if you want the old one back, or leave this one deleted. See ${DELETE_RESTORE_DOCS}`,
      facts,
    );
  }
}

/**
 * How the client's bounded waiting ended for a rate-limited request (set by the client's limit handlers):
 * `retries` — it waited and retried this many times; `too-long` — GitHub asked for a wait longer than the client
 * allows (`waitMs`, possibly absurd), so it did not retry.
 */
export type RateLimitVerdict = { gaveUp: 'retries'; retries: number } | { gaveUp: 'too-long'; waitMs: number; maxWaitMs: number };

/** The primary or secondary rate limit refused the request, and the client's bounded retries ended. */
export class RateLimitExhaustedError extends GitHubPackagesError {
  readonly code = 'rate-limit-exhausted';
  constructor(
    readonly kind: 'primary' | 'secondary',
    readonly context: ErrorContext,
    readonly resetAt: string | undefined,
    facts: ResponseFacts = {},
    verdict?: RateLimitVerdict,
  ) {
    const what = `GitHub's ${kind} rate limit refused to ${context.action} ${describeTarget(context)}`;
    const how =
      verdict?.gaveUp === 'too-long'
        ? `${what} and asked to wait ${describeWait(verdict.waitMs)}, longer than the client waits for one retry ` +
          `(${describeWait(verdict.maxWaitMs)}), so it did not retry. `
        : verdict?.gaveUp === 'retries'
          ? `${what} after the client waited and retried ${verdict.retries} time${verdict.retries === 1 ? '' : 's'}. `
          : `${what}. `;
    super(
      how +
        (kind === 'primary' && resetAt
          ? `The token's hourly quota resets at ${resetAt}; run again after that. `
          : `Wait a few minutes and run again; avoid running other automation with the same token meanwhile. `) +
        `See ${RATE_LIMIT_DOCS}`,
      facts,
    );
  }
}

/** "90 s", "12 minutes", "3 hours", "more than a year" (also for an absurd or infinite wait). */
export function describeWait(ms: number): string {
  if (!Number.isFinite(ms) || ms > 365 * 24 * 3600_000) return 'more than a year';
  if (ms < 120_000) return `${Math.ceil(ms / 1000)} s`;
  if (ms < 2 * 3600_000) return `${Math.ceil(ms / 60_000)} minutes`;
  if (ms < 2 * 24 * 3600_000) return `${Math.ceil(ms / 3600_000)} hours`;
  return `${Math.ceil(ms / (24 * 3600_000))} days`;
}

/** Anything else GitHub answered, with its status and message. */
export class ApiError extends GitHubPackagesError {
  readonly code = 'api-error';
  constructor(message: string, facts: ResponseFacts = {}) {
    super(message, facts);
  }
}

/** A request the API has no form for (e.g. listing deleted versions of a named user's package). */
export class UnsupportedRequestError extends GitHubPackagesError {
  readonly code = 'unsupported-request';
  constructor(message: string) {
    super(message);
  }
}

/** A pagination Link that points away from the configured API (following it would send the token elsewhere). */
export class ForeignLinkError extends GitHubPackagesError {
  readonly code = 'foreign-link';
  constructor(link: string, baseUrl: string) {
    super(
      `GitHub's pagination Link points to ${originOf(link)}, outside the configured API ${originOf(baseUrl)}; the client ` +
        `refuses to follow it because the request would carry the token there. Check the provider's baseUrl setting ` +
        `(https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server).`,
    );
  }
}

/**
 * An answer the client refuses to act on: a redirect on a delete or restore, a redirect of a read to another
 * place, a body over the size limit, a pagination Link that is not this listing's, a listing that contradicts
 * itself. The message names the request and says what was (not) done.
 */
export class UnsafeResponseError extends GitHubPackagesError {
  readonly code = 'unsafe-response';
  constructor(message: string) {
    super(message);
  }
}

function originOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(an unparseable URL)';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Mapping octokit errors

/** The parts of octokit's RequestError we read; declared structurally so the mapping is testable without octokit. */
export interface RequestErrorLike {
  status: number;
  message?: string;
  response?: { headers?: Record<string, unknown>; data?: unknown };
}

export function isRequestErrorLike(err: unknown): err is RequestErrorLike {
  return typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number';
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return value === undefined || value === null ? undefined : String(value);
}

/** `X-GitHub-SSO: required; url=https://github.com/orgs/x/sso?authorization_request=…` → the URL. */
export function parseSsoHeader(value: string | undefined): { required: boolean; url?: string } {
  if (!value) return { required: false };
  const required = /^\s*required\b/i.test(value);
  const url = /\burl=(\S+)/i.exec(value)?.[1];
  return url ? { required, url } : { required };
}

/** Longest piece of a server's answer quoted in a message: a proxy's 1 MB HTML page must not become the message. */
export const MAX_QUOTED_CHARS = 300;

/** `text` on one line, cut to `max` characters with a note of how much was left out. */
export function quoteBody(text: string, max = MAX_QUOTED_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max)}… (${flat.length - max} more characters)`;
}

function responseFacts(err: RequestErrorLike): ResponseFacts {
  const data = err.response?.data;
  const body = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const facts: ResponseFacts = { status: err.status };
  const msg = typeof body.message === 'string' ? body.message : typeof data === 'string' ? data : undefined;
  if (msg !== undefined) facts.githubMessage = quoteBody(msg);
  if (typeof body.documentation_url === 'string') facts.documentationUrl = quoteBody(body.documentation_url, 200);
  const requestId = header(err.response?.headers, 'x-github-request-id');
  if (requestId !== undefined) facts.requestId = requestId;
  return facts;
}

const isMutation = (action: PackageAction) => action === 'delete' || action === 'restore';

/**
 * Maps anything thrown by an octokit call to a typed provider error. Matches GitHub's status codes, headers and
 * messages (the message texts are GitHub's as observed and as the project's simulator sends them).
 */
export function toProviderError(err: unknown, context: ErrorContext): GitHubPackagesError {
  if (err instanceof GitHubPackagesError) return err;
  // octokit wraps what its transport throws (our own refusals included) in a status-500 RequestError.
  const cause = (err as { cause?: unknown } | null)?.cause;
  if (cause instanceof GitHubPackagesError) return cause;
  if (!isRequestErrorLike(err)) {
    const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return new ApiError(`Unexpected failure while trying to ${context.action} ${describeTarget(context)}: ${quoteBody(text)}`);
  }
  const facts = responseFacts(err);
  const headers = err.response?.headers;
  const message = facts.githubMessage ?? '';
  const status = err.status;

  if (status === 401) return new BadCredentialsError(facts);

  const sso = parseSsoHeader(header(headers, 'x-github-sso'));
  if (status === 403 && sso.required) return new SsoAuthorizationRequiredError(sso.url, context, facts);

  if ((status === 403 || status === 429) && (header(headers, 'x-ratelimit-remaining') === '0' || /\bsecondary rate\b/i.test(message))) {
    const secondary = /\bsecondary rate\b/i.test(message);
    const reset = Number(header(headers, 'x-ratelimit-reset'));
    const resetAt = !secondary ? isoOrUndefined(reset * 1000) : undefined;
    return new RateLimitExhaustedError(secondary ? 'secondary' : 'primary', context, resetAt, facts, rateLimitVerdictOf(err));
  }

  if (status === 404) return new NotFoundOrNoAccessError(context, facts);

  if (/5,?000 downloads/i.test(message)) return new DownloadLimitError(context, facts);
  if (/\blast (tagged )?version\b/i.test(message)) return new LastVersionError(context, facts);
  if (context.action === 'restore' && status === 409) return new NameTakenError(context, facts);
  if (context.action === 'restore' && (status === 410 || /\b30 days\b|restore window|no longer (be )?restor/i.test(message))) {
    return new RestoreWindowClosedError(context, facts);
  }

  if (status === 403) {
    const have = parseScopesHeader(header(headers, 'x-oauth-scopes'));
    if (have !== null && context.packageType) {
      const missing = missingScopes(have, context.packageType, context.action);
      if (missing.length > 0) return new MissingScopesError(missing, have, context, facts);
    }
    if (isMutation(context.action) && context.owner?.kind === 'org' && /\badmin\b/i.test(message)) {
      return new OrgAdminRequiredError(context, facts);
    }
    if (have === null && /scope|personal access token|integration/i.test(message)) {
      return new ApiError(
        `GitHub refused to ${context.action} ${describeTarget(context)} (403: ${message}). The token reports no classic ` +
          `scopes (a fine-grained token or an Actions GITHUB_TOKEN); GitHub Packages' API needs a personal access token ` +
          `(classic) with ${context.packageType ? scopeList(requiredScopes(context.packageType, context.action)) : "'read:packages'"}, ` +
          `or in Actions a GITHUB_TOKEN whose workflow has \`packages: write\` and access to the package. See ${PERMISSIONS_DOCS}`,
        facts,
      );
    }
    if (isMutation(context.action) && context.owner?.kind === 'org') return new OrgAdminRequiredError(context, facts);
  }

  const where = context.method && context.path ? ` (${context.method} ${context.path})` : '';
  const docs = facts.documentationUrl ? ` See ${facts.documentationUrl}` : '';
  if (status >= 500 && !err.response && /abort|timeout/i.test(`${(err as { name?: string }).name ?? ""} ${String(err.message ?? "")}`)) {
    return new ApiError(
      `GitHub did not answer a request to ${context.action} ${describeTarget(context)}${where} within the request timeout ` +
        '(github-packages:requestTimeoutMs), even after the client\'s retries. Run again later; check https://www.githubstatus.com ' +
        'and any proxy between you and the API.',
      facts,
    );
  }
  if (status >= 500) {
    return new ApiError(
      `GitHub failed to ${context.action} ${describeTarget(context)}${where}: ${status} ${message || 'server error or unreachable server'}` +
        ` after the client's retries. Run again later; check https://www.githubstatus.com.${docs}`,
      facts,
    );
  }
  return new ApiError(
    `GitHub refused to ${context.action} ${describeTarget(context)}${where}: ${status} ${message || '(no message)'}.${docs}`,
    facts,
  );
}

/** An ISO time for epoch `ms`, or undefined when the header gave no real time (negative, absurd, not a number). */
function isoOrUndefined(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The verdict the client's limit handlers put on the error (see create-octokit). */
function rateLimitVerdictOf(err: unknown): RateLimitVerdict | undefined {
  const verdict = (err as { rateLimitVerdict?: unknown }).rateLimitVerdict;
  return typeof verdict === 'object' && verdict !== null && 'gaveUp' in verdict ? (verdict as RateLimitVerdict) : undefined;
}

function capitalize(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}
