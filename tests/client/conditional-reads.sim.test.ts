/**
 * Conditional reads (client/conditional-fetch.ts, client/page-store.ts): pages read again are asked for with
 * If-None-Match; GitHub's 304 costs no primary-limit request and the stored page, just confirmed current, is the
 * answer. Within a process (one memory store for every client of a token) and across processes (the disk store).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { PackageRef } from '../../provider/types';
import { DiskPageStore, MemoryPageStore, TieredPageStore } from '../../provider/client/page-store';
import type { RequestLogEntry } from '../../simulator';
import { clientFor, FIXTURE_TOKENS, startSimulator, type RunningSimulator } from './sim-helpers';

const acme = { kind: 'org' as const, login: 'acme' };

function publishMany(sim: RunningSimulator, name: string, count: number): PackageRef {
  for (let i = 0; i < count; i++) {
    sim.control.publishVersion({ owner: 'acme', packageType: 'npm', packageName: name, name: `0.0.${i}`, createdAt: `now-${count - i}m` });
  }
  return { owner: acme, packageType: 'npm', name };
}

const listings = (log: readonly RequestLogEntry[], name: string) => log.filter((e) => e.method === 'GET' && e.path.endsWith(`/npm/${name}/versions`));
const statuses = (entries: readonly RequestLogEntry[]) => entries.map((e) => e.status);

let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.reset();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pages-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Two "processes": each its own memory store, one disk directory. */
const processStore = () => new TieredPageStore(new MemoryPageStore(), new DiskPageStore(dir));

describe('conditional reads', () => {
  it('a second listing of an unchanged package is 304s only, the same versions, and no primary-limit request', async () => {
    const ref = publishMany(sim, 'same', 350);
    const { client } = clientFor(sim, 'admin', { pageStore: new MemoryPageStore() });
    const first = await client.listVersions(ref);
    sim.clearLog();
    const again = await client.listVersions(ref);
    expect(again).toEqual(first);
    expect(statuses(listings(sim.log, 'same'))).toEqual([304, 304, 304, 304]);
    // The 304s' own X-RateLimit-Used: the four reads of the first listing and nothing since.
    const used = await fetch(`${sim.baseUrl}/user`, { headers: { authorization: `Bearer ${FIXTURE_TOKENS.admin}` } });
    expect(used.headers.get('x-ratelimit-used')).toBe('5');
  });

  it('only the pages that changed are read whole: deleting the oldest versions re-reads the last page', async () => {
    const ref = publishMany(sim, 'tail', 1000);
    const { client } = clientFor(sim, 'admin', { pageStore: new MemoryPageStore() });
    const before = await client.listVersions(ref);
    for (const v of before.slice(-10)) sim.control.deleteVersion({ owner: 'acme', packageType: 'npm', packageName: 'tail', versionId: v.id });
    sim.clearLog();
    const after = await client.listVersions(ref);
    expect(after.map((v) => v.id)).toEqual(before.slice(0, 990).map((v) => v.id));
    const s = statuses(listings(sim.log, 'tail'));
    expect(s.filter((x) => x === 200)).toHaveLength(1);
    expect(s.filter((x) => x === 304)).toHaveLength(9);
  });

  it('a 304 page 1 whose stored Link names a last page that no longer is: the listing ends where the items end', async () => {
    const ref = publishMany(sim, 'shrink', 450);
    const { client } = clientFor(sim, 'admin', { pageStore: new MemoryPageStore() });
    const before = await client.listVersions(ref);
    // Page 1 stays the same; the count drops from 5 pages to 4 (the stored Link still says 5).
    for (const v of before.slice(-120)) sim.control.deleteVersion({ owner: 'acme', packageType: 'npm', packageName: 'shrink', versionId: v.id });
    const after = await client.listVersions(ref);
    expect(after.map((v) => v.id)).toEqual(before.slice(0, 330).map((v) => v.id));
  });

  it('a 304 page 1 whose stored Link names fewer pages than there now are: the listing reads on past it', async () => {
    const ref = publishMany(sim, 'grow', 400);
    const { client } = clientFor(sim, 'admin', { pageStore: new MemoryPageStore() });
    const old = sim.control.publishVersion({ owner: 'acme', packageType: 'npm', packageName: 'grow', name: '0.0.0-old', createdAt: 'now-30d' });
    sim.control.deleteVersion({ owner: 'acme', packageType: 'npm', packageName: 'grow', versionId: old.id });
    const before = await client.listVersions(ref);
    expect(before).toHaveLength(400);
    // Restored: listed last (oldest), on a fifth page; page 1 is unchanged, so it answers 304 with the 4-page Link.
    sim.control.restoreVersion({ owner: 'acme', packageType: 'npm', packageName: 'grow', versionId: old.id });
    const after = await client.listVersions(ref);
    expect(after).toHaveLength(401);
    expect(after[400].id).toBe(old.id);
  });

  it('across processes through the disk store: the next process gets 304s; files are private and hold no token', async () => {
    const ref = publishMany(sim, 'disk', 250);
    const one = clientFor(sim, 'admin', { pageStore: processStore() }).client;
    const first = await one.listVersions(ref);
    await one.tokenScopes();
    sim.clearLog();
    const two = clientFor(sim, 'admin', { pageStore: processStore() }).client;
    expect(await two.listVersions(ref)).toEqual(first);
    expect(statuses(listings(sim.log, 'disk'))).toEqual([304, 304, 304]);
    expect((fs.statSync(dir).mode & 0o777).toString(8)).toBe('700');
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
      const text = fs.readFileSync(file, 'utf8');
      for (const token of Object.values(FIXTURE_TOKENS)) expect(text).not.toContain(token);
    }
    // Another token has its own pages: nothing of the admin's is offered for it.
    sim.clearLog();
    await clientFor(sim, 'fine-grained', { pageStore: processStore() }).client.listVersions(ref);
    expect(statuses(listings(sim.log, 'disk'))).toEqual([200, 200, 200]);
  });

  it('a stored file others could have written is never used', async () => {
    const ref = publishMany(sim, 'shared', 50);
    await clientFor(sim, 'admin', { pageStore: processStore() }).client.listVersions(ref);
    for (const name of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, name), 0o664);
    sim.clearLog();
    await clientFor(sim, 'admin', { pageStore: processStore() }).client.listVersions(ref);
    expect(statuses(listings(sim.log, 'shared'))).toEqual([200]);
  });

  it('a page whose body holds the token is not stored', async () => {
    const stored: string[] = [];
    const store = { get: () => Promise.resolve(undefined), set: (key: string) => Promise.resolve(void stored.push(key)) };
    const body = JSON.stringify([{ id: 1, name: `echo ${FIXTURE_TOKENS.admin}` }]);
    const fetchEcho: typeof fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json', etag: 'W/"x"' } });
    const { client } = clientFor(sim, 'admin', { pageStore: store, fetch: fetchEcho });
    await client.listPackages(acme, 'npm').catch(() => undefined);
    expect(stored).toEqual([]);
  });
});

