/**
 * Which container registry the token goes to. Only GitHub.com's API sends it to ghcr.io; a GitHub Enterprise
 * Server API (`https://HOST/api/v3`) sends it to that server's registry (`https://containers.HOST`); any other API
 * sends it to no registry unless `github-packages:registryUrl` names one. A container policy planned without its
 * image graph says so first, within the 150 characters the Pulumi CLI shows of a string.
 */
import * as transport from '../../provider/client/node-http-fetch';
import { PackagesClient } from '../../provider/client/packages-client';
import { createProviderContext } from '../../provider/resources/provider-context';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { isLoopback, packagesClientOptions, registryUrlBeside, resolveProviderSettings } from '../../provider/settings/provider-settings';
import { FIXTURE_PATHS, generateMultiArchRepository, withRepository } from '../../simulator';
import { readFixture } from '../../simulator/fixture-loader';
import { FakeClock } from '../client/fake-clock';
import { ALL_TOKENS, FIXTURE_TOKENS, startSimulator, type RunningSimulator } from './provider-helpers';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const repo = generateMultiArchRepository({ owner: 'octocat', name: 'app', images: 10, intervalHours: 24 }, NOW);
const policy = { packageType: 'container', packages: ['app'], keepNewestTagged: 5, olderThan: '7d', maxShareOfPackage: 0.5 };
const TOKEN = FIXTURE_TOKENS.admin;

describe('the registry beside the API', () => {
  it.each([
    ['https://api.github.com', 'https://ghcr.io'],
    ['https://ghe.example.com/api/v3', 'https://containers.ghe.example.com'],
    ['https://ghe.example.com:8443/api/v3', 'https://containers.ghe.example.com:8443'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['https://proxy.example.com', undefined],
    ['https://api.github.com.evil.example', undefined],
    ['https://ghe.example.com/api/graphql', undefined],
  ])('%s → %s', (baseUrl, registry) => {
    expect(registryUrlBeside(baseUrl)).toBe(registry);
    const settings = resolveProviderSettings({ get: (k) => ({ 'github-packages:baseUrl': baseUrl })[k] }, { GITHUB_TOKEN: TOKEN });
    expect(settings.registryUrl).toBe(registry);
  });

  it('a registryUrl set beside the base URL wins', () => {
    const values: Record<string, string> = {
      'github-packages:baseUrl': 'https://ghe.example.com/api/v3',
      'github-packages:registryUrl': 'https://registry.ghe.example.com/',
    };
    expect(resolveProviderSettings({ get: (k) => values[k] }, { GITHUB_TOKEN: TOKEN }).registryUrl).toBe('https://registry.ghe.example.com');
  });
});

describe('a container policy against GitHub Enterprise Server', () => {
  let sim: RunningSimulator;
  let requested: URL[];
  let transportSpy: jest.SpyInstance;
  let globalFetchSpy: jest.SpyInstance;
  const realTransport = transport.nodeHttpFetch;

  beforeAll(async () => {
    sim = await startSimulator({ fixture: withRepository(readFixture(FIXTURE_PATHS.default), repo), clock: { now: new Date(NOW), frozen: true } });
  });
  afterAll(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    sim.clock.freeze();
    sim.clock.set(new Date(NOW));
    requested = [];
    // Every request the provider's clients send (their one transport; the global fetch must see none): loopback (the
    // simulator standing in for the GHES API) goes through; anything else is recorded and fails as an unreachable
    // host would, without touching the network.
    globalFetchSpy = jest.spyOn(globalThis, 'fetch');
    transportSpy = jest.spyOn(transport, 'nodeHttpFetch').mockImplementation((input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      requested.push(url);
      if (isLoopback(url.hostname)) return realTransport(input, init);
      return Promise.reject(new TypeError('fetch failed'));
    });
  });
  afterEach(() => {
    expect(globalFetchSpy).not.toHaveBeenCalled();
    transportSpy.mockRestore();
    globalFetchSpy.mockRestore();
  });

  /** The provider as configured with `baseUrl` (and no registryUrl); the API calls reach the simulator. */
  const provider = (baseUrl: string) =>
    createRetentionProvider(
      createProviderContext({
        config: { get: (k) => ({ 'github-packages:token': TOKEN, 'github-packages:baseUrl': baseUrl })[k] },
        env: {},
        now: () => sim.clock.now(),
        sleep: async (ms) => void sim.clock.advance(ms),
        createClient: (settings) =>
          new PackagesClient({
            ...packagesClientOptions(settings),
            baseUrl: sim.baseUrl,
            mutationIntervalMs: 0,
            clock: new FakeClock(sim.clock.now().getTime(), (ms) => sim.clock.advance(ms)),
            log: { warn: () => undefined },
          }),
      }),
    );

  it('sends nothing to ghcr.io: the registry read is containers.HOST, and the preview says first that the graph was not read', async () => {
    const { inputs, failures } = await provider('https://ghe.example.com/api/v3').check({}, policy);
    expect(failures ?? []).toEqual([]);
    const foreign = requested.filter((u) => !isLoopback(u.hostname));
    expect(foreign.map((u) => u.hostname)).not.toContain('ghcr.io');
    expect(foreign.length).toBeGreaterThan(0);
    expect(new Set(foreign.map((u) => u.host))).toEqual(new Set(['containers.ghe.example.com']));
    const first: string = inputs.planWarnings[0];
    expect(first.slice(0, 150)).toMatch(/^image graph not read \(container registry\) for 1 package: planned version by version, fail closed\./);
    expect(first).toMatch(/Registry: "app": container registry https:\/\/containers\.ghe\.example\.com could not be reached/);
    expect(JSON.stringify(inputs)).not.toContain(TOKEN);
    for (const token of ALL_TOKENS) expect(first).not.toContain(token);
  });

  it('an API with no known registry beside it: no registry request at all, and the warning names the setting', async () => {
    const { inputs, failures } = await provider('https://github-proxy.example.com').check({}, policy);
    expect(failures ?? []).toEqual([]);
    expect(requested.filter((u) => !isLoopback(u.hostname))).toEqual([]);
    expect(inputs.planWarnings[0].slice(0, 150)).toMatch(/^image graph not read \(container registry\) for 1 package: planned version by version/);
    expect(inputs.planWarnings[0]).toContain(
      'no container registry is known beside github-packages:baseUrl https://github-proxy.example.com; set github-packages:registryUrl',
    );
  });
});
