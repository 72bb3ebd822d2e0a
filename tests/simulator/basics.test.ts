import { startSimulator, type RunningSimulator } from '../../simulator';
import { call } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

test('lists, gets, deletes and restores a version with a token that may', async () => {
  const list = await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web/versions', 'admin');
  expect(list.status).toBe(200);
  expect(list.body[0].metadata).toEqual({ package_type: 'container', container: { tags: ['2.1.0', 'latest'] } });
  const id = list.body[1].id;
  expect((await call(sim.baseUrl, 'GET', `/orgs/acme/packages/container/web/versions/${id}`, 'admin')).body.id).toBe(id);
  expect((await call(sim.baseUrl, 'DELETE', `/orgs/acme/packages/container/web/versions/${id}`, 'admin')).status).toBe(204);
  const after = await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web/versions', 'admin');
  expect(after.body.map((v: { id: number }) => v.id)).not.toContain(id);
  const deleted = await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web/versions?state=deleted', 'admin');
  expect(deleted.body.map((v: { id: number }) => v.id)).toContain(id);
  expect((await call(sim.baseUrl, 'POST', `/orgs/acme/packages/container/web/versions/${id}/restore`, 'admin')).status).toBe(204);
  expect(sim.mutations().map((e) => [e.method, e.status, e.tokenLabel])).toEqual([
    ['DELETE', 204, 'admin'],
    ['POST', 204, 'admin'],
  ]);
});

test('401 without a token, with GitHub body', async () => {
  const r = await call(sim.baseUrl, 'GET', '/orgs/acme/packages?package_type=container');
  expect(r.status).toBe(401);
  expect(r.body).toEqual({ message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' });
});
