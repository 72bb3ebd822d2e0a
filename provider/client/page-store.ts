/**
 * The answers the client has read, kept so that it can ask for them again conditionally (`If-None-Match`): a
 * `304 Not Modified` costs no request against GitHub's primary limit, and the answer is then the stored one,
 * which GitHub has just confirmed is current (conditional-fetch.ts). Keyed by a hash of the API root and token
 * (token-scope.ts) and the request URL; bodies are kept deflated.
 *
 * Two tiers: one process-wide LRU in memory, bounded in bytes (the engine's phases of one `up` run in one provider
 * process), and a directory on disk for the next process (`pulumi preview --save-plan` then `pulumi up --plan`
 * are two), bounded in bytes and age, written private to the user (0700 directory, 0600 files; a file another
 * user could have written is never read). File names are hashes; nothing in them names a token. The bounds are
 * kept by a sweep that looks at every file, so it runs at most once an hour (a mark file's time), not in every
 * process: every `pulumi` command starts one, and a full directory holds tens of thousands of pages.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LRUCache } from 'lru-cache';

export interface StoredPage {
  etag: string;
  /** Headers of the answer that a 304 does not repeat (Link, Content-Type). */
  headers: Record<string, string>;
  /** The body, deflated. */
  body: Buffer;
}

export interface PageStore {
  get(key: string): Promise<StoredPage | undefined>;
  set(key: string, page: StoredPage): Promise<void>;
}

/** Deflated pages kept in memory by one process: at 1 KB a version and ~10× deflate, about 300,000 versions. */
export const MEMORY_STORE_BYTES = 32 * 1024 * 1024;
/** What the disk tier may hold, and for how long a page stays worth asking about. */
export const DISK_STORE_BYTES = 256 * 1024 * 1024;
export const DISK_STORE_MAX_AGE_MS = 7 * 24 * 3_600_000;
/** How long after one sweep of the directory the next process sweeps it again. */
export const DISK_SWEEP_INTERVAL_MS = 3_600_000;
/** The mark whose modification time says when the directory was last swept (not a page: no hash name). */
const SWEEP_MARK = '.swept';

function sizeOf(page: StoredPage): number {
  return page.body.length + page.etag.length + JSON.stringify(page.headers).length + 64;
}

export class MemoryPageStore implements PageStore {
  private readonly pages: LRUCache<string, StoredPage>;

  constructor(maxBytes = MEMORY_STORE_BYTES) {
    this.pages = new LRUCache<string, StoredPage>({ maxSize: maxBytes, sizeCalculation: (p) => Math.max(1, sizeOf(p)) });
  }

  get(key: string): Promise<StoredPage | undefined> {
    return Promise.resolve(this.pages.get(key));
  }

  set(key: string, page: StoredPage): Promise<void> {
    this.pages.set(key, page);
    return Promise.resolve();
  }
}

/** The default directory: `$XDG_CACHE_HOME/pulumi-github-packages/pages`, else `~/.cache/…`. */
export function defaultPageDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'pulumi-github-packages', 'pages');
}

/**
 * Ours to trust: owned by this user, and nobody else may write it (a page another user could write would be
 * served as GitHub's answer once GitHub confirms its ETag). Readable by others is the user's choice (a directory
 * carried between CI jobs as an artifact comes back 0644).
 */
function ownedAndUnwritableByOthers(stat: fs.Stats): boolean {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return (uid === undefined || stat.uid === uid) && (stat.mode & 0o022) === 0;
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined; // removed meanwhile by another process's sweep
  }
}

export class DiskPageStore implements PageStore {
  private ready: Promise<boolean> | undefined;

