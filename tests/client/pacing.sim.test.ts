/**
 * How the client treats GitHub: pagination (ceil(N/100) GETs, page 1 first, no per-version GETs), rate limits
 * (waits as asked through the injected clock, then succeeds, without a burst), serial and spaced mutations,
 * retries of server errors, and refusing to follow a Link to another origin.
 */
import type { PackageRef } from '../../provider/types';
import { PackagesClient, type ListProgress } from '../../provider/client';
import { ForeignLinkError, RateLimitExhaustedError } from '../../provider/errors';
import type { RequestLogEntry } from '../../simulator';
import { expectTokenFreeRejection, FakeClock, FIXTURE_TOKENS, startSimulator, type RunningSimulator } from './sim-helpers';

const acme = { kind: 'org' as const, login: 'acme' };
const web: PackageRef = { owner: acme, packageType: 'container', name: 'web' };

/** A client whose fake clock drives the simulator's clock, so waiting "really" lets rate-limit windows pass. */
function linkedClient(sim: RunningSimulator, opts: { readConcurrency?: number; mutationIntervalMs?: number; maxRateLimitWaitMs?: number } = {}) {
  const clock = new FakeClock(Date.now(), (ms) => sim.clock.advance(ms));
  const warnings: string[] = [];
  const client = new PackagesClient({
    token: FIXTURE_TOKENS.admin,
    baseUrl: sim.baseUrl,
    clock,
    log: { warn: (m) => warnings.push(m) },
    mutationIntervalMs: opts.mutationIntervalMs ?? 1000,
    readConcurrency: opts.readConcurrency ?? 4,
    ...(opts.maxRateLimitWaitMs === undefined ? {} : { maxRateLimitWaitMs: opts.maxRateLimitWaitMs }),
  });
  return { client, clock, warnings };
}

function publishMany(sim: RunningSimulator, name: string, count: number): PackageRef {
  for (let i = 0; i < count; i++) {
    sim.control.publishVersion({ owner: 'acme', packageType: 'npm', packageName: name, name: `0.0.${i}`, createdAt: `now-${count - i}m` });
  }
  return { owner: acme, packageType: 'npm', name };
}

const overlaps = (a: RequestLogEntry, b: RequestLogEntry) => a.startOrder < b.endOrder! && b.startOrder < a.endOrder!;

describe('pagination', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  it('fetches ceil(N/100) pages, page 1 first then the rest within the bound, and no per-version GET', async () => {
    const ref = publishMany(sim, 'many', 650);
    const { client } = linkedClient(sim, { readConcurrency: 3 });
    const progress: ListProgress[] = [];
    sim.clearLog();
    const versions = await client.listVersions(ref, { onProgress: (p) => progress.push(p) });

    expect(versions).toHaveLength(650);
    expect(new Set(versions.map((v) => v.id)).size).toBe(650);
    expect(versions[0].name).toBe('0.0.649'); // newest first, pages concatenated in order
    expect(versions[649].name).toBe('0.0.0');

    const gets = sim.log.filter((e) => e.method === 'GET');
    expect(gets).toHaveLength(7);
    expect(sim.log).toHaveLength(7);
    expect(gets.every((e) => /\/versions$/.test(e.path))).toBe(true);
    expect(gets[0].query).toMatchObject({ page: '1', per_page: '100', state: 'active' });
    expect(
      gets
        .slice(1)
        .map((e) => Number(e.query.page))
        .sort((a, b) => a - b),
    ).toEqual([2, 3, 4, 5, 6, 7]);
    expect(gets.slice(1).every((e) => e.query.per_page === '100')).toBe(true);
    // Page 1 finished before any other page started; never more than 3 in flight afterwards.
    for (const e of gets.slice(1)) expect(e.startOrder).toBeGreaterThan(gets[0].endOrder!);
    for (const e of gets) expect(gets.filter((o) => overlaps(e, o)).length).toBeLessThanOrEqual(3);

    expect(progress[0]).toEqual({ pagesFetched: 1, totalPages: 7, itemsFetched: 100 });
    expect(progress[progress.length - 1]).toEqual({ pagesFetched: 7, totalPages: 7, itemsFetched: 650 });
  });

  it('a single page needs one GET', async () => {
    const { client } = linkedClient(sim);
    sim.clearLog();
    expect(await client.listVersions(web)).toHaveLength(11);
    expect(sim.log).toHaveLength(1);
  });

  it('refuses to follow a Link to another origin, with a clear error', async () => {
    sim.faults.add({
      match: { method: 'GET', path: /\/versions$/ },
      fault: { status: 200, body: [], headers: { Link: '<https://evil.example/orgs/acme/packages/container/web/versions?page=2>; rel="last"' } },
    });
    const { client } = linkedClient(sim);
    const err = await expectTokenFreeRejection(() => client.listVersions(web));
    expect(err).toBeInstanceOf(ForeignLinkError);
    expect(err.message).toContain('https://evil.example');
    expect(sim.log).toHaveLength(1);
  });
});

