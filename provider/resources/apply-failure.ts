/**
 * What a resource that mutates many versions in one `up` does when some fail: record in state what it did, and
 * stop sending requests once another cannot succeed.
 */
import {
  BadCredentialsError,
  MissingScopesError,
  OrgAdminRequiredError,
  RateLimitExhaustedError,
  SsoAuthorizationRequiredError,
  UnsafeResponseError,
} from '../errors';

/** A failed apply that still records, in state, what it did (the engine keeps `properties` for the resource). */
export class PartialApplyError<T> extends Error {
  override readonly name: string = 'PartialApplyError';
  constructor(
    message: string,
    readonly id: string,
    readonly properties: T,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

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

/** Consecutive mutations failing with server errors (each already retried by the client) before the run stops. */
export const MAX_SERVER_FAILURES_IN_A_ROW = 3;

/** A 5xx, or no answer at all (status unknown), after the client's retries. */
export function isServerFailure(err: unknown): boolean {
  if (!(err instanceof Error) || isFatal(err)) return false;
  const status = (err as { status?: number }).status;
  return status === undefined || status >= 500;
}
