/**
 * The provider plugin's door (provider/plugin/) over the one implementation, against the simulator: configuration
 * from the engine's Configure request, secrets unwrapped for the implementation and re-marked on the way back, the
 * per-property diff, unknown inputs refused, the read functions as invokes, warnings to the engine's log.
 * The same paths through the real engine: tests/plugin/yaml-program.test.ts and go-program.test.ts.
 */
import { configReaderOf } from '../../provider/plugin/plugin-config';
import { createPluginProvider, type PluginProvider } from '../../provider/plugin/plugin-provider';
import { isSecret, secret } from '../../provider/plugin/secret-values';
import { UNKNOWN_VALUE } from '../../provider/validation/check-failure';
import { FIXTURE_TOKENS, startSimulator, type RunningSimulator } from '../provider/provider-helpers';
import { pendingLinesByPackage } from '../../provider/resources/retention-plan-view';

const URN = 'urn:pulumi:dev::proj::github-packages:index:PackageVersionRetention::ui';
const POLICY = { org: 'acme', packageType: 'npm', packages: ['ui'], keepNewest: 2 };

describe('the provider plugin over the simulator', () => {
  let sim: RunningSimulator;
  let provider: PluginProvider;
  const warnings: { message: string; urn?: string }[] = [];

  beforeAll(async () => {
    sim = await startSimulator({});
  });
  afterAll(() => sim.stop());
  beforeEach(() => {
    warnings.length = 0;
    provider = createPluginProvider({
      version: '0.0.0-test',
      schema: async () => '{}',
      log: { warn: (message, urn) => warnings.push({ message, ...(urn ? { urn } : {}) }), flush: async () => undefined },
      env: {},
    });
    // As the engine sends it: stack config as variables (strings), the token as a secret typed argument.
    provider.configure(
      configReaderOf(
        new Map([
          ['github-packages:baseUrl', sim.baseUrl],
          ['github-packages:mutationIntervalMs', '0'],
        ]),
        {
          token: secret(FIXTURE_TOKENS.admin),
          verifyDelayMs: 0,
          registryUrl: sim.baseUrl,
        },
      ),
    );
  });

  it('plans with the configuration the engine sent, and names the properties that change', async () => {
    const checked = await provider.check!(URN, {}, POLICY);
    expect(checked.failures).toEqual([]);
    const pending = Object.keys(pendingLinesByPackage(checked.inputs.pendingDeletions as Record<string, unknown>).ui ?? {});
    expect(pending.length).toBeGreaterThan(0);
    const olds = { ...POLICY, pendingDeletions: {}, planSummary: {}, remainingForNextRun: 0, planWarnings: [] };
    const diff = await provider.diff('id', URN, olds, checked.inputs);
    expect(diff.changes).toBe(true);
    expect(diff.detailedDiff).toMatchObject({ pendingDeletions: 'update', planSummary: 'update' });
    expect(Object.keys(diff.detailedDiff ?? {})).not.toContain('packages');
  });

  it('deletes exactly what check planned', async () => {
    const checked = await provider.check!(URN, {}, POLICY);
    const pending = Object.keys(pendingLinesByPackage(checked.inputs.pendingDeletions as Record<string, unknown>).ui ?? {}).sort();
    const before = sim.log.length;
    const created = await provider.create!(URN, checked.inputs);
    const deleted = sim.log
      .slice(before)
      .filter((e) => e.method === 'DELETE')
      .map((e) => /\/versions\/(\d+)$/.exec(e.path)?.[1])
      .sort();
    expect(deleted).toEqual(pending);
    expect(created.outs.deletedCount).toBe(pending.length);
  });

  it('unwraps a secret input for the implementation and marks it and what derives from it secret', async () => {
    const checked = await provider.check!(URN, {}, { ...POLICY, packages: secret(['ui']) });
    expect(checked.failures).toEqual([]);
    expect(isSecret(checked.inputs.packages)).toBe(true);
    expect(isSecret(checked.inputs.pendingDeletions)).toBe(true);
    expect(isSecret(checked.inputs.org)).toBe(false);
    expect(JSON.stringify(checked.inputs.packages)).toContain('"ui"'); // unwrapped once, then wrapped once
  });

  it('refuses an input unknown at preview, naming the property', async () => {
    const checked = await provider.check!(URN, {}, { ...POLICY, keepNewest: UNKNOWN_VALUE });
    expect(checked.failures?.map((f) => f.property)).toEqual(['keepNewest']);
  });

  it('sends the plan warnings to the engine log under the resource', async () => {
    // Untagged container versions deleted version by version: the plan warns they may be parts of tagged images.
    const policy = { org: 'acme', packageType: 'container', packages: ['web'], imageGraph: 'off', olderThan: '30d', untaggedContainers: 'delete' };
    const checked = await provider.check!(URN, {}, policy);
    const planWarnings = checked.inputs.planWarnings as string[];
    expect(planWarnings.join('\n')).toMatch(/untagged/i);
    expect(warnings).toEqual(planWarnings.map((message) => ({ message, urn: URN })));
  });

  it('serves the read functions as invokes, and bad arguments as failures naming the property', async () => {
    const got = await provider.invoke!('github-packages:index:getPackage', { org: 'acme', packageType: 'npm', packageName: 'ui' });
    expect(got.outputs).toMatchObject({ packageName: 'ui', packageType: 'npm' });
    const listed = await provider.invoke!('github-packages:index:listPackageVersions', { org: 'acme', packageType: 'npm', packageName: 'ui' });
    expect((listed.outputs as { versions: unknown[] }).versions.length).toBeGreaterThan(0);
    const bad = await provider.invoke!('github-packages:index:listPackages', { org: 'acme', packageType: 'tarball' });
    expect(bad.failures?.map((f) => f.property)).toEqual(['packageType']);
  });

  it('refuses a misspelt setting at preview, naming the closest one, as the dynamic provider does', async () => {
    const misspelt = createPluginProvider({
      version: '0.0.0-test',
      schema: async () => '{}',
      log: { warn: () => undefined, flush: async () => undefined },
      env: {},
    });
    misspelt.configure(
      configReaderOf(
        new Map([
          ['github-packages:baseUrl', sim.baseUrl],
          ['github-packages:config:verifyDelay', '0'], // the engine names a variable by its config token
        ]),
        { token: secret(FIXTURE_TOKENS.admin) },
      ),
    );
    const checked = await misspelt.check!(URN, {}, POLICY);
    expect(checked.failures).toEqual([
      { property: 'github-packages:verifyDelay', reason: expect.stringContaining('did you mean github-packages:verifyDelayMs?') as string },
    ]);
  });

  it('refuses a type token it does not serve', async () => {
    await expect(provider.check!('urn:pulumi:dev::proj::github-packages:index:Nope::x', {}, {})).rejects.toThrow(/no resource type/);
  });
});