describe('rate limits', () => {
  let sim: RunningSimulator;
  afterEach(() => sim.stop());

  it('secondary limit with Retry-After: waits that long through the clock, then succeeds', async () => {
    sim = await startSimulator();
    sim.faults.add({ match: { method: 'GET', path: /\/versions$/ }, fault: { rateLimit: 'secondary', retryAfter: 7 } });
    const { client, clock, warnings } = linkedClient(sim);
    expect(await client.listVersions(web)).toHaveLength(11);
    expect(clock.sleeps).toEqual([7000]);
    expect(warnings.join('\n')).toMatch(/secondary rate limit .* waiting 7 s before retry 1 of 3/);
    expect(sim.log.map((e) => e.status)).toEqual([403, 200]);
    expect(sim.log[1].startedAt - sim.log[0].endedAt!).toBeGreaterThanOrEqual(7000);
  });

  it('secondary limit without Retry-After: 60 s, then doubling', async () => {
    sim = await startSimulator();
    sim.faults.add({ match: { method: 'GET', path: /\/versions$/, times: 2 }, fault: { rateLimit: 'secondary' } });
    const { client, clock } = linkedClient(sim);
    expect(await client.listVersions(web)).toHaveLength(11);
    expect(clock.sleeps).toEqual([60_000, 120_000]);
  });

  it('gives up after the bounded retries with RateLimitExhaustedError', async () => {
    sim = await startSimulator();
    sim.faults.add({ match: { method: 'GET', path: /\/versions$/, times: 10 }, fault: { rateLimit: 'secondary', retryAfter: 1 } });
    const { client, clock } = linkedClient(sim);
    const err = await expectTokenFreeRejection(() => client.listVersions(web));
    expect(err).toBeInstanceOf(RateLimitExhaustedError);
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
    expect(sim.log).toHaveLength(4);
  });

  it('primary limit: waits until X-RateLimit-Reset, sends nothing meanwhile, then succeeds', async () => {
    sim = await startSimulator({ rateLimits: { primary: { limit: 5 } } });
    const ref = publishMany(sim, 'paged', 650);
    // A wait of most of an hour is more than the default 30 minutes allows: this run allows it.
    const { client, clock, warnings } = linkedClient(sim, { readConcurrency: 4, maxRateLimitWaitMs: 3 * 3600_000 });
    const versions = await client.listVersions(ref);
    expect(versions).toHaveLength(650);

    const refused = sim.log.filter((e) => e.status === 403);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    // Only requests already in flight when the first refusal arrived were refused; all waited together once.
    expect(clock.sleeps).toHaveLength(1);
    const resetMs = sim.log[0].startedAt + 3600_000;
    expect(clock.sleeps[0]).toBeGreaterThan(3500_000);
    expect(warnings.join('\n')).toMatch(/primary rate limit/);
    // No burst into the limit: only requests already on their way when the refusal reached the client were
    // refused (at most one per worker), and every request after that waited for the reset.
    expect(refused.length).toBeLessThanOrEqual(4);
    const lastRefusal = Math.max(...refused.map((e) => e.startOrder));
    const later = sim.log.filter((e) => e.startOrder > lastRefusal);
    expect(later.length).toBeGreaterThan(0);
    for (const e of later) expect(e.startedAt).toBeGreaterThanOrEqual(resetMs - 1000);
    expect(later.every((e) => e.status === 200)).toBe(true);
    expect(sim.log).toHaveLength(7 + refused.length);
  });

  it('primary limit over several windows: waits each time on the injected clock and finishes', async () => {
    sim = await startSimulator({ rateLimits: { primary: { limit: 3 } } });
    const ref = publishMany(sim, 'windows', 650);
    const { client, clock } = linkedClient(sim, { readConcurrency: 2, maxRateLimitWaitMs: 24 * 3600_000 });
    expect(await client.listVersions(ref)).toHaveLength(650);
    expect(clock.sleeps.length).toBeGreaterThanOrEqual(2);
    // Each wait is one window at most (plus a second, plus the fake clock lagging real time by the test's run time).
    for (const ms of clock.sleeps) expect(ms).toBeLessThanOrEqual(3605_000);
    expect(sim.log.filter((e) => e.status === 200)).toHaveLength(7);
  });

  it("the simulator's secondary points limit on deletes: waits Retry-After and finishes every delete", async () => {
    sim = await startSimulator({ rateLimits: { secondary: { pointsPerMinute: 12 } } });
    const ref = publishMany(sim, 'cleanup', 6);
    const { client, clock } = linkedClient(sim, { mutationIntervalMs: 1000 });
    const versions = await client.listVersions(ref);
    for (const v of versions.slice(1)) await client.deleteVersion(ref, v.id);
    expect(await client.listVersions(ref)).toHaveLength(1);
    const deletes = sim.log.filter((e) => e.method === 'DELETE');
    expect(deletes.filter((e) => e.status === 204)).toHaveLength(5);
    expect(deletes.filter((e) => e.status === 403).length).toBeGreaterThanOrEqual(1);
    expect(clock.sleeps.some((ms) => ms > 1000)).toBe(true); // a Retry-After wait besides the 1 s spacing
  });
});

