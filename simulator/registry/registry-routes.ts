/**
 * The registry surface of the simulator (container packages only), as ghcr.io serves it:
 *   GET  /v2/                                     401 + Bearer challenge without a pull token, else 200 {}
 *   GET  /token?service=…&scope=repository:<owner>/<name>:pull
 *        Basic credentials (any user name, the GitHub token as password) → {"token": <pull token for that repository>};
 *        no credentials → an anonymous token (public packages only)
 *   GET|HEAD /v2/<owner>/<name>/manifests/<digest|tag>   the exact stored bytes, Content-Type, Docker-Content-Digest
 *   GET  /v2/<owner>/<name>/referrers/<digest>     OCI 1.1 referrers index (404 while switched off)
 * Token flow: https://distribution.github.io/distribution/spec/auth/token/
 * Manifests and referrers: https://github.com/opencontainers/distribution-spec/blob/main/spec.md
 */
import type { IncomingMessage, ServerResponse } from 'http';
import type { SimulatorRuntime } from '../simulator-runtime';
import type { TokenRecord } from '../types';
import { canSee, roleOn } from '../auth';
import { sleep } from '../http-io';
import { OCI_INDEX } from './media-types';
import type { PullToken, RegistryStore } from './registry-store';

export function isRegistryPath(pathname: string): boolean {
  return pathname === '/token' || pathname === '/v2' || pathname.startsWith('/v2/');
}

class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const BASE_HEADERS = { 'Docker-Distribution-API-Version': 'registry/2.0' };

export async function handleRegistryRequest(
  rt: SimulatorRuntime,
  registry: RegistryStore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  req.resume();
  const method = (req.method ?? 'GET').toUpperCase();
  const rawPath = (req.url ?? '/').split('?')[0] || '/';
  const base = `http://${req.headers.host ?? '127.0.0.1'}`;
  const service = req.headers.host ?? '127.0.0.1';
  const entry = rt.log.start({
    method,
    path: rawPath,
    query: Object.fromEntries(url.searchParams),
    tokenLabel: labelFor(rt, registry, req.headers.authorization),
    nowMs: rt.clock.nowMs(),
  });
  res.on('close', () => rt.log.end(entry, res.writableFinished ? res.statusCode : 0, rt.clock.nowMs()));

  const challenge = (repository: string) => `Bearer realm="${base}/token",service="${service}",scope="repository:${repository}:pull"`;
  try {
    if (rt.latencyMs > 0) await sleep(rt.latencyMs);
    const fault = rt.faults.next(method, rawPath);
    if (fault && 'reset' in fault) return void req.socket.destroy();
    if (fault && 'delayMs' in fault) await sleep(fault.delayMs);
    if (fault && 'status' in fault) return send(res, fault.status, fault.body ?? errors('UNKNOWN', 'injected fault'), fault.headers);

    if (url.pathname === '/token') return send(res, 200, issueToken(rt, registry, req.headers.authorization, url.searchParams.get('scope')));
    if (url.pathname === '/v2' || url.pathname === '/v2/') {
      // ghcr's /v2/ challenge names a placeholder repository; clients replace the scope with their own.
      if (!bearer(registry, req.headers.authorization))
        throw new RegistryError(401, 'UNAUTHORIZED', 'authentication required', { 'WWW-Authenticate': challenge('user/image') });
      return send(res, 200, {});
    }
    const m = /^\/v2\/([^/]+)\/(.+)\/(manifests|referrers)\/([^/]+)$/.exec(url.pathname);
    if (!m || (method !== 'GET' && method !== 'HEAD') || (m[3] === 'referrers' && method !== 'GET')) {
      throw new RegistryError(404, 'NOT_FOUND', 'not found');
    }
    const [, owner, name, kind, reference] = m.map((s) => decodeURIComponent(s));
    const repository = `${owner.toLowerCase()}/${name}`;
    const pull = bearer(registry, req.headers.authorization);
    if (!pull || pull.repository !== repository) {
      throw new RegistryError(401, 'UNAUTHORIZED', 'authentication required', { 'WWW-Authenticate': challenge(repository) });
    }
    checkVisible(rt, pull, owner, name);
    if (kind === 'referrers') {
      if (!registry.referrersApi) throw new RegistryError(404, 'NOT_FOUND', 'referrers API not supported');
      const artifactType = url.searchParams.get('artifactType');
      const manifests = registry
        .referrersOf(rt.state, owner, name, reference)
        .filter((r) => !artifactType || r.artifactType === artifactType)
        .map((r) => ({
          mediaType: r.mediaType,
          digest: r.digest,
          size: r.bytes.length,
          ...(r.artifactType ? { artifactType: r.artifactType } : {}),
          ...(r.annotations ? { annotations: r.annotations } : {}),
        }));
      const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
      return sendBytes(res, method, body, OCI_INDEX, artifactType ? { 'OCI-Filters-Applied': 'artifactType' } : {});
    }
    const manifest = registry.resolve(rt.state, owner, name, reference);
    if (!manifest) throw new RegistryError(404, 'MANIFEST_UNKNOWN', 'manifest unknown');
    const accepted = acceptList(req.headers.accept);
    if (accepted.length > 0 && !accepted.includes('*/*') && !accepted.includes(manifest.mediaType)) {
      throw new RegistryError(404, 'MANIFEST_UNKNOWN', `manifest of type ${manifest.mediaType} found, but the Accept header does not include it`);
    }
    return sendBytes(res, method, manifest.bytes, manifest.mediaType, { 'Docker-Content-Digest': manifest.digest });
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    return send(res, err.status, errors(err.code, err.message), err.headers);
  }
}

