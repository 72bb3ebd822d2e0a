/**
 * Issue 8, secrets at the provider level: the token never appears in error messages, stacks, resource outputs,
 * client warnings or the simulator's request log; it travels only in the Authorization header, and only to the
 * configured base URL, even when GitHub's Link header points elsewhere.
 */
import { createPackageProvider } from '../../provider/resources/package-provider';
import { createPackageVersionProvider } from '../../provider/resources/package-version-provider';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { startFaultProxy, startForeignServer, type FaultProxy, type ForeignServer } from './fault-proxy';
import {
  ALL_TOKENS,
  errorText,
  expectClearFailure,
  reliabilityContext,
  settle,
  startReliabilitySimulator,
  type RunningSimulator,
} from './reliability-helpers';
import { recordSection } from './reliability-report';

const BIG_POLICY = { org: 'acme', packageType: 'npm', packages: ['big'], keepNewest: 246 };
const UNKNOWN_TOKEN = 'ghp_thisTokenIsNotKnownToTheSimulator0001';

let sim: RunningSimulator;
let proxy: FaultProxy;
let foreign: ForeignServer;
const items: string[] = [];

beforeAll(async () => {
  sim = await startReliabilitySimulator();
  proxy = await startFaultProxy(sim.baseUrl);
  foreign = await startForeignServer();
});
afterAll(async () => {
  await foreign.stop();
  await proxy.stop();
  await sim.stop();
  recordSection('secrets', { title: 'Secrets', items });
});
beforeEach(() => {
  sim.reset();
  proxy.clear();
  proxy.seen.length = 0;
});

const SECRETS = [...ALL_TOKENS, UNKNOWN_TOKEN];
function expectNoSecret(text: string, where: string): void {
  for (const t of SECRETS) {
    if (text.includes(t)) throw new Error(`a token appears in ${where}`);
  }
}

/** The token is in the Authorization header of each request, and nowhere else in what was sent. */
function expectTokenOnlyInAuthorizationHeader(): void {
  expect(proxy.seen.length).toBeGreaterThan(0);
  for (const r of proxy.seen) {
    expectNoSecret(r.url, 'a request URL');
    const { authorization, ...rest } = r.headers;
    expectNoSecret(JSON.stringify(rest), 'a request header other than Authorization');
    expect(authorization).toMatch(/^token |^bearer /i);
  }
}

