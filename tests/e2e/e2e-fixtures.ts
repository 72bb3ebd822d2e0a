/**
 * Simulator fixtures the engine tests share: an org that octocat administers, with one classic token holding every
 * scope the provider may need, and npm versions published one an hour.
 */
import type { Fixture, FixturePackage, FixtureVersion } from '../../simulator/types';

/** Read, restore, delete, and `repo` (npm packages inherit their repository's permissions). */
export const ADMIN_SCOPES: readonly string[] = ['read:packages', 'write:packages', 'delete:packages', 'repo'];

/** `label` stands for the token in the simulator's request log. */
export function adminOrgFixture(o: { org: string; token: string; label: string; packages: FixturePackage[] }): Fixture {
  return {
    users: [{ login: 'octocat' }],
    orgs: [{ login: o.org, admins: ['octocat'] }],
    tokens: [{ token: o.token, login: 'octocat', scopes: [...ADMIN_SCOPES], label: o.label }],
    packages: o.packages,
  };
}

/**
 * Versions `<prefix>.1` … `<prefix>.<count>` with ids `id(1)` … `id(count)`, one an hour, the oldest (`.1`)
 * published `oldestHoursAgo` hours ago (default `count`, so the newest is an hour old).
 */
export function hourlyVersions(count: number, o: { id: (n: number) => number; prefix: string; oldestHoursAgo?: number }): FixtureVersion[] {
  const oldest = o.oldestHoursAgo ?? count;
  return Array.from({ length: count }, (_, i) => ({ id: o.id(i + 1), name: `${o.prefix}.${i + 1}`, createdAt: `now-${oldest - i}h` }));
}
