/**
 * Load: one provider process serves every resource of a stack, and the engine runs them in parallel. Fifty
 * policies planning at once over an organization of 500 packages (two pages of versions each: 1,300 requests,
 * more than GitHub's 900 points a minute), through one provider context as the provider process builds it,
 * against the simulator with GitHub's limits on: no request is refused for a limit, and the process never has more
 * requests in flight than its shared budget allows. Waits take no real time (the client's clock drives the
 * simulator's); counts only, the wall time of a real-time engine run is in docs/benchmarks.md.
 */
import { BENCH_ORG, BENCH_TOKEN, orgFixture } from '../../bench/bench-fixtures';
import { maxInFlight } from '../../bench/request-stats';
import { PackagesClient } from '../../provider/client/packages-client';
import { DEFAULT_BUDGET_LIMITS } from '../../provider/client/request-budget';
import { createProviderContext } from '../../provider/resources/provider-context';
import { packagesClientOptions } from '../../provider/settings/provider-settings';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { FakeClock } from '../client/fake-clock';

const POLICIES = 50;
const PACKAGES = 500;
const VERSIONS_EACH = 101;

/** Policy i covers pkg-i0 … pkg-i9: ten packages each, all 500 together. */
function policy(i: number): Record<string, unknown> {
  return { org: BENCH_ORG, packageType: 'npm', packages: [`pkg-${String(i).padStart(2, '0')}*`], keepNewest: 60 };
}

describe('many policies, one token, one provider process', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    // Latency keeps requests open, so parallel planning piles them up as it would against GitHub.
    sim = await startSimulator({ fixture: orgFixture(PACKAGES, VERSIONS_EACH), latencyMs: 20, clock: { frozen: true } });
  });
  afterAll(() => sim.stop());

  it(`${POLICIES} policies planning at once over ${PACKAGES} packages: zero limit responses, in flight bounded process-wide`, async () => {
    const values: Record<string, string> = { 'github-packages:token': BENCH_TOKEN, 'github-packages:baseUrl': sim.baseUrl };
    const clock = new FakeClock(sim.clock.now().getTime(), (ms) => sim.clock.advance(ms));
    const context = createProviderContext({
      config: { get: (key) => values[key] },
      env: {},
      now: () => sim.clock.now(),
      createClient: (settings) => new PackagesClient({ ...packagesClientOptions(settings), clock, log: { warn: () => undefined } }),
    });
    const results = await Promise.all(Array.from({ length: POLICIES }, (_, i) => createRetentionProvider(context).check({}, policy(i))));
    expect(results.flatMap((r) => r.failures ?? [])).toEqual([]);
    expect(results.reduce((sum, r) => sum + Object.keys(r.inputs.pendingDeletions).length, 0)).toBe(PACKAGES);
    expect(sim.log.length).toBeGreaterThan(900); // more than one minute's points: the budget had to spread them
    expect(sim.log.filter((e) => e.status === 403 || e.status === 429).length).toBe(0);
    expect(maxInFlight(sim.log)).toBeLessThanOrEqual(DEFAULT_BUDGET_LIMITS.maxInFlight);
  }, 180_000);
});

describe('github-packages:requestPointsPerMinute: the budget of a server with limits of its own (GitHub Enterprise Server)', () => {
  const LIMIT = 60;
  let sim: RunningSimulator;
  beforeAll(async () => {
    // A server allowing 60 points a minute; 40 packages of two pages each take 81 reads to plan.
    sim = await startSimulator({
      fixture: orgFixture(40, VERSIONS_EACH),
      clock: { frozen: true },
      rateLimits: { secondary: { pointsPerMinute: LIMIT } },
    });
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  async function plan(config: Record<string, string>) {
    const values: Record<string, string> = { 'github-packages:token': BENCH_TOKEN, 'github-packages:baseUrl': sim.baseUrl, ...config };
    const clock = new FakeClock(sim.clock.now().getTime(), (ms) => sim.clock.advance(ms));
    const context = createProviderContext({
      config: { get: (key) => values[key] },
      env: {},
      now: () => sim.clock.now(),
      createClient: (settings) => new PackagesClient({ ...packagesClientOptions(settings), clock, log: { warn: () => undefined } }),
    });
    const started = clock.now();
    const result = await createRetentionProvider(context).check({}, { org: BENCH_ORG, packageType: 'npm', packages: ['*'], keepNewest: 60 });
    return { result, waitedMs: clock.now() - started, refused: sim.log.filter((e) => e.status === 403 || e.status === 429).length };
  }

  it('set to the server’s limit: the provider waits for its points and is never refused', async () => {
    const { result, waitedMs, refused } = await plan({ 'github-packages:requestPointsPerMinute': String(LIMIT) });
    expect(result.failures ?? []).toEqual([]);
    expect(Object.keys(result.inputs.pendingDeletions)).toHaveLength(40);
    expect(sim.log.length).toBeGreaterThan(LIMIT);
    expect(refused).toBe(0);
    expect(waitedMs).toBeGreaterThanOrEqual(60_000); // the reads past the first minute's 60 points waited for the next
  }, 120_000);

  it('left at GitHub.com’s 900, the same plan runs into the server’s limit (refused, then retried)', async () => {
    const { result, refused } = await plan({});
    expect(result.failures ?? []).toEqual([]);
    expect(refused).toBeGreaterThan(0);
  }, 120_000);
});