describe('an overall limit on waiting for rate limits (github-packages:maxRateLimitWaitMs, default 30 minutes)', () => {
  let sim: RunningSimulator;
  afterEach(() => sim.stop());

  it('a Retry-After just under an hour is not waited: the request fails at once with the time GitHub gave', async () => {
    sim = await startSimulator();
    sim.faults.add({ match: { method: 'GET', path: /\/versions$/ }, fault: { rateLimit: 'secondary', retryAfter: 3800 } });
    const { client, clock } = linkedClient(sim);
    const started = clock.now();
    const err = await expectTokenFreeRejection(() => client.listVersions(web));
    expect(err).toBeInstanceOf(RateLimitExhaustedError);
    expect(clock.sleeps).toEqual([]);
    const until = new Date(Math.ceil((started + 3800_000) / 1000) * 1000).toISOString().slice(0, 16);
    expect(err.message).toMatch(
      /^GitHub's secondary rate limit refused to read container package "web" of organization acme and asked to wait 64 minutes \(until \S+\), that is more than github-packages:maxRateLimitWaitMs allows \(30 minutes\), so the client did not retry\. GitHub asked to wait until \S+; run again after that, or raise github-packages:maxRateLimitWaitMs/,
    );
    expect(err.message).toContain(`until ${until}`);
    expect(err.message).not.toMatch(/few minutes/);
  });

  it('waits add up: a second wait that would pass 30 minutes in all is not begun', async () => {
    sim = await startSimulator();
    sim.faults.add({ match: { method: 'GET', path: /\/versions$/, times: 3 }, fault: { rateLimit: 'secondary', retryAfter: 1000 } });
    const { client, clock } = linkedClient(sim);
    const err = await expectTokenFreeRejection(() => client.listVersions(web));
    expect(clock.sleeps).toEqual([1000_000]);
    expect(err.message).toMatch(
      /asked to wait 17 minutes \(until \S+\); with the 17 minutes already waited on rate limits in this run, that is more than/,
    );
  });

  it('a primary limit whose reset is most of an hour away: fails at once with the reset time', async () => {
    sim = await startSimulator({ rateLimits: { primary: { limit: 2 } } });
    const ref = publishMany(sim, 'paged', 650);
    const { client, clock } = linkedClient(sim, { readConcurrency: 1 });
    const err = await expectTokenFreeRejection(() => client.listVersions(ref));
    expect(err).toBeInstanceOf(RateLimitExhaustedError);
    expect(clock.sleeps).toEqual([]);
    const reset = /The token's hourly quota resets at (\S+); run again after that, or raise github-packages:maxRateLimitWaitMs/.exec(
      err.message,
    )?.[1];
    // The simulator's window: an hour from the first request.
    expect(Date.parse(reset!) - sim.log[0].startedAt).toBeGreaterThan(3500_000);
    expect(Date.parse(reset!) - sim.log[0].startedAt).toBeLessThanOrEqual(3602_000); // epoch seconds, rounded up
  });

  it('0 never waits', async () => {
    sim = await startSimulator();
    sim.faults.add({ match: { method: 'GET', path: /\/versions$/ }, fault: { rateLimit: 'secondary', retryAfter: 1 } });
    const { client, clock } = linkedClient(sim, { maxRateLimitWaitMs: 0 });
    await expectTokenFreeRejection(() => client.listVersions(web));
    expect(clock.sleeps).toEqual([]);
  });
});

