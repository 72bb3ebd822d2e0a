/**
 * The simulator's world: accounts, tokens, packages and versions, built from a fixture. Pure data and
 * lookups/mutations; GitHub's rules live in package-rules.ts, HTTP in routes/.
 */
import type { AccountRecord, Fixture, FixturePackage, PackageRecord, PackageType, TokenRecord, VersionRecord } from './types';
import { resolveFixtureTime } from './fixture-time';
import { generatePackage } from './large-package-generator';

/** Deleted packages and versions can be restored for 30 days, then they are gone.
 * https://docs.github.com/en/packages/learn-github-packages/deleting-and-restoring-a-package */
export const RESTORE_WINDOW_MS = 30 * 86_400_000;

export function byNewestFirst(a: { createdAt: number; id: number }, b: { createdAt: number; id: number }): number {
  return b.createdAt - a.createdAt || b.id - a.id;
}

export class SimulatorState {
  readonly accounts = new Map<string, AccountRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  /** All packages ever created, including deleted ones (a name can be reused after a delete). */
  readonly packages: PackageRecord[] = [];
  private nextAccountId = 1;
  private nextPackageId = 1;
  private nextVersionId = 1;

  constructor(fixture: Fixture, nowMs: number) {
    for (const u of fixture.users ?? []) this.addAccount(u.login, 'User', u.id, { name: u.name });
    for (const o of fixture.orgs ?? []) {
      const org = this.addAccount(o.login, 'Organization', o.id, {});
      for (const a of o.admins ?? []) org.admins.add(a.toLowerCase());
      for (const m of o.members ?? []) org.members.add(m.toLowerCase());
      org.ssoEnforced = o.ssoEnforced ?? false;
    }
    for (const t of fixture.tokens ?? []) this.issueToken(t);
    const all: FixturePackage[] = [...(fixture.packages ?? [])];
    for (const g of fixture.generated ?? []) all.push(generatePackage(g, nowMs));
    // Explicit ids first, so auto-assigned ids never collide with them.
    for (const p of all) {
      if (p.id) this.nextPackageId = Math.max(this.nextPackageId, p.id + 1);
      for (const v of p.versions) if (v.id) this.nextVersionId = Math.max(this.nextVersionId, v.id + 1);
    }
    for (const p of all) this.addFixturePackage(p, nowMs);
  }

  private addAccount(login: string, kind: AccountRecord['kind'], id: number | undefined, extra: { name?: string }): AccountRecord {
    const record: AccountRecord = {
      login,
      id: id ?? this.nextAccountId,
      kind,
      name: extra.name,
      admins: new Set(),
      members: new Set(),
      ssoEnforced: false,
    };
    this.nextAccountId = Math.max(this.nextAccountId, record.id + 1);
    this.accounts.set(login.toLowerCase(), record);
    return record;
  }

  private addFixturePackage(p: FixturePackage, nowMs: number): void {
    if (!this.account(p.owner)) this.addAccount(p.owner, 'User', undefined, {});
    const t = (s: string | number | undefined, fallback: number): number => (s === undefined || s === '' ? fallback : resolveFixtureTime(s, nowMs));
    const versions: VersionRecord[] = p.versions.map((v) => {
      const createdAt = t(v.createdAt, nowMs);
      return {
        id: v.id ?? this.nextVersionId++,
        name: v.name,
        tags: [...(v.tags ?? [])],
        createdAt,
        updatedAt: t(v.updatedAt, createdAt),
        deletedAt: v.deletedAt !== undefined ? t(v.deletedAt, nowMs) : undefined,
        downloads: v.downloads ?? 0,
        license: v.license,
        description: v.description,
      };
    });
    versions.sort(byNewestFirst);
    const oldest = versions.length ? versions[versions.length - 1].createdAt : nowMs;
    const newest = versions.length ? versions[0].updatedAt : nowMs;
    const deletedAt = p.deletedAt !== undefined ? t(p.deletedAt, nowMs) : undefined;
    if (deletedAt !== undefined) {
      for (const v of versions) {
        if (v.deletedAt === undefined) {
          v.deletedAt = deletedAt;
          v.deletedWithPackage = true;
        }
      }
    }
    this.packages.push({
      id: p.id ?? this.nextPackageId++,
      owner: this.account(p.owner)!.login,
      packageType: p.packageType,
      name: p.name,
      visibility: p.visibility ?? 'private',
      repository: p.repository,
      downloads: p.downloads,
      createdAt: t(p.createdAt, oldest),
      updatedAt: t(p.updatedAt, newest),
      deletedAt,
      versions,
    });
  }

