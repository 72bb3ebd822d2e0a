/**
 * Typed errors of the GitHub Packages provider. Every message says what the user can do next, and no message,
 * stack or property ever carries the token: octokit's RequestError (whose `request` holds the `authorization`
 * header and whose message may echo URLs) is never re-thrown; the client's `toProviderError`
 * (client/to-provider-error.ts) copies the few facts it needs, and every message and fact is scrubbed here.
 * The words the messages share are in error-wording.ts.
 */
import type { Owner, PackageAction, PackageType } from './types';
import {
  DELETE_RESTORE_DOCS,
  PERMISSIONS_DOCS,
  RATE_LIMIT_DOCS,
  TOKEN_SETTINGS_URL,
  capitalize,
  describeTarget,
  describeWait,
  scopeList,
} from './error-wording';
import { redactSecrets } from './redaction';

export { redactSecrets, registerSecret } from './redaction';

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
  /** The API the request went to (`github-packages:baseUrl`), named when it could not be reached. */
  api?: string;
  /** The token's own login, when the owner is the authenticated user and GitHub said who that is. */
  login?: string;
}

/** Facts copied from a failed response (never the request: it holds the token). */
export interface ResponseFacts {
  status?: number;
  githubMessage?: string;
  documentationUrl?: string;
  requestId?: string;
}

/** Deleting and restoring change GitHub; reading does not. */
export const isMutation = (action: PackageAction): boolean => action === 'delete' || action === 'restore';

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
  /** `needed`: every scope the action on this package type needs (the client's required-scopes table). */
  constructor(
    readonly missing: readonly string[],
    readonly have: readonly string[],
    needed: readonly string[],
    readonly context: ErrorContext,
    facts: ResponseFacts = {},
  ) {
    super(
      `The token cannot ${context.action} ${describeTarget(context)}: it lacks the scope(s) ${scopeList(missing)} ` +
        `(it has ${have.length > 0 ? scopeList(have) : 'no scopes'}; ${context.action} on ${context.packageType ?? 'these'} ` +
        `packages needs ${scopeList(needed)}). ` +
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
  /** `needed`: the scopes the action on the context's package type needs; undefined when the type is unknown. */
  constructor(
    readonly context: ErrorContext,
    needed: readonly string[] | undefined,
    facts: ResponseFacts = {},
  ) {
    const scopes =
      context.packageType && needed
        ? `a classic token needs ${scopeList(needed)} to ${context.action} ${context.packageType} packages`
        : `a classic token needs 'read:packages' (plus 'repo' for npm, maven, rubygems, nuget and docker packages)`;
    // Neither org nor user given: the token's own packages were searched, which is rarely what was meant.
    const own =
      context.owner?.kind === 'authenticated'
        ? `With neither org nor user set, the package is looked for among the token's own packages` +
          `${context.login ? ` (user ${context.login})` : ''}: if it belongs to an organization, set org to its login ` +
          `(e.g. org: "my-org"); if to another user, set user. `
        : '';
    // A restore's 404: nothing deleted by that name is left to restore (GitHub purges 30 days after a deletion).
    const gone =
      context.action === 'restore'
        ? `There is nothing deleted by that name to restore: it was never published, was purged 30 days after its deletion, or is not visible. `
        : '';
    super(
      `${capitalize(describeTarget(context))}${context.login ? ` (${context.login})` : ''} was not found or is not visible to this token. ${own}${gone}` +
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
 * `retries` — it waited and retried this many times; `too-long` — the wait GitHub asked for (`waitMs`, possibly
 * absurd) would have taken the client's waiting in all (`waitedMs` so far) past `maxWaitMs`
 * (github-packages:maxRateLimitWaitMs), so it did not wait. `until`: when GitHub said to come back, if it said.
 */
export type RateLimitVerdict =
  | { gaveUp: 'retries'; retries: number; until?: string }
  | { gaveUp: 'too-long'; waitMs: number; waitedMs: number; maxWaitMs: number; until?: string };

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
        ? `${what} and asked to wait ${describeWait(verdict.waitMs)}${verdict.until ? ` (until ${verdict.until})` : ''}` +
          (verdict.waitedMs > 0 ? `; with the ${describeWait(verdict.waitedMs)} already waited on rate limits in this run,` : ',') +
          ` that is more than github-packages:maxRateLimitWaitMs allows (${describeWait(verdict.maxWaitMs)}), so the client did not retry. `
        : verdict?.gaveUp === 'retries'
          ? `${what} after the client waited and retried ${verdict.retries} time${verdict.retries === 1 ? '' : 's'}. `
          : `${what}. `;
    const until = kind === 'primary' && resetAt ? resetAt : verdict?.until;
    super(
      how +
        (kind === 'primary' && resetAt
          ? `The token's hourly quota resets at ${resetAt}; run again after that`
          : until
            ? `GitHub asked to wait until ${until}; run again after that`
            : `GitHub gave no time to wait: run again in a few minutes`) +
        (verdict?.gaveUp === 'too-long' ? ', or raise github-packages:maxRateLimitWaitMs' : '') +
        `, and avoid running other automation with the same token meanwhile. See ${RATE_LIMIT_DOCS}`,
      facts,
    );
  }
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
