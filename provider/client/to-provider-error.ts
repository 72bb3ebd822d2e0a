/**
 * GitHub's failed answers as the provider's typed errors (`../errors`): which status, header and message means
 * which error. Only facts are copied from octokit's RequestError (never its `request`, which holds the
 * `authorization` header), and every message is scrubbed of tokens by the error classes.
 */
import {
  ApiError,
  BadCredentialsError,
  DownloadLimitError,
  GitHubPackagesError,
  LastVersionError,
  MissingScopesError,
  NameTakenError,
  NotFoundOrNoAccessError,
  OrgAdminRequiredError,
  RateLimitExhaustedError,
  RestoreWindowClosedError,
  SsoAuthorizationRequiredError,
  isMutation,
  type ErrorContext,
  type RateLimitVerdict,
  type ResponseFacts,
} from '../errors';
import { describeTarget, PERMISSIONS_DOCS, scopeList } from '../error-wording';
import { missingScopes, parseScopesHeader, requiredScopes } from './required-scopes';

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
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
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

  if (status === 404) return new NotFoundOrNoAccessError(context, neededScopes(context), facts);

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
      if (missing.length > 0) return new MissingScopesError(missing, have, requiredScopes(context.packageType, context.action), context, facts);
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
  const api = context.api ? ` at ${context.api} (github-packages:baseUrl)` : '';
  if (status >= 500 && !err.response && /abort|timeout/i.test(`${(err as { name?: string }).name ?? ''} ${String(err.message ?? '')}`)) {
    return new ApiError(
      `GitHub${api} did not answer a request to ${context.action} ${describeTarget(context)}${where} within the request timeout ` +
        "(github-packages:requestTimeoutMs), even after the client's retries. Run again later; check https://www.githubstatus.com " +
        'and any proxy between you and the API.',
      facts,
    );
  }
  if (status >= 500 && !err.response) {
    // No answer at all (connection refused or reset, TLS, DNS): octokit reports these as status 500, without a response.
    return new ApiError(
      `Could not reach the GitHub API${api} to ${context.action} ${describeTarget(context)}${where}: ` +
        `${quoteBody(networkReason(err))}, after the client's retries. Check the host in github-packages:baseUrl ` +
        '(https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server), your network and any proxy; nothing was changed.',
      facts,
    );
  }
  if (status >= 500) {
    return new ApiError(
      `GitHub failed to ${context.action} ${describeTarget(context)}${where}: ${status} ${message || 'server error'}` +
        ` after the client's retries. Run again later; check https://www.githubstatus.com.${docs}`,
      facts,
    );
  }
  return new ApiError(
    `GitHub refused to ${context.action} ${describeTarget(context)}${where}: ${status} ${message || '(no message)'}.${docs}`,
    facts,
  );
}

/**
 * Why a request got no answer: the innermost cause's message (`connect ECONNREFUSED 127.0.0.1:4010`), which octokit
 * copies only when the transport's error is an Error of its own realm ("Unknown Error" otherwise).
 */
function networkReason(err: unknown): string {
  let reason = '';
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && message && message !== 'Unknown Error' && message !== 'fetch failed') reason = message;
  }
  return reason || 'no answer';
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

/** The scopes a classic token needs for the context's action, when the package type is known. */
export function neededScopes(context: ErrorContext): readonly string[] | undefined {
  return context.packageType ? requiredScopes(context.packageType, context.action) : undefined;
}
