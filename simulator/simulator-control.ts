/**
 * The control surface for tests and the demo: change the world "behind the provider's back". The same
 * operations are served over HTTP under /_simulator/ (control-routes.ts). GitHub's API rules (last version,
 * downloads) do not apply here: this is the registry changing, not a client asking.
 */
import type { PackageRecord, PackageType, VersionRecord } from './types';
import type { SimulatorState } from './simulator-state';
import { setVersionTags } from './simulator-state';
import { formatGitHubTime, resolveFixtureTime } from './fixture-time';
import * as rules from './package-rules';
import { isPackageType } from './package-type';

export class SimulatorControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SimulatorControlError';
  }
}

export interface PackageKey {
  owner: string;
  packageType: PackageType;
  packageName: string;
}

export interface VersionKey extends PackageKey {
  versionId: number;
}

/** A version as the simulator holds it, including what the API never shows (downloads, state). */
export interface VersionView {
  id: number;
  name: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  deletedAt?: string;
  downloads: number;
  state: 'active' | 'deleted';
  packageId: number;
}

export interface IssueTokenInput {
  token: string;
  login: string;
  scopes: string[] | null;
  label?: string;
  ssoAuthorizedOrgs?: string[];
}

export interface PublishVersionInput extends PackageKey {
  name: string;
  tags?: string[];
  /** ISO-8601 or relative (`now-3d`); default: now. */
  createdAt?: string;
  visibility?: 'public' | 'private';
  repository?: string;
  downloads?: number;
}

export class SimulatorControl {
  constructor(
    private readonly world: () => SimulatorState,
    private readonly nowMs: () => number,
  ) {}

  issueToken(input: IssueTokenInput): { label: string; login: string; scopes: string[] | null } {
    if (!input || typeof input.token !== 'string' || typeof input.login !== 'string') {
      throw new SimulatorControlError(400, 'issueToken needs { token, login, scopes: string[] | null }.');
    }
    if (input.scopes !== null && !Array.isArray(input.scopes)) {
      throw new SimulatorControlError(400, 'issueToken: scopes must be an array of strings, or null for a fine-grained token.');
    }
    const t = this.world().issueToken(input);
    return { label: t.label, login: t.login, scopes: t.scopes };
  }

  publishVersion(input: PublishVersionInput): VersionView {
    checkPackageKey(input);
    if (typeof input.name !== 'string' || !input.name) throw new SimulatorControlError(400, 'publishVersion needs a version `name`.');
    const state = this.world();
    const now = this.nowMs();
    if (!state.account(input.owner)) throw new SimulatorControlError(404, `No user or organization "${input.owner}".`);
    const pkg =
      state.activePackage(input.owner, input.packageType, input.packageName) ??
      state.createPackage({ ...input, name: input.packageName, nowMs: now });
    const createdAt = input.createdAt ? this.time(input.createdAt) : now;
    const v = state.addVersion(pkg, { name: input.name, tags: input.tags, createdAt, downloads: input.downloads });
    return view(pkg, v);
  }

  setTags(input: VersionKey & { tags: string[] }): VersionView {
    if (!Array.isArray(input?.tags)) throw new SimulatorControlError(400, 'setTags needs `tags`: string[].');
    const { pkg, version } = this.findVersion(input);
    if (version.deletedAt !== undefined) throw new SimulatorControlError(400, `Version ${version.id} is deleted: restore it before tagging.`);
    setVersionTags(pkg, version, input.tags, this.nowMs());
    return view(pkg, version);
  }

  deleteVersion(input: VersionKey): VersionView {
    const { pkg, version } = this.findVersion(input);
    if (version.deletedAt === undefined) rules.deleteVersion(version, this.nowMs());
    return view(pkg, version);
  }

  restoreVersion(input: VersionKey): VersionView {
    const { pkg, version } = this.findVersion(input);
    if (version.deletedAt !== undefined) rules.restoreVersion(pkg, version, this.nowMs());
    return view(pkg, version);
  }

