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

/** Errors after which another request cannot succeed: stop, do not hammer. */
export function isFatal(err: unknown): boolean {
  return [BadCredentialsError, MissingScopesError, SsoAuthorizationRequiredError, RateLimitExhaustedError, OrgAdminRequiredError].some(
    (type) => err instanceof type,
  );
}
