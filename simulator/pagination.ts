/**
 * GitHub's page-based pagination: `per_page` default 30, max 100; `Link` header with prev/next/last/first.
 * https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
import { GitHubApiError } from './github-error';

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

export interface PageRequest {
  page: number;
  perPage: number;
}

/** Reads `page`/`per_page`: non-numbers are a 400; `per_page` above 100 is clamped to 100 as GitHub does. */
export function parsePageRequest(query: URLSearchParams): PageRequest {
  const read = (name: string, fallback: number): number => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    if (!/^-?\d+$/.test(raw.trim())) {
      throw new GitHubApiError(400, `Invalid value for parameter '${name}': "${raw}" is not an integer.`);
    }
    return Number(raw);
  };
  const page = Math.max(1, read('page', 1));
  const requested = read('per_page', DEFAULT_PER_PAGE);
  const perPage = requested < 1 ? DEFAULT_PER_PAGE : Math.min(MAX_PER_PAGE, requested);
  return { page, perPage };
}

export interface Page<T> {
  items: T[];
  link?: string;
}

/**
 * Slices one page and builds the `Link` header from the request's own URL (other query parameters kept).
 * `maxItems` caps how far the listing reaches (package listings: 10,000).
 */
export function paginate<T>(all: T[], req: PageRequest, requestUrl: URL, maxItems = Infinity): Page<T> {
  const start = (req.page - 1) * req.perPage;
  const items = all.slice(start, start + req.perPage);
  const reachable = Math.min(all.length, maxItems);
  const lastPage = Math.max(1, Math.ceil(reachable / req.perPage));
  const url = (page: number): string => {
    const u = new URL(requestUrl.toString());
    u.searchParams.set('per_page', String(req.perPage));
    u.searchParams.set('page', String(page));
    return u.toString();
  };
  const rels: string[] = [];
  if (req.page > 1) rels.push(`<${url(Math.min(req.page - 1, lastPage))}>; rel="prev"`);
  if (req.page < lastPage) {
    rels.push(`<${url(req.page + 1)}>; rel="next"`);
    rels.push(`<${url(lastPage)}>; rel="last"`);
  }
  if (req.page > 1) rels.push(`<${url(1)}>; rel="first"`);
  return { items, link: rels.length ? rels.join(', ') : undefined };
}
