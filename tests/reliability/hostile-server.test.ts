/**
 * Issue 13, a hostile server: every answer is treated as hostile — a misconfigured proxy, a GitHub Enterprise
 * Server behind a load balancer, or an attacker on the path. A fault proxy in front of the simulator answers
 * redirects, rewrites pagination links, realms and bodies, echoes the token; the provider must never act on
 * another package, never send the token elsewhere, never crash, and say clearly what it refused.
 * Also issue 12 §4: a busy package whose pages shift while a preview pages through it.
 */
import * as zlib from 'zlib';
import { createPackageVersionProvider } from '../../provider/resources/package-version-provider';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import * as providerEntry from '../../provider';
import { RegistryClient } from '../../provider/registry';
import { trustedRealm } from '../../provider/registry/registry-client';
import { MAX_RESPONSE_BYTES } from '../../provider/client/guarded-fetch';
import { startFaultProxy, startForeignServer, type FaultProxy, type ForeignServer, type ProxyAnswer } from './fault-proxy';
import {
  BIG,
  deleteRequestIds,
  errorText,
  expectClearFailure,
  pendingIds,
  reliabilityContext,
  settle,
  startReliabilitySimulator,
  type RunningSimulator,
} from './reliability-helpers';
import { recordSection } from './reliability-report';

const BIG_POLICY = { org: 'acme', packageType: 'npm', packages: ['big'], keepNewest: 245 };
const WEB = { owner: 'acme', packageType: 'container' as const, packageName: 'web' };
// Version-level rules: the default fixture's container versions have no manifests in the simulator's registry.
const WEB_POLICY = {
  org: 'acme',
  packageType: 'container',
  packages: ['web'],
  imageGraph: 'off',
  olderThan: '30d',
  untaggedContainers: 'delete',
  maxShareOfPackage: 1,
};
/** A classic token of the older format (40 hex digits): no `ghp_` prefix for pattern-based redaction to find. */
const HEX_TOKEN = 'f3a9c0d1e2b4a5968778695a4b3c2d1e0f9a8b7c';
const BIG_VERSIONS = /\/orgs\/acme\/packages\/npm\/big\/versions(\?|$)/;

let sim: RunningSimulator;
let proxy: FaultProxy;
let foreign: ForeignServer;
const rows: { attack: string; outcome: string }[] = [];

beforeAll(async () => {
  sim = await startReliabilitySimulator();
  proxy = await startFaultProxy(sim.baseUrl);
  foreign = await startForeignServer();
});
afterAll(async () => {
  await foreign.stop();
  await proxy.stop();
  await sim.stop();
  recordSection('hostile', { rows });
});
beforeEach(() => {
  sim.reset();
  proxy.clear();
  proxy.seen.length = 0;
  foreign.requests.length = 0;
});

function record(attack: string, outcome: string): void {
  rows.push({ attack, outcome: outcome.replace(/\s+/g, ' ') });
}

function context(config: Record<string, string> = {}) {
  return reliabilityContext(sim, { baseUrl: proxy.baseUrl, config });
}

/** The preview of a policy: its pending ids, or the clear failure (thrown, or check failures) it ends with. */
async function preview(policy: Record<string, unknown>, config: Record<string, string> = {}) {
  const { context: ctx, warnings } = context(config);
  const result = await settle(createRetentionProvider(ctx).check({}, policy));
  if (!result.ok) return { ok: false as const, message: expectClearFailure(result.error), error: result.error, warnings };
  const failures = result.value.failures ?? [];
  if (failures.length > 0) return { ok: false as const, message: failures.map((f) => `${f.property}: ${f.reason}`).join('\n'), warnings };
  return { ok: true as const, pending: pendingIds(result.value.inputs), inputs: result.value.inputs, warnings };
}

function bigIds(): number[] {
  return sim.control.listVersions(BIG as never).map((v) => v.id);
}

function json(value: unknown): Record<string, string> {
  return { 'content-type': 'application/json; charset=utf-8', ...(value as object) };
}

function withLink(answer: ProxyAnswer, link: string): ProxyAnswer {
  return { ...answer, headers: { ...answer.headers, link } };
}

type WireEntry = { id: number; name: string; url: string; metadata: { container: { tags: unknown } } };

