/**
 * Issue 8, bad input: every bad input is rejected at check (what `pulumi preview` runs) with a failure naming the
 * property, within a bounded time, and nothing is mutated — for input errors not even a request is sent.
 * Plus API responses that are malformed or cut short: a clear error, nothing mutated.
 */
import { createPackageProvider } from '../../provider/resources/package-provider';
import { createPackageVersionProvider } from '../../provider/resources/package-version-provider';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { resolveProviderSettings } from '../../provider/settings/provider-settings';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { ALL_TOKENS, expectClearFailure, reliabilityContext, startReliabilitySimulator, type RunningSimulator } from './reliability-helpers';
import { recordSection, type BadInputSection } from './reliability-report';

type Resource = 'PackageVersionRetention' | 'PackageVersion' | 'Package' | 'provider config';
interface Case {
  resource: Resource;
  name: string;
  /** Properties replacing (undefined = removing) those of the resource's valid base inputs. */
  inputs?: Record<string, unknown>;
  /** Stack config overrides (provider config cases). */
  config?: Record<string, string>;
  property: string;
}

// Version-level rules: the default fixture's container versions have no manifests in the simulator's registry.
const RETENTION = { org: 'acme', packageType: 'container', packages: ['web'], imageGraph: 'off', olderThan: '30d', untaggedContainers: 'delete' };
const VERSION = { org: 'acme', packageType: 'container', packageName: 'web', versionId: 100103, state: 'deleted' };
const PACKAGE = { org: 'acme', packageType: 'npm', packageName: 'ui', state: 'active' };
const BASE: Record<Exclude<Resource, 'provider config'>, Record<string, unknown>> = {
  PackageVersionRetention: RETENTION,
  PackageVersion: VERSION,
  Package: PACKAGE,
};
const HUGE = 'x'.repeat(100_000);
const CYRILLIC_E = '\u0435';

const r = (name: string, inputs: Record<string, unknown>, property: string): Case => ({
  resource: 'PackageVersionRetention',
  name,
  inputs,
  property,
});
const v = (name: string, inputs: Record<string, unknown>, property: string): Case => ({ resource: 'PackageVersion', name, inputs, property });
const p = (name: string, inputs: Record<string, unknown>, property: string): Case => ({ resource: 'Package', name, inputs, property });
const c = (name: string, config: Record<string, string>, property: string): Case => ({ resource: 'provider config', name, config, property });

