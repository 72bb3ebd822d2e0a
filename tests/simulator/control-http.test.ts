import { startSimulator, type RunningSimulator } from '../../simulator';
import { call, control } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { primary: { limit: 2 } } });
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const KEY = { owner: 'acme', packageType: 'container', packageName: 'web' };

test('publish creates packages and versions; tags move between versions', async () => {
  const v = await control(sim.baseUrl, 'POST', '/versions/publish', { ...KEY, name: 'sha256:abc', tags: ['latest'] });
  expect(v.status).toBe(200);
  expect(v.body).toMatchObject({ name: 'sha256:abc', tags: ['latest'], state: 'active' });
  const list = await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web/versions', 'admin');
  expect(list.body[0].id).toBe(v.body.id);
  expect(list.body[1].metadata.container.tags).toEqual(['2.1.0']); // `latest` moved
  const retag = await control(sim.baseUrl, 'POST', '/versions/tags', { ...KEY, versionId: list.body[1].id, tags: ['2.1.0', 'latest'] });
  expect(retag.body.tags).toEqual(['2.1.0', 'latest']);
  const fresh = await control(sim.baseUrl, 'POST', '/versions/publish', {
    owner: 'octocat',
    packageType: 'npm',
    packageName: 'brand-new',
    name: '1.0.0',
    createdAt: 'now-2d',
  });
  expect(fresh.status).toBe(200);
  expect(sim.control.listVersions({ owner: 'octocat', packageType: 'npm', packageName: 'brand-new' })).toHaveLength(1);
});

test('delete and restore behind the back, downloads, SSO, visibility, tokens', async () => {
  expect((await control(sim.baseUrl, 'POST', '/versions/delete', { ...KEY, versionId: 100113 })).body.state).toBe('deleted');
  expect((await control(sim.baseUrl, 'POST', '/versions/restore', { ...KEY, versionId: 100113 })).body.state).toBe('active');
  expect((await control(sim.baseUrl, 'POST', '/packages/delete', { ...KEY })).status).toBe(200);
  expect((await control(sim.baseUrl, 'POST', '/packages/restore', { ...KEY })).status).toBe(200);
  expect((await control(sim.baseUrl, 'POST', '/packages/restore', { ...KEY, packageName: 'reborn' })).status).toBe(409);
  await control(sim.baseUrl, 'POST', '/downloads', { ...KEY, versionId: 100113, downloads: 7000 });
  expect((await control(sim.baseUrl, 'POST', '/versions/get', { ...KEY, versionId: 100113 })).body.downloads).toBe(7000);
  await control(sim.baseUrl, 'POST', '/orgs/sso', { org: 'acme', enforced: true });
  expect(sim.runtime.state.account('acme')!.ssoEnforced).toBe(true);
  await control(sim.baseUrl, 'POST', '/packages/visibility', { ...KEY, visibility: 'public' });
  const tok = await control(sim.baseUrl, 'POST', '/tokens', { token: 'ghp_custom', login: 'hubot', scopes: ['read:packages'], label: 'custom' });
  expect(tok.body).toEqual({ label: 'custom', login: 'hubot', scopes: ['read:packages'] });
  const me = await call(sim.baseUrl, 'GET', '/user', { raw: 'ghp_custom' });
  expect(me.body.login).toBe('hubot');
});

test('clock, faults and log over HTTP; control calls are neither logged nor rate limited', async () => {
  const clock = await control(sim.baseUrl, 'POST', '/clock', { now: '2031-02-03T04:05:06Z', frozen: true });
  expect(clock.body).toMatchObject({ now: '2031-02-03T04:05:06Z', frozen: true });
  expect((await control(sim.baseUrl, 'POST', '/clock', { advanceMs: 1000 })).body.now).toBe('2031-02-03T04:05:07Z');
  await control(sim.baseUrl, 'POST', '/faults', { match: { pathRegex: '^/user$' }, fault: { status: 503 } });
  expect((await call(sim.baseUrl, 'GET', '/user', 'admin')).status).toBe(503);
  for (let i = 0; i < 5; i++) await control(sim.baseUrl, 'GET', '/log');
  const log = await control(sim.baseUrl, 'GET', '/log');
  expect(log.body).toHaveLength(1);
  expect(log.body[0]).toMatchObject({ path: '/user', status: 503, tokenLabel: 'admin' });
  expect((await control(sim.baseUrl, 'POST', '/reset')).status).toBe(200);
  expect((await control(sim.baseUrl, 'GET', '/log')).body).toEqual([]);
});

test('bad control requests get clear errors; the server keeps serving', async () => {
  expect((await control(sim.baseUrl, 'POST', '/versions/publish', '{not json')).status).toBe(400);
  const missing = await control(sim.baseUrl, 'POST', '/versions/publish', { owner: 'acme' });
  expect(missing.status).toBe(400);
  expect(missing.body.message).toMatch(/packageType/);
  expect((await control(sim.baseUrl, 'POST', '/versions/get', { ...KEY, versionId: 1 })).status).toBe(404);
  expect((await control(sim.baseUrl, 'POST', '/nope')).status).toBe(404);
  expect((await call(sim.baseUrl, 'GET', '/user', 'admin')).status).toBe(200);
});
