import { startSimulator, type RunningSimulator } from '../../simulator';
import { call } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const ids = (r: { body: Array<{ id: number }> }): number[] => r.body.map((v) => v.id);

test('the last version of a package cannot be deleted', async () => {
  const r = await call(sim.baseUrl, 'DELETE', '/orgs/acme/packages/npm/solo/versions/100601', 'admin');
  expect(r.status).toBe(400);
  expect(r.body.message).toBe('You cannot delete the last version of a package. You must delete the package instead.');
});

test('containers refuse to lose their last tagged version, with the observed wording', async () => {
  const single = await call(sim.baseUrl, 'DELETE', '/orgs/acme/packages/container/single/versions/100501', 'admin');
  expect(single.status).toBe(400);
  expect(single.body.message).toBe('You cannot delete the last tagged version of a package. You must delete the package instead.');
  // dotfiles: untagged versions remain, but only one tagged version after deleting v2.
  expect((await call(sim.baseUrl, 'DELETE', '/user/packages/container/dotfiles/versions/200103', 'admin')).status).toBe(204);
  const last = await call(sim.baseUrl, 'DELETE', '/user/packages/container/dotfiles/versions/200104', 'admin');
  expect(last.status).toBe(400);
  expect(last.body.message).toContain('last tagged version');
  // Untagged versions can still go.
  expect((await call(sim.baseUrl, 'DELETE', '/user/packages/container/dotfiles/versions/200102', 'admin')).status).toBe(204);
});

test('public versions and packages with more than 5,000 downloads cannot be deleted', async () => {
  const popular = await call(sim.baseUrl, 'DELETE', '/orgs/acme/packages/container/base%2Falpine/versions/100403', 'admin');
  expect(popular.status).toBe(400);
  expect(popular.body.message).toMatch(/more than 5000 downloads cannot be deleted/);
  // A less downloaded version of the same package can be.
  expect((await call(sim.baseUrl, 'DELETE', '/orgs/acme/packages/container/base%2Falpine/versions/100402', 'admin')).status).toBe(204);
  expect((await call(sim.baseUrl, 'DELETE', '/orgs/acme/packages/container/base%2Falpine', 'admin')).status).toBe(400);
  // The same counts on a private package do not block.
  sim.control.setDownloads({ owner: 'acme', packageType: 'container', packageName: 'web', versionId: 100110, downloads: 99999 });
  expect((await call(sim.baseUrl, 'DELETE', '/orgs/acme/packages/container/web/versions/100110', 'admin')).status).toBe(204);
});

test('deleted versions leave the active listing and show under state=deleted within 30 days only', async () => {
  const active = await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web/versions?per_page=100', 'admin');
  expect(ids(active)).not.toContain(100102);
  const deleted = await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web/versions?state=deleted', 'admin');
  expect(ids(deleted)).toEqual([100102]); // 100101 was deleted 45 days ago: gone
  expect(deleted.body[0].deleted_at).toMatch(/Z$/);
  // /users/{username} has no `state` parameter: it is ignored.
  const users = await call(sim.baseUrl, 'GET', '/users/octocat/packages/container/dotfiles/versions?state=deleted', 'admin');
  expect(ids(users)).not.toContain(200101);
});

test('restore works within 30 days and is 404 after', async () => {
  expect((await call(sim.baseUrl, 'POST', '/orgs/acme/packages/container/web/versions/100101/restore', 'admin')).status).toBe(404);
  expect((await call(sim.baseUrl, 'POST', '/orgs/acme/packages/container/web/versions/100102/restore', 'admin')).status).toBe(204);
  const v = sim.control.getVersion({ owner: 'acme', packageType: 'container', packageName: 'web', versionId: 100102 });
  expect(v.state).toBe('active');
  // 25 days later a fresh delete is still restorable; 31 days later it is not.
  await call(sim.baseUrl, 'DELETE', '/orgs/acme/packages/container/web/versions/100102', 'admin');
  sim.clock.advance(31 * 86_400_000);
  expect((await call(sim.baseUrl, 'POST', '/orgs/acme/packages/container/web/versions/100102/restore', 'admin')).status).toBe(404);
});

