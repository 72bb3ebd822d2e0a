/**
 * Handlers of the package operations and GET /user, after authentication and rate limiting.
 * https://docs.github.com/rest/packages/packages
 */
import type { AccountRecord, PackageRecord, PackageType, TokenRecord } from '../types';
import type { SimulatorState } from '../simulator-state';
import { activeVersions, restorableVersions } from '../simulator-state';
import { GitHubApiError, notFound } from '../github-error';
import { canSee, checkCanMutate, checkScopes, checkSso, roleOn, type PackageAction, type Role } from '../auth';
import * as rules from '../package-rules';
import { paginate, parsePageRequest } from '../pagination';
import { privateUser, toWirePackage, toWireVersion } from '../wire-shapes';
import { isPackageType } from '../package-type';
import type { MatchedRoute, OwnerRef } from './route-table';

export interface ApiRequest {
  route: MatchedRoute;
  token: TokenRecord;
  url: URL;
  /** API root for URLs in bodies and Link headers, e.g. `http://127.0.0.1:PORT`. */
  api: string;
  nowMs: number;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Package listings cannot reach past item 10,000 (documented 400 `package_es_list_error`). */
const PACKAGE_LIST_CAP = 10_000;

const ACTION: Record<MatchedRoute['kind'], PackageAction> = {
  'get-user': 'read',
  'list-packages': 'list',
  'get-package': 'read',
  'list-versions': 'read',
  'get-version': 'read',
  'delete-package': 'delete',
  'delete-version': 'delete',
  'restore-package': 'restore',
  'restore-version': 'restore',
};

export function handlePackageRequest(state: SimulatorState, req: ApiRequest): ApiResponse {
  const { route } = req;
  if (route.kind === 'get-user') {
    return { status: 200, body: privateUser(req.api, state.account(req.token.login)!) };
  }
  const packageType = route.kind === 'list-packages' ? listPackageType(req.url) : route.packageType!;
  const action = ACTION[route.kind];
  checkScopes(req.token, action, packageType);
  const owner = resolveOwner(state, req.token, route.owner!);
  checkSso(req.token, owner);
  const role = roleOn(req.token, owner);

  if (route.kind === 'list-packages') return listPackages(state, req, owner, role, packageType);
  if (route.kind === 'restore-package') return restorePackage(state, req, owner, role, packageType);

  const pkg = state.activePackage(owner.login, packageType, route.packageName!);
  if (!pkg || !canSee(role, pkg.visibility)) throw notFound();

  switch (route.kind) {
    case 'get-package':
      return { status: 200, body: toWirePackage(req.api, owner, pkg, repoOwner(state, pkg)) };
    case 'delete-package':
      checkCanMutate(role, owner, pkg.visibility, action);
      rules.checkPackageDeletable(pkg);
      rules.deletePackage(pkg, req.nowMs);
      return { status: 204 };
    case 'list-versions':
      return listVersions(req, owner, pkg);
    default:
      return versionOperation(req, owner, role, pkg);
  }
}

function versionOperation(req: ApiRequest, owner: AccountRecord, role: Role, pkg: PackageRecord): ApiResponse {
  const version = pkg.versions.find((v) => v.id === req.route.versionId);
  if (!version) throw notFound();
  const restorable = version.deletedAt !== undefined && restorableVersions(pkg, req.nowMs).includes(version);
  // Versions past the restore window are gone for good.
  if (version.deletedAt !== undefined && !restorable) throw notFound();
  switch (req.route.kind) {
    case 'get-version':
      // A deleted version within its window is still readable by id (it shows `deleted_at`).
      return { status: 200, body: toWireVersion(req.api, owner, pkg, version) };
    case 'delete-version':
      checkCanMutate(role, owner, pkg.visibility, 'delete');
      if (version.deletedAt !== undefined) throw notFound();
      rules.checkVersionDeletable(pkg, version);
      rules.deleteVersion(version, req.nowMs);
      return { status: 204 };
    case 'restore-version':
      checkCanMutate(role, owner, pkg.visibility, 'restore');
      if (version.deletedAt === undefined) {
        throw new GitHubApiError(400, 'This package version is not deleted: there is nothing to restore.');
      }
      rules.restoreVersion(pkg, version, req.nowMs);
      return { status: 204 };
    default:
      throw notFound();
  }
}

function listPackageType(url: URL): PackageType {
  const t = url.searchParams.get('package_type');
  if (!t) throw new GitHubApiError(400, 'The package_type parameter is required: one of npm, maven, rubygems, docker, nuget, container.');
  if (!isPackageType(t)) {
    throw new GitHubApiError(400, `Invalid package_type "${t}": use one of npm, maven, rubygems, docker, nuget, container.`);
  }
  return t;
}

function resolveOwner(state: SimulatorState, token: TokenRecord, ref: OwnerRef): AccountRecord {
  if (ref.kind === 'authenticated') return state.account(token.login)!;
  const account = state.account(ref.login);
  // /orgs/{org} only names organizations; /users/{username} resolves any account, as GitHub's users API does.
  if (!account || (ref.kind === 'org' && account.kind !== 'Organization')) throw notFound();
  return account;
}

function repoOwner(state: SimulatorState, pkg: PackageRecord): AccountRecord | undefined {
  return pkg.repository ? state.account(pkg.repository.split('/')[0]) : undefined;
}

function listPackages(state: SimulatorState, req: ApiRequest, owner: AccountRecord, role: Role, type: PackageType): ApiResponse {
  const pageReq = parsePageRequest(req.url.searchParams);
  if (pageReq.page * pageReq.perPage > PACKAGE_LIST_CAP) {
    throw new GitHubApiError(400, 'The value of `per_page` multiplied by `page` cannot be greater than 10000.');
  }
  const visibility = req.url.searchParams.get('visibility');
  if (visibility !== null && !['public', 'private', 'internal'].includes(visibility)) {
    throw new GitHubApiError(400, `Invalid visibility "${visibility}": use public, private or internal.`);
  }
  // `internal` is synonymous with `private` for the registries the simulator models.
  const wanted = visibility === 'internal' ? 'private' : visibility;
  const all = state.packagesOf(owner.login, type).filter((p) => canSee(role, p.visibility) && (!wanted || p.visibility === wanted));
  const page = paginate(all, pageReq, new URL(req.url.pathname + req.url.search, req.api), PACKAGE_LIST_CAP);
  return {
    status: 200,
    body: page.items.map((p) => toWirePackage(req.api, owner, p, repoOwner(state, p))),
    headers: page.link ? { Link: page.link } : {},
  };
}

function listVersions(req: ApiRequest, owner: AccountRecord, pkg: PackageRecord): ApiResponse {
  const pageReq = parsePageRequest(req.url.searchParams);
  // `state` exists only on /user and /orgs/{org}; on /users/{username} it is ignored (OpenAPI lists no such parameter).
  const stateParam = req.route.owner?.kind === 'user' ? null : req.url.searchParams.get('state');
  if (stateParam !== null && stateParam !== 'active' && stateParam !== 'deleted') {
    throw new GitHubApiError(400, `Invalid state "${stateParam}": use active or deleted.`);
  }
  const versions = stateParam === 'deleted' ? restorableVersions(pkg, req.nowMs) : activeVersions(pkg);
  const page = paginate(versions, pageReq, new URL(req.url.pathname + req.url.search, req.api));
  return {
    status: 200,
    body: page.items.map((v) => toWireVersion(req.api, owner, pkg, v)),
    headers: page.link ? { Link: page.link } : {},
  };
}

function restorePackage(state: SimulatorState, req: ApiRequest, owner: AccountRecord, role: Role, type: PackageType): ApiResponse {
  const name = req.route.packageName!;
  const deleted = state.deletedPackage(owner.login, type, name);
  if (!deleted || !canSee(role, deleted.visibility)) throw notFound();
  checkCanMutate(role, owner, deleted.visibility, 'restore');
  rules.checkWithinRestoreWindow(deleted.deletedAt, req.nowMs);
  // Restorable only while the namespace is free (observed: 409).
  if (state.activePackage(owner.login, type, name)) throw new GitHubApiError(409, rules.NAME_IN_USE_MESSAGE);
  rules.restorePackage(deleted);
  return { status: 204 };
}
