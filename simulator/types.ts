/**
 * Types of the GitHub Packages API simulator: the fixture format (what a JSON fixture file holds), the
 * in-memory state, and the options of the server. Wire shapes (GitHub's JSON) come from @octokit/openapi-types.
 */
import type { PackageType } from './package-type';
import type { FixtureTime } from './fixture-time';
import type { FixtureRegistry } from './registry/types';

export type { FixtureTime, PackageType };

export interface FixtureUser {
  login: string;
  id?: number;
  name?: string;
}

export interface FixtureOrg {
  login: string;
  id?: number;
  admins?: string[];
  members?: string[];
  /** SAML single sign-on enforced: tokens not authorized for this org get 403 + `X-GitHub-SSO`. */
  ssoEnforced?: boolean;
}

export interface FixtureToken {
  token: string;
  login: string;
  /** Classic token scopes; `null` = fine-grained token or GITHUB_TOKEN (no `X-OAuth-Scopes` header). */
  scopes: string[] | null;
  /** Shown in the request log instead of the token. */
  label?: string;
  ssoAuthorizedOrgs?: string[];
}

export interface FixtureVersion {
  id?: number;
  /** Version name; for containers the manifest digest `sha256:…`. */
  name: string;
  tags?: string[];
  createdAt?: FixtureTime;
  updatedAt?: FixtureTime;
  deletedAt?: FixtureTime;
  downloads?: number;
  license?: string;
  description?: string;
}

export interface FixturePackage {
  id?: number;
  /** Login of the user or org owning the package. */
  owner: string;
  packageType: PackageType;
  name: string;
  visibility?: 'public' | 'private';
  /** `owner/name` of the linked repository, if any. */
  repository?: string;
  /** Total downloads of the package (defaults to the sum of its versions'). */
  downloads?: number;
  createdAt?: FixtureTime;
  updatedAt?: FixtureTime;
  deletedAt?: FixtureTime;
  versions: FixtureVersion[];
}

/** A large package expanded at load time by the generator (no file of 50,000 versions in the repo). */
export interface GeneratedPackageSpec {
  owner: string;
  packageType: PackageType;
  name: string;
  count: number;
  seed: number;
  visibility?: 'public' | 'private';
  repository?: string;
  /** Time of the newest version (default `now-1h`). */
  newest?: FixtureTime;
  /** Minutes between consecutive versions (default 60). */
  intervalMinutes?: number;
  /** Every n-th version gets a tag (container/docker) or a pre-release name (others). Default 10. */
  taggedEvery?: number;
  /** Fraction (0..1) of versions already deleted (within the restore window). Default 0. */
  deletedFraction?: number;
}

export interface Fixture {
  users?: FixtureUser[];
  orgs?: FixtureOrg[];
  tokens?: FixtureToken[];
  packages?: FixturePackage[];
  generated?: GeneratedPackageSpec[];
  /** Manifests behind the registry surface (`/v2/`) of container packages: simulator/registry/. */
  registry?: FixtureRegistry;
}

// ---- in-memory state ----

export interface AccountRecord {
  login: string;
  id: number;
  kind: 'User' | 'Organization';
  name?: string;
  admins: Set<string>;
  members: Set<string>;
  ssoEnforced: boolean;
}

export interface TokenRecord {
  token: string;
  login: string;
  scopes: string[] | null;
  label: string;
  ssoAuthorizedOrgs: Set<string>;
}

export interface VersionRecord {
  id: number;
  name: string;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
  /** Deleted together with its package (restored with it). */
  deletedWithPackage?: boolean;
  downloads: number;
  license?: string;
  description?: string;
}

export interface PackageRecord {
  id: number;
  owner: string;
  packageType: PackageType;
  name: string;
  visibility: 'public' | 'private';
  repository?: string;
  downloads?: number;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
  /** Newest first (created_at desc, id desc), as GitHub lists them. */
  versions: VersionRecord[];
}

// ---- options ----

export interface PrimaryRateLimitConfig {
  enabled: boolean;
  /** Requests per window per token (GitHub: 5,000 per hour for a user token). */
  limit: number;
  /** Requests per window without a valid token (GitHub: 60 per hour). */
  unauthenticatedLimit: number;
  windowMs: number;
  status: 403 | 429;
}

export interface SecondaryRateLimitConfig {
  enabled: boolean;
  /** Points per minute (GitHub: 900 for REST). */
  pointsPerMinute: number;
  /** Cost of GET/HEAD/OPTIONS (GitHub: 1). */
  readCost: number;
  /** Cost of POST/PATCH/PUT/DELETE (GitHub: 5). */
  writeCost: number;
  /** Requests in flight per token (GitHub: 100). */
  concurrency: number;
  /** Content-creating requests (GitHub: 80 per minute, 500 per hour). */
  contentCreatingPerMinute: number;
  contentCreatingPerHour: number;
  /** GitHub does not say which requests create content; assumed: restores do, deletes do not. */
  deleteIsContentCreating: boolean;
  /** `Retry-After` seconds: 'computed' (until the window frees), a fixed number, or null to omit the header. */
  retryAfter: 'computed' | number | null;
  status: 403 | 429;
}

export interface RateLimitConfig {
  primary: PrimaryRateLimitConfig;
  secondary: SecondaryRateLimitConfig;
}

/** `rateLimits` option: `{ enabled: false }` turns both off; each part may be given partially. */
export interface RateLimitOptions {
  enabled?: boolean;
  primary?: Partial<PrimaryRateLimitConfig>;
  secondary?: Partial<SecondaryRateLimitConfig>;
}

export type Fault =
  | { status: number; body?: object; headers?: Record<string, string> }
  | { reset: true }
  | { delayMs: number }
  | { rateLimit: 'primary' | 'secondary'; retryAfter?: number };

export interface FaultRule {
  match?: { method?: string; path?: string | RegExp; nth?: number; times?: number };
  fault: Fault;
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  /** Pathname as sent (percent-encoded segments kept). */
  path: string;
  query: Record<string, string>;
  /** 0 while in flight or when the connection was reset. */
  status: number;
  /** Label of the token (never the token itself); undefined without a token, '(unknown)' for a bad one. */
  tokenLabel?: string;
  /** Simulator-clock ms. */
  startedAt: number;
  endedAt?: number;
  /** Global event order of start and end: two requests overlapped iff a.startOrder < b.endOrder && b.startOrder < a.endOrder. */
  startOrder: number;
  endOrder?: number;
}

export interface ClockOptions {
  now?: string | Date;
  frozen?: boolean;
}

export interface SimulatorOptions {
  fixture?: Fixture | string;
  port?: number;
  host?: string;
  rateLimits?: RateLimitOptions;
  latencyMs?: number;
  clock?: ClockOptions;
}