const CASES: Case[] = [
  // PackageVersionRetention: types, strings, names, patterns, numbers, durations, conflicts, owner.
  r('packageType a number', { packageType: 42 }, 'packageType'),
  r('unknown packageType "pypi"', { packageType: 'pypi' }, 'packageType'),
  r('packageType empty', { packageType: '' }, 'packageType'),
  r('packages a string, not a list', { packages: 'web' }, 'packages'),
  r('packages empty list', { packages: [] }, 'packages'),
  r('packages with an empty name', { packages: [''] }, 'packages'),
  r('packages with a 100,000-character name', { packages: [HUGE] }, 'packages'),
  r('packages with a number entry', { packages: [7] }, 'packages'),
  r('packages with ".."', { packages: ['..'] }, 'packages'),
  r('packages with "../web"', { packages: ['../web'] }, 'packages'),
  r('packages with "%2F"', { packages: ['base%2Falpine'] }, 'packages'),
  r('packages with a control character', { packages: ['we\u0000b'] }, 'packages'),
  r('packages with a Cyrillic look-alike letter', { packages: [`w${CYRILLIC_E}b`] }, 'packages'),
  r('packages with an unclosed regex', { packages: ['/[web/'] }, 'packages'),
  r('packages with an unsupported look-ahead regex', { packages: ['/(?=w)web/'] }, 'packages'),
  r('tags with a backreference regex', { tags: ['/(a)\\1/'] }, 'tags'),
  r('keepNewest negative', { olderThan: undefined, keepNewest: -1 }, 'keepNewest'),
  r('keepNewest fractional', { olderThan: undefined, keepNewest: 1.5 }, 'keepNewest'),
  r('keepNewest absurd (1e12)', { olderThan: undefined, keepNewest: 1e12 }, 'keepNewest'),
  r('keepNewest a string', { olderThan: undefined, keepNewest: '5' }, 'keepNewest'),
  r('keepNewest NaN', { olderThan: undefined, keepNewest: Number.NaN }, 'keepNewest'),
  r('olderThan negative', { olderThan: '-5d' }, 'olderThan'),
  r('olderThan absurd (100,000 years)', { olderThan: '36500000d' }, 'olderThan'),
  r('olderThan not a duration', { olderThan: 'tomorrow' }, 'olderThan'),
  r('olderThan a number', { olderThan: 30 }, 'olderThan'),
  r('olderThan zero', { olderThan: '0d' }, 'olderThan'),
  r('olderThan in months', { olderThan: '6mo' }, 'olderThan'),
  r('minAge negative', { minAge: '-1d' }, 'minAge'),
  r('minAge in months', { minAge: '3mo' }, 'minAge'),
  r('maxDeletionsPerRun zero', { maxDeletionsPerRun: 0 }, 'maxDeletionsPerRun'),
  r('maxShareOfPackage above 1', { maxShareOfPackage: 2 }, 'maxShareOfPackage'),
  r('maxShareOfPackage negative', { maxShareOfPackage: -0.1 }, 'maxShareOfPackage'),
  r('both org and user', { user: 'octocat' }, 'org'),
  r('org with a space', { org: 'ac me' }, 'org'),
  r('org empty', { org: '' }, 'org'),
  r('org with a slash', { org: 'acme/../evil' }, 'org'),
  r('keepNewest with keepNewestTagged (conflicting rules)', { olderThan: undefined, keepNewest: 3, keepNewestTagged: 2 }, 'keepNewest'),
  r('select "untagged" with tags (selects nothing)', { select: 'untagged', tags: ['v*'] }, 'select'),
  r('tags on an npm policy', { packageType: 'npm', packages: ['ui'], untaggedContainers: undefined, tags: ['v*'] }, 'tags'),
  r('protectIds with a negative id', { protectIds: [-1] }, 'protectIds'),
  r('protectIds not a list', { protectIds: 'x' }, 'protectIds'),
  r('a misspelt property', { keepNewset: 3 }, 'keepNewset'),
  r('a property named like an engine key (__keepNewest)', { __keepNewest: 3 }, '__keepNewest'),
  r('olderThan with an Object.prototype member as unit ("1constructor")', { olderThan: '1constructor' }, 'olderThan'),
  r('org of 100 characters (GitHub: at most 39)', { org: 'a'.repeat(100) }, 'org'),
  r('org with "_" (only managed users\' handles have one)', { org: 'mona_acme' }, 'org'),
  r('no deleting rule (filters only)', { olderThan: undefined }, 'keepNewest'),
  r('unknown timeBasis', { timeBasis: 'modified' }, 'timeBasis'),
  r('unknown untaggedContainers', { untaggedContainers: 'yes' }, 'untaggedContainers'),
  r('prerelease a boolean', { prerelease: true }, 'prerelease'),
  r('keepNewestVersion a string', { keepNewestVersion: 'false' }, 'keepNewestVersion'),
  // PackageVersion.
  v('packageName ".."', { packageName: '..' }, 'packageName'),
  v('packageName with a ".." segment', { packageName: 'web/../single' }, 'packageName'),
  v('packageName with "%2F"', { packageName: 'base%2Falpine' }, 'packageName'),
  v('packageName with a newline', { packageName: 'we\nb' }, 'packageName'),
  v('packageName with a Cyrillic look-alike letter', { packageName: `w${CYRILLIC_E}b` }, 'packageName'),
  v('packageName of 100,000 characters', { packageName: HUGE }, 'packageName'),
  v('packageName empty', { packageName: '' }, 'packageName'),
  v('packageName a number', { packageName: 12 }, 'packageName'),
  v('npm packageName with "/"', { packageType: 'npm', packageName: 'a/b' }, 'packageName'),
  v('versionId negative', { versionId: -5 }, 'versionId'),
  v('versionId fractional', { versionId: 1.5 }, 'versionId'),
  v('versionId a string', { versionId: '100103' }, 'versionId'),
  v('versionId beyond 2^53', { versionId: 2 ** 60 }, 'versionId'),
  v('versionId and versionName both', { versionName: '1.9.0' }, 'versionId'),
  v('neither versionId nor versionName', { versionId: undefined }, 'versionId'),
  v('versionName with a control character', { versionId: undefined, versionName: '1.9.0\u0007' }, 'versionName'),
  v('versionName of 100,000 characters', { versionId: undefined, versionName: HUGE }, 'versionName'),
  v('unknown state', { state: 'gone' }, 'state'),
  v('unknown packageType', { packageType: 'pypi' }, 'packageType'),
  v('both org and user', { user: 'octocat' }, 'org'),
  v('an unknown property', { stat: 'active' }, 'stat'),
  v('a property named like an engine key', { __state: 'active' }, '__state'),
  // Package.
  p('packageName "../ui"', { packageName: '../ui' }, 'packageName'),
  p('state in capitals', { state: 'DELETED' }, 'state'),
  p('packageType null', { packageType: null }, 'packageType'),
  p('org with a slash', { org: 'acme/evil' }, 'org'),
  p('org of 100,000 characters', { org: HUGE }, 'org'),
  p('an unknown property', { visiblity: 'public' }, 'visiblity'),
  // Provider configuration (stack config keys).
  c('baseUrl not a URL', { 'github-packages:baseUrl': 'not a url' }, 'github-packages:baseUrl'),
  c('baseUrl ftp://', { 'github-packages:baseUrl': 'ftp://api.github.com' }, 'github-packages:baseUrl'),
  c('baseUrl http:// to a non-loopback host', { 'github-packages:baseUrl': 'http://api.example.com' }, 'github-packages:baseUrl'),
  c('baseUrl with credentials', { 'github-packages:baseUrl': 'https://user:pw@api.github.com' }, 'github-packages:baseUrl'),
  c('baseUrl with a query', { 'github-packages:baseUrl': 'https://api.github.com/?x=1' }, 'github-packages:baseUrl'),
  c('baseUrl javascript:', { 'github-packages:baseUrl': 'javascript:alert(1)' }, 'github-packages:baseUrl'),
  c('mutationIntervalMs negative', { 'github-packages:mutationIntervalMs': '-1' }, 'github-packages:mutationIntervalMs'),
  c('mutationIntervalMs not a number', { 'github-packages:mutationIntervalMs': 'fast' }, 'github-packages:mutationIntervalMs'),
  c(
    'mutationIntervalMs 0 against GitHub (not loopback)',
    { 'github-packages:baseUrl': 'https://api.github.com', 'github-packages:mutationIntervalMs': '0' },
    'github-packages:mutationIntervalMs',
  ),
  c('mutationIntervalMs absurd', { 'github-packages:mutationIntervalMs': '99999999999' }, 'github-packages:mutationIntervalMs'),
  c('readConcurrency 1000', { 'github-packages:readConcurrency': '1000' }, 'github-packages:readConcurrency'),
  c('allowInsecureHttp "yes"', { 'github-packages:allowInsecureHttp': 'yes' }, 'github-packages:allowInsecureHttp'),
  c('token with white space', { 'github-packages:token': 'ghp_abc def' }, 'github-packages:token'),
];

