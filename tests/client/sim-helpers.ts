import { startSimulator, FIXTURE_TOKENS, type RunningSimulator, type FixtureTokenLabel } from '../../simulator';
import { PackagesClient, type PackagesClientOptions } from '../../provider/client';
import { FakeClock } from './fake-clock';

export { startSimulator, FIXTURE_TOKENS, FakeClock };
export type { RunningSimulator };

export interface TestClient {
  client: PackagesClient;
  clock: FakeClock;
  warnings: string[];
}

/** A client for `sim` with a fixture token, a fake clock (sleeps recorded, instant) and captured warnings. */
export function clientFor(sim: RunningSimulator, label: FixtureTokenLabel, opts: Partial<PackagesClientOptions> = {}): TestClient {
  const clock = new FakeClock();
  const warnings: string[] = [];
  const client = new PackagesClient({
    token: FIXTURE_TOKENS[label],
    baseUrl: sim.baseUrl,
    clock,
    log: { warn: (m) => warnings.push(m) },
    mutationIntervalMs: 1000,
    ...opts,
  });
  return { client, clock, warnings };
}

/** Every fixture token string, to assert none leaks into errors. */
export const ALL_TOKENS: string[] = Object.values(FIXTURE_TOKENS);

/** Runs `fn`, expects it to reject, and returns the error after checking no token appears anywhere in it. */
export async function expectTokenFreeRejection(fn: () => Promise<unknown>): Promise<Error> {
  let caught: unknown;
  try {
    await fn();
  } catch (err) {
    caught = err;
  }
  if (!(caught instanceof Error)) throw new Error(`expected a rejection with an Error, got ${String(caught)}`);
  const everything = [caught.message, caught.stack ?? '', JSON.stringify(caught), String(caught)].join('\n');
  for (const t of ALL_TOKENS) expect(everything).not.toContain(t);
  return caught;
}
