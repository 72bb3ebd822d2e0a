// Issue 14 §1: each resource's properties are declared once, in its contract (provider/contracts/). The SDK class
// registers exactly the contract's output keys (the compiler holds the class to the contract's types), and the
// provider stores, after create, update, read and a refresh that finds the world changed, exactly the contract's
// keys: the inputs as written and the outputs, less the optional ones that say "absent" (named per case below).
import * as pulumi from '@pulumi/pulumi';
import {
  PACKAGE_INPUT_KEYS,
  PACKAGE_OUTPUT_KEYS,
  PACKAGE_VERSION_INPUT_KEYS,
  PACKAGE_VERSION_OUTPUT_KEYS,
  RETENTION_INPUT_KEYS,
  RETENTION_OUTPUT_KEYS,
  VERSION_SET_INPUT_KEYS,
  VERSION_SET_OUTPUT_KEYS,
} from '../../provider/contracts';
import { createPackageVersionSetProvider } from '../../provider/resources/package-version-set-provider';
import { createPackageProvider } from '../../provider/resources/package-provider';
import { createPackageVersionProvider } from '../../provider/resources/package-version-provider';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { pendingLinesByPackage } from '../../provider/resources/retention-plan-view';
import { Package, PackageVersion, PackageVersionRetention, PackageVersionSet } from '../../sdk';
import { FIXTURE_PATHS, generateMultiArchRepository, withRepository } from '../../simulator';
import { readFixture } from '../../simulator/fixture-loader';
import { contextFor, startSimulator, type RunningSimulator } from './provider-helpers';

/** The keys a case stores: the contract's inputs and outputs, less the inputs the program did not give and the
 * optional outputs that are absent in that case. */
function expected(inputKeys: readonly string[], outputKeys: readonly string[], given: Record<string, unknown>, absent: readonly string[]): string[] {
  const keys = new Set([...inputKeys.filter((k) => given[k] !== undefined), ...outputKeys]);
  for (const key of absent) keys.delete(key);
  return [...keys].sort();
}

function keysOf(props: Record<string, unknown>): string[] {
  return Object.keys(props)
    .filter((k) => props[k] !== undefined)
    .sort();
}

/** The properties an SDK class registers (Pulumi makes each one an Output property of the instance). */
function registered(resource: pulumi.Resource): string[] {
  return Object.keys(resource)
    .filter((k) => !['id', 'urn', '__provider'].includes(k) && pulumi.Output.isInstance((resource as unknown as Record<string, unknown>)[k]))
    .sort();
}

const NOW = Date.parse('2026-06-01T12:00:00Z');
const images = generateMultiArchRepository({ owner: 'octocat', name: 'app', images: 6, intervalHours: 24 }, NOW);

