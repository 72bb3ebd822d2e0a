/**
 * The control surface over HTTP under /_simulator/ (a prefix GitHub does not use). POST JSON bodies;
 * no token needed, not rate limited, not in the API request log.
 */
import type { IncomingMessage, ServerResponse } from 'http';
import type { FaultRule } from './types';
import type { SimulatorRuntime } from './simulator-runtime';
import { SimulatorControlError } from './simulator-control';
import { readBody, sendJson } from './http-io';
import { formatGitHubTime } from './fixture-time';
import { dispatchRegistryControl } from './registry/registry-control';

export const CONTROL_PREFIX = '/_simulator/';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function handleControlRequest(rt: SimulatorRuntime, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname.slice(CONTROL_PREFIX.length - 1)}`;
  let body: Body = {};
  if (req.method === 'POST' || req.method === 'PUT') {
    const text = await readBody(req);
    if (text.trim()) {
      try {
        body = JSON.parse(text) as Body;
      } catch {
        return sendJson(res, 400, { message: 'Problems parsing JSON' });
      }
    }
  }
  try {
    const result = dispatch(rt, route, body);
    if (result === NOT_FOUND) return sendJson(res, 404, { message: `Unknown control route ${route}. See simulator/README.md.` });
    return sendJson(res, 200, result ?? { ok: true });
  } catch (err) {
    const status = err instanceof SimulatorControlError ? err.status : 400;
    return sendJson(res, status, { message: (err as Error).message });
  }
}

const NOT_FOUND = Symbol('not found');

function dispatch(rt: SimulatorRuntime, route: string, b: Body): unknown {
  const c = rt.control;
  if (route.startsWith('POST /registry/')) return dispatchRegistryControl(rt, route, b) ?? NOT_FOUND;
  switch (route) {
    case 'POST /reset':
      rt.reset();
      return { ok: true };
    case 'POST /tokens':
      return c.issueToken(b as never);
    case 'POST /versions/publish':
      return c.publishVersion(b as never);
    case 'POST /versions/tags':
      return c.setTags(b as never);
    case 'POST /versions/delete':
      return c.deleteVersion(b as never);
    case 'POST /versions/restore':
      return c.restoreVersion(b as never);
    case 'POST /versions/get':
      return c.getVersion(b as never);
    case 'POST /versions/list':
      return c.listVersions(b as never);
    case 'POST /packages/delete':
      return c.deletePackage(b as never);
    case 'POST /packages/restore':
      return c.restorePackage(b as never);
    case 'POST /packages/visibility':
      return c.setVisibility(b as never);
    case 'POST /downloads':
      return c.setDownloads(b as never);
    case 'POST /orgs/sso':
      return c.setSsoEnforced(b as never);
    case 'GET /clock':
      return clockView(rt);
    case 'POST /clock':
      // { now?: ISO, frozen?: boolean, advanceMs?: number, real?: true }
      if (b.real) rt.clock.reset();
      if (b.now !== undefined) rt.clock.set(String(b.now));
      if (b.frozen === true) rt.clock.freeze();
      if (b.frozen === false) rt.clock.unfreeze();
      if (typeof b.advanceMs === 'number') rt.clock.advance(b.advanceMs);
      return clockView(rt);
    case 'POST /faults':
      // { match?: { method, path, pathRegex, nth, times }, fault } ; a JSON body cannot hold a RegExp: use pathRegex.
      rt.faults.add(faultFromJson(b));
      return { ok: true };
    case 'DELETE /faults':
    case 'POST /faults/clear':
      rt.faults.clear();
      return { ok: true };
    case 'GET /log':
      return rt.log.entries;
    case 'DELETE /log':
    case 'POST /log/clear':
      rt.log.clear();
      return { ok: true };
    default:
      return NOT_FOUND;
  }
}

function clockView(rt: SimulatorRuntime): { now: string; nowMs: number; frozen: boolean } {
  const nowMs = rt.clock.nowMs();
  return { now: formatGitHubTime(nowMs), nowMs, frozen: rt.clock.isFrozen() };
}

/** A fault rule as JSON: a path pattern comes as `pathRegex` (a RegExp does not survive JSON). */
type FaultRuleJson = { match?: NonNullable<FaultRule['match']> & { pathRegex?: string }; fault: FaultRule['fault'] };

function faultFromJson(b: Body): FaultRule {
  const { match: raw, fault } = b as FaultRuleJson;
  const match = raw ? { ...raw } : undefined;
  if (match?.pathRegex !== undefined) {
    match.path = new RegExp(String(match.pathRegex));
    delete match.pathRegex;
  }
  return { match, fault };
}