function inputsOf(k: Case): Record<string, unknown> {
  const base = k.resource === 'provider config' ? VERSION : BASE[k.resource];
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(k.inputs ?? {})) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

let sim: RunningSimulator;
const rows: BadInputSection['rows'] = [];
const bounded: NonNullable<BadInputSection['bounded']> = [];
const malformed: NonNullable<BadInputSection['malformed']> = [];

beforeAll(async () => {
  sim = await startReliabilitySimulator();
});
afterAll(async () => {
  await sim.stop();
  const byResource: Record<string, number> = {};
  for (const row of rows) byResource[row.resource] = (byResource[row.resource] ?? 0) + 1;
  recordSection('bad-input', { count: rows.length, byResource, rows, malformed, bounded });
});

describe('bad input is rejected at check, naming the property, with nothing mutated', () => {
  it('has at least 40 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  for (const k of CASES) {
    it(`${k.resource}: ${k.name} → ${k.property}`, async () => {
      sim.reset();
      const { context } = reliabilityContext(sim, { config: k.config ?? {} });
      const provider =
        k.resource === 'PackageVersionRetention'
          ? createRetentionProvider(context)
          : k.resource === 'Package'
            ? createPackageProvider(context)
            : createPackageVersionProvider(context);
      const started = Date.now();
      let named: string[];
      let text: string;
      try {
        const result = await provider.check({}, inputsOf(k));
        named = (result.failures ?? []).map((f) => f.property);
        text = (result.failures ?? []).map((f) => f.reason).join('\n');
        for (const f of result.failures ?? []) expect(f.reason.length).toBeLessThan(2000);
      } catch (err) {
        // Provider configuration is not a resource property: the check fails with the config key first.
        text = expectClearFailure(err);
        named = [text.slice(0, text.indexOf(': '))];
      }
      const ms = Date.now() - started;
      expect({ named, text }).toMatchObject({ named: expect.arrayContaining([expect.stringMatching(new RegExp(`(^|:)${k.property}$`))]) });
      expect(text.length).toBeGreaterThan(10);
      for (const t of ALL_TOKENS) expect(text).not.toContain(t);
      expect(text).not.toContain('ghp_abc def');
      expect(ms).toBeLessThan(2000);
      // Nothing mutated, and no request at all: the input is refused before the API is asked anything.
      expect(sim.mutations()).toEqual([]);
      expect(sim.log).toEqual([]);
      rows.push({ resource: k.resource, property: k.property, case: k.name, requests: sim.log.length });
    });
  }

  it('http:// to a non-loopback host is accepted only with github-packages:allowInsecureHttp', () => {
    const config = (extra: Record<string, string>) => ({
      get: (key: string) => ({ 'github-packages:token': 'ghp_x', 'github-packages:baseUrl': 'http://packages.internal.example', ...extra })[key],
    });
    expect(() => resolveProviderSettings(config({}), {})).toThrow(/github-packages:baseUrl.*clear text/);
    expect(resolveProviderSettings(config({ 'github-packages:allowInsecureHttp': 'true' }), {}).baseUrl).toBe('http://packages.internal.example');
  });
});

