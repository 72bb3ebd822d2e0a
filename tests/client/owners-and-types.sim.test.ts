/**
 * Every owner kind × package type through list/get/delete/restore against the simulator, and package names that
 * need URL-encoding (maven `group:artifact`, container `a/b`) round-tripping.
 */
import { PACKAGE_TYPES, type Owner, type PackageRef, type PackageType } from '../../provider/types';
import { clientFor, startSimulator, type RunningSimulator } from './sim-helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const OWNERS: Array<{ owner: Owner; login: string }> = [
  { owner: { kind: 'authenticated' }, login: 'octocat' },
  { owner: { kind: 'user', login: 'octocat' }, login: 'octocat' },
  { owner: { kind: 'org', login: 'acme' }, login: 'acme' },
];

function nameFor(type: PackageType): string {
  if (type === 'maven') return 'com.example:lib-core';
  if (type === 'container') return 'team/tools/app';
  return `it-${type}-pkg`;
}

function versionName(type: PackageType, n: number): string {
  return type === 'container' || type === 'docker' ? `sha256:${String(n).repeat(64).slice(0, 64)}` : `1.${n}.0`;
}

describe.each(OWNERS)('owner $owner.kind', ({ owner, login }) => {
  it.each([...PACKAGE_TYPES])('%s: list, get, delete, restore', async (packageType) => {
    const name = nameFor(packageType);
    const tagged = packageType === 'container' || packageType === 'docker';
    const v1 = sim.control.publishVersion({
      owner: login,
      packageType,
      packageName: name,
      name: versionName(packageType, 1),
      tags: tagged ? ['v1'] : [],
      createdAt: 'now-2d',
    });
    const v2 = sim.control.publishVersion({
      owner: login,
      packageType,
      packageName: name,
      name: versionName(packageType, 2),
      tags: tagged ? ['v2', 'latest'] : [],
      createdAt: 'now-1d',
    });
    const ref: PackageRef = { owner, packageType, name };
    const { client } = clientFor(sim, 'admin');

    const packages = await client.listPackages(owner, packageType);
    expect(packages.map((p) => p.name)).toContain(name);

    const pkg = await client.getPackage(ref);
    expect(pkg).toMatchObject({ name, packageType, versionCount: 2 });

    const versions = await client.listVersions(ref);
    expect(versions.map((v) => v.id)).toEqual([v2.id, v1.id]); // newest first
    expect(versions[0]).toMatchObject({ name: versionName(packageType, 2), state: 'active', tags: tagged ? ['v2', 'latest'] : [] });

    await client.deleteVersion(ref, v1.id);
    const afterDelete = await client.getVersion(ref, v1.id);
    expect(afterDelete.state).toBe('deleted');
    expect(afterDelete.deletedAt).toBeDefined();
    expect((await client.listVersions(ref)).map((v) => v.id)).toEqual([v2.id]);
    if (owner.kind !== 'user') {
      const deleted = await client.listVersions(ref, { state: 'deleted' });
      expect(deleted.map((v) => [v.id, v.state])).toEqual([[v1.id, 'deleted']]);
    }

    await client.restoreVersion(ref, v1.id);
    expect((await client.getVersion(ref, v1.id)).state).toBe('active');

    // The names reached the simulator as one percent-encoded path segment.
    const encoded = encodeURIComponent(name);
    const mutations = sim.mutations();
    expect(mutations.map((m) => m.method)).toEqual(['DELETE', 'POST']);
    for (const m of mutations) expect(m.path).toContain(`/packages/${packageType}/${encoded}/versions/${v1.id}`);
  });
});

it('deletes and restores a whole package (org, maven name with ":")', async () => {
  const ref: PackageRef = { owner: { kind: 'org', login: 'acme' }, packageType: 'maven', name: 'com.acme:core-lib' };
  const { client } = clientFor(sim, 'admin');
  await client.deletePackage(ref);
  await expect(client.getPackage(ref)).rejects.toMatchObject({ code: 'not-found-or-no-access' });
  await client.restorePackage(ref);
  expect((await client.getPackage(ref)).versionCount).toBe(5);
  expect(sim.mutations().map((m) => `${m.method} ${m.path}`)).toEqual([
    'DELETE /orgs/acme/packages/maven/com.acme%3Acore-lib',
    'POST /orgs/acme/packages/maven/com.acme%3Acore-lib/restore',
  ]);
});

it('lists deleted versions only where the API can (not for a named user)', async () => {
  const { client } = clientFor(sim, 'admin');
  await expect(
    client.listVersions({ owner: { kind: 'user', login: 'octocat' }, packageType: 'container', name: 'dotfiles' }, { state: 'deleted' }),
  ).rejects.toMatchObject({ code: 'unsupported-request' });
  const deleted = await client.listVersions({ owner: { kind: 'authenticated' }, packageType: 'container', name: 'dotfiles' }, { state: 'deleted' });
  expect(deleted.map((v) => v.id)).toEqual([200101]);
});
