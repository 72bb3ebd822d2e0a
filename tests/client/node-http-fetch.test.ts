/**
 * The client's default transport (client/node-http-fetch.ts): fetch over Node's http/https, answering as the global
 * fetch does for the client's requests, and the client's default (the global fetch, undici, is not used: its
 * WebAssembly parser costs the provider process ~30 MB of resident memory).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as zlib from 'zlib';
import { nodeHttpFetch } from '../../provider/client/node-http-fetch';
import { clientFor, startSimulator } from './sim-helpers';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

let server: http.Server;
let base: string;
let handler: Handler;
const received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
});

const json = { hello: 'world', list: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `v${i}` })) };
const jsonText = JSON.stringify(json);

describe('nodeHttpFetch', () => {
  it('sends the method, headers and body, and asks for compressed answers as fetch does', async () => {
    handler = (_req, res) => res.writeHead(201, 'Made', { 'content-type': 'application/json', 'x-one': 'a' }).end('{"ok":true}');
    const res = await nodeHttpFetch(`${base}/path?q=1`, { method: 'post', headers: { 'X-Token': 't', accept: 'application/json' }, body: '{"a":1}' });
    expect(res.status).toBe(201);
    expect(res.statusText).toBe('Made');
    expect(res.headers.get('x-one')).toBe('a');
    expect(await res.json()).toEqual({ ok: true });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/path?q=1', body: '{"a":1}' });
    expect(received[0].headers).toMatchObject({
      'x-token': 't',
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate',
      'content-length': '7',
    });
  });

  it.each([
    ['gzip', (b: Buffer) => zlib.gzipSync(b)],
    ['deflate', (b: Buffer) => zlib.deflateSync(b)],
    ['br', (b: Buffer) => zlib.brotliCompressSync(b)],
    ['deflate, gzip', (b: Buffer) => zlib.gzipSync(zlib.deflateSync(b))],
  ])('decodes a %s body', async (encoding, encode) => {
    handler = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding }).end(encode(Buffer.from(jsonText)));
    const res = await nodeHttpFetch(`${base}/x`);
    expect(await res.json()).toEqual(json);
  });

  it('leaves a body in an encoding it does not know as sent', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-encoding': 'zstd' }).end('raw bytes');
    expect(await (await nodeHttpFetch(`${base}/x`)).text()).toBe('raw bytes');
  });

  it('never follows a redirect: the 3xx comes back with its Location', async () => {
    handler = (_req, res) => res.writeHead(307, { location: 'http://elsewhere.test/x' }).end('moved');
    const res = await nodeHttpFetch(`${base}/x`, { method: 'DELETE', redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('http://elsewhere.test/x');
    expect(received.map((r) => r.method)).toEqual(['DELETE']);
  });

  it('a 304 has no body', async () => {
    handler = (_req, res) => res.writeHead(304, { etag: '"e"' }).end();
    const res = await nodeHttpFetch(`${base}/x`, { headers: { 'if-none-match': '"e"' } });
    expect(res.status).toBe(304);
    expect(res.body).toBeNull();
    expect(received[0].headers['if-none-match']).toBe('"e"');
  });

  it('a refused connection rejects as fetch does: TypeError "fetch failed" with the cause', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = (await nodeHttpFetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e)) as TypeError & { cause: { code?: string } };
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toBe('fetch failed');
    expect(err.cause.code).toBe('ECONNREFUSED');
  });

  it('an abort before the answer rejects with the signal reason', async () => {
    handler = () => undefined; // never answers
    const err = (await nodeHttpFetch(`${base}/x`, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e)) as Error;
    expect(err.name).toBe('TimeoutError');
  });

  it('an abort while the body is read errors the body with the signal reason', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    };
    const controller = new AbortController();
    const res = await nodeHttpFetch(`${base}/x`, { signal: controller.signal });
    const reader = res.body!.getReader();
    expect(Buffer.from((await reader.read()).value).toString()).toBe('partial');
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a body cut short errors as fetch does: TypeError "terminated"', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      res.write('only this', () => res.socket?.destroy());
    };
    const res = await nodeHttpFetch(`${base}/x`);
    await expect(res.text()).rejects.toMatchObject({ name: 'TypeError', message: 'terminated' });
  });

  it('refuses a Request object and other protocols instead of guessing', async () => {
    await expect(nodeHttpFetch(new Request(`${base}/x`))).rejects.toThrow('fetch failed');
    await expect(nodeHttpFetch('ftp://example.test/x')).rejects.toThrow('fetch failed');
  });
});

describe('the client', () => {
  it('reads through nodeHttpFetch by default, never the global fetch', async () => {
    const sim = await startSimulator();
    const spy = jest.spyOn(globalThis, 'fetch');
    try {
      const { client } = clientFor(sim, 'admin');
      const versions = await client.listVersions({ owner: { kind: 'org', login: 'acme' }, packageType: 'container', name: 'web' });
      expect(versions.length).toBeGreaterThan(0);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      await sim.stop();
    }
  });
});