describe("the disk store's bounds", () => {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const T = Date.UTC(2026, 11, 6, 12);
  /** A page file written at `at`, as another process leaves it. */
  function pageFile(name: string, at: number, bytes = 100): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify({ etag: 'W/"e"', headers: {}, body: 'x'.repeat(bytes) }), { mode: 0o600 });
    fs.utimesSync(file, at / 1000, at / 1000);
    return file;
  }
  const open = (at: number, maxBytes = 1_000_000) => new DiskPageStore(dir, maxBytes, 7 * DAY, () => at).get('any page');

  it('a sweep removes pages older than the age bound, then the oldest beyond the byte bound', async () => {
    const stale = pageFile('stale', T - 8 * DAY);
    const oldest = pageFile('oldest', T - 3 * HOUR, 400);
    const newer = pageFile('newer', T - 2 * HOUR, 400);
    const newest = pageFile('newest', T - HOUR, 400);
    await open(T, 1_000);
    expect([stale, oldest, newer, newest].map((f) => fs.existsSync(f))).toEqual([false, false, true, true]);
  });

  it('one process sweeps, the next ones within the hour do not read the directory again; the first after the hour does', async () => {
    // Every `pulumi` command starts a provider process, and a sweep looks at every page (tens of thousands in a
    // full directory): once an hour is enough to keep the bounds.
    await open(T);
    const stale = pageFile('stale', T - 8 * DAY);
    await open(T + 10 * 60_000);
    await open(T + 59 * 60_000);
    expect(fs.existsSync(stale)).toBe(true);
    await open(T + 61 * 60_000);
    expect(fs.existsSync(stale)).toBe(false);
  });

  it('a sweep mark dated in the future does not stop sweeps (the clock moved back)', async () => {
    await open(T + DAY);
    const stale = pageFile('stale', T - 8 * DAY);
    await open(T);
    expect(fs.existsSync(stale)).toBe(false);
  });

  it('a stale page not yet swept is never served', async () => {
    await open(T);
    const name = createHash('sha256').update('page').digest('hex');
    pageFile(name, T - 8 * DAY);
    expect(await new DiskPageStore(dir, 1_000_000, 7 * DAY, () => T + 60_000).get('page')).toBeUndefined();
    expect(await new DiskPageStore(dir, 1_000_000, 9 * DAY, () => T + 60_000).get('page')).toMatchObject({ etag: 'W/"e"' });
  });
});
