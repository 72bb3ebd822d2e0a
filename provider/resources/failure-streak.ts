/**
 * When a run of mutations (a policy's deletions, a version set's changes) stops sending requests: after an error
 * no later request can survive (bad credentials, missing scopes, SSO, exhausted rate limit, an unsafe response
 * such as a redirected DELETE), or after GitHub failed several in a row although the client retried each. The
 * rest of the run is then reported as not attempted, and the next `pulumi up` continues from live data.
 */
import {
  BadCredentialsError,
  MissingScopesError,
  OrgAdminRequiredError,
  RateLimitExhaustedError,
  SsoAuthorizationRequiredError,
  UnsafeResponseError,
} from '../errors';

/** Consecutive mutations failing with server errors (each already retried by the client) before the run stops. */
export const MAX_SERVER_FAILURES_IN_A_ROW = 3;

/** Errors after which another request cannot succeed (or must not be tried: a redirected delete): stop, do not hammer. */
export function isFatal(err: unknown): boolean {
  return [
    BadCredentialsError,
    MissingScopesError,
    SsoAuthorizationRequiredError,
    RateLimitExhaustedError,
    OrgAdminRequiredError,
    UnsafeResponseError,
  ].some((type) => err instanceof type);
}

/** A 5xx, or no answer at all (status unknown), after the client's retries. */
export function isServerFailure(err: unknown): boolean {
  if (!(err instanceof Error) || isFatal(err)) return false;
  const status = (err as { status?: number }).status;
  return status === undefined || status >= 500;
}

export class FailureStreak {
  private inARow = 0;
  /** Why the run stopped; once set, nothing more is sent. */
  stopReason: string | undefined;

  /** `what`: the mutations as the message names them ("deletions", "changes"). */
  constructor(private readonly what: string) {}

  /** GitHub accepted a mutation (or gave an answer that is not a failure: a refusal, a 404). */
  succeeded(): void {
    this.inARow = 0;
  }

  /** A mutation failed with `err`, whose text is `message`. */
  failed(err: unknown, message: string): void {
    if (isFatal(err)) this.stopReason = message;
    // The client already retried each of these: GitHub is failing, so stop rather than hammer it.
    this.inARow = isServerFailure(err) ? this.inARow + 1 : 0;
    if (this.inARow >= MAX_SERVER_FAILURES_IN_A_ROW) {
      this.stopReason = `GitHub failed ${this.inARow} ${this.what} in a row (after retries); run again later`;
    }
  }
}
