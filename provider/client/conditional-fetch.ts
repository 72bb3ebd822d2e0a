/**
 * Conditional reads: every GET is sent with `If-None-Match` naming the ETag of the answer last read for that URL
 * and token (page-store.ts); GitHub answers `304 Not Modified` when nothing changed, which does not count against
 * the primary rate limit
 * (https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate).
 *
 * A 304 is a live answer, not a cached guess: the request is sent every time, and the stored body is used only
 * when GitHub has just said it is current. The 304 becomes the stored `200` here, below octokit, with the 304's
 * own headers (rate limit, scopes) over the stored ones (Link, Content-Type): octokit's request throws a
 * RequestError for any 304 ("Not modified"), which plugin-retry leaves alone (it retries statuses >= 400 only)
 * and plugin-throttling ignores (403/429 only), so without this a 304 would fail the read. A 304 to a request
 * that named no ETag still reaches octokit as that error.
 *
 * What is stored: a 200 with an ETag, at most `maxBytes` long, whose body does not contain the token it was read
 * with (a server echoing a credential never gets it written down).
 */
import { deflateRawSync, inflateRawSync } from 'zlib';
import type { PageStore } from './page-store';

/** Headers a 304 does not repeat but the answer needs. */
const KEPT_HEADERS = ['content-type', 'link'];
/** The largest answer stored (a page of 100 versions is ~100 KB). */
const MAX_STORED_BYTES = 2 * 1024 * 1024;
/** Set on an answer that came from a 304 (for logs and tests; GitHub never sends it). */
export const NOT_MODIFIED_HEADER = 'x-github-packages-not-modified';

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** The credential in an Authorization header (`token X`, `Bearer X`), to keep it out of what is stored. */
function credentialOf(headers: Headers): string | undefined {
  const value = headers.get('authorization');
  return value ? value.replace(/^\S+\s+/, '') : undefined;
}

/** `fetch` that reads GETs conditionally through `store`, under `scope` (a hash of API root and token). */
export function conditionalFetch(base: typeof fetch, store: PageStore, scope: string): typeof fetch {
  return async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method !== 'GET') return base(input, init);
    const url = requestUrl(input);
    const key = `${scope} ${url}`;
    const stored = await store.get(key);
    const headers = new Headers(init?.headers);
    if (stored) headers.set('if-none-match', stored.etag);
    const res = await base(input, { ...init, headers });
    if (res.status === 304 && stored) {
      const merged = new Headers(stored.headers);
      res.headers.forEach((value, name) => merged.set(name, value));
      merged.set('etag', stored.etag);
      merged.set(NOT_MODIFIED_HEADER, '1');
      return new Response(inflateRawSync(stored.body), { status: 200, statusText: 'OK', headers: merged });
    }
    const etag = res.headers.get('etag');
    if (res.status !== 200 || !etag) return res;
    const body = Buffer.from(await res.arrayBuffer());
    const credential = credentialOf(headers);
    if (body.length <= MAX_STORED_BYTES && !(credential && body.includes(credential))) {
      const kept: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = res.headers.get(name);
        if (value !== null) kept[name] = value;
      }
      await store.set(key, { etag, headers: kept, body: deflateRawSync(body, { level: 1 }) });
    }
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
