/**
 * The client's transport guard: what `fetch` may do with the answers of a server it cannot trust (a misconfigured
 * proxy, a load balancer in front of GitHub Enterprise Server, an attacker on the path).
 *
 * - Redirects are never followed by fetch itself (`redirect: 'manual'`): with fetch's default, a `307` answering a
 *   DELETE repeats the DELETE at the new address — another package's version, or another host. Here:
 *   a delete or restore answered with a redirect fails, naming the request (it is not repeated anywhere);
 *   a read follows a redirect only to the same origin and the same path (only the query may change), at most
 *   `MAX_REDIRECTS` times. GitHub's REST API does not redirect these endpoints, so a redirect is a proxy's doing.
 *   (octokit would otherwise hand a bare 3xx back as a success.)
 * - Bodies are read up to `MAX_RESPONSE_BYTES`, counted after decompression, so a compressed body is bounded too
 *   (2.4 MB of gzip can expand to 2.5 GB); more fails with a clear error instead of exhausting memory.
 *
 * Errors are `UnsafeResponseError`s; octokit wraps them, and the client's pacing hook unwraps them so they are
 * final (no retry).
 */
import { UnsafeResponseError } from '../errors';

/** The most the client reads of one answer, after decompression. A page of 100 package versions is ~100 KB. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Same-route redirects followed on one read before giving up. */
export const MAX_REDIRECTS = 3;

const MIB = 1024 * 1024;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function requestUrl(input: Parameters<typeof fetch>[0]): URL {
  return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
}

/** Method and path of a request, for messages (never the query: it is not ours to show). */
function describe(method: string, url: URL): string {
  return `${method} ${url.pathname}`;
}

export interface GuardOptions {
  /** Default MAX_RESPONSE_BYTES. */
  maxBytes?: number;
  /** The setting that says where requests go, named in messages. Default `github-packages:baseUrl`. */
  setting?: string;
}

export function guardedFetch(base: typeof fetch, options: GuardOptions = {}): typeof fetch {
  const maxBytes = options.maxBytes ?? MAX_RESPONSE_BYTES;
  const setting = options.setting ?? 'github-packages:baseUrl';
  return async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const first = requestUrl(input);
    let url = first;
    for (let redirects = 0; ; redirects++) {
      const res = await base(url.href, { ...init, redirect: 'manual' });
      if (res.status < 300 || res.status >= 400 || res.status === 304) return boundedResponse(res, maxBytes, describe(method, url));
      await res.body?.cancel().catch(() => undefined);
      const location = res.headers.get('location');
      let target: URL | undefined;
      try {
        target = location ? new URL(location, url) : undefined;
      } catch {
        target = undefined;
      }
      const where = target ? `${target.origin}${target.pathname}` : 'an unreadable location';
      if (method !== 'GET' && method !== 'HEAD') {
        throw new UnsafeResponseError(
          `The server answered ${describe(method, first)} with a ${res.status} redirect to ${where}. The client never follows a ` +
            'redirect on a delete or restore (it could act on another package or send the request elsewhere): it was not ' +
            'repeated there, and whether GitHub acted on the original request is unknown — the next preview re-reads the live ' +
            `state. GitHub does not redirect this endpoint: check ${setting} and any proxy between you and the API.`,
        );
      }
      if (!target || target.origin !== first.origin || target.pathname !== first.pathname) {
        throw new UnsafeResponseError(
          `The server redirected ${describe(method, first)} (${res.status}) to ${where}, which is not the same request on the ` +
            'configured API; the client follows a redirect on a read only to the same address with another query, so nothing ' +
            `was read from there. Check ${setting} and any proxy between you and the API.`,
        );
      }
      if (redirects >= MAX_REDIRECTS) {
        throw new UnsafeResponseError(
          `The server redirected ${describe(method, first)} more than ${MAX_REDIRECTS} times; the client stopped following.`,
        );
      }
      url = target;
    }
  };
}

/**
 * The same answer with its body read into memory, at most `maxBytes` of it (decompressed bytes: fetch has already
 * undone any Content-Encoding, so the headers that described the wire form are dropped).
 */
async function boundedResponse(res: Response, maxBytes: number, request: string): Promise<Response> {
  const tooLarge = () =>
    new UnsafeResponseError(
      `The answer to ${request} is larger than ${maxBytes / MIB} MiB (the client's limit for one answer, counted after ` +
        "decompression), so it was not read and nothing was planned from it. GitHub's answers to these requests are far " +
        'smaller: check any proxy between you and the API.',
    );
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const headers = new Headers(res.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  if (!res.body || NULL_BODY_STATUSES.has(res.status)) {
    await res.body?.cancel().catch(() => undefined);
    return new Response(null, { status: res.status, statusText: res.statusText, headers });
  }
  const reader = res.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new Response(Buffer.concat(chunks), { status: res.status, statusText: res.statusText, headers });
}