describe('mutations', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  it('run one at a time even when called concurrently, spaced by mutationIntervalMs through the clock', async () => {
    const ref = publishMany(sim, 'burst', 8);
    const { client, clock } = linkedClient(sim, { mutationIntervalMs: 1500 });
    const versions = await client.listVersions(ref);
    sim.clearLog();
    await Promise.all([
      ...versions.slice(0, 4).map((v) => client.deleteVersion(ref, v.id)),
      client.deletePackage({ owner: acme, packageType: 'npm', name: 'ui' }),
    ]);
    await client.restoreVersion(ref, versions[0].id);

    const m = sim.mutations();
    expect(m).toHaveLength(6);
    for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) expect(overlaps(m[i], m[j])).toBe(false);
    for (let i = 1; i < m.length; i++) expect(m[i].startedAt - m[i - 1].endedAt!).toBeGreaterThanOrEqual(1500);
    expect(clock.sleeps).toHaveLength(5);
    for (const ms of clock.sleeps) expect(ms).toBeLessThanOrEqual(1500);
  });

  it('a failed mutation does not block the next one', async () => {
    const { client } = linkedClient(sim);
    const solo: PackageRef = { owner: acme, packageType: 'npm', name: 'solo' };
    const results = await Promise.allSettled([client.deleteVersion(solo, 100601), client.deleteVersion(web, 100105)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
  });
});

describe('server errors', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  it('retries 5xx with growing waits through the clock, then succeeds', async () => {
    sim.faults.add({ match: { method: 'GET', path: /\/versions$/, times: 2 }, fault: { status: 502 } });
    const { client, clock, warnings } = linkedClient(sim);
    expect(await client.listVersions(web)).toHaveLength(11);
    expect(clock.sleeps).toEqual([1000, 4000]);
    expect(warnings.join('\n')).toMatch(/502/);
  });

  it('retries a reset connection', async () => {
    sim.faults.add({ match: { method: 'GET', path: /\/versions$/ }, fault: { reset: true } });
    const { client, clock } = linkedClient(sim);
    expect(await client.listVersions(web)).toHaveLength(11);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('gives up after the bounded retries with an ApiError naming the status', async () => {
    sim.faults.add({ match: { method: 'GET', path: /\/versions$/, times: 10 }, fault: { status: 503 } });
    const { client, clock } = linkedClient(sim);
    const err = await expectTokenFreeRejection(() => client.listVersions(web));
    expect(err.message).toMatch(/503/);
    expect(clock.sleeps).toEqual([1000, 4000, 9000]);
  });
});