  issueToken(t: { token: string; login: string; scopes: string[] | null; label?: string; ssoAuthorizedOrgs?: string[] }): TokenRecord {
    if (!t.token || !t.login) throw new Error('A token needs `token` and `login`.');
    if (!this.account(t.login)) this.addAccount(t.login, 'User', undefined, {});
    const record: TokenRecord = {
      token: t.token,
      login: this.account(t.login)!.login,
      scopes: t.scopes === null ? null : [...(t.scopes ?? [])],
      label: t.label ?? `token-${this.tokens.size + 1}`,
      ssoAuthorizedOrgs: new Set((t.ssoAuthorizedOrgs ?? []).map((o) => o.toLowerCase())),
    };
    this.tokens.set(t.token, record);
    return record;
  }

  account(login: string): AccountRecord | undefined {
    return this.accounts.get(login.toLowerCase());
  }

  /** The active (not deleted) package with this owner, type and name. */
  activePackage(owner: string, type: PackageType, name: string): PackageRecord | undefined {
    return this.packages.find((p) => p.deletedAt === undefined && sameKey(p, owner, type, name));
  }

  /** The most recently deleted package with this key. */
  deletedPackage(owner: string, type: PackageType, name: string): PackageRecord | undefined {
    let best: PackageRecord | undefined;
    for (const p of this.packages) {
      if (p.deletedAt !== undefined && sameKey(p, owner, type, name)) {
        if (!best || p.deletedAt > best.deletedAt!) best = p;
      }
    }
    return best;
  }

  packagesOf(owner: string, type: PackageType): PackageRecord[] {
    return this.packages
      .filter((p) => p.deletedAt === undefined && p.owner.toLowerCase() === owner.toLowerCase() && p.packageType === type)
      .sort(byNewestFirst);
  }

  createPackage(p: {
    owner: string;
    packageType: PackageType;
    name: string;
    visibility?: 'public' | 'private';
    repository?: string;
    nowMs: number;
  }): PackageRecord {
    const owner = this.account(p.owner);
    if (!owner) throw new Error(`No user or organization "${p.owner}" in the simulator.`);
    const record: PackageRecord = {
      id: this.nextPackageId++,
      owner: owner.login,
      packageType: p.packageType,
      name: p.name,
      visibility: p.visibility ?? 'private',
      repository: p.repository,
      createdAt: p.nowMs,
      updatedAt: p.nowMs,
      versions: [],
    };
    this.packages.push(record);
    return record;
  }

  addVersion(pkg: PackageRecord, v: { name: string; tags?: string[]; createdAt: number; downloads?: number }): VersionRecord {
    const record: VersionRecord = {
      id: this.nextVersionId++,
      name: v.name,
      tags: [],
      createdAt: v.createdAt,
      updatedAt: v.createdAt,
      downloads: v.downloads ?? 0,
    };
    pkg.versions.push(record);
    pkg.versions.sort(byNewestFirst);
    pkg.updatedAt = Math.max(pkg.updatedAt, v.createdAt);
    if (v.tags?.length) setVersionTags(pkg, record, v.tags, v.createdAt);
    return record;
  }
}

function sameKey(p: PackageRecord, owner: string, type: PackageType, name: string): boolean {
  return p.packageType === type && p.name === name && p.owner.toLowerCase() === owner.toLowerCase();
}

export function activeVersions(pkg: PackageRecord): VersionRecord[] {
  return pkg.versions.filter((v) => v.deletedAt === undefined);
}

/** Deleted versions still within the restore window (older ones are gone for good). */
export function restorableVersions(pkg: PackageRecord, nowMs: number): VersionRecord[] {
  return pkg.versions.filter((v) => v.deletedAt !== undefined && nowMs - v.deletedAt <= RESTORE_WINDOW_MS);
}

/** A tag names one manifest at a time: setting it on a version moves it off the others of the package. */
export function setVersionTags(pkg: PackageRecord, version: VersionRecord, tags: string[], nowMs: number): void {
  const wanted = new Set(tags);
  for (const other of pkg.versions) {
    if (other === version || other.deletedAt !== undefined) continue;
    const kept = other.tags.filter((t) => !wanted.has(t));
    if (kept.length !== other.tags.length) {
      other.tags = kept;
      other.updatedAt = nowMs;
    }
  }
  version.tags = [...wanted];
  version.updatedAt = nowMs;
}

export function packageDownloads(pkg: PackageRecord): number {
  return pkg.downloads ?? pkg.versions.reduce((sum, v) => sum + v.downloads, 0);
}
