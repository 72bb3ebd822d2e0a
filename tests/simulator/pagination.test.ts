import { startSimulator, type RunningSimulator } from '../../simulator';
import { call } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({
    rateLimits: { enabled: false },
    fixture: {
      users: [{ login: 'octocat', id: 1 }],
      tokens: [{ token: 'ghp_sim_admin', login: 'octocat', scopes: ['read:packages'], label: 'admin' }],
      generated: [{ owner: 'octocat', packageType: 'container', name: 'big', count: 250, seed: 7 }],
    },
  });
});
afterAll(() => sim.stop());

function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (header ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)) out[m[2]] = m[1];
  return out;
}

test('defaults to 30 per page, newest first, with next and last links on the request path', async () => {
  const r = await call(sim.baseUrl, 'GET', '/user/packages/container/big/versions', 'admin');
  expect(r.body).toHaveLength(30);
  const times = r.body.map((v: { created_at: string }) => v.created_at);
  expect([...times].sort().reverse()).toEqual(times);
  expect(r.body[0].metadata.container.tags).toContain('latest');
  const l = links(r.headers.get('link'));
  expect(Object.keys(l).sort()).toEqual(['last', 'next']);
  expect(l.next).toBe(`${sim.baseUrl}/user/packages/container/big/versions?per_page=30&page=2`);
  expect(l.last).toBe(`${sim.baseUrl}/user/packages/container/big/versions?per_page=30&page=9`);
});

test('middle pages have prev, next, last and first; other query parameters are kept', async () => {
  const r = await call(sim.baseUrl, 'GET', '/user/packages/container/big/versions?state=active&per_page=50&page=3', 'admin');
  const l = links(r.headers.get('link'));
  expect(Object.keys(l).sort()).toEqual(['first', 'last', 'next', 'prev']);
  expect(new URL(l.prev).searchParams.get('page')).toBe('2');
  expect(new URL(l.first).searchParams.get('state')).toBe('active');
  expect(new URL(l.last).searchParams.get('page')).toBe('5');
});

test('per_page is capped at 100 and walking next links visits every version exactly once', async () => {
  let url: string | undefined = `${sim.baseUrl}/user/packages/container/big/versions?per_page=500`;
  const seen: number[] = [];
  while (url) {
    const r = await call('', 'GET', url, 'admin');
    expect(r.body.length).toBeLessThanOrEqual(100);
    seen.push(...r.body.map((v: { id: number }) => v.id));
    url = links(r.headers.get('link')).next;
  }
  expect(seen).toHaveLength(250);
  expect(new Set(seen).size).toBe(250);
});

test('the last page has prev and first only; a single page has no Link', async () => {
  const r = await call(sim.baseUrl, 'GET', '/user/packages/container/big/versions?per_page=100&page=3', 'admin');
  expect(r.body).toHaveLength(50);
  expect(Object.keys(links(r.headers.get('link'))).sort()).toEqual(['first', 'prev']);
  const one = await call(sim.baseUrl, 'GET', '/user/packages?package_type=container', 'admin');
  expect(one.headers.get('link')).toBeNull();
});

test('same created_at: higher id first', async () => {
  const now = '2025-01-01T00:00:00Z';
  for (const name of ['a', 'b', 'c']) {
    sim.control.publishVersion({ owner: 'octocat', packageType: 'npm', packageName: 'tie', name, createdAt: now });
  }
  sim.runtime.state.issueToken({ token: 'ghp_sim_repo', login: 'octocat', scopes: ['read:packages', 'repo'], label: 'repo' });
  const r = await call(sim.baseUrl, 'GET', '/user/packages/npm/tie/versions', { raw: 'ghp_sim_repo' });
  expect(r.body.map((v: { name: string }) => v.name)).toEqual(['c', 'b', 'a']);
});
