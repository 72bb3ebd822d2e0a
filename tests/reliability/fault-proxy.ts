/**
 * A man-in-the-middle for the simulator, for the faults the simulator itself cannot produce: a response lost
 * *after* GitHub applied the request, a body cut short or not JSON, a request that never gets an answer, and a
 * pagination Link pointing to another host; and, for the hostile-server tests, any answer at all (a redirect, a
 * compression bomb, a body echoing the token) or any rewrite of the real one. Everything else is forwarded byte
 * for byte.
 * Binds to 127.0.0.1 only.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export type ProxyAction =
  /** Forward, let the simulator apply it, then drop the connection without answering. */
  | { kind: 'reset-after-forward' }
  /** Forward, then answer with the first half of the body (Content-Length fixed to match). */
  | { kind: 'truncate' }
  /** Forward, then answer 200 with a body that is not JSON at all. */
  | { kind: 'not-json' }
  /** Never answer (until the proxy stops). */
  | { kind: 'hang' }
  /** Forward, and rewrite the Link header's URLs to another origin. */
  | { kind: 'foreign-link'; origin: string }
  /** Run `before` (a change "by someone else"), then forward unchanged. */
  | { kind: 'hook'; before: () => void }
  /** Answer this instead, without forwarding. */
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body?: string | Buffer }
  /** Forward, then answer what `rewrite` makes of the real answer. */
  | { kind: 'rewrite'; rewrite: (answer: ProxyAnswer) => ProxyAnswer };

export interface ProxyAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface ProxyRule {
  method?: string;
  /** Matched against the pathname, plus `?query` when the pattern contains "?". */
  path: RegExp;
  nth?: number;
  times?: number;
  action: ProxyAction;
}

export interface FaultProxy {
  baseUrl: string;
  add(rule: ProxyRule): void;
  clear(): void;
  /** Every request the proxy saw, with the full URL and all headers (the token travels in them). */
  readonly seen: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  stop(): Promise<void>;
}

export async function startFaultProxy(targetBaseUrl: string): Promise<FaultProxy> {
  const target = new URL(targetBaseUrl);
  let rules: { rule: ProxyRule; seen: number; fired: number }[] = [];
  const seen: FaultProxy['seen'] = [];
  const hanging = new Set<http.ServerResponse>();

  function pick(method: string, url: string): ProxyAction | undefined {
    const pathname = url.split('?')[0];
    let action: ProxyAction | undefined;
    for (const r of rules) {
      if (r.rule.method && r.rule.method !== method) continue;
      if (!r.rule.path.test(r.rule.path.source.includes('\\?') ? url : pathname)) continue;
      r.seen++;
      if (r.seen >= (r.rule.nth ?? 1) && r.fired < (r.rule.times ?? 1) && !action) {
        r.fired++;
        action = r.rule.action;
      }
    }
    return action;
  }

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    seen.push({ method, url, headers: { ...req.headers } });
    const action = pick(method, url);
    if (action?.kind === 'hang') {
      hanging.add(res);
      req.resume();
      return;
    }
    if (action?.kind === 'hook') action.before();
    if (action?.kind === 'respond') {
      req.resume();
      const body = typeof action.body === 'string' ? Buffer.from(action.body) : (action.body ?? Buffer.alloc(0));
      res.writeHead(action.status, { ...action.headers, 'content-length': String(body.length) });
      res.end(body);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    // An answer the proxy alters is its own: it asks for the whole answer (no If-None-Match, so never a 304 with
    // nothing to alter) and sends no validator with what it made of it.
    const alters = action !== undefined && ['rewrite', 'truncate', 'not-json', 'foreign-link'].includes(action.kind);
    const forwarded = { ...req.headers };
    if (alters) delete forwarded['if-none-match'];
    req.on('end', () => {
      const upstream = http.request({ host: target.hostname, port: target.port, method, path: url, headers: forwarded }, (up) => {
        const body: Buffer[] = [];
        up.on('data', (c: Buffer) => body.push(c));
        up.on('end', () => {
          const full = Buffer.concat(body);
          const headers = { ...up.headers };
          if (action?.kind === 'reset-after-forward') {
            req.socket.destroy();
            return;
          }
          let out: Buffer = full;
          let status = up.statusCode ?? 502;
          if (action?.kind === 'rewrite') {
            const answer = action.rewrite({ status, headers: { ...headers }, body: full });
            status = answer.status;
            out = answer.body;
            for (const k of Object.keys(headers)) delete headers[k];
            Object.assign(headers, answer.headers);
          }
          if (action?.kind === 'truncate') out = full.subarray(0, Math.floor(full.length / 2));
          if (action?.kind === 'not-json') out = Buffer.from('<html><body>502 Bad Gateway (proxy)</body></html>');
          if (action?.kind === 'foreign-link' && typeof headers.link === 'string') {
            headers.link = headers.link.replace(/<https?:\/\/[^/>]+/g, `<${action.origin}`);
          }
          if (alters) delete headers.etag;
          headers['content-length'] = String(out.length);
          res.writeHead(status, headers);
          res.end(out);
        });
      });
      upstream.on('error', () => req.socket.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    add: (rule) => rules.push({ rule, seen: 0, fired: 0 }),
    clear: () => {
      rules = [];
    },
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.socket?.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Another server, standing for "somewhere else": records every request it gets and answers `[]`. */
export interface ForeignServer {
  origin: string;
  requests: { url: string; headers: http.IncomingHttpHeaders }[];
  stop(): Promise<void>;
}

export async function startForeignServer(): Promise<ForeignServer> {
  const requests: ForeignServer['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
