/**
 * Authentication (401) and authorization (403/404) as GitHub applies them to the packages API.
 * Scopes: https://docs.github.com/en/packages/learn-github-packages/about-permissions-for-github-packages
 * SAML SSO: https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api#personal-access-tokens-and-saml-sso
 */
import type { AccountRecord, PackageType, TokenRecord } from './types';
import type { SimulatorState } from './simulator-state';
import { DEFAULT_DOCUMENTATION_URL, GitHubApiError, notFound } from './github-error';

/** Types whose packages inherit their repository's permissions: classic tokens also need `repo`. */
const REPO_SCOPED: readonly PackageType[] = ['npm', 'maven', 'rubygems', 'nuget'];

export type PackageAction = 'list' | 'read' | 'delete' | 'restore';

/** `Authorization: token X` or `Bearer X` → the token's record; 401 with GitHub's messages otherwise. */
export function authenticate(state: SimulatorState, authorization: string | undefined): TokenRecord {
  if (!authorization) throw new GitHubApiError(401, 'Requires authentication', {}, DEFAULT_DOCUMENTATION_URL);
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(authorization);
  const record = match ? state.tokens.get(match[1]) : undefined;
  if (!record) throw new GitHubApiError(401, 'Bad credentials', {}, DEFAULT_DOCUMENTATION_URL);
  return record;
}

/** Label for the request log: never the token itself. */
export function tokenLabelFor(state: SimulatorState, authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(authorization);
  return (match && state.tokens.get(match[1])?.label) ?? '(unknown)';
}

const VERB: Record<PackageAction, string> = { list: 'list', read: 'view', delete: 'delete', restore: 'restore' };

/**
 * Classic-token scopes. `write:packages` implies `read:packages`; `delete:packages` does not. Fine-grained
 * tokens (scopes null) are checked by role only. Messages follow GitHub's observed wording
 * ("You need at least read:packages scope to list packages.").
 */
export function checkScopes(token: TokenRecord, action: PackageAction, packageType: PackageType): void {
  if (token.scopes === null) return;
  const has = (s: string): boolean => token.scopes!.includes(s);
  const canRead = has('read:packages') || has('write:packages');
  const need = (scope: string): never => {
    throw new GitHubApiError(403, `You need at least ${scope} scope to ${VERB[action]} packages.`);
  };
  if (!canRead) need('read:packages');
  if (action === 'delete' && !has('delete:packages')) need('delete:packages');
  if (action === 'restore' && !has('write:packages')) need('write:packages');
  if (REPO_SCOPED.includes(packageType) && !has('repo')) {
    throw new GitHubApiError(
      403,
      `You need at least repo scope to ${VERB[action]} ${packageType} packages: they inherit their repository's permissions.`,
    );
  }
}

/** 403 with `X-GitHub-SSO` when the org enforces SAML SSO and the token was not authorized for it. */
export function checkSso(token: TokenRecord, owner: AccountRecord): void {
  if (owner.kind !== 'Organization' || !owner.ssoEnforced) return;
  if (token.ssoAuthorizedOrgs.has(owner.login.toLowerCase())) return;
  const url = `https://github.com/orgs/${owner.login}/sso?authorization_request=${ssoRequestId(token)}`;
  throw new GitHubApiError(
    403,
    'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.',
    { 'X-GitHub-SSO': `required; url=${url}` },
  );
}

function ssoRequestId(token: TokenRecord): string {
  return Buffer.from(`sim-${token.label}`).toString('base64url');
}

export type Role = 'admin' | 'member' | 'outsider';

/** The token's role on the owner's packages: the user itself or an org admin → admin. */
export function roleOn(token: TokenRecord, owner: AccountRecord): Role {
  const login = token.login.toLowerCase();
  if (owner.kind === 'User') return owner.login.toLowerCase() === login ? 'admin' : 'outsider';
  if (owner.admins.has(login)) return 'admin';
  if (owner.members.has(login)) return 'member';
  return 'outsider';
}

/** Private packages are hidden (404) from outsiders; GitHub does not reveal that they exist. */
export function canSee(role: Role, visibility: 'public' | 'private'): boolean {
  return visibility === 'public' || role !== 'outsider';
}

/** Deleting or restoring needs admin on the package: for org packages the org's admin role. */
export function checkCanMutate(role: Role, owner: AccountRecord, visibility: 'public' | 'private', action: PackageAction): void {
  if (role === 'admin') return;
  if (!canSee(role, visibility)) throw notFound();
  const what = owner.kind === 'Organization' ? `the admin role in the organization ${owner.login}` : `to be the user ${owner.login}`;
  throw new GitHubApiError(403, `Must have admin rights to Package. To ${VERB[action]} this package you need ${what}.`);
}
