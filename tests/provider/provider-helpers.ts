import { PackagesClient } from '../../provider/client/packages-client';
import { createProviderContext, ProviderContext } from '../../provider/resources/provider-context';
import { FIXTURE_TOKENS, startSimulator, type FixtureTokenLabel, type RunningSimulator } from '../../simulator';
import { FakeClock } from '../client/fake-clock';

export { startSimulator, FIXTURE_TOKENS };
export type { RunningSimulator };

/**
 * A provider context as the engine's provider process builds it (stack config → settings → client), pointed at
 * the simulator, with "now" from the simulator's clock and instant waits (mutations still strictly serial).
 */
export function contextFor(sim: RunningSimulator, label: FixtureTokenLabel, config: Record<string, string> = {}): ProviderContext {
  const values: Record<string, string> = {
    'github-packages:token': FIXTURE_TOKENS[label],
    'github-packages:baseUrl': sim.baseUrl,
    'github-packages:mutationIntervalMs': '0',
    ...config,
  };
  return createProviderContext({
    config: { get: (key) => values[key] },
    env: {},
    now: () => sim.clock.now(),
    createClient: (settings) =>
      new PackagesClient({
        token: settings.token,
        baseUrl: settings.baseUrl,
        mutationIntervalMs: settings.mutationIntervalMs,
        // Waits take no real time but move the simulator's clock, so rate-limit windows still pass.
        clock: new FakeClock(Date.now(), (ms) => sim.clock.advance(ms)),
        log: { warn: () => undefined },
      }),
  });
}

/** Method and path of every mutating request the simulator received. */
export function mutationsOf(sim: RunningSimulator): string[] {
  return sim.mutations().map((e) => `${e.method} ${e.path}`);
}

/** Every fixture token, to assert none leaks anywhere. */
export const ALL_TOKENS = Object.values(FIXTURE_TOKENS);