describe('catastrophic-backtracking patterns take bounded time', () => {
  const LONG = `${'a'.repeat(200)}!`;
  beforeAll(() => {
    sim.reset();
    sim.control.publishVersion({
      owner: 'acme',
      packageType: 'container',
      packageName: LONG,
      name: `sha256:${'b'.repeat(64)}`,
      tags: [`${'a'.repeat(120)}!`],
    });
  });

  for (const [property, value] of [
    ['packages', { packages: ['/(a+)+$/'] }],
    ['tags', { packages: [LONG], tags: ['/(a+)+$/', '/(a|aa)+b/'] }],
    ['names', { packages: ['/(a*)*x/'], names: ['/(.*a){20}/'] }],
  ] as const) {
    it(`${property}: /(a+)+$/-style patterns on a ${LONG.length}-character name return within 2 s`, async () => {
      const { context } = reliabilityContext(sim);
      const started = Date.now();
      const result = await createRetentionProvider(context).check({}, { ...RETENTION, ...value });
      const ms = Date.now() - started;
      expect(ms).toBeLessThan(2000);
      expect(result.failures ?? []).toEqual([]);
      bounded.push({ property, patterns: JSON.stringify((value as Record<string, unknown>)[property]) });
      expect(sim.mutations()).toEqual([]);
    });
  }
});

