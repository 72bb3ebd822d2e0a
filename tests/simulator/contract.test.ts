/**
 * Contract test: every operation of the OpenAPI description (24 package operations + GET /user) and every
 * error status it documents is produced by the simulator, and each body validates (ajv) against the
 * description's schema for that status. Errors the description does not list (400 rules, 409, 429) are
 * validated against `basic-error`. Headers are not in the description, so they get explicit assertions.
 *
 * Where the description and GitHub disagree we follow GitHub and patch the schema here:
 * - `package-version.metadata.docker` names the property `tag` but requires `tags`; GitHub sends `tag`.
 * - GET /user is a `oneOf` with a `discriminator` mapping (unsupported by ajv); a token's own user is the
 *   `private-user` variant, validated directly.
 * - 304 Not Modified is documented for GET /user only; GitHub answers every GET conditionally (ETag /
 *   If-None-Match, https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate),
 *   so the package GETs are held to the same `not_modified` response (no content) as GET /user.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'fs';
import * as path from 'path';
import { startSimulator, type RunningSimulator, type FixtureTokenLabel } from '../../simulator';
import { PACKAGE_TYPES as SIMULATOR_PACKAGE_TYPES } from '../../simulator/package-type';
import { matchRoute } from '../../simulator/routes/route-table';
import { PACKAGE_TYPES as PROVIDER_PACKAGE_TYPES } from '../../provider/types';
import { call, type Reply } from './helpers';

const spec = JSON.parse(fs.readFileSync(path.join(__dirname, '../../simulator/openapi/github-packages-openapi.json'), 'utf8'));
// The copy in the repo must be the shared reference when it is present beside the clone.
const shared = path.join(__dirname, '../../../shared/github-packages-openapi.json');

const components = structuredClone(spec.components);
components.schemas['package-version'].properties.metadata.properties.docker.required = ['tag'];
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi.json', components });

type Json = Record<string, any>;

function deref(obj: Json): Json {
  if (obj?.$ref)
    return obj.$ref
      .split('/')
      .slice(1)
      .reduce((o: Json, k: string) => o[k], spec);
  return obj;
}

function schemaRefFor(template: string, method: string, status: number): string | Json {
  const op = spec.paths[template][method.toLowerCase()];
  const response = op.responses[String(status)];
  if (!response) return { $ref: 'openapi.json#/components/schemas/basic-error' };
  const content = deref(response).content?.['application/json'];
  if (!content) return status >= 400 ? { $ref: 'openapi.json#/components/schemas/basic-error' } : { not: {} };
  if (template === '/user' && status === 200) return { $ref: 'openapi.json#/components/schemas/private-user' };
  return JSON.parse(JSON.stringify(content.schema).replace(/"#\/components\//g, '"openapi.json#/components/'));
}

const documented: Array<{ operationId: string; template: string; method: string; status: number }> = [];
for (const [template, ops] of Object.entries<Json>(spec.paths)) {
  for (const [method, op] of Object.entries<Json>(ops)) {
    for (const status of Object.keys(op.responses)) {
      documented.push({ operationId: op.operationId, template, method: method.toUpperCase(), status: Number(status) });
    }
  }
}

let sim: RunningSimulator;
let limited: RunningSimulator;
const seen = new Set<string>();

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
  limited = await startSimulator({ rateLimits: { primary: { limit: 0, status: 429 } } });
});
afterAll(() => Promise.all([sim.stop(), limited.stop()]));

async function expectContract(
  s: RunningSimulator,
  method: string,
  urlPath: string,
  token: FixtureTokenLabel | undefined,
  status: number,
  ifNoneMatch?: string,
): Promise<Reply> {
  const r = await call(s.baseUrl, method, urlPath, token, ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch });
  expect({ method, urlPath, status: r.status, body: r.body }).toMatchObject({ status });
  const route = matchRoute(method, urlPath.split('?')[0]);
  const template = route?.template ?? '/user';
  if (status === 304) {
    // `not_modified` has no content: the description's 304 for GET /user, and GitHub's for every conditional GET.
    expect(deref(spec.components.responses.not_modified).content).toBeUndefined();
    expect(r.body).toBeUndefined();
  } else if (status === 204) {
    expect(r.body).toBeUndefined();
  } else {
    const validate = ajv.compile(schemaRefFor(template, method, status) as object);
    const ok = validate(r.body);
    expect({ method, urlPath, status, errors: ok ? null : validate.errors }).toEqual({ method, urlPath, status, errors: null });
  }
  if (status >= 400)
    expect(r.body).toEqual({
      message: expect.any(String),
      documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//),
      status: String(status),
    });
  seen.add(`${method} ${template} ${status}`);
  return r;
}

interface OwnerCase {
  prefix: string;
  container: string;
  ids: { tagged: number; untagged: number; deleted: number };
  single: string;
}
const OWNERS: OwnerCase[] = [
  { prefix: '/user', container: 'dotfiles', ids: { tagged: 200104, untagged: 200102, deleted: 200101 }, single: '' },
  { prefix: '/users/octocat', container: 'dotfiles', ids: { tagged: 200104, untagged: 200102, deleted: 200101 }, single: '' },
  { prefix: '/orgs/acme', container: 'web', ids: { tagged: 100113, untagged: 100112, deleted: 100102 }, single: 'single' },
];

describe.each(OWNERS)('$prefix', (o) => {
  const pkg = `${o.prefix}/packages/container/${encodeURIComponent(o.container)}`;
  const owner = o.prefix === '/orgs/acme' ? 'acme' : 'octocat';
  beforeEach(() => sim.reset());

  test('list packages: 200, 400, 401, 403', async () => {
    await expectContract(sim, 'GET', `${o.prefix}/packages?package_type=container`, 'admin', 200);
    await expectContract(sim, 'GET', `${o.prefix}/packages`, 'admin', 400);
    await expectContract(sim, 'GET', `${o.prefix}/packages?package_type=container&per_page=100&page=101`, 'admin', 400);
    await expectContract(sim, 'GET', `${o.prefix}/packages?package_type=container`, undefined, 401);
    await expectContract(sim, 'GET', `${o.prefix}/packages?package_type=container`, 'delete-no-read', 403);
  });

  test('get package: 200, 401, 403, 404', async () => {
    await expectContract(sim, 'GET', pkg, 'admin', 200);
    await expectContract(sim, 'GET', pkg, undefined, 401);
    await expectContract(sim, 'GET', pkg, 'delete-no-read', 403);
    await expectContract(sim, 'GET', `${o.prefix}/packages/container/nope`, 'admin', 404);
  });

  test('delete and restore package: 204, 401, 403, 404 (+409, 400 undocumented)', async () => {
    await expectContract(sim, 'DELETE', pkg, undefined, 401);
    await expectContract(sim, 'DELETE', pkg, 'read-only', 403);
    await expectContract(sim, 'DELETE', `${o.prefix}/packages/container/nope`, 'admin', 404);
    await expectContract(sim, 'DELETE', pkg, 'admin', 204);
    await expectContract(sim, 'POST', `${pkg}/restore`, undefined, 401);
    await expectContract(sim, 'POST', `${pkg}/restore`, 'read-only', 403);
    await expectContract(sim, 'POST', `${o.prefix}/packages/container/nope/restore`, 'admin', 404);
    await expectContract(sim, 'POST', `${pkg}/restore?token=abc`, 'admin', 204);
    if (owner === 'acme') {
      await expectContract(sim, 'POST', `${o.prefix}/packages/container/reborn/restore`, 'admin', 409);
      await expectContract(sim, 'DELETE', `${o.prefix}/packages/container/base%2Falpine`, 'admin', 400);
    }
  });

  test('list versions: 200, 401, 403, 404', async () => {
    const r = await expectContract(sim, 'GET', `${pkg}/versions?per_page=2`, 'admin', 200);
    expect(r.headers.get('link')).toMatch(/rel="next"/);
    await expectContract(sim, 'GET', `${pkg}/versions?state=deleted`, 'admin', 200);
    await expectContract(sim, 'GET', `${pkg}/versions`, undefined, 401);
    await expectContract(sim, 'GET', `${pkg}/versions`, 'delete-no-read', 403);
    await expectContract(sim, 'GET', `${o.prefix}/packages/container/nope/versions`, 'admin', 404);
    await expectContract(sim, 'GET', `${pkg}/versions?per_page=abc`, 'admin', 400);
  });

  test('get version: 200 (active and deleted), 401, 403, 404', async () => {
    await expectContract(sim, 'GET', `${pkg}/versions/${o.ids.tagged}`, 'admin', 200);
    const deleted = await expectContract(sim, 'GET', `${pkg}/versions/${o.ids.deleted}`, 'admin', 200);
    expect(deleted.body.deleted_at).toEqual(expect.any(String));
    await expectContract(sim, 'GET', `${pkg}/versions/${o.ids.tagged}`, undefined, 401);
    await expectContract(sim, 'GET', `${pkg}/versions/${o.ids.tagged}`, 'delete-no-read', 403);
    await expectContract(sim, 'GET', `${pkg}/versions/999`, 'admin', 404);
  });

  test('delete and restore version: 204, 401, 403, 404 (+400 undocumented)', async () => {
    const v = `${pkg}/versions/${o.ids.untagged}`;
    await expectContract(sim, 'DELETE', v, undefined, 401);
    await expectContract(sim, 'DELETE', v, 'read-only', 403);
    await expectContract(sim, 'DELETE', `${pkg}/versions/999`, 'admin', 404);
    await expectContract(sim, 'DELETE', v, 'admin', 204);
    await expectContract(sim, 'POST', `${v}/restore`, undefined, 401);
    await expectContract(sim, 'POST', `${v}/restore`, 'read-only', 403);
    await expectContract(sim, 'POST', `${pkg}/versions/999/restore`, 'admin', 404);
    await expectContract(sim, 'POST', `${v}/restore`, 'admin', 204);
    await expectContract(sim, 'POST', `${v}/restore`, 'admin', 400);
    if (o.single) await expectContract(sim, 'DELETE', `${o.prefix}/packages/container/single/versions/100501`, 'admin', 400);
  });

  test('rate limited: 429 with basic-error', async () => {
    await expectContract(limited, 'GET', `${pkg}/versions`, 'admin', 429);
  });

  test('conditional GETs: an ETag on every 200, 304 with no body when If-None-Match names it, 200 once it changed', async () => {
    const reads = [`${o.prefix}/packages?package_type=container`, pkg, `${pkg}/versions?per_page=2`, `${pkg}/versions/${o.ids.tagged}`];
    for (const read of reads) {
      const first = await expectContract(sim, 'GET', read, 'admin', 200);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
      expect(first.headers.get('vary')).toMatch(/Authorization/);
      const again = await expectContract(sim, 'GET', read, 'admin', 304, etag);
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
      // Weak comparison, lists and `*` (RFC 9110 §13.1.2); a stale tag gets the whole answer.
      await expectContract(sim, 'GET', read, 'admin', 304, `"other", ${etag.slice(2)}`);
      await expectContract(sim, 'GET', read, 'admin', 304, '*');
      await expectContract(sim, 'GET', read, 'admin', 200, 'W/"stale"');
    }
    const listing = `${pkg}/versions?per_page=100`;
    const before = (await call(sim.baseUrl, 'GET', listing, 'admin')).headers.get('etag')!;
    await call(sim.baseUrl, 'DELETE', `${pkg}/versions/${o.ids.untagged}`, 'admin');
    const after = await expectContract(sim, 'GET', listing, 'admin', 200, before);
    expect(after.headers.get('etag')).not.toBe(before);
    // Errors and mutations carry no validator.
    expect((await call(sim.baseUrl, 'GET', `${o.prefix}/packages/container/nope`, 'admin')).headers.get('etag')).toBeNull();
    expect((await call(sim.baseUrl, 'DELETE', `${pkg}/versions/${o.ids.tagged}`, 'admin')).headers.get('etag')).toBeNull();
  });
});

describe('GET /user and other shapes', () => {
  beforeEach(() => sim.reset());

  test('GET /user: 200 private-user, 304, 401, 403 (rate limited)', async () => {
    const r = await expectContract(sim, 'GET', '/user', 'admin', 200);
    // An account's times do not move with the clock: a validator read a second (or a day) earlier still matches.
    sim.clock.advance(86_400_000);
    await expectContract(sim, 'GET', '/user', 'admin', 304, r.headers.get('etag')!);
    await expectContract(sim, 'GET', '/user', undefined, 401);
    sim.faults.add({ fault: { rateLimit: 'primary' } });
    await expectContract(sim, 'GET', '/user', 'admin', 403);
  });

  test('every package type and the docker `tag` metadata validate', async () => {
    for (const p of [
      '/orgs/acme/packages/npm/ui',
      '/orgs/acme/packages/maven/com.acme%3Acore-lib',
      '/orgs/acme/packages/docker/legacy-app',
      '/users/hubot/packages/rubygems/hubot-gem',
      '/users/hubot/packages/nuget/Hubot.Core',
    ]) {
      await expectContract(sim, 'GET', p, p.includes('hubot') ? 'member' : 'admin', 200);
      await expectContract(sim, 'GET', `${p}/versions`, p.includes('hubot') ? 'member' : 'admin', 200);
    }
  });

  test('SSO refusal is a 403 basic-error with X-GitHub-SSO', async () => {
    const r = await expectContract(sim, 'GET', '/orgs/sso-corp/packages/container/secret-app/versions', 'sso-unauthorized', 403);
    expect(r.headers.get('x-github-sso')).toMatch(/^required; url=https:\/\/github\.com\/orgs\/sso-corp\/sso\?authorization_request=/);
  });

  test('headers on every API response: X-OAuth-Scopes, X-RateLimit-*, media type', async () => {
    const counted = await startSimulator();
    try {
      for (const [token, scopes] of [
        ['admin', 'read:packages, write:packages, delete:packages, repo'],
        ['fine-grained', null],
      ] as const) {
        const r = await call(counted.baseUrl, 'GET', '/orgs/acme/packages/container/web/versions', token);
        expect(r.headers.get('x-oauth-scopes')).toBe(scopes);
        for (const h of ['limit', 'remaining', 'used', 'reset', 'resource']) expect(r.headers.get(`x-ratelimit-${h}`)).toMatch(/^\w+$/);
        expect(r.headers.get('x-github-media-type')).toBe('github.v3; format=json');
      }
    } finally {
      await counted.stop();
    }
  });

  test('secondary limit refusals carry Retry-After unless configured away', async () => {
    const s = await startSimulator({ rateLimits: { secondary: { pointsPerMinute: 1 } }, clock: { frozen: true } });
    try {
      await call(s.baseUrl, 'GET', '/user', 'admin');
      const r = await expectContract(s, 'GET', '/user', 'admin', 403);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await s.stop();
    }
  });
});

test('the bundled description is the shared reference (when shared/ is beside the clone)', () => {
  if (!fs.existsSync(shared)) return;
  expect(fs.readFileSync(shared, 'utf8')).toBe(fs.readFileSync(path.join(__dirname, '../../simulator/openapi/github-packages-openapi.json'), 'utf8'));
});

test('the simulator and the provider know exactly the package types of the description', () => {
  const documentedTypes = spec.components.parameters['package-type'].schema.enum;
  expect([...SIMULATOR_PACKAGE_TYPES]).toEqual(documentedTypes);
  expect([...PROVIDER_PACKAGE_TYPES]).toEqual(documentedTypes);
});

test('every documented operation and status was exercised', () => {
  const missing = documented.filter((d) => !seen.has(`${d.method} ${d.template} ${d.status}`));
  expect(missing).toEqual([]);
  expect(new Set(documented.map((d) => d.operationId)).size).toBe(25);
});