describe('every resource stores exactly the properties its contract declares', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ fixture: withRepository(readFixture(FIXTURE_PATHS.default), images) });
    await pulumi.runtime.setMocks(
      { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs },
      'project',
      'stack',
      true,
    );
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  it("each SDK class registers its contract's output keys and the args it was given, nothing else", () => {
    const version = new PackageVersion('v', { org: 'acme', packageType: 'container', packageName: 'web', versionName: 'pr-123', state: 'deleted' });
    expect(registered(version)).toEqual(
      expected(PACKAGE_VERSION_INPUT_KEYS, PACKAGE_VERSION_OUTPUT_KEYS, { org: 1, packageType: 1, packageName: 1, versionName: 1, state: 1 }, []),
    );
    const pkg = new Package('p', { org: 'acme', packageType: 'npm', packageName: 'ui', state: 'deleted' });
    expect(registered(pkg)).toEqual(expected(PACKAGE_INPUT_KEYS, PACKAGE_OUTPUT_KEYS, { org: 1, packageType: 1, packageName: 1, state: 1 }, []));
    const policy = new PackageVersionRetention('r', { org: 'acme', packageType: 'container', packages: ['web'], olderThan: '30d' });
    expect(registered(policy)).toEqual(
      expected(RETENTION_INPUT_KEYS, RETENTION_OUTPUT_KEYS, { org: 1, packageType: 1, packages: 1, olderThan: 1 }, []),
    );
    const set = new PackageVersionSet('s', { org: 'acme', packageType: 'container', packageName: 'web', versionIds: [1], state: 'deleted' });
    expect(registered(set)).toEqual(
      expected(VERSION_SET_INPUT_KEYS, VERSION_SET_OUTPUT_KEYS, { org: 1, packageType: 1, packageName: 1, versionIds: 1, state: 1 }, []),
    );
  });

  it('PackageVersion: create, update, read, and a refresh after the version was restored by hand', async () => {
    const p = createPackageVersionProvider(contextFor(sim, 'admin'));
    const news = { org: 'acme', packageType: 'container', packageName: 'web', versionName: 'pr-123', state: 'deleted' };
    // Resolved by check: `versionId` is stored although the program named the version.
    const keys = (absent: string[]) =>
      expected(PACKAGE_VERSION_INPUT_KEYS, PACKAGE_VERSION_OUTPUT_KEYS, { ...news, versionId: 1 }, ['user', ...absent]);
    const created = await p.create((await p.check({}, news)).inputs);
    expect(keysOf(created.outs)).toEqual(keys([]));
    const restore = { ...news, state: 'active' };
    const updated = await p.update(created.id, created.outs, (await p.check(created.outs, restore)).inputs);
    expect(updated.outs.currentState).toBe('active');
    expect(keysOf(updated.outs)).toEqual(keys(['deletedAt']));
    const read = await p.read(created.id, updated.outs);
    expect(keysOf(read.props)).toEqual(keys(['deletedAt']));
    sim.control.deleteVersion({ owner: 'acme', packageType: 'container', packageName: 'web', versionId: created.outs.versionId });
    const refreshed = await p.read(created.id, updated.outs);
    expect(refreshed.props!.currentState).toBe('deleted');
    expect(keysOf(refreshed.props)).toEqual(keys([]));
  });

  it('Package: create, update, read, and a refresh after the package was deleted by hand', async () => {
    const p = createPackageProvider(contextFor(sim, 'admin'));
    const news = { org: 'acme', packageType: 'npm', packageName: 'ui', state: 'active' };
    const keys = (absent: string[]) => expected(PACKAGE_INPUT_KEYS, PACKAGE_OUTPUT_KEYS, news, ['user', ...absent]);
    const created = await p.create((await p.check({}, news)).inputs);
    expect(keysOf(created.outs)).toEqual(keys(['repository'].filter((k) => created.outs[k] === undefined)));
    const live = keys(['repository'].filter((k) => created.outs[k] === undefined));
    const gone = keys(['packageId', 'visibility', 'versionCount', 'repository', 'htmlUrl']);
    const deleted = await p.update(created.id, created.outs, (await p.check(created.outs, { ...news, state: 'deleted' })).inputs);
    expect(deleted.outs.currentState).toBe('deleted');
    expect(keysOf(deleted.outs)).toEqual(gone);
    expect(keysOf((await p.read(created.id, deleted.outs)).props)).toEqual(gone);
    sim.reset();
    const refreshed = await p.read(created.id, deleted.outs);
    expect(refreshed.props!.currentState).toBe('active');
    expect(keysOf(refreshed.props)).toEqual(live);
  });

  it('PackageVersionRetention: create, update, read and refresh, with and without the image graph', async () => {
    const p = createRetentionProvider(contextFor(sim, 'admin'));
    const news = {
      org: 'acme',
      packageType: 'container',
      packages: ['web'],
      olderThan: '30d',
      untaggedContainers: 'delete',
      maxDeletionsPerRun: 3,
      imageGraph: 'off',
    };
    const keys = (absent: string[]) => expected(RETENTION_INPUT_KEYS, RETENTION_OUTPUT_KEYS, news, ['pendingImages', ...absent]);
    const created = await p.create((await p.check({}, news)).inputs);
    expect(created.outs.deletedCount).toBe(3);
    expect(keysOf(created.outs)).toEqual(keys([]));
    // A refresh while one deletion waits for the next run (maxDeletionsPerRun): the plan is recomputed.
    const refreshed = await p.read(created.id, created.outs);
    expect(refreshed.props!.remainingForNextRun + Object.keys(pendingLinesByPackage(refreshed.props!.pendingDeletions).web ?? {}).length).toBe(1);
    expect(keysOf(refreshed.props)).toEqual(keys([]));
    const updated = await p.update(created.id, created.outs, (await p.check(created.outs, news)).inputs);
    expect(updated.outs.deletedCount).toBe(1);
    expect(keysOf(updated.outs)).toEqual(keys([]));
    // Converged: nothing left to delete, so no estimate; nothing to confirm, so no fresh summary from the update.
    const converged = await p.update(created.id, updated.outs, (await p.check(updated.outs, news)).inputs);
    expect(converged.outs.deletedCount).toBe(0);
    expect(keysOf(converged.outs)).toEqual(keys(['planEstimate', 'keptSummary']));
    const read = await p.read(created.id, converged.outs);
    expect(keysOf(read.props)).toEqual(keys(['planEstimate']));

    const graph = createRetentionProvider(contextFor(sim, 'admin', { config: { 'github-packages:registryUrl': sim.baseUrl } }));
    sim.reset();
    sim.clock.freeze();
    sim.clock.set(new Date(NOW));
    const imagePolicy = {
      user: 'octocat',
      packageType: 'container',
      packages: ['app'],
      imageGraph: 'registry',
      keepNewestTagged: 2,
      maxShareOfPackage: 1,
    };
    const imageKeys = expected(RETENTION_INPUT_KEYS, RETENTION_OUTPUT_KEYS, imagePolicy, []);
    const withImages = await graph.create((await graph.check({}, imagePolicy)).inputs);
    expect(withImages.outs.deletedCount).toBeGreaterThan(0);
    expect(keysOf(withImages.outs)).toEqual(imageKeys);
    // A refresh replaces the whole plan: image trees and estimate of the applied plan do not outlive it.
    const refreshedImages = (await graph.read(withImages.id, withImages.outs)).props!;
    expect(refreshedImages.pendingDeletions).toEqual({});
    expect(refreshedImages.pendingImages).toEqual({});
    expect(keysOf(refreshedImages)).toEqual(imageKeys.filter((k) => k !== 'planEstimate'));
  });

  it('PackageVersionSet: create, update (converged too) and read', async () => {
    const p = createPackageVersionSetProvider(contextFor(sim, 'admin'));
    const news = { org: 'acme', packageType: 'container', packageName: 'web', versionNames: ['pr-123'], state: 'deleted' };
    const keys = (absent: string[]) => expected(VERSION_SET_INPUT_KEYS, VERSION_SET_OUTPUT_KEYS, news, ['user', ...absent]);
    const created = await p.create((await p.check({}, news)).inputs);
    expect(created.outs.changedCount).toBe(1);
    expect(keysOf(created.outs)).toEqual(keys([]));
    const restore = { ...news, state: 'active' };
    const updated = await p.update(created.id, created.outs, (await p.check(created.outs, restore)).inputs);
    expect(updated.outs.changedCount).toBe(1);
    expect(keysOf(updated.outs)).toEqual(keys([]));
    const converged = await p.update(created.id, updated.outs, (await p.check(updated.outs, restore)).inputs);
    expect(keysOf(converged.outs)).toEqual(keys(['planEstimate']));
    expect(keysOf((await p.read(created.id, converged.outs)).props)).toEqual(keys(['planEstimate']));
  });
});