describe('malformed or truncated API responses: a clear error, nothing mutated', () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy(sim.baseUrl);
  });
  afterAll(() => proxy.stop());
  beforeEach(() => {
    sim.reset();
    proxy.clear();
  });

  const VERSIONS = /\/packages\/container\/web\/versions$/;

  async function expectCheckRefused(setup: () => void): Promise<string> {
    const { context } = reliabilityContext(sim, { baseUrl: proxy.baseUrl });
    setup();
    let message: string | undefined;
    try {
      const result = await createRetentionProvider(context).check({}, RETENTION);
      message = result.failures?.length ? result.failures.map((f) => f.reason).join('\n') : undefined;
      if (!message) message = `NOT REFUSED: planned ${JSON.stringify(result.inputs.pendingDeletions)}`;
    } catch (err) {
      message = expectClearFailure(err);
    }
    expect(sim.mutations()).toEqual([]);
    return message;
  }

  it('a version listing cut in half (invalid JSON)', async () => {
    const message = await expectCheckRefused(() => proxy.add({ method: 'GET', path: VERSIONS, action: { kind: 'truncate' } }));
    expect(message).not.toMatch(/^NOT REFUSED/);
    expect(message).toMatch(/JSON|malformed|unexpected|invalid/i);
    malformed.push({ case: 'version listing cut in half (invalid JSON), at check', outcome: `preview refused: "${message}"` });
  });

  it('a version listing that is not JSON (an HTML error page with status 200)', async () => {
    const message = await expectCheckRefused(() => proxy.add({ method: 'GET', path: VERSIONS, action: { kind: 'not-json' } }));
    expect(message).not.toMatch(/^NOT REFUSED/);
    malformed.push({ case: 'version listing is an HTML page with status 200, at check', outcome: `preview refused: "${message}"` });
  });

  it('a version listing that is a JSON object instead of a list', async () => {
    const message = await expectCheckRefused(() =>
      sim.faults.add({ match: { method: 'GET', path: VERSIONS }, fault: { status: 200, body: { message: 'hello' } } }),
    );
    expect(message).not.toMatch(/^NOT REFUSED/);
    malformed.push({ case: 'version listing is a JSON object, not a list, at check', outcome: `preview refused: "${message}"` });
  });

  it('a version listing whose items lack ids and dates', async () => {
    const message = await expectCheckRefused(() =>
      sim.faults.add({
        match: { method: 'GET', path: VERSIONS },
        fault: { status: 200, body: [{ name: 'x' }, { id: 'nope', created_at: 'yesterday' }] as unknown as object },
      }),
    );
    expect(message).not.toMatch(/^NOT REFUSED/);
    malformed.push({ case: 'version listing items without ids or valid dates, at check', outcome: `preview refused: "${message}"` });
  });

  it('a truncated confirmation listing at apply deletes nothing', async () => {
    const { context } = reliabilityContext(sim, { baseUrl: proxy.baseUrl });
    const provider = createRetentionProvider(context);
    const { inputs } = await provider.check({}, RETENTION);
    proxy.add({ method: 'GET', path: VERSIONS, action: { kind: 'truncate' } });
    let message: string;
    try {
      const created = await provider.create(inputs);
      message = `NOT REFUSED: ${JSON.stringify(created.outs.lastRun)}`;
    } catch (err) {
      message = expectClearFailure(err);
    }
    expect(sim.mutations()).toEqual([]);
    expect(message).toMatch(/not the expected JSON list .*nothing was changed/);
    malformed.push({ case: 'confirmation listing at apply cut in half', outcome: `nothing deleted; up refused: "${message}"` });
  });
});
