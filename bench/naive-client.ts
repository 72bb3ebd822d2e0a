/**
 * The baseline the benchmark compares against: what a quick script written with plain fetch does. Pages of 30
 * (GitHub's default) one after another until a short page, one GET per version before deleting it, no
 * concurrency, no spacing, and no rate-limit awareness: any 403/429/5xx or network error is retried blindly
 * after a fixed delay.
 */
import type { PackageVersionInfo } from '../provider/types';

export interface NaiveClientOptions {
  baseUrl: string;
  token: string;
  /** Fixed pause before a blind retry. Default 1000 ms. */
  retryDelayMs?: number;
  /** Give up after this many retries of one request. Default 600. */
  maxRetries?: number;
}

interface WireVersion {
  id: number;
  name: string;
  created_at: string;
  updated_at: string;
  deleted_at?: string | null;
  metadata?: { container?: { tags?: string[] } };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class NaiveClient {
  /** Blind retries made so far. */
  retries = 0;
  private readonly baseUrl: string;
  private readonly retryDelayMs: number;
  private readonly maxRetries: number;

  constructor(private readonly options: NaiveClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.maxRetries = options.maxRetries ?? 600;
  }

  private async request(method: string, path: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      let status: number;
      let body: unknown;
      try {
        const res = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: { authorization: `token ${this.options.token}`, accept: 'application/vnd.github+json' },
        });
        status = res.status;
        const text = await res.text();
        body = text ? JSON.parse(text) : undefined;
      } catch {
        status = 0; // network error
      }
      if (status >= 200 && status < 300) return body;
      const retryable = status === 0 || status === 403 || status === 429 || status >= 500;
      if (!retryable || attempt >= this.maxRetries) throw new Error(`naive client: ${method} ${path} failed with ${status}`);
      this.retries++;
      await sleep(this.retryDelayMs);
    }
  }

  private packagePath(org: string, type: string, name: string): string {
    return `/orgs/${encodeURIComponent(org)}/packages/${type}/${encodeURIComponent(name)}`;
  }

  /** Every page of 30, one after another, until a page comes back short. */
  private async listAll<T>(path: string, query: string): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; ; page++) {
      const items = (await this.request('GET', `${path}?${query}${query ? '&' : ''}page=${page}`)) as T[];
      out.push(...items);
      if (items.length < 30) return out;
    }
  }

  async listPackageNames(org: string, type: string): Promise<string[]> {
    const items = await this.listAll<{ name: string }>(`/orgs/${encodeURIComponent(org)}/packages`, `package_type=${type}`);
    return items.map((p) => p.name);
  }

  async listVersions(org: string, type: string, name: string): Promise<PackageVersionInfo[]> {
    const wire = await this.listAll<WireVersion>(`${this.packagePath(org, type, name)}/versions`, 'state=active');
    return wire.map((v) => ({
      id: v.id,
      name: v.name,
      tags: v.metadata?.container?.tags ?? [],
      createdAt: v.created_at,
      updatedAt: v.updated_at,
      state: v.deleted_at ? 'deleted' : 'active',
    }));
  }

  /** The naive pre-delete check: fetch the version again, delete it if it is still there. */
  async checkAndDelete(org: string, type: string, name: string, versionId: number): Promise<void> {
    const path = `${this.packagePath(org, type, name)}/versions/${versionId}`;
    await this.request('GET', path);
    await this.request('DELETE', path);
  }
}
