/**
 * The one parser of owners (`org` / `user`) for every resource, the policy and the SDK's read functions: a login
 * goes into request paths (`/orgs/{org}/…`, `/users/{user}/…`), so only what GitHub can have as a login passes.
 *
 * GitHub's rules, for github.com and GitHub Enterprise Server alike: at most 39 characters, letters, digits and
 * single hyphens, neither first nor last. One addition for users: an Enterprise Managed User's handle is the
 * normalized name plus `_` and the enterprise's short code (`mona_acme`), still within 39 characters
 * (https://docs.github.com/en/enterprise-cloud@latest/admin/managing-iam/iam-configuration-reference/username-considerations-for-external-authentication).
 * Organization logins never hold `_`.
 */
import { describeValue } from '../describe-value';
import type { Owner } from '../types';
import type { CheckFailure } from './check-failure';

export const MAX_LOGIN_LENGTH = 39;
const NAME = '[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*';
const ORG_LOGIN = new RegExp(`^${NAME}$`);
const USER_LOGIN = new RegExp(`^${NAME}(?:_[A-Za-z0-9]+)?$`);

export type OwnerProperty = 'org' | 'user';

/** Why `value` is not a login of this kind, or undefined when it is one. */
export function loginProblem(value: unknown, property: OwnerProperty): string | undefined {
  const what =
    property === 'org'
      ? 'an organization login: letters, digits and single hyphens, not first or last, at most 39 characters'
      : "a user login: letters, digits and single hyphens, not first or last (a managed user's handle_shortcode also), at most 39 characters";
  if (typeof value !== 'string') return `${describeValue(value)} is not a string: use ${what}`;
  if (value.length === 0) return `is empty: use ${what}, or omit it`;
  if (value.length > MAX_LOGIN_LENGTH) return `is ${value.length} characters long; GitHub logins have at most ${MAX_LOGIN_LENGTH}: use ${what}`;
  if (!(property === 'org' ? ORG_LOGIN : USER_LOGIN).test(value)) return `${describeValue(value)} is not ${what}`;
  return undefined;
}

export interface OwnerInput {
  org?: unknown;
  user?: unknown;
}

/**
 * The owner `org`/`user` name: an organization, a user, or neither (the token's own account). Absent means
 * `undefined` or `null`; `isPending` values (not known until apply) are skipped and yield no owner.
 */
export function parseOwner(input: OwnerInput, isPending: (value: unknown) => boolean = () => false): { owner?: Owner; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  const given = (value: unknown) => value !== undefined && value !== null;
  let pending = false;
  for (const property of ['org', 'user'] as const) {
    const value = input[property];
    if (!given(value)) continue;
    if (isPending(value)) {
      pending = true;
      continue;
    }
    const problem = loginProblem(value, property);
    if (problem) failures.push({ property, reason: problem });
  }
  if (given(input.org) && given(input.user)) {
    failures.push({ property: 'org', reason: "set either org or user, not both (neither means the packages of the token's own user)" });
  }
  if (failures.length > 0 || pending) return { failures };
  if (given(input.org)) return { owner: { kind: 'org', login: input.org as string }, failures };
  if (given(input.user)) return { owner: { kind: 'user', login: input.user as string }, failures };
  return { owner: { kind: 'authenticated' }, failures };
}
