import * as pulumi from '@pulumi/pulumi';
import { getPackage, listPackages, listPackageVersions } from '../../sdk/functions';
import { InvalidArgumentsError } from '../../sdk';
import { FIXTURE_TOKENS, startSimulator, type RunningSimulator } from './provider-helpers';

describe('read-only SDK functions (data sources) against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({});
    // What the engine hands a program: the stack's config, secrets decrypted.
    pulumi.runtime.setAllConfig({ 'github-packages:token': FIXTURE_TOKENS.admin, 'github-packages:baseUrl': sim.baseUrl });
  });
  afterAll(() => sim.stop());

  it('lists packages, gets one, and lists active and deleted versions with the configured client', async () => {
    const names = (await listPackages({ org: 'acme', packageType: 'container' })).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['web', 'base/alpine']));
    expect(await getPackage({ org: 'acme', packageType: 'container', packageName: 'web' })).toMatchObject({ name: 'web', visibility: 'private' });
    const active = await listPackageVersions({ org: 'acme', packageType: 'container', packageName: 'web' });
    expect(active.map((v) => v.id)).toContain(100113);
    expect(active.every((v) => v.state === 'active')).toBe(true);
    const deleted = await listPackageVersions({ org: 'acme', packageType: 'container', packageName: 'web', state: 'deleted' });
    expect(deleted.map((v) => v.id)).toEqual([100102]); // deleted 5 days ago; the 45-day-old one is purged
    expect(deleted[0].deletedAt).toEqual(expect.any(String));
  });

  it.each([
    ['an org of 100 characters', () => getPackage({ org: 'a'.repeat(100), packageType: 'npm', packageName: 'ui' }), /org is 100 characters long/],
    ['an org with "_"', () => listPackages({ org: 'mona_acme', packageType: 'npm' }), /org "mona_acme" is not an organization login/],
    ['a path-changing package name', () => listPackageVersions({ org: 'acme', packageType: 'npm', packageName: '..' }), /packageName/],
  ])('refuses %s with the argument named, before any request', async (_what, call, message) => {
    sim.clearLog();
    const err = await call().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentsError);
    expect((err as Error).message).toMatch(message);
    expect(sim.log).toHaveLength(0);
  });
});