function issueToken(rt: SimulatorRuntime, registry: RegistryStore, authorization: string | undefined, scope: string | null): { token: string } {
  const m = scope ? /^repository:([^:]+):([a-z,*]+)$/.exec(scope) : null;
  const requested = m && m[2].split(',').includes('pull') ? m[1] : '';
  const slash = requested.indexOf('/');
  const repository = slash > 0 ? `${requested.slice(0, slash).toLowerCase()}${requested.slice(slash)}` : '';
  if (!authorization) return { token: registry.issuePullToken({ repository, label: 'anonymous' }) };
  const basic = /^basic\s+(\S+)\s*$/i.exec(authorization);
  const decoded = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
  const password = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : '';
  const record = rt.state.tokens.get(password);
  if (!record) throw new RegistryError(401, 'UNAUTHORIZED', 'authentication required');
  if (record.scopes !== null && !record.scopes.some((s) => s === 'read:packages' || s === 'write:packages')) {
    throw new RegistryError(403, 'DENIED', 'requested access to the resource is denied');
  }
  return { token: registry.issuePullToken({ repository, login: record.login, label: record.label }) };
}

function checkVisible(rt: SimulatorRuntime, pull: PullToken, owner: string, name: string): void {
  const pkg = rt.state.activePackage(owner, 'container', name);
  const account = rt.state.account(owner);
  const role = pull.login && account ? roleOn({ login: pull.login } as TokenRecord, account) : 'outsider';
  const visible = pkg !== undefined && account !== undefined && canSee(role, pkg.visibility);
  // Assumed: an unknown or hidden repository is NAME_UNKNOWN (ghcr does not reveal private packages).
  if (!visible) throw new RegistryError(404, 'NAME_UNKNOWN', 'repository name not known to registry');
}

function bearer(registry: RegistryStore, authorization: string | undefined): PullToken | undefined {
  const m = authorization ? /^bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return m ? registry.pullToken(m[1]) : undefined;
}

/** Request-log label: the GitHub token's label on /token, `registry:<label>` for a pull token; never a token. */
function labelFor(rt: SimulatorRuntime, registry: RegistryStore, authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const pull = bearer(registry, authorization);
  if (pull) return `registry:${pull.label}`;
  const basic = /^basic\s+(\S+)\s*$/i.exec(authorization);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    return rt.state.tokens.get(decoded.slice(decoded.indexOf(':') + 1))?.label ?? '(unknown)';
  }
  return '(unknown)';
}

function acceptList(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((s) => s.split(';')[0].trim())
    .filter(Boolean);
}

function errors(code: string, message: string): object {
  return { errors: [{ code, message }] };
}

function send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)), ...headers });
  res.end(payload);
}

function sendBytes(res: ServerResponse, method: string, bytes: Buffer, mediaType: string, headers: Record<string, string>): void {
  res.writeHead(200, { ...BASE_HEADERS, 'Content-Type': mediaType, 'Content-Length': String(bytes.length), ...headers });
  res.end(method === 'HEAD' ? undefined : bytes);
}
