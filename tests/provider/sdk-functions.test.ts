import * as pulumi from '@pulumi/pulumi';
import { getPackage, getPackageOutput, listPackages, listPackagesOutput, listPackageVersions, listPackageVersionsOutput } from '../../sdk/functions';
import { InvalidArgumentsError } from '../../sdk';
import { FIXTURE_TOKENS, startSimulator, type RunningSimulator } from './provider-helpers';

/** The value of an Output, in a test (the program's engine would resolve it the same way). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

describe('read-only SDK functions (data sources) against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({});
    // What the engine hands a program: the stack's config, secrets decrypted.
    pulumi.runtime.setAllConfig({ 'github-packages:token': FIXTURE_TOKENS.admin, 'github-packages:baseUrl': sim.baseUrl });
  });
  afterAll(() => sim.stop());

  it('lists packages, gets one, and lists active and deleted versions with the configured client', async () => {
    const names = (await listPackages({ org: 'acme', packageType: 'container' })).map((p) => p.packageName);
    expect(names).toEqual(expect.arrayContaining(['web', 'base/alpine']));
    expect(await getPackage({ org: 'acme', packageType: 'container', packageName: 'web' })).toMatchObject({
      packageName: 'web',
      packageType: 'container',
      packageId: expect.any(Number),
      visibility: 'private',
    });
    const active = await listPackageVersions({ org: 'acme', packageType: 'container', packageName: 'web' });
    expect(active.map((v) => v.versionId)).toContain(100113);
    expect(active.every((v) => v.currentState === 'active')).toBe(true);
    const deleted = await listPackageVersions({ org: 'acme', packageType: 'container', packageName: 'web', state: 'deleted' });
    expect(deleted.map((v) => v.versionId)).toEqual([100102]); // deleted 5 days ago; the 45-day-old one is purged
    expect(deleted[0]).toMatchObject({ currentState: 'deleted', deletedAt: expect.any(String), versionName: expect.any(String) });
  });

  it('results use the names of the resources, and nothing else (no internal fields re-exported)', async () => {
    const pkg = await getPackage({ org: 'acme', packageType: 'container', packageName: 'web' });
    expect(
      Object.keys(pkg).filter(
        (k) =>
          ![
            'packageId',
            'packageName',
            'packageType',
            'visibility',
            'versionCount',
            'ownerLogin',
            'repository',
            'htmlUrl',
            'createdAt',
            'updatedAt',
          ].includes(k),
      ),
    ).toEqual([]);
    const [version] = await listPackageVersions({ org: 'acme', packageType: 'container', packageName: 'web' });
    expect(
      Object.keys(version).filter(
        (k) => !['versionId', 'versionName', 'tags', 'createdAt', 'updatedAt', 'deletedAt', 'htmlUrl', 'currentState'].includes(k),
      ),
    ).toEqual([]);
  });

  it("opts.config chooses the provider configuration: a token without access fails where the stack's succeeds", async () => {
    await expect(
      getPackage({ org: 'acme', packageType: 'container', packageName: 'web' }, { config: { token: FIXTURE_TOKENS['delete-no-read'] } }),
    ).rejects.toThrow(/read:packages/);
    const elsewhere = await startSimulator({});
    try {
      // The stack config points at `sim`; this call goes to another server, with the stack's token.
      const before = elsewhere.log.length;
      await getPackage({ org: 'acme', packageType: 'container', packageName: 'web' }, { config: { baseUrl: elsewhere.baseUrl } });
      expect(elsewhere.log.length).toBeGreaterThan(before);
    } finally {
      await elsewhere.stop();
    }
  });

  it("a later run in the same process with another stack config reads with that config, not the first run's", async () => {
    // One Node process can run several programs (the Automation API's inline programs, one stack after another): each
    // run's functions must use the config the engine handed that run.
    await listPackages({ org: 'acme', packageType: 'container' });
    const next = await startSimulator({});
    try {
      pulumi.runtime.setAllConfig({ 'github-packages:token': FIXTURE_TOKENS.admin, 'github-packages:baseUrl': next.baseUrl });
      sim.clearLog();
      await listPackages({ org: 'acme', packageType: 'container' });
      expect(next.log.length).toBeGreaterThan(0);
      expect(sim.log).toHaveLength(0);
      // The token from the environment (no token in the config), as the run's environment has it.
      pulumi.runtime.setAllConfig({ 'github-packages:baseUrl': next.baseUrl });
      process.env.GITHUB_TOKEN = FIXTURE_TOKENS.admin;
      await listPackages({ org: 'acme', packageType: 'container' });
      process.env.GITHUB_TOKEN = FIXTURE_TOKENS['delete-no-read'];
      await expect(listPackages({ org: 'acme', packageType: 'container' })).rejects.toThrow(/read:packages/);
    } finally {
      delete process.env.GITHUB_TOKEN;
      pulumi.runtime.setAllConfig({ 'github-packages:token': FIXTURE_TOKENS.admin, 'github-packages:baseUrl': sim.baseUrl });
      await next.stop();
    }
  });

  it('the …Output variants take Inputs and return Outputs of the same results', async () => {
    const packageName = pulumi.output(Promise.resolve('web'));
    const pkg = await valueOf(getPackageOutput({ org: 'acme', packageType: 'container', packageName }));
    expect(pkg).toEqual(await getPackage({ org: 'acme', packageType: 'container', packageName: 'web' }));
    const names = (await valueOf(listPackagesOutput({ org: pulumi.output('acme'), packageType: 'container' }))).map((p) => p.packageName);
    expect(names).toContain('web');
    const deleted = await valueOf(
      listPackageVersionsOutput(
        { org: 'acme', packageType: 'container', packageName, state: pulumi.output('deleted' as const) },
        { config: pulumi.output({ token: FIXTURE_TOKENS.admin }) },
      ),
    );
    expect(deleted.map((v) => v.versionId)).toEqual([100102]);
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
