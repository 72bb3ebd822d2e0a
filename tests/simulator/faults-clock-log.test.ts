import { startSimulator, type RunningSimulator } from '../../simulator';
import { call } from './helpers';
import { SimulatorRuntime } from '../../simulator/simulator-runtime';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const LIST = '/orgs/acme/packages/container/web/versions';

test('a status fault fires on the nth matching request, for `times` requests', async () => {
  sim.faults.add({ match: { method: 'GET', path: LIST, nth: 2, times: 2 }, fault: { status: 502 } });
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await call(sim.baseUrl, 'GET', LIST, 'admin')).status);
  expect(statuses).toEqual([200, 502, 502, 200, 200]);
});

test('faults match regular expressions, carry custom bodies and headers, and clear', async () => {
  sim.faults.add({ match: { path: /\/versions\/\d+$/, times: 10 }, fault: { status: 500, body: { message: 'boom' }, headers: { 'X-Test': '1' } } });
  const r = await call(sim.baseUrl, 'DELETE', `${LIST}/100110`, 'admin');
  expect(r.status).toBe(500);
  expect(r.body).toEqual({ message: 'boom' });
  expect(r.headers.get('x-test')).toBe('1');
  expect((await call(sim.baseUrl, 'GET', LIST, 'admin')).status).toBe(200);
  sim.faults.clear();
  expect((await call(sim.baseUrl, 'DELETE', `${LIST}/100110`, 'admin')).status).toBe(204);
});

test('a reset fault destroys the connection; the server keeps serving', async () => {
  sim.faults.add({ fault: { reset: true } });
  await expect(call(sim.baseUrl, 'GET', LIST, 'admin')).rejects.toThrow();
  expect((await call(sim.baseUrl, 'GET', LIST, 'admin')).status).toBe(200);
  expect(sim.log[0].status).toBe(0);
});

test('a delay fault slows one request and then serves it', async () => {
  sim.faults.add({ fault: { delayMs: 200 } });
  const t0 = Date.now();
  expect((await call(sim.baseUrl, 'GET', LIST, 'admin')).status).toBe(200);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
});

test('rate-limit faults: primary (remaining 0) and secondary with or without Retry-After', async () => {
  sim.faults.add({ fault: { rateLimit: 'primary' } });
  const p = await call(sim.baseUrl, 'GET', LIST, 'admin');
  expect(p.status).toBe(403);
  expect(p.headers.get('x-ratelimit-remaining')).toBe('0');
  sim.faults.add({ fault: { rateLimit: 'secondary', retryAfter: 3 } });
  const s = await call(sim.baseUrl, 'GET', LIST, 'admin');
  expect(s.body.message).toMatch(/secondary rate limit/);
  expect(s.headers.get('retry-after')).toBe('3');
  sim.faults.add({ fault: { rateLimit: 'secondary' } });
  expect((await call(sim.baseUrl, 'GET', LIST, 'admin')).headers.has('retry-after')).toBe(false);
});

test('the clock can be set, frozen and advanced, and drives deleted_at', async () => {
  // Freeze first: set() then freeze() would let a real millisecond pass in between.
  sim.clock.freeze();
  sim.clock.set('2030-01-01T00:00:00Z');
  expect(sim.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  await call(sim.baseUrl, 'DELETE', `${LIST}/100110`, 'admin');
  const v = sim.control.getVersion({ owner: 'acme', packageType: 'container', packageName: 'web', versionId: 100110 });
  expect(v.deletedAt).toBe('2030-01-01T00:00:00Z');
  sim.clock.advance(60_000);
  expect(sim.clock.now().toISOString()).toBe('2030-01-01T00:01:00.000Z');
  sim.clock.unfreeze();
  expect(sim.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:01:00Z'));
  sim.reset();
  expect(Math.abs(sim.clock.now().getTime() - Date.now())).toBeLessThan(1000);
});

test('the log records label, path as sent, query, status and start/end order; mutations() filters', async () => {
  await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/base%2Falpine/versions?per_page=5', 'read-only');
  await call(sim.baseUrl, 'DELETE', `${LIST}/100110`, 'admin');
  await call(sim.baseUrl, 'GET', '/user');
  const [get, del, anon] = sim.log;
  expect(get).toMatchObject({
    seq: 1,
    method: 'GET',
    path: '/orgs/acme/packages/container/base%2Falpine/versions',
    query: { per_page: '5' },
    status: 200,
    tokenLabel: 'read-only',
  });
  expect(del).toMatchObject({ method: 'DELETE', status: 204, tokenLabel: 'admin' });
  expect(anon.tokenLabel).toBeUndefined();
  expect(get.endOrder!).toBeLessThan(del.startOrder);
  expect(sim.mutations()).toEqual([del]);
  expect(JSON.stringify(sim.log)).not.toMatch(/ghp_/);
  sim.clearLog();
  expect(sim.log).toHaveLength(0);
});

test('overlapping requests are visible in the log', async () => {
  const slow = await startSimulator({ rateLimits: { enabled: false }, latencyMs: 100 });
  try {
    await Promise.all([call(slow.baseUrl, 'DELETE', `${LIST}/100110`, 'admin'), call(slow.baseUrl, 'DELETE', `${LIST}/100105`, 'admin')]);
    const [a, b] = slow.mutations();
    expect(a.startOrder < b.endOrder! && b.startOrder < a.endOrder!).toBe(true);
  } finally {
    await slow.stop();
  }
});

test('"accepted without effect": a {status: 204} fault on a mutation answers as a real success does, and applies nothing', async () => {
  const real = await call(sim.baseUrl, 'DELETE', `${LIST}/100109`, 'admin');
  sim.faults.add({ match: { method: 'DELETE', path: `${LIST}/100110` }, fault: { status: 204 } });
  const faked = await call(sim.baseUrl, 'DELETE', `${LIST}/100110`, 'admin');
  expect({ status: faked.status, body: faked.body }).toEqual({ status: 204, body: undefined });
  expect({ status: real.status, body: real.body }).toEqual({ status: 204, body: undefined });
  // The same headers (values such as the request id and rate-limit counters differ).
  expect([...faked.headers.keys()].sort()).toEqual([...real.headers.keys()].sort());
  const state = (versionId: number) => sim.control.getVersion({ owner: 'acme', packageType: 'container', packageName: 'web', versionId }).state;
  expect(state(100109)).toBe('deleted');
  expect(state(100110)).toBe('active');
});

test('a simulator started at a frozen time is at exactly that time, however long start-up takes', () => {
  // Real time moves 1 ms on every read, as on a loaded machine: the frozen time must not pick up that drift
  // (CI once saw an X-RateLimit-Reset one second late because freezing happened a millisecond after setting).
  let fakeNow = Date.parse('2026-01-01T00:00:00Z');
  const spy = jest.spyOn(Date, 'now').mockImplementation(() => fakeNow++);
  try {
    const runtime = new SimulatorRuntime({ clock: { now: '2025-06-01T12:00:00Z', frozen: true } });
    expect(runtime.clock.now().toISOString()).toBe('2025-06-01T12:00:00.000Z');
  } finally {
    spy.mockRestore();
  }
});
