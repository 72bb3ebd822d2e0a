import { startSimulator, type RunningSimulator, type RateLimitOptions } from '../../simulator';
import { call } from './helpers';

const sims: RunningSimulator[] = [];
async function start(rateLimits: RateLimitOptions, latencyMs = 0): Promise<RunningSimulator> {
  const sim = await startSimulator({ rateLimits, latencyMs, clock: { now: '2025-06-01T12:00:00Z', frozen: true } });
  sims.push(sim);
  return sim;
}
afterAll(() => Promise.all(sims.map((s) => s.stop())));

const LIST = '/orgs/acme/packages/container/web/versions';

test('primary: X-RateLimit-* on every response; exhausted → 403 with remaining 0, reset after the window', async () => {
  const sim = await start({ primary: { limit: 3 } });
  const first = await call(sim.baseUrl, 'GET', LIST, 'admin');
  expect(first.headers.get('x-ratelimit-limit')).toBe('3');
  expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
  expect(first.headers.get('x-ratelimit-used')).toBe('1');
  expect(first.headers.get('x-ratelimit-resource')).toBe('core');
  expect(Number(first.headers.get('x-ratelimit-reset'))).toBe(Date.parse('2025-06-01T13:00:00Z') / 1000);
  await call(sim.baseUrl, 'GET', LIST, 'admin');
  await call(sim.baseUrl, 'GET', LIST, 'admin');
  const refused = await call(sim.baseUrl, 'GET', LIST, 'admin');
  expect(refused.status).toBe(403);
  expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(refused.body.message).toBe('API rate limit exceeded for user ID 1.');
  // Other tokens have their own budget.
  expect((await call(sim.baseUrl, 'GET', LIST, 'member')).status).toBe(200);
  sim.clock.advance(3_600_000);
  expect((await call(sim.baseUrl, 'GET', LIST, 'admin')).status).toBe(200);
});

test('primary can answer 429 instead of 403', async () => {
  const sim = await start({ primary: { limit: 1, status: 429 } });
  await call(sim.baseUrl, 'GET', LIST, 'admin');
  expect((await call(sim.baseUrl, 'GET', LIST, 'admin')).status).toBe(429);
});

test('secondary points: DELETE costs 5, GET 1; refusal carries Retry-After until points free up', async () => {
  const sim = await start({ secondary: { pointsPerMinute: 12 } });
  expect((await call(sim.baseUrl, 'DELETE', `${LIST}/100110`, 'admin')).status).toBe(204); // 5
  sim.clock.advance(10_000);
  expect((await call(sim.baseUrl, 'DELETE', `${LIST}/100105`, 'admin')).status).toBe(204); // 10
  expect((await call(sim.baseUrl, 'GET', LIST, 'admin')).status).toBe(200); // 11
  const refused = await call(sim.baseUrl, 'DELETE', `${LIST}/100104`, 'admin');
  expect(refused.status).toBe(403);
  expect(refused.body.message).toMatch(/^You have exceeded a secondary rate limit/);
  expect(refused.headers.get('retry-after')).toBe('50');
  expect((await call(sim.baseUrl, 'GET', LIST, 'admin')).status).toBe(200); // 12: reads still fit
  sim.clock.advance(50_000);
  expect((await call(sim.baseUrl, 'DELETE', `${LIST}/100104`, 'admin')).status).toBe(204);
});

test('secondary: Retry-After can be omitted or fixed', async () => {
  const omit = await start({ secondary: { pointsPerMinute: 1, retryAfter: null } });
  await call(omit.baseUrl, 'GET', LIST, 'admin');
  const r1 = await call(omit.baseUrl, 'GET', LIST, 'admin');
  expect(r1.status).toBe(403);
  expect(r1.headers.has('retry-after')).toBe(false);
  const fixed = await start({ secondary: { pointsPerMinute: 1, retryAfter: 7, status: 429 } });
  await call(fixed.baseUrl, 'GET', LIST, 'admin');
  const r2 = await call(fixed.baseUrl, 'GET', LIST, 'admin');
  expect(r2.status).toBe(429);
  expect(r2.headers.get('retry-after')).toBe('7');
});

test('secondary content creation: restores count, deletes do not (by default)', async () => {
  const sim = await start({ secondary: { contentCreatingPerMinute: 1 } });
  const restore = (id: number) => call(sim.baseUrl, 'POST', `${LIST}/${id}/restore`, 'admin');
  await call(sim.baseUrl, 'DELETE', `${LIST}/100110`, 'admin');
  await call(sim.baseUrl, 'DELETE', `${LIST}/100105`, 'admin');
  expect((await restore(100110)).status).toBe(204);
  const refused = await restore(100105);
  expect(refused.status).toBe(403);
  expect(Number(refused.headers.get('retry-after'))).toBe(60);
});

test('secondary concurrency: more requests in flight than allowed are refused', async () => {
  const sim = await start({ secondary: { concurrency: 2 } }, 150);
  const replies = await Promise.all([1, 2, 3, 4].map(() => call(sim.baseUrl, 'GET', LIST, 'admin')));
  const statuses = replies.map((r) => r.status).sort();
  expect(statuses).toEqual([200, 200, 403, 403]);
  expect((await call(sim.baseUrl, 'GET', LIST, 'admin')).status).toBe(200);
});

test('rate limits can be switched off', async () => {
  const sim = await start({ enabled: false, primary: { limit: 1 } });
  await call(sim.baseUrl, 'GET', LIST, 'admin');
  expect((await call(sim.baseUrl, 'GET', LIST, 'admin')).status).toBe(200);
});

test('a 304 Not Modified does not count against the primary limit, and costs its secondary point', async () => {
  const sim = await start({ primary: { limit: 2 }, secondary: { pointsPerMinute: 4 } });
  const first = await call(sim.baseUrl, 'GET', LIST, 'admin');
  expect(first.headers.get('x-ratelimit-used')).toBe('1');
  const etag = { 'if-none-match': first.headers.get('etag')! };
  for (let i = 0; i < 3; i++) {
    const r = await call(sim.baseUrl, 'GET', LIST, 'admin', etag);
    expect(r.status).toBe(304);
    expect(r.headers.get('x-ratelimit-used')).toBe('1');
    expect(r.headers.get('x-ratelimit-remaining')).toBe('1');
  }
  // Four points spent in this minute (one 200, three 304s): the secondary limit refuses the fifth read.
  const refused = await call(sim.baseUrl, 'GET', LIST, 'admin', etag);
  expect(refused.status).toBe(403);
  expect(refused.body.message).toMatch(/secondary rate limit/);
  sim.clock.advance(60_000);
  // The primary window still has one request left: the 304s took none.
  expect((await call(sim.baseUrl, 'GET', `${LIST}?per_page=1`, 'admin')).status).toBe(200);
  expect((await call(sim.baseUrl, 'GET', `${LIST}?per_page=2`, 'admin')).status).toBe(403);
});