/** Every answer to a listing on `path` (up to 10) comes back with `change` applied to its entries. */
function rewriteListing(path: RegExp, change: (list: WireEntry[]) => void): void {
  const rewrite = (a: ProxyAnswer): ProxyAnswer => {
    const list = JSON.parse(a.body.toString()) as WireEntry[];
    change(list);
    return { ...a, body: Buffer.from(JSON.stringify(list)) };
  };
  proxy.add({ method: 'GET', path, times: 10, action: { kind: 'rewrite', rewrite } });
}

function firstPageUrl(): string {
  return `${proxy.baseUrl}/orgs/acme/packages/npm/big/versions?state=active&per_page=100&page=1`;
}

describe('redirects', () => {
  it("a same-origin 307 on DELETE to another package's version is not followed: nothing of the other package is deleted", async () => {
    const web = sim.control.listVersions(WEB as never).find((v) => v.state === 'active')!;
    const ui = sim.control.listVersions({ owner: 'acme', packageType: 'npm', packageName: 'ui' } as never).find((v) => v.state === 'active')!;
    const vp = createPackageVersionProvider(context().context);
    const { inputs } = await vp.check({}, { org: 'acme', packageType: 'npm', packageName: 'ui', versionId: ui.id, state: 'deleted' });
    proxy.add({
      method: 'DELETE',
      path: new RegExp(`/versions/${ui.id}$`),
      times: 10,
      action: { kind: 'respond', status: 307, headers: { location: `/orgs/acme/packages/container/web/versions/${web.id}` } },
    });
    const out = await settle(vp.create(inputs));
    expect(sim.control.getVersion({ ...WEB, versionId: web.id }).state).toBe('active');
    expect(sim.log.filter((e) => e.method === 'DELETE')).toEqual([]);
    expect(out.ok).toBe(false);
    const message = expectClearFailure(!out.ok && out.error);
    expect(message).toMatch(/DELETE \/orgs\/acme\/packages\/npm\/ui\/versions\/\d+/);
    expect(message).toMatch(/redirect/i);
    // Refused at once: a mutation answered with a redirect is not retried either.
    expect(proxy.seen.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    record(
      'Same-origin `307` answering `DELETE …/npm/ui/versions/X` with `Location: …/container/web/versions/Y`',
      `not followed, not retried; the other package's version stays active; PackageVersion fails: "${message.slice(0, 260)}…"`,
    );
  });

  it('a cross-host 307 on DELETE in a policy is not followed and no deletion is claimed', async () => {
    const { context: ctx } = context();
    const p = createRetentionProvider(ctx);
    const { inputs } = await p.check({}, WEB_POLICY);
    expect(pendingIds(inputs).length).toBeGreaterThan(0);
    proxy.add({
      method: 'DELETE',
      path: /\/versions\/\d+$/,
      times: 1000,
      action: { kind: 'respond', status: 307, headers: { location: `${foreign.origin}/elsewhere` } },
    });
    const out = await settle(p.create(inputs));
    expect(foreign.requests).toEqual([]);
    expect(sim.log.filter((e) => e.method === 'DELETE')).toEqual([]);
    // The first redirected DELETE stops the run: the rest are not tried against a server that redirects deletes.
    expect(proxy.seen.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    const text = out.ok ? JSON.stringify(out.value.outs) : expectClearFailure(out.error);
    if (out.ok) expect(out.value.outs.deletedCount).toBe(0);
    expect(text).toMatch(/redirect/i);
    record(
      'Cross-host `307` answering every DELETE of a policy',
      `no request reaches the other host; the first redirected DELETE stops the run; no deletion is counted; up ${out.ok ? 'reports' : 'fails'}: "${text.slice(0, 200)}…"`,
    );
  });

  it('a cross-origin redirect on a listing GET is not followed and no plan is built from a foreign body', async () => {
    proxy.add({
      method: 'GET',
      path: BIG_VERSIONS,
      action: { kind: 'respond', status: 302, headers: { location: `${foreign.origin}/orgs/acme/packages/npm/big/versions` } },
    });
    const out = await preview(BIG_POLICY);
    expect(foreign.requests).toEqual([]);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toMatch(/redirect/i);
    record(
      'Cross-origin `302` on the listing GET',
      `not followed (no request reaches the other host), the preview fails: "${!out.ok && out.message.slice(0, 220)}…"`,
    );
  });

  it('a same-origin redirect of a listing to another package is refused; one to the same route is followed', async () => {
    proxy.add({
      method: 'GET',
      path: BIG_VERSIONS,
      action: { kind: 'respond', status: 302, headers: { location: '/orgs/acme/packages/npm/ui/versions?state=active&per_page=100&page=1' } },
    });
    const out = await preview(BIG_POLICY);
    expect(out.ok).toBe(false);
    expect(sim.log.some((e) => e.path.includes('/npm/ui/'))).toBe(false);
    proxy.clear();
    proxy.add({
      method: 'GET',
      path: BIG_VERSIONS,
      action: { kind: 'respond', status: 307, headers: { location: '/orgs/acme/packages/npm/big/versions?page=1&per_page=100&state=active' } },
    });
    const same = await preview(BIG_POLICY);
    if (!same.ok) throw new Error(same.message);
    proxy.clear();
    const plain = await preview(BIG_POLICY);
    expect(plain.ok && same.pending).toEqual(plain.ok && plain.pending);
    record(
      "Same-origin redirect of a listing to another package's listing",
      `refused, nothing read from there: "${!out.ok && out.message.slice(0, 160)}…"; a redirect to the same route (query reordered) is followed and plans normally`,
    );
  });
});

describe('registry token realm (imageGraph: registry)', () => {
  async function realmAttempt(realm: string) {
    proxy.add({
      method: 'GET',
      path: /^\/v2\/$/,
      times: 10,
      action: {
        kind: 'rewrite',
        rewrite: (a) => ({ ...a, headers: { ...a.headers, 'www-authenticate': `Bearer realm="${realm}",service="ghcr.io"` } }),
      },
    });
    const reader = new RegistryClient({ registryUrl: proxy.baseUrl, token: HEX_TOKEN }).repository('acme', 'web');
    const results = await reader.manifests([`sha256:${'a'.repeat(64)}`]);
    return [...results.values()][0];
  }

  it('credentials never go to a realm on another host, nor over http to a non-loopback host', async () => {
    const other = await realmAttempt(`${foreign.origin.replace('127.0.0.1', 'localhost')}/token`);
    expect(foreign.requests).toEqual([]);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.reason).toMatch(/realm/);
    if (!other.ok) expect(other.reason).not.toContain(HEX_TOKEN);
    const otherPort = await realmAttempt(`${foreign.origin}/token`);
    expect(foreign.requests).toEqual([]);
    expect(otherPort.ok).toBe(false);
    // A registry reachable over http (github-packages:allowInsecureHttp) still never sends the token to an http realm
    // on another host, and an https registry never to an http realm on its own.
    expect(() => trustedRealm('http://evil.example/token', 'http://registry.example')).toThrow(/not https on the registry's own host/);
    expect(() => trustedRealm('http://ghcr.io/token', 'https://ghcr.io')).toThrow(/not https/);
    expect(trustedRealm('https://ghcr.io/token', 'https://ghcr.io').href).toBe('https://ghcr.io/token');
    record(
      '`WWW-Authenticate` realm on another host or port (`http://localhost:…/token`, `http://127.0.0.1:<other port>/token` for registry `http://127.0.0.1:…`), or http:// off loopback',
      `no request sent there; the manifest reads fail closed: "${!other.ok && other.reason.slice(0, 220)}…"`,
    );
  });
});

describe('pagination', () => {
  it('rel="last" claiming 100,000,000 pages fails at once, with no flood of requests and no crash', async () => {
    proxy.add({
      method: 'GET',
      path: BIG_VERSIONS,
      times: 10,
      action: { kind: 'rewrite', rewrite: (a) => withLink(a, `<${firstPageUrl().replace(/&page=1$/, '&page=100000000')}>; rel="last"`) },
    });
    const out = await preview(BIG_POLICY);
    expect(out.ok).toBe(false);
    expect(proxy.seen.length).toBeLessThan(20);
    record('`Link: <…page=100000000>; rel="last"`', `${proxy.seen.length} requests, then: "${!out.ok && out.message.slice(0, 200)}…"`);
  });

  it('rel="last" claiming 3,000 pages while page 2 is empty stops after a few requests', async () => {
    proxy.add({
      method: 'GET',
      path: /\/big\/versions\?.*(?<!\d)page=1(?!\d)/,
      times: 10,
      action: { kind: 'rewrite', rewrite: (a) => withLink(a, `<${firstPageUrl().replace(/&page=1$/, '&page=3000')}>; rel="last"`) },
    });
    proxy.add({
      method: 'GET',
      path: /\/big\/versions\?.*page=(?!1(?!\d))\d+/,
      times: 10000,
      action: { kind: 'rewrite', rewrite: (a) => ({ ...a, body: Buffer.from('[]') }) },
    });
    const out = await preview(BIG_POLICY);
    expect(proxy.seen.length).toBeLessThan(20);
    expect(out.ok).toBe(false);
    record(
      '`rel="last"` at page 3000 while pages 2+ are empty',
      `${proxy.seen.length} requests (not 3,001); the listing is inconsistent, read twice, then refused: "${!out.ok && out.message.slice(0, 200)}…"`,
    );
  });

  it('rel="next" pointing to the page itself stops with an error', async () => {
    proxy.add({
      method: 'GET',
      path: BIG_VERSIONS,
      times: 10000,
      action: { kind: 'rewrite', rewrite: (a) => withLink(a, `<${firstPageUrl()}>; rel="next"`) },
    });
    const out = await preview(BIG_POLICY);
    expect(proxy.seen.length).toBeLessThan(20);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toMatch(/page 1|twice|loop/i);
    record('`rel="next"` pointing to the page itself', `${proxy.seen.length} requests, then: "${!out.ok && out.message.slice(0, 200)}…"`);
  });

  it("a Link to another package's listing is not followed: no foreign id is planned", async () => {
    for (let i = 0; i < 150; i++) sim.control.publishVersion({ owner: 'acme', packageType: 'npm', packageName: 'other', name: `1.0.${i}` });
    const other = `${proxy.baseUrl}/orgs/acme/packages/npm/other/versions?state=active&per_page=100&page=2`;
    proxy.add({
      method: 'GET',
      path: BIG_VERSIONS,
      times: 10,
      action: { kind: 'rewrite', rewrite: (a) => withLink(a, `<${other}>; rel="next", <${other}>; rel="last"`) },
    });
    const out = await preview(BIG_POLICY);
    expect(proxy.seen.some((r) => r.url.includes('/npm/other/'))).toBe(false);
    const own = bigIds();
    if (out.ok) for (const id of out.pending) expect(own).toContain(id);
    expect(out.ok).toBe(false);
    record(
      "Same-origin `Link` to another package's listing",
      `not followed (no request for it), the preview fails: "${!out.ok && out.message.slice(0, 200)}…"`,
    );
  });
});

describe('a listing belongs to the package asked for', () => {
  it('a version whose own API url names another package fails the listing', async () => {
    rewriteListing(BIG_VERSIONS, (list) => {
      list[3].url = list[3].url.replace('/npm/big/', '/npm/ui/');
    });
    const out = await preview(BIG_POLICY);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toMatch(/another package/);
    record("A listing entry whose own `url` is another package's version", `the listing is refused: "${!out.ok && out.message.slice(0, 200)}…"`);
  });
});

describe('response size', () => {
  it(`a compressed body expanding past the limit (${MAX_RESPONSE_BYTES / 1024 / 1024} MiB) is refused with a clear error`, async () => {
    const huge = Buffer.concat([Buffer.from('['), Buffer.alloc(MAX_RESPONSE_BYTES + 1024 * 1024, 0x20), Buffer.from(']')]);
    const gz = zlib.gzipSync(huge);
    proxy.add({
      method: 'GET',
      path: BIG_VERSIONS,
      times: 10,
      action: { kind: 'respond', status: 200, headers: json({ 'content-encoding': 'gzip' }), body: gz },
    });
    const out = await preview(BIG_POLICY);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toMatch(new RegExp(`${MAX_RESPONSE_BYTES / 1024 / 1024} MiB`));
    record(
      `A gzip body of ${Math.round(gz.length / 1024)} KB expanding to ${Math.round(huge.length / 1024 / 1024)} MiB`,
      `reading stops at the limit, the preview fails: "${!out.ok && out.message.slice(0, 220)}…"`,
    );
  });
});

describe('echoed secrets and long bodies', () => {
  function hexContext() {
    sim.control.issueToken({ token: HEX_TOKEN, login: 'octocat', scopes: ['read:packages', 'delete:packages', 'repo'] });
    return reliabilityContext(sim, { baseUrl: proxy.baseUrl, config: { 'github-packages:token': HEX_TOKEN } });
  }
  const basic = Buffer.from(`x-access-token:${HEX_TOKEN}`).toString('base64');

  it.each([
    [
      'a 400 JSON body and documentation_url',
      400,
      json({}),
      JSON.stringify({ message: `Bad token ${HEX_TOKEN} (Basic ${basic})`, documentation_url: `https://docs.github.com/?t=${HEX_TOKEN}` }),
    ],
    ['a 502 HTML page', 502, { 'content-type': 'text/html' }, `<html><body>upstream said: token ${HEX_TOKEN}</body></html>`],
  ])('a 40-hex classic token echoed in %s appears in no message or warning', async (_label, status, headers, body) => {
    const { context: ctx, warnings } = hexContext();
    proxy.add({ method: 'GET', path: BIG_VERSIONS, times: 10, action: { kind: 'respond', status, headers, body } });
    const result = await settle(createRetentionProvider(ctx).check({}, BIG_POLICY));
    expect(result.ok).toBe(false);
    const text = `${errorText(!result.ok && result.error)}\n${warnings.join('\n')}`;
    expect(text).not.toContain(HEX_TOKEN);
    expect(text).not.toContain(basic);
    record(
      `A 40-hex classic token echoed in ${_label}`,
      `removed from every message and warning: "${(result as { error: Error }).error.message.slice(0, 200)}…"`,
    );
  });

  it('a token echoed as a version name reaches neither the plan (state) nor the preview', async () => {
    sim.control.issueToken({ token: HEX_TOKEN, login: 'octocat', scopes: ['read:packages', 'delete:packages', 'repo'] });
    const oldest = Math.min(...bigIds());
    rewriteListing(BIG_VERSIONS, (list) => {
      for (const v of list) if (v.id === oldest) v.name = `1.0.0-${HEX_TOKEN}`;
    });
    // Through the provider's entry point, as the engine calls it.
    const config: Record<string, string> = {
      'github-packages:token': HEX_TOKEN,
      'github-packages:baseUrl': proxy.baseUrl,
      'github-packages:mutationIntervalMs': '0',
    };
    await providerEntry.configure({ get: (key) => config[key] });
    const { inputs } = await providerEntry.resourceProvider('PackageVersionRetention').check({}, BIG_POLICY);
    expect(pendingIds(inputs)).toContain(oldest);
    expect(JSON.stringify(inputs)).not.toContain(HEX_TOKEN);
    record(
      'The token (40-hex) echoed as a version name in a listing',
      `the version is still planned by id; its name reads \`1.0.0-[REDACTED]\` in pendingDeletions, so the token reaches neither the preview nor state`,
    );
  });

  it('a 400 with a 1 MB HTML body gives a short message', async () => {
    const body = `<html><body>${'x'.repeat(1_000_000)}</body></html>`;
    proxy.add({
      method: 'GET',
      path: BIG_VERSIONS,
      times: 10,
      action: { kind: 'respond', status: 400, headers: { 'content-type': 'text/html' }, body },
    });
    const out = await preview(BIG_POLICY);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message.length).toBeLessThan(1500);
    record('A 400 with a 1 MB HTML body', `the body is cut in the message (${!out.ok && out.message.length} characters in all)`);
  });
});

describe('rate-limit headers', () => {
  it('x-ratelimit-reset in year 318857 gives a bounded, accurate message (no RangeError)', async () => {
    proxy.add({
      method: 'GET',
      path: BIG_VERSIONS,
      times: 10,
      action: {
        kind: 'respond',
        status: 403,
        headers: json({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '10000000000000' }),
        body: JSON.stringify({ message: 'API rate limit exceeded' }),
      },
    });
    const out = await preview(BIG_POLICY);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.message).not.toMatch(/RangeError|Invalid time/);
      expect(out.message).toMatch(/did not retry|not retried/i);
      expect(out.message).not.toMatch(/waited and retried/);
    }
    record('`x-ratelimit-reset: 10000000000000`', `"${!out.ok && out.message.slice(0, 240)}…"`);
  });

  it('Retry-After: 1e9 is not waited for, and the message says so', async () => {
    proxy.add({
      method: 'GET',
      path: BIG_VERSIONS,
      times: 10,
      action: {
        kind: 'respond',
        status: 429,
        headers: json({ 'retry-after': '1e9' }),
        body: JSON.stringify({ message: 'You have exceeded a secondary rate limit.' }),
      },
    });
    const out = await preview(BIG_POLICY);
    expect(out.ok).toBe(false);
    expect(proxy.seen.filter((r) => BIG_VERSIONS.test(r.url))).toHaveLength(1);
    if (!out.ok) {
      expect(out.message).not.toMatch(/waited and retried/);
      expect(out.message).toMatch(/asked to wait/i);
    }
    record('`Retry-After: 1e9` on a secondary limit', `one request, no wait: "${!out.ok && out.message.slice(0, 240)}…"`);
  });
});

