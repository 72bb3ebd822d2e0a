/** The API request log tests assert on: token labels only, start/end on the simulator clock plus a global order. */
import type { RequestLogEntry } from './types';

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  private seq = 0;
  private order = 0;

  start(e: { method: string; path: string; query: Record<string, string>; tokenLabel?: string; nowMs: number }): RequestLogEntry {
    const entry: RequestLogEntry = {
      seq: ++this.seq,
      method: e.method,
      path: e.path,
      query: e.query,
      status: 0,
      tokenLabel: e.tokenLabel,
      startedAt: e.nowMs,
      startOrder: ++this.order,
    };
    this.entries.push(entry);
    return entry;
  }

  end(entry: RequestLogEntry, status: number, nowMs: number): void {
    entry.status = status;
    entry.endedAt = nowMs;
    entry.endOrder = ++this.order;
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Cleared and numbered from 1 again (simulator reset). */
  restart(): void {
    this.clear();
    this.seq = 0;
    this.order = 0;
  }

  /** DELETEs and restore POSTs: the requests that change GitHub. */
  mutations(): RequestLogEntry[] {
    return this.entries.filter((e) => e.method === 'DELETE' || (e.method === 'POST' && /\/restore$/.test(e.path)));
  }
}
