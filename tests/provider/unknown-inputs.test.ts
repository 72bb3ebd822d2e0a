// Issue 12, section 1: a property that decides what is deleted or restored, unknown at preview (an Output of a
// resource not yet created), makes the preview fail for that resource, naming the property and saying how to
// fix it. Before, check returned early and `up` then acted on a plan nobody saw.
import { createPackageProvider } from '../../provider/resources/package-provider';
import { createPackageVersionProvider } from '../../provider/resources/package-version-provider';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { UNKNOWN_VALUE } from '../../provider/validation/check-failure';
import { contextFor, mutationsOf, startSimulator, type RunningSimulator } from './provider-helpers';

const HOW_TO_FIX = /literal or a stack config value.*getPackage.*listPackageVersions.*pulumi up --target/s;

describe('inputs unknown at preview', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({});
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  const retention = () => createRetentionProvider(contextFor(sim, 'admin'));
  const web = { org: 'acme', packageType: 'container', packages: ['web'], olderThan: '30d', untaggedContainers: 'delete' };

  it('a policy fails the preview naming each unknown property (top level or inside a list), and plans nothing', async () => {
    const { inputs, failures } = await retention().check({}, { ...web, protectIds: [100106, UNKNOWN_VALUE] });
    expect(failures).toEqual([{ property: 'protectIds', reason: expect.stringMatching(HOW_TO_FIX) }]);
    expect(failures![0].reason).toMatch(/protectIds is not known until/);
    expect(inputs.pendingDeletions).toBeUndefined();

    const both = await retention().check({}, { ...web, org: UNKNOWN_VALUE, keepNewest: UNKNOWN_VALUE, olderThan: undefined });
    expect(both.failures?.map((f) => f.property)).toEqual(['org', 'keepNewest']);
    expect(mutationsOf(sim)).toEqual([]);
  });

  it('a PackageVersion fails the preview for an unknown packageName, versionName, versionId or state', async () => {
    const p = createPackageVersionProvider(contextFor(sim, 'admin'));
    const base = { org: 'acme', packageType: 'container', packageName: 'web', versionId: 100110, state: 'deleted' };
    for (const [property, args] of [
      ['packageName', { ...base, packageName: UNKNOWN_VALUE }],
      ['versionId', { ...base, versionId: UNKNOWN_VALUE }],
      ['versionName', { ...base, versionId: undefined, versionName: UNKNOWN_VALUE }],
      ['state', { ...base, state: UNKNOWN_VALUE }],
    ] as const) {
      const { inputs, failures } = await p.check({}, args);
      expect({ property, failures }).toEqual({ property, failures: [{ property, reason: expect.stringMatching(HOW_TO_FIX) }] });
      expect(inputs.plannedAction).toBeUndefined();
    }
  });

  it('a Package fails the preview for an unknown packageName or state', async () => {
    const p = createPackageProvider(contextFor(sim, 'admin'));
    const base = { org: 'acme', packageType: 'npm', packageName: 'solo', state: 'deleted' };
    for (const property of ['packageName', 'state'] as const) {
      const { failures } = await p.check({}, { ...base, [property]: UNKNOWN_VALUE });
      expect(failures).toEqual([{ property, reason: expect.stringMatching(HOW_TO_FIX) }]);
    }
  });

  it("a PackageVersion's resolved versionId is in its checked inputs, so dependents know it at preview", async () => {
    const p = createPackageVersionProvider(contextFor(sim, 'admin'));
    const { inputs, failures } = await p.check(
      {},
      { org: 'acme', packageType: 'container', packageName: 'web', versionName: '1.9.0', state: 'active' },
    );
    expect(failures ?? []).toEqual([]);
    expect(inputs.versionId).toBe(100106);
  });
});
