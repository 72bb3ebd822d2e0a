/**
 * RFC 8288 `Link` headers as GitHub sends them for pagination:
 * https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
import { ForeignLinkError, UnsafeResponseError } from '../errors';

/** rel → URL, e.g. { next: 'https://api.github.com/user/1/packages/...?page=2', last: '...' }. */
export function parseLinkHeader(value: string | undefined | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!value) return links;
  for (const part of value.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!match) continue;
    const rel = /\brel\s*=\s*"?([^";]+)"?/i.exec(match[2])?.[1];
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

/** Query parameters that pagination may change; every other one must stay as the client sent it. */
const PAGING_PARAMS = new Set(['page', 'per_page']);

/**
 * `/orgs/acme/…` and `/organizations/100/…` (`/users/mona/…`, `/user/…` and `/user/583231/…`) name the same owner:
 * GitHub's Link URLs may use the numeric form. Returns the path with the owner part replaced by its kind.
 */
function ownerNeutralPath(pathname: string, basePath: string): string {
  const rest = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  return rest.replace(/^\/(?:orgs\/[^/]+|organizations\/\d+)\//, '/<org>/').replace(/^\/(?:users\/[^/]+|user\/\d+|user)\//, '/<user>/');
}

/**
 * The page number a pagination Link names, after checking that it is a page of *this* listing: the same origin
 * and API root (else ForeignLinkError: following would carry the token elsewhere), the same route (an owner by
 * login or numeric id alike) and the same query apart from `page`/`per_page`. The client never requests the Link
 * itself: it requests its own route with this page number, so a Link cannot steer it to another owner's package.
 */
export function linkedPage(link: string, ownUrl: URL, baseUrl: string): number {
  const url = sameOriginUrl(link, baseUrl);
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const otherParams = (u: URL) =>
    [...u.searchParams]
      .filter(([k]) => !PAGING_PARAMS.has(k))
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('&');
  const ownPath = ownerNeutralPath(decodeURIComponent(ownUrl.pathname), basePath);
  if (ownerNeutralPath(decodeURIComponent(url.pathname), basePath) !== ownPath || otherParams(url) !== otherParams(ownUrl)) {
    const differs = otherParams(url) !== otherParams(ownUrl) ? ' with other query parameters' : '';
    throw new UnsafeResponseError(
      `GitHub's pagination Link for GET ${ownUrl.pathname} points to another listing (${url.pathname}${differs}); the ` +
        "client reads only its own listing's pages, so it stopped and planned nothing from it. Check any proxy between you and the API.",
    );
  }
  const page = pageOf(url);
  if (page === undefined) {
    throw new UnsafeResponseError(`GitHub's pagination Link for GET ${ownUrl.pathname} names no valid page number; the listing stopped.`);
  }
  return page;
}