  constructor(
    readonly dir: string,
    private readonly maxBytes = DISK_STORE_BYTES,
    private readonly maxAgeMs = DISK_STORE_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  private fileOf(key: string): string {
    return path.join(this.dir, createHash('sha256').update(key).digest('hex'));
  }

  /** Creates the directory (0700) and sweeps old and excess files, once; false when it is not ours to use. */
  private prepare(): Promise<boolean> {
    this.ready ??= (async () => {
      try {
        await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
        const stat = await fs.promises.lstat(this.dir);
        if (!stat.isDirectory() || !ownedAndUnwritableByOthers(stat)) return false;
        await this.sweepWhenDue();
        return true;
      } catch {
        return false;
      }
    })();
    return this.ready;
  }

  /** Sweeps unless a process did within the interval (a mark dated in the future does not count: clocks move). */
  private async sweepWhenDue(): Promise<void> {
    const mark = path.join(this.dir, SWEEP_MARK);
    const last = await fs.promises.lstat(mark).catch(() => undefined);
    const now = this.now();
    if (last?.isFile() && last.mtimeMs <= now && now - last.mtimeMs < DISK_SWEEP_INTERVAL_MS) return;
    await fs.promises.writeFile(mark, '', { mode: 0o600 });
    await fs.promises.utimes(mark, now / 1000, now / 1000);
    this.sweep();
  }

  /**
   * Removes pages past their age, then the oldest beyond the byte bound. The file system is read synchronously:
   * one stat per page through promises costs about three times the CPU (a second at 20,000 pages).
   */
  private sweep(): void {
    const files: Array<{ file: string; size: number; mtimeMs: number }> = [];
    for (const name of fs.readdirSync(this.dir)) {
      if (name === SWEEP_MARK) continue;
      const file = path.join(this.dir, name);
      const stat = lstatOrUndefined(file);
      if (stat?.isFile()) files.push({ file, size: stat.size, mtimeMs: stat.mtimeMs });
    }
    files.sort((a, b) => b.mtimeMs - a.mtimeMs);
    let total = 0;
    for (const f of files) {
      total += f.size;
      if (total > this.maxBytes || this.now() - f.mtimeMs > this.maxAgeMs) fs.rmSync(f.file, { force: true });
    }
  }

  async get(key: string): Promise<StoredPage | undefined> {
    if (!(await this.prepare())) return undefined;
    const file = this.fileOf(key);
    try {
      const stat = await fs.promises.lstat(file);
      if (!stat.isFile() || !ownedAndUnwritableByOthers(stat) || this.now() - stat.mtimeMs > this.maxAgeMs) return undefined;
      const raw = JSON.parse(await fs.promises.readFile(file, 'utf8')) as { etag?: unknown; headers?: unknown; body?: unknown };
      if (typeof raw.etag !== 'string' || typeof raw.body !== 'string' || typeof raw.headers !== 'object' || raw.headers === null) return undefined;
      const headers = Object.fromEntries(Object.entries(raw.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
      return { etag: raw.etag, headers, body: Buffer.from(raw.body, 'base64') };
    } catch {
      return undefined;
    }
  }

  async set(key: string, page: StoredPage): Promise<void> {
    if (!(await this.prepare())) return;
    const file = this.fileOf(key);
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await fs.promises.writeFile(temp, JSON.stringify({ etag: page.etag, headers: page.headers, body: page.body.toString('base64') }), {
        mode: 0o600,
        flag: 'wx',
      });
      await fs.promises.rename(temp, file);
    } catch {
      await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    }
  }
}

/** Memory first, then disk (a page found on disk is kept in memory too). */
export class TieredPageStore implements PageStore {
  constructor(
    private readonly memory: PageStore,
    private readonly disk?: PageStore,
  ) {}

  async get(key: string): Promise<StoredPage | undefined> {
    const hit = await this.memory.get(key);
    if (hit || !this.disk) return hit;
    const found = await this.disk.get(key);
    if (found) await this.memory.set(key, found);
    return found;
  }

  async set(key: string, page: StoredPage): Promise<void> {
    await this.memory.set(key, page);
    await this.disk?.set(key, page);
  }
}

const memory = new MemoryPageStore();
const stores = new Map<string, PageStore>();

/** The process's store: one memory tier for every client, plus the directory `dir` (none when `dir` is 'off'). */
export function sharedPageStore(dir: string): PageStore {
  let store = stores.get(dir);
  if (!store) stores.set(dir, (store = new TieredPageStore(memory, dir === 'off' ? undefined : new DiskPageStore(dir))));
  return store;
}
