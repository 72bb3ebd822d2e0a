/**
 * Turns simulator records into GitHub's JSON shapes (`package`, `package-version`, `simple-user`,
 * `minimal-repository`, `private-user`) as typed by @octokit/openapi-types.
 * https://docs.github.com/rest/packages/packages
 */
import type { components } from '@octokit/openapi-types';
import type { AccountRecord, PackageRecord, VersionRecord } from './types';
import { formatGitHubTime } from './fixture-time';

type Schemas = components['schemas'];
export type WirePackage = Schemas['package'];
export type WirePackageVersion = Schemas['package-version'];
export type WireSimpleUser = Schemas['simple-user'];
export type WirePrivateUser = Schemas['private-user'];
export type WireMinimalRepository = Schemas['minimal-repository'];

const WEB = 'https://github.com';

export function simpleUser(api: string, a: AccountRecord): WireSimpleUser {
  const u = `${api}/users/${a.login}`;
  return {
    login: a.login,
    id: a.id,
    node_id: Buffer.from(`${a.kind === 'User' ? '04:User' : '012:Organization'}${a.id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${a.id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: `${WEB}/${a.login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: a.kind,
    site_admin: false,
  };
}

/** `GET /user`: an account's times are its own, not the clock's (its ETag must hold while the body does not change). */
export function privateUser(api: string, a: AccountRecord): WirePrivateUser {
  const created = formatGitHubTime(Date.UTC(2021, 0, 4) + (a.id % 1000) * 86_400_000);
  return {
    ...simpleUser(api, a),
    user_view_type: 'private',
    name: a.name ?? null,
    company: null,
    blog: null,
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 2,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: created,
    updated_at: created,
    private_gists: 0,
    total_private_repos: 1,
    owned_private_repos: 1,
    disk_usage: 1024,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

export function minimalRepository(api: string, fullName: string, owner: AccountRecord, isPrivate: boolean): WireMinimalRepository {
  const name = fullName.split('/')[1] ?? fullName;
  const r = `${api}/repos/${fullName}`;
  return {
    id: repositoryId(fullName),
    node_id: Buffer.from(`010:Repository${repositoryId(fullName)}`).toString('base64'),
    name,
    full_name: fullName,
    owner: simpleUser(api, owner),
    private: isPrivate,
    html_url: `${WEB}/${fullName}`,
    description: null,
    fork: false,
    url: r,
    archive_url: `${r}/{archive_format}{/ref}`,
    assignees_url: `${r}/assignees{/user}`,
    blobs_url: `${r}/git/blobs{/sha}`,
    branches_url: `${r}/branches{/branch}`,
    collaborators_url: `${r}/collaborators{/collaborator}`,
    comments_url: `${r}/comments{/number}`,
    commits_url: `${r}/commits{/sha}`,
    compare_url: `${r}/compare/{base}...{head}`,
    contents_url: `${r}/contents/{+path}`,
    contributors_url: `${r}/contributors`,
    deployments_url: `${r}/deployments`,
    downloads_url: `${r}/downloads`,
    events_url: `${r}/events`,
    forks_url: `${r}/forks`,
    git_commits_url: `${r}/git/commits{/sha}`,
    git_refs_url: `${r}/git/refs{/sha}`,
    git_tags_url: `${r}/git/tags{/sha}`,
    hooks_url: `${r}/hooks`,
    issue_comment_url: `${r}/issues/comments{/number}`,
    issue_events_url: `${r}/issues/events{/number}`,
    issues_url: `${r}/issues{/number}`,
    keys_url: `${r}/keys{/key_id}`,
    labels_url: `${r}/labels{/name}`,
    languages_url: `${r}/languages`,
    merges_url: `${r}/merges`,
    milestones_url: `${r}/milestones{/number}`,
    notifications_url: `${r}/notifications{?since,all,participating}`,
    pulls_url: `${r}/pulls{/number}`,
    releases_url: `${r}/releases{/id}`,
    stargazers_url: `${r}/stargazers`,
    statuses_url: `${r}/statuses/{sha}`,
    subscribers_url: `${r}/subscribers`,
    subscription_url: `${r}/subscription`,
    tags_url: `${r}/tags`,
    teams_url: `${r}/teams`,
    trees_url: `${r}/git/trees{/sha}`,
  };
}

function repositoryId(fullName: string): number {
  let h = 0;
  for (const c of fullName) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return (h % 900_000_000) + 100_000;
}

/** API path of a package: user packages under /users/{login}, org packages under /orgs/{org}. */
export function packageApiPath(owner: AccountRecord, pkg: PackageRecord): string {
  const prefix = owner.kind === 'Organization' ? `/orgs/${owner.login}` : `/users/${owner.login}`;
  return `${prefix}/packages/${pkg.packageType}/${encodeURIComponent(pkg.name)}`;
}

export function packageHtmlUrl(owner: AccountRecord, pkg: PackageRecord): string {
  const prefix = owner.kind === 'Organization' ? `${WEB}/orgs/${owner.login}` : `${WEB}/users/${owner.login}`;
  return `${prefix}/packages/${pkg.packageType}/package/${encodeURIComponent(pkg.name)}`;
}

export function toWirePackage(api: string, owner: AccountRecord, pkg: PackageRecord, repoOwner?: AccountRecord): WirePackage {
  const body: WirePackage = {
    id: pkg.id,
    name: pkg.name,
    package_type: pkg.packageType,
    owner: simpleUser(api, owner),
    version_count: pkg.versions.filter((v) => v.deletedAt === undefined).length,
    visibility: pkg.visibility,
    url: `${api}${packageApiPath(owner, pkg)}`,
    created_at: formatGitHubTime(pkg.createdAt),
    updated_at: formatGitHubTime(pkg.updatedAt),
    html_url: packageHtmlUrl(owner, pkg),
  };
  // Packages without a linked repository carry no `repository` key (GitHub omits it rather than sending null).
  if (pkg.repository) {
    body.repository = minimalRepository(api, pkg.repository, repoOwner ?? owner, pkg.visibility === 'private');
  }
  return body;
}

/**
 * `metadata` follows GitHub's observed responses: containers carry `container.tags`, docker packages
 * `docker.tag` (an array). The OpenAPI description's docker schema requires `tags` while naming the
 * property `tag`; GitHub sends `tag`, so we do too (see tests/simulator/contract.test.ts).
 */
export function toWireVersion(api: string, owner: AccountRecord, pkg: PackageRecord, v: VersionRecord): WirePackageVersion {
  const pkgHtml = packageHtmlUrl(owner, pkg);
  const metadata: Record<string, unknown> = { package_type: pkg.packageType };
  if (pkg.packageType === 'container') metadata.container = { tags: [...v.tags] };
  if (pkg.packageType === 'docker') metadata.docker = { tag: [...v.tags] };
  const htmlPrefix = owner.kind === 'Organization' ? `${WEB}/orgs/${owner.login}` : `${WEB}/users/${owner.login}`;
  const body: WirePackageVersion = {
    id: v.id,
    name: v.name,
    url: `${api}${packageApiPath(owner, pkg)}/versions/${v.id}`,
    package_html_url: pkgHtml,
    created_at: formatGitHubTime(v.createdAt),
    updated_at: formatGitHubTime(v.updatedAt),
    html_url: `${htmlPrefix}/packages/${pkg.packageType}/${encodeURIComponent(pkg.name)}/${v.id}`,
    metadata: metadata as WirePackageVersion['metadata'],
  };
  if (v.license) body.license = v.license;
  if (v.description) body.description = v.description;
  if (v.deletedAt !== undefined) body.deleted_at = formatGitHubTime(v.deletedAt);
  return body;
}
