/** Small fetch helpers for simulator tests (Node 20's global fetch). */
import { FIXTURE_TOKENS, type FixtureTokenLabel } from '../../simulator';

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  token?: FixtureTokenLabel | { raw: string },
  extraHeaders: Record<string, string> = {},
): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', ...extraHeaders };
  if (token) headers.authorization = `Bearer ${typeof token === 'string' ? FIXTURE_TOKENS[token] : token.raw}`;
  const res = await fetch(baseUrl + path, { method, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function control(baseUrl: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`${baseUrl}/_simulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