describe('the token never leaks', () => {
  it('a full run of all three resources (check, create, read): outputs, warnings and the request log are token-free', async () => {
    const { context, warnings } = reliabilityContext(sim, { baseUrl: proxy.baseUrl });
    sim.faults.add({ match: { method: 'GET', path: /\/versions$/, times: 2 }, fault: { status: 502 } }); // warnings too
    const retention = createRetentionProvider(context);
    const version = createPackageVersionProvider(context);
    const pkg = createPackageProvider(context);
    const artifacts: unknown[] = [];
    const r = await retention.check({}, BIG_POLICY);
    const rc = await retention.create(r.inputs);
    artifacts.push(r, rc, await retention.read(rc.id, rc.outs));
    const v = await version.check({}, { org: 'acme', packageType: 'npm', packageName: 'ui', versionId: 100201, state: 'active' });
    const vc = await version.create(v.inputs);
    artifacts.push(v, vc, await version.read(vc.id, vc.outs));
    const p = await pkg.check({}, { org: 'acme', packageType: 'npm', packageName: 'solo', state: 'active' });
    const pc = await pkg.create(p.inputs);
    artifacts.push(p, pc, await pkg.read(pc.id, pc.outs));
    expectNoSecret(JSON.stringify(artifacts), 'resource inputs/outputs');
    expect(warnings.length).toBeGreaterThan(0);
    expectNoSecret(warnings.join('\n'), 'client warnings');
    expectNoSecret(JSON.stringify(sim.log), 'the simulator request log');
    expect(sim.log.every((e) => e.tokenLabel === 'admin')).toBe(true);
    expectTokenOnlyInAuthorizationHeader();
    items.push(
      'A full check/create/read of all three resources (with injected 502s so retry warnings are produced): no token in inputs, ' +
        "outputs, client warnings, or the simulator log (which records the token's label); the token travels only in the " +
        '`Authorization` header, never in a URL or another header.',
    );
  });

  const failures: {
    name: string;
    label?: 'read-only' | 'admin';
    token?: string;
    setup?: () => void;
    run: (p: ReturnType<typeof createRetentionProvider>) => Promise<unknown>;
  }[] = [
    { name: 'bad credentials (401)', token: UNKNOWN_TOKEN, run: (p) => p.check({}, BIG_POLICY) },
    { name: 'missing delete scope', label: 'read-only', run: (p) => p.check({}, BIG_POLICY) },
    { name: 'package not found (404)', run: (p) => p.check({}, { ...BIG_POLICY, packages: ['no-such-package'] }) },
    {
      name: 'server errors after retries (500)',
      setup: () => sim.faults.add({ match: { path: /\/versions$/, times: 100 }, fault: { status: 500 } }),
      run: (p) => p.check({}, BIG_POLICY),
    },
    {
      name: 'secondary rate limit exhausted',
      setup: () => sim.faults.add({ match: { path: /\/versions$/, times: 100 }, fault: { rateLimit: 'secondary', retryAfter: 5 } }),
      run: (p) => p.check({}, BIG_POLICY),
    },
    {
      name: 'connection reset after retries',
      setup: () => sim.faults.add({ match: { path: /\/versions$/, times: 100 }, fault: { reset: true } }),
      run: (p) => p.check({}, BIG_POLICY),
    },
    {
      name: 'a failing DELETE at apply',
      run: async (p) => {
        const { inputs } = await p.check({}, BIG_POLICY);
        sim.faults.add({ match: { method: 'DELETE', times: 100 }, fault: { status: 503 } });
        return p.create(inputs);
      },
    },
  ];

  for (const f of failures) {
    it(`error text, stack and properties are token-free: ${f.name}`, async () => {
      const config: Record<string, string> = f.token ? { 'github-packages:token': f.token } : {};
      const { context, warnings } = reliabilityContext(sim, { baseUrl: proxy.baseUrl, label: f.label ?? 'admin', config });
      f.setup?.();
      const result = await settle(f.run(createRetentionProvider(context)));
      const text = result.ok ? JSON.stringify(result.value) : errorText(result.error);
      if (!result.ok) expectClearFailure(result.error);
      expectNoSecret(text, `the outcome of "${f.name}"`);
      expectNoSecret(warnings.join('\n'), 'client warnings');
      expectNoSecret(JSON.stringify(sim.log), 'the simulator request log');
      expect(result.ok && !JSON.stringify(result.value).includes('failures')).toBe(false);
    });
  }

  it('records the failure cases', () => {
    items.push(
      `Failures checked for token-free message, stack and own properties (and token-free warnings and request log): ${failures.map((f) => f.name).join('; ')}.`,
    );
  });
});

describe('requests go only to the configured base URL', () => {
  for (const [label, origin] of [
    ['another port on the same host', () => foreign.origin],
    ['another host name', () => 'http://evil.example'],
    ['https instead of http', () => proxy.baseUrl.replace('http:', 'https:')],
  ] as const) {
    it(`a Link header pointing to ${label} is refused with ForeignLinkError; nothing is sent there`, async () => {
      const { context } = reliabilityContext(sim, { baseUrl: proxy.baseUrl });
      proxy.add({ method: 'GET', path: /\/packages\/npm\/big\/versions$/, action: { kind: 'foreign-link', origin: origin() } });
      const result = await settle(createRetentionProvider(context).check({}, BIG_POLICY));
      expect(result.ok).toBe(false);
      const message = expectClearFailure(!result.ok && result.error);
      expect(message).toMatch(/pagination Link points to .*outside the configured API/);
      expect((!result.ok && (result.error as Error).name) || '').toBe('ForeignLinkError');
      expect(foreign.requests).toEqual([]);
      expect(sim.mutations()).toEqual([]);
      expect(proxy.seen.every((r) => !/^https?:/.test(r.url))).toBe(true);
    });
  }

  it('records the result', () => {
    items.push(
      'A pagination `Link` pointing to another port, another host, or https instead of http (rewritten by the fault proxy): ' +
        'the check fails with `ForeignLinkError` ("…refuses to follow it because the request would carry the token there…"); ' +
        'the foreign server received no request; nothing mutated.',
    );
  });
});
