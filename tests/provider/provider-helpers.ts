import { PackagesClient } from '../../provider/client/packages-client';
import { createProviderContext, ProviderContext } from '../../provider/resources/provider-context';
import { packagesClientOptions } from '../../provider/settings/provider-settings';
import { FIXTURE_TOKENS, startSimulator, type FixtureTokenLabel, type RunningSimulator } from '../../simulator';
import { FakeClock } from '../client/fake-clock';

export { startSimulator, FIXTURE_TOKENS };
export type { RunningSimulator };

export interface ContextOptions {
  /** Stack config on top of the token, the simulator's base URL and a zero mutation interval. */
  config?: Record<string, string>;
  /** The client's transport (e.g. through a fault proxy). */
  fetch?: typeof fetch;
  /** Receives the client's warnings (retry and wait notices). */
  warnings?: string[];
  /** Runs during each wait of the provider's own (between the reads that verify an effect), with its length. */
  onWait?: (ms: number) => void;
  /** Receives the provider's notices to the person running the preview (the engine's log in a real run). */
  notices?: string[];
}

/**
 * A provider context as the engine's provider process builds it (stack config → settings → client), pointed at
 * the simulator, with "now" from the simulator's clock and instant waits (mutations still strictly serial).
 */
export function contextFor(sim: RunningSimulator, label: FixtureTokenLabel, options: ContextOptions = {}): ProviderContext {
  const values: Record<string, string> = {
    'github-packages:token': FIXTURE_TOKENS[label],
    'github-packages:baseUrl': sim.baseUrl,
    'github-packages:mutationIntervalMs': '0',
    // The simulator's registry, never ghcr.io: container policies read the image graph by default.
    'github-packages:registryUrl': sim.baseUrl,
    // Pages for conditional reads stay in this process's memory (the disk tier has tests of its own).
    'github-packages:cacheDir': 'off',
    ...options.config,
  };
  const warnings = options.warnings;
  return createProviderContext({
    config: { get: (key) => values[key] },
    env: {},
    notify: async (m) => void options.notices?.push(m),
    now: () => sim.clock.now(),
    // Instant, but the simulator's clock moves on; a test may change the world meanwhile (a write landing late).
    sleep: async (ms) => {
      sim.clock.advance(ms);
      options.onWait?.(ms);
    },
    createClient: (settings) =>
      new PackagesClient({
        ...packagesClientOptions(settings),
        // Waits take no real time but move the simulator's clock, so rate-limit windows still pass.
        clock: new FakeClock(sim.clock.now().getTime(), (ms) => sim.clock.advance(ms)),
        log: { warn: (m) => warnings?.push(m) },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
  });
}

/** Method and path of every mutating request the simulator received. */
export function mutationsOf(sim: RunningSimulator): string[] {
  return sim.mutations().map((e) => `${e.method} ${e.path}`);
}

/** Every fixture token, to assert none leaks anywhere. */
export const ALL_TOKENS = Object.values(FIXTURE_TOKENS);
