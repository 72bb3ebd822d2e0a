/**
 * RFC 8288 `Link` headers as GitHub sends them for pagination:
 * https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
import { ForeignLinkError } from '../errors';

/** rel → URL, e.g. { next: 'https://api.github.com/user/1/packages/...?page=2', last: '...' }. */
export function parseLinkHeader(value: string | undefined | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!value) return links;
  for (const part of value.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!match) continue;
    const rel = /\brel\s*=\s*"?([^";]+)"?/i.exec(match[2]!)?.[1];
    if (!rel) continue;
    for (const name of rel.trim().split(/\s+/)) links[name.toLowerCase()] = match[1]!;
  }
  return links;
}

/**
 * A Link URL, checked to be on the same origin as `baseUrl` and under its path (`/api/v3` on GHES).
 * Link URLs may name owners by numeric id (`/user/123/packages/...`): followed as given.
 */
export function sameOriginUrl(link: string, baseUrl: string): URL {
  let url: URL;
  let base: URL;
  try {
    url = new URL(link, baseUrl);
    base = new URL(baseUrl);
  } catch {
    throw new ForeignLinkError(link, baseUrl);
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  if (url.origin !== base.origin || !(url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))) {
    throw new ForeignLinkError(url.href, baseUrl);
  }
  return url;
}

/** The `page` number of a pagination URL, or undefined. */
export function pageOf(url: URL): number | undefined {
  const raw = url.searchParams.get('page');
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