describe('token and wire shapes', () => {
  it('a token with a zero-width space is refused at configuration, naming the setting, before any request', async () => {
    const out = await preview(BIG_POLICY, { 'github-packages:token': 'ghp_sim_admin\u200b' });
    expect(out.ok).toBe(false);
    expect(proxy.seen).toEqual([]);
    if (!out.ok) expect(out.message).toMatch(/github-packages:token.*U\+200B|U\+200B.*github-packages:token/s);
    record('A token containing U+200B', `no request sent: "${!out.ok && out.message.slice(0, 220)}"`);
  });

  it.each([
    ['[null]', [null]],
    ['[123]', [123]],
    ['[{}]', [{}]],
  ])('tags %s in a listing fail clearly, naming the field', async (label, tags) => {
    rewriteListing(/\/container\/web\/versions\?/, (list) => {
      list[0].metadata.container.tags = tags;
    });
    const out = await preview(WEB_POLICY);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toMatch(/metadata\.container\.tags/);
    if (!out.ok) expect(out.message).not.toMatch(/TypeError/);
    if (label === '[null]') record('Non-string tags (`[null]`, `[123]`, `[{}]`) in a listing', `"${!out.ok && out.message.slice(0, 220)}…"`);
  });
});

describe('busy packages (issue 12 §4)', () => {
  const PAGE_2 = /\/big\/versions\?.*(?<!_)page=2(?!\d)/;

  it('a version published while the preview pages: the shifted duplicate is one version, the preview succeeds', async () => {
    proxy.add({ method: 'GET', path: PAGE_2, action: { kind: 'hook', before: () => sim.control.publishVersion({ ...BIG, name: '9.9.9' }) } });
    const out = await preview(BIG_POLICY);
    expect(out.ok).toBe(true);
    if (out.ok) {
      expect(new Set(out.pending).size).toBe(out.pending.length);
      for (const id of out.pending) expect(bigIds()).toContain(id);
    }
    record(
      'A version published while the preview reads page 2 (pages shift by one)',
      `the duplicate across pages is one version; the preview succeeds (${out.ok && out.pending.length} pending, each listed once)`,
    );
  });

  it('inconsistent pages (the duplicate differs) are read again once; still inconsistent, nothing is planned or deleted', async () => {
    const shiftAndRetag = () => {
      const boundary = sim.control
        .listVersions(BIG as never)
        .filter((v) => v.state === 'active')
        .sort((a, b) => b.id - a.id)[99];
      sim.control.publishVersion({ ...BIG, name: `9.9.${Math.random()}` });
      sim.control.setTags({ ...BIG, versionId: boundary.id, tags: [`t${Math.random()}`] });
    };
    proxy.add({ method: 'GET', path: PAGE_2, action: { kind: 'hook', before: shiftAndRetag } });
    const once = await preview(BIG_POLICY);
    expect(once.ok).toBe(true);

    sim.reset();
    proxy.clear();
    proxy.add({ method: 'GET', path: PAGE_2, times: 2, action: { kind: 'hook', before: shiftAndRetag } });
    const twice = await preview(BIG_POLICY);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.message).toMatch(/changed while|inconsistent/i);

    // And at up: a listing still inconsistent after a second read deletes nothing.
    sim.reset();
    proxy.clear();
    const { context: ctx } = context();
    const p = createRetentionProvider(ctx);
    const { inputs } = await p.check({}, BIG_POLICY);
    proxy.add({ method: 'GET', path: PAGE_2, times: 2, action: { kind: 'hook', before: shiftAndRetag } });
    const applied = await settle(p.create(inputs));
    expect(deleteRequestIds(sim)).toEqual([]);
    record(
      'Pages shifted and a duplicate that differs between pages',
      `read again once (then fine); still inconsistent on the second read: the preview fails ("${!twice.ok && twice.message.slice(0, 200)}…") and up sends no DELETE (${applied.ok ? 'succeeds with nothing deleted' : 'fails'})`,
    );
  });
});