test('a package restore needs a free name (409) and the 30-day window', async () => {
  const taken = await call(sim.baseUrl, 'POST', '/orgs/acme/packages/container/reborn/restore', 'admin');
  expect(taken.status).toBe(409);
  expect(taken.body.status).toBe('409');
  expect((await call(sim.baseUrl, 'POST', '/orgs/acme/packages/container/ancient/restore', 'admin')).status).toBe(404);
  expect((await call(sim.baseUrl, 'POST', '/orgs/acme/packages/container/old-tool/restore', 'admin')).status).toBe(204);
  const versions = await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/old-tool/versions', 'admin');
  expect(versions.body).toHaveLength(2);
});

test('deleting a package deletes its versions; restoring brings back those deleted with it', async () => {
  expect((await call(sim.baseUrl, 'DELETE', '/orgs/acme/packages/container/web', 'admin')).status).toBe(204);
  expect((await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web', 'admin')).status).toBe(404);
  expect((await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web/versions', 'admin')).status).toBe(404);
  expect((await call(sim.baseUrl, 'POST', '/orgs/acme/packages/container/web/restore', 'admin')).status).toBe(204);
  const back = await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web/versions?per_page=100', 'admin');
  expect(back.body).toHaveLength(11);
  expect(ids(back)).not.toContain(100102); // deleted before the package: stays deleted
});

test('package listings require package_type and cap page × per_page at 10,000', async () => {
  const missing = await call(sim.baseUrl, 'GET', '/orgs/acme/packages', 'admin');
  expect(missing.status).toBe(400);
  expect(missing.body.message).toContain('package_type');
  const capped = await call(sim.baseUrl, 'GET', '/orgs/acme/packages?package_type=container&per_page=100&page=101', 'admin');
  expect(capped.status).toBe(400);
  expect(capped.body.message).toBe('The value of `per_page` multiplied by `page` cannot be greater than 10000.');
  expect((await call(sim.baseUrl, 'GET', '/orgs/acme/packages?package_type=container&per_page=100&page=100', 'admin')).status).toBe(200);
  // Version listings have no such cap.
  expect((await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web/versions?per_page=100&page=101', 'admin')).status).toBe(200);
});

test('package bodies: version_count counts active versions; visibility filter', async () => {
  const r = await call(sim.baseUrl, 'GET', '/orgs/acme/packages?package_type=container&visibility=public', 'admin');
  expect(r.body.map((p: { name: string }) => p.name)).toEqual(['base/alpine']);
  const web = await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web', 'admin');
  expect(web.body.version_count).toBe(11);
  expect(web.body.url).toBe(`${sim.baseUrl}/orgs/acme/packages/container/web`);
  expect(web.body.repository.full_name).toBe('acme/web');
  expect(web.body.owner.login).toBe('acme');
  const single = await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/single', 'admin');
  expect(single.body).not.toHaveProperty('repository');
});

test('docker versions carry metadata.docker.tag', async () => {
  const r = await call(sim.baseUrl, 'GET', '/orgs/acme/packages/docker/legacy-app/versions', 'admin');
  expect(r.body[0].metadata).toEqual({ package_type: 'docker', docker: { tag: ['v2', 'latest'] } });
});

test('bad requests get GitHub error bodies and the server keeps serving', async () => {
  const bad = await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web/versions?per_page=abc', 'admin');
  expect(bad.status).toBe(400);
  expect(bad.body).toEqual({
    message: expect.stringContaining('per_page'),
    documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com/),
    status: '400',
  });
  const unknown = await call(sim.baseUrl, 'GET', '/repos/acme/web', 'admin');
  expect(unknown.status).toBe(404);
  expect(unknown.body).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
  expect((await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/%E0%A4%A/versions', 'admin')).status).toBe(404);
  expect((await call(sim.baseUrl, 'GET', '/orgs/acme/packages/bogus/web/versions', 'admin')).status).toBe(404);
  expect((await call(sim.baseUrl, 'GET', '/user', 'admin')).status).toBe(200);
});
