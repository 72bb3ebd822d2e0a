/**
 * The client's default transport: `fetch` as the client uses it, over Node's own `http`/`https` modules rather than
 * the global fetch (undici).
 *
 * Why: undici parses HTTP with llhttp compiled to WebAssembly, and V8 compiles that module again with its optimizing
 * tier on a background thread as soon as it runs; the compiler's ~30 MB of scratch memory stays resident in that
 * thread's malloc arena for the rest of the process (measured in the provider process: docs/benchmarks.md, "Memory of
 * a large preview"). Node's `http` parser is native code: nothing to compile. Measured on a 50,000-version listing:
 * the provider's peak RSS about 35 MB lower, the same requests.
 *
 * What it does, as undici's fetch does for the requests the client sends (octokit's: a URL string, method, headers,
 * a string body or none, `redirect: 'manual'`, a signal):
 * - redirects are never followed (the client's guard decides: guarded-fetch.ts), the 3xx answer is returned;
 * - `Accept-Encoding: gzip, deflate` (https: `br, gzip, deflate`) unless the caller set one, and the body decoded by
 *   its `Content-Encoding` (an encoding it does not know leaves the body as sent), bounded by the reader: the body is
 *   a stream, decoded as it is read, so the guard's limit counts decoded bytes;
 * - keep-alive through Node's global agents (which honour the server's `Keep-Alive: timeout` hint);
 * - a failure to connect or a broken answer rejects with `TypeError('fetch failed', { cause })`, an abort with an
 *   `AbortError` (the caller's signal), as fetch does: octokit and the client's messages read them unchanged.
 */
import * as http from 'http';
import * as https from 'https';
import { finished, pipeline, type Readable } from 'stream';
import * as zlib from 'zlib';

/** Statuses whose answer has no body (fetch's null body statuses). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** What fetch rejects with when `signal` aborts it: the signal's reason. */
function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  // An Error of another realm too (a DOMException from AbortSignal.timeout is one, seen from a vm context).
  const isError = typeof reason === 'object' && reason !== null && typeof (reason as { name?: unknown }).name === 'string';
  return isError ? (reason as Error) : new DOMException('This operation was aborted', 'AbortError');
}

function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

/** The request body as bytes (the client sends JSON text or nothing). */
function bodyBytes(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString(), 'utf8');
  throw new TypeError('this transport sends a string or bytes as a request body');
}

/** The decoders for a `Content-Encoding` list, outermost coding last (as applied, so undone in reverse). */
function decodersFor(contentEncoding: string | undefined): NodeJS.ReadWriteStream[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c.length > 0)
    .reverse();
  const decoders: NodeJS.ReadWriteStream[] = [];
  for (const coding of codings) {
    if (coding === 'gzip' || coding === 'x-gzip') {
      // As undici: a body cut short yields what was decoded instead of failing inside zlib.
      decoders.push(zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
    } else if (coding === 'deflate') {
      decoders.push(zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
    } else if (coding === 'br') {
      decoders.push(
        zlib.createBrotliDecompress({
          flush: zlib.constants.BROTLI_OPERATION_FLUSH,
          finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
        }),
      );
    } else if (coding !== 'identity') {
      // An encoding it cannot undo: the body as sent (undici does the same).
      return [];
    }
  }
  return decoders;
}

function responseHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i], raw[i + 1]);
    } catch {
      // A header fetch's Headers refuses (a name or value no HTTP header may have) is left out.
    }
  }
  return headers;
}

/**
 * The body as a web stream, read as the reader asks (a chunk queued at most: the stream pauses meanwhile); a body cut
 * short errors it with `TypeError('terminated', { cause })`, as fetch's does; cancelling it destroys the answer.
 */
function webBody(stream: Readable, done: () => void, abortedWith: () => Error | undefined): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      stream.on('data', (chunk: Buffer) => {
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) <= 0) stream.pause();
      });
      finished(stream, (err) => {
        done();
        if (err) {
          try {
            controller.error(abortedWith() ?? new TypeError('terminated', { cause: err }));
          } catch {
            // already cancelled by the reader
          }
        } else {
          try {
            controller.close();
          } catch {
            // already cancelled by the reader
          }
        }
      });
    },
    pull() {
      stream.resume();
    },
    cancel() {
      stream.destroy();
    },
  });
}

function requestUrl(input: Parameters<typeof fetch>[0]): URL {
  if (typeof input === 'string') return new URL(input);
  if (input instanceof URL) return input;
  throw new TypeError('this transport takes a URL, not a Request');
}

/** `fetch` over `http`/`https` for the client's own requests (see the module comment for what it covers). */
export const nodeHttpFetch: typeof fetch = (input, init) => {
  let url: URL;
  let body: Buffer | undefined;
  try {
    url = requestUrl(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`this transport speaks http and https, not ${url.protocol}`);
    body = bodyBytes(init?.body);
  } catch (err) {
    return Promise.reject(fetchFailed(err));
  }
  const method = (init?.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
  headers['accept-encoding'] ??= url.protocol === 'https:' ? 'br, gzip, deflate' : 'gzip, deflate';
  const signal = init?.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(abortError(signal));

  return new Promise<Response>((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    let answered: Readable | undefined;
    let aborted: Error | undefined;
    const onAbort = () => {
      aborted = abortError(signal!);
      req.destroy();
      answered?.destroy();
      reject(aborted);
    };
    const req = transport.request(url, { method, headers }, (res) => {
      try {
        answer(res);
      } catch (err) {
        // An answer fetch's Response cannot hold (a status text with characters no reason phrase may have).
        res.on('error', () => undefined).destroy();
        signal?.removeEventListener('abort', onAbort);
        reject(fetchFailed(err));
      }
    });
    const answer = (res: http.IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 599) {
        res.on('error', () => undefined).destroy();
        signal?.removeEventListener('abort', onAbort);
        reject(fetchFailed(new Error(`the server answered with status ${status}, which is not a final HTTP status`)));
        return;
      }
      const init: ResponseInit = { status, statusText: res.statusMessage ?? '', headers: responseHeaders(res.rawHeaders) };
      if (method === 'HEAD' || NULL_BODY_STATUSES.has(status)) {
        res.on('error', () => undefined).resume();
        signal?.removeEventListener('abort', onAbort);
        resolve(new Response(null, init));
        return;
      }
      const decoders = decodersFor(res.headers['content-encoding']);
      const stream: Readable =
        decoders.length === 0
          ? res
          : (pipeline([res, ...decoders] as unknown as [Readable, ...NodeJS.ReadWriteStream[]], () => undefined) as unknown as Readable);
      answered = stream;
      resolve(
        new Response(
          webBody(
            stream,
            () => signal?.removeEventListener('abort', onAbort),
            () => aborted,
          ),
          init,
        ),
      );
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? abortError(signal) : fetchFailed(err));
    });
    req.end(body);
  });
};
