import { startSimulator, type RunningSimulator } from '../../simulator';
import { call } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const WEB_VERSIONS = '/orgs/acme/packages/container/web/versions';
const UI_VERSIONS = '/orgs/acme/packages/npm/ui/versions';

describe('authentication', () => {
  test('a missing token is 401 "Requires authentication"', async () => {
    const r = await call(sim.baseUrl, 'GET', WEB_VERSIONS);
    expect(r.status).toBe(401);
    expect(r.body.message).toBe('Requires authentication');
  });

  test('an unknown token is 401 "Bad credentials" and the log never holds the token', async () => {
    const r = await call(sim.baseUrl, 'GET', WEB_VERSIONS, { raw: 'ghp_not_a_real_token' });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    expect(JSON.stringify(sim.log)).not.toContain('ghp_not_a_real_token');
    expect(sim.log[0].tokenLabel).toBe('(unknown)');
  });

  test('GET /user answers who the token belongs to, with its scopes in X-OAuth-Scopes', async () => {
    const r = await call(sim.baseUrl, 'GET', '/user', 'read-only');
    expect(r.status).toBe(200);
    expect(r.body.login).toBe('octocat');
    expect(r.headers.get('x-oauth-scopes')).toBe('read:packages');
    expect(r.headers.get('x-accepted-oauth-scopes')).toBe('');
    expect(r.headers.get('x-github-media-type')).toBe('github.v3; format=json');
    expect(r.headers.get('x-github-request-id')).toBeTruthy();
  });

  test('fine-grained tokens carry no X-OAuth-Scopes header and are checked by role only', async () => {
    const r = await call(sim.baseUrl, 'GET', WEB_VERSIONS, 'fine-grained');
    expect(r.status).toBe(200);
    expect(r.headers.has('x-oauth-scopes')).toBe(false);
  });
});

describe('scopes', () => {
  test('read:packages can list but not delete', async () => {
    expect((await call(sim.baseUrl, 'GET', WEB_VERSIONS, 'read-only')).status).toBe(200);
    const del = await call(sim.baseUrl, 'DELETE', `${WEB_VERSIONS}/100110`, 'read-only');
    expect(del.status).toBe(403);
    expect(del.body.message).toBe('You need at least delete:packages scope to delete packages.');
  });

  test('delete:packages alone does not imply read:packages', async () => {
    const list = await call(sim.baseUrl, 'GET', '/orgs/acme/packages?package_type=container', 'delete-no-read');
    expect(list.status).toBe(403);
    expect(list.body.message).toBe('You need at least read:packages scope to list packages.');
    const del = await call(sim.baseUrl, 'DELETE', `${WEB_VERSIONS}/100110`, 'delete-no-read');
    expect(del.status).toBe(403);
    expect(del.body.message).toContain('read:packages');
  });

  test('restore needs write:packages', async () => {
    const r = await call(sim.baseUrl, 'POST', `${WEB_VERSIONS}/100102/restore`, 'read-only');
    expect(r.status).toBe(403);
    expect(r.body.message).toBe('You need at least write:packages scope to restore packages.');
  });

  test('npm/maven need repo, containers do not', async () => {
    expect((await call(sim.baseUrl, 'GET', WEB_VERSIONS, 'no-repo')).status).toBe(200);
    const npm = await call(sim.baseUrl, 'GET', UI_VERSIONS, 'no-repo');
    expect(npm.status).toBe(403);
    expect(npm.body.message).toContain('repo scope');
    expect((await call(sim.baseUrl, 'GET', '/orgs/acme/packages/maven/com.acme%3Acore-lib/versions', 'no-repo')).status).toBe(403);
    expect((await call(sim.baseUrl, 'GET', UI_VERSIONS, 'admin')).status).toBe(200);
  });
});

describe('roles and visibility', () => {
  test('an org member may read but not delete: 403 naming the missing admin role', async () => {
    expect((await call(sim.baseUrl, 'GET', WEB_VERSIONS, 'member')).status).toBe(200);
    const r = await call(sim.baseUrl, 'DELETE', `${WEB_VERSIONS}/100110`, 'member');
    expect(r.status).toBe(403);
    expect(r.body.message).toMatch(/admin role in the organization acme/);
    const restore = await call(sim.baseUrl, 'POST', '/orgs/acme/packages/container/old-tool/restore', 'member');
    expect(restore.status).toBe(403);
  });

  test('private packages of others are 404; their public ones are readable', async () => {
    expect((await call(sim.baseUrl, 'GET', '/users/monalisa/packages/container/private-img', 'admin')).status).toBe(404);
    expect((await call(sim.baseUrl, 'GET', '/users/monalisa/packages/container/public-img', 'admin')).status).toBe(200);
    const list = await call(sim.baseUrl, 'GET', '/users/monalisa/packages?package_type=container', 'admin');
    expect(list.body.map((p: { name: string }) => p.name)).toEqual(['public-img']);
    const del = await call(sim.baseUrl, 'DELETE', '/users/monalisa/packages/container/public-img/versions/300201', 'admin');
    expect(del.status).toBe(403);
  });

  test('org private packages are 404 for non-members', async () => {
    expect((await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/web', 'outsider')).status).toBe(404);
    expect((await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/base%2Falpine', 'outsider')).status).toBe(200);
  });

  test('/user addresses the token owner', async () => {
    const r = await call(sim.baseUrl, 'GET', '/user/packages?package_type=container', 'monalisa');
    expect(r.body.map((p: { name: string }) => p.name).sort()).toEqual(['private-img', 'public-img']);
  });

  test('unknown owners and packages are 404', async () => {
    expect((await call(sim.baseUrl, 'GET', '/orgs/nope/packages/container/web', 'admin')).status).toBe(404);
    expect((await call(sim.baseUrl, 'GET', '/orgs/octocat/packages/container/dotfiles', 'admin')).status).toBe(404);
    expect((await call(sim.baseUrl, 'GET', '/orgs/acme/packages/container/nope', 'admin')).status).toBe(404);
  });
});

describe('SAML SSO', () => {
  test('an SSO org rejects an unauthorized token with 403 and X-GitHub-SSO', async () => {
    const r = await call(sim.baseUrl, 'GET', '/orgs/sso-corp/packages/container/secret-app/versions', 'sso-unauthorized');
    expect(r.status).toBe(403);
    expect(r.body.message).toBe(
      'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.',
    );
    expect(r.headers.get('x-github-sso')).toMatch(/^required; url=https:\/\/github\.com\/orgs\/sso-corp\/sso\?authorization_request=\S+$/);
  });

  test('an authorized token passes; SSO can be switched on for another org', async () => {
    expect((await call(sim.baseUrl, 'GET', '/orgs/sso-corp/packages/container/secret-app/versions', 'admin')).status).toBe(200);
    expect((await call(sim.baseUrl, 'GET', WEB_VERSIONS, 'sso-unauthorized')).status).toBe(200);
    sim.control.setSsoEnforced({ org: 'acme', enforced: true });
    expect((await call(sim.baseUrl, 'GET', WEB_VERSIONS, 'sso-unauthorized')).headers.get('x-github-sso')).toContain('orgs/acme/sso');
  });
});
