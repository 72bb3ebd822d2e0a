/**
 * The HTTP handler of the simulator (a node `http` request listener, like octokit's fixtures server):
 * control routes under /_simulator/, everything else handled as GitHub's REST API would.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'http';
import type { Fault, RequestLogEntry, SimulatorOptions } from './types';
import { SimulatorRuntime } from './simulator-runtime';
import { CONTROL_PREFIX, handleControlRequest } from './control-routes';
import { DEFAULT_DOCUMENTATION_URL, GitHubApiError, notFound } from './github-error';
import { authenticate, tokenLabelFor } from './auth';
import { matchRoute, type MatchedRoute } from './routes/route-table';
import { handlePackageRequest } from './routes/package-routes';
import { primaryExceeded, secondaryExceeded, type RateLimitTicket } from './rate-limiter';
import { sendJson, sendNotModified, sleep } from './http-io';
import { CACHE_HEADERS, etagOf, ifNoneMatchHits } from './conditional-requests';
import { handleRegistryRequest, isRegistryPath } from './registry/registry-routes';

export function createSimulatorHandler(runtimeOrOptions: SimulatorRuntime | SimulatorOptions = {}): RequestListener {
  const rt = runtimeOrOptions instanceof SimulatorRuntime ? runtimeOrOptions : new SimulatorRuntime(runtimeOrOptions);
  let requestCounter = 0;
  return (req, res) => {
    const requestId = `SIM0:${(++requestCounter).toString(16).toUpperCase()}:${process.pid.toString(16).toUpperCase()}`;
    handle(rt, req, res, requestId).catch((err: unknown) => {
      // Never crash: a bug in the simulator answers 500 and the server keeps serving.
      process.stderr.write(`simulator: internal error on ${req.method} ${req.url}: ${(err as Error)?.stack ?? String(err)}\n`);
      sendJson(res, 500, { message: 'Server Error', documentation_url: DEFAULT_DOCUMENTATION_URL, status: '500' });
    });
  };
}

async function handle(rt: SimulatorRuntime, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const rawPath = (req.url ?? '/').split('?')[0] || '/';
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://simulator.invalid');
  } catch {
    return sendJson(res, 400, { message: 'Bad Request', documentation_url: DEFAULT_DOCUMENTATION_URL, status: '400' });
  }
  if (url.pathname.startsWith(CONTROL_PREFIX)) return handleControlRequest(rt, req, res, url);
  if (isRegistryPath(url.pathname)) return handleRegistryRequest(rt, rt.registry, req, res, url);
  req.resume(); // API bodies are not used; drain them.

  const api = `http://${req.headers.host ?? '127.0.0.1'}`;
  const authorization = req.headers.authorization;
  const entry = rt.log.start({
    method,
    path: rawPath,
    query: Object.fromEntries(url.searchParams),
    tokenLabel: tokenLabelFor(rt.state, authorization),
    nowMs: rt.clock.nowMs(),
  });
  let ticket: RateLimitTicket | undefined;
  res.on('close', () => {
    ticket?.release();
    finishLog(rt, entry, res);
  });

  const headers: Record<string, string> = {
    'X-GitHub-Media-Type': 'github.v3; format=json',
    'X-GitHub-Request-Id': requestId,
    'X-GitHub-Api-Version-Selected': '2022-11-28',
    // GitHub lists no accepted scopes for the packages endpoints, so this header is empty.
    'X-Accepted-OAuth-Scopes': '',
  };
  let route: MatchedRoute | undefined;
  try {
    try {
      route = matchRoute(method, rawPath);
    } catch {
      throw notFound(); // undecodable path segment
    }
    if (!route) throw notFound();
    let token;
    try {
      token = authenticate(rt.state, authorization);
    } catch (err) {
      ticket = rt.limiter.admit({ key: `anonymous`, method, contentCreating: false, nowMs: rt.clock.nowMs() });
      Object.assign(headers, ticket.headers);
      throw err;
    }
    if (token.scopes !== null) headers['X-OAuth-Scopes'] = token.scopes.join(', ');
    const account = rt.state.account(token.login)!;
    const contentCreating =
      (method === 'POST' && route.kind.startsWith('restore')) || (method === 'DELETE' && rt.limiter.config.secondary.deleteIsContentCreating);
    ticket = rt.limiter.admit({ key: `token:${token.token}`, userId: account.id, method, contentCreating, nowMs: rt.clock.nowMs() });
    Object.assign(headers, ticket.headers);

    if (rt.latencyMs > 0) await sleep(rt.latencyMs);
    const fault = rt.faults.next(method, rawPath);
    if (fault && (await applyFault(fault, req, res, headers, account.id, route))) return;

    const response = handlePackageRequest(rt.state, { route, token, url, api, nowMs: rt.clock.nowMs() });
    if (method === 'GET' && response.status === 200) {
      // Conditional requests (conditional-requests.ts): a 304 costs no primary request.
      const etag = etagOf(JSON.stringify(response.body));
      if (ifNoneMatchHits(req.headers['if-none-match'], etag)) {
        return sendNotModified(res, { ...headers, ...ticket.notModified(), ...CACHE_HEADERS, ETag: etag });
      }
      return sendJson(res, 200, response.body, { ...headers, ...response.headers, ...CACHE_HEADERS, ETag: etag });
    }
    return sendJson(res, response.status, response.body, { ...headers, ...response.headers });
  } catch (err) {
    if (!(err instanceof GitHubApiError)) throw err;
    return sendJson(res, err.status, err.body(route?.documentationUrl ?? DEFAULT_DOCUMENTATION_URL), { ...headers, ...err.headers });
  }
}

/** Applies an injected fault; true when the response is already settled. */
async function applyFault(
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
  userId: number,
  route: MatchedRoute,
): Promise<boolean> {
  if ('reset' in fault) {
    req.socket.destroy();
    return true;
  }
  if ('delayMs' in fault) {
    await sleep(fault.delayMs);
    return false;
  }
  if ('rateLimit' in fault) {
    const h = { ...headers };
    if (fault.rateLimit === 'primary') {
      h['X-RateLimit-Remaining'] = '0';
      h['X-RateLimit-Used'] = h['X-RateLimit-Limit'] ?? '5000';
      const err = primaryExceeded(userId, {}, 403);
      if (fault.retryAfter !== undefined) h['Retry-After'] = String(fault.retryAfter);
      sendJson(res, err.status, err.body(route.documentationUrl), h);
    } else {
      const err = secondaryExceeded(fault.retryAfter, 403);
      sendJson(res, err.status, err.body(route.documentationUrl), { ...h, ...err.headers });
    }
    return true;
  }
  const body = fault.body ?? {
    message: fault.status >= 500 ? 'Server Error' : 'Injected fault',
    documentation_url: route.documentationUrl,
    status: String(fault.status),
  };
  sendJson(res, fault.status, body, { ...headers, ...fault.headers });
  return true;
}

function finishLog(rt: SimulatorRuntime, entry: RequestLogEntry, res: ServerResponse): void {
  rt.log.end(entry, res.writableFinished ? res.statusCode : 0, rt.clock.nowMs());
}