  deletePackage(input: PackageKey): { id: number } {
    checkPackageKey(input);
    const pkg = this.world().activePackage(input.owner, input.packageType, input.packageName);
    if (!pkg) throw new SimulatorControlError(404, `No active package ${describe(input)}.`);
    rules.deletePackage(pkg, this.nowMs());
    return { id: pkg.id };
  }

  restorePackage(input: PackageKey): { id: number } {
    checkPackageKey(input);
    const state = this.world();
    const pkg = state.deletedPackage(input.owner, input.packageType, input.packageName);
    if (!pkg) throw new SimulatorControlError(404, `No deleted package ${describe(input)}.`);
    if (state.activePackage(input.owner, input.packageType, input.packageName)) {
      throw new SimulatorControlError(409, rules.NAME_IN_USE_MESSAGE);
    }
    rules.restorePackage(pkg);
    return { id: pkg.id };
  }

  setDownloads(input: PackageKey & { versionId?: number; downloads: number }): void {
    if (typeof input?.downloads !== 'number') throw new SimulatorControlError(400, 'setDownloads needs `downloads`: number.');
    if (input.versionId !== undefined) {
      this.findVersion({ ...input, versionId: input.versionId }).version.downloads = input.downloads;
      return;
    }
    this.findPackage(input).downloads = input.downloads;
  }

  setVisibility(input: PackageKey & { visibility: 'public' | 'private' }): void {
    if (input?.visibility !== 'public' && input?.visibility !== 'private') {
      throw new SimulatorControlError(400, 'setVisibility needs `visibility`: public or private.');
    }
    this.findPackage(input).visibility = input.visibility;
  }

  setSsoEnforced(input: { org: string; enforced: boolean }): void {
    const org = this.world().account(String(input?.org));
    if (!org || org.kind !== 'Organization') throw new SimulatorControlError(404, `No organization "${input?.org}".`);
    org.ssoEnforced = Boolean(input.enforced);
  }

  getVersion(input: VersionKey): VersionView {
    const { pkg, version } = this.findVersion(input);
    return view(pkg, version);
  }

  /** Every version the simulator holds for the package (active and deleted), newest first. */
  listVersions(input: PackageKey): VersionView[] {
    const pkg = this.findPackage(input);
    return pkg.versions.map((v) => view(pkg, v));
  }

  private time(value: string): number {
    try {
      return resolveFixtureTime(value, this.nowMs());
    } catch (err) {
      throw new SimulatorControlError(400, (err as Error).message);
    }
  }

  private findPackage(key: PackageKey): PackageRecord {
    checkPackageKey(key);
    const state = this.world();
    const pkg = state.activePackage(key.owner, key.packageType, key.packageName) ?? state.deletedPackage(key.owner, key.packageType, key.packageName);
    if (!pkg) throw new SimulatorControlError(404, `No package ${describe(key)}.`);
    return pkg;
  }

  private findVersion(key: VersionKey): { pkg: PackageRecord; version: VersionRecord } {
    const pkg = this.findPackage(key);
    const version = pkg.versions.find((v) => v.id === Number(key.versionId));
    if (!version) throw new SimulatorControlError(404, `No version ${key.versionId} in package ${describe(key)}.`);
    return { pkg, version };
  }
}

function checkPackageKey(key: PackageKey): void {
  if (!key || typeof key.owner !== 'string' || typeof key.packageName !== 'string' || !isPackageType(key.packageType)) {
    throw new SimulatorControlError(400, 'Name the package with { owner, packageType (npm|maven|rubygems|docker|nuget|container), packageName }.');
  }
}

function describe(key: PackageKey): string {
  return `${key.owner}/${key.packageType}/${key.packageName}`;
}

function view(pkg: PackageRecord, v: VersionRecord): VersionView {
  return {
    id: v.id,
    name: v.name,
    tags: [...v.tags],
    createdAt: formatGitHubTime(v.createdAt),
    updatedAt: formatGitHubTime(v.updatedAt),
    ...(v.deletedAt !== undefined ? { deletedAt: formatGitHubTime(v.deletedAt) } : {}),
    downloads: v.downloads,
    state: v.deletedAt === undefined ? 'active' : 'deleted',
    packageId: pkg.id,
  };
}
