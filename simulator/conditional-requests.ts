/**
 * Conditional requests as GitHub answers them: every successful GET carries an `ETag`; a GET whose
 * `If-None-Match` names the current one is answered `304 Not Modified`, with no body, and is not counted against
 * the primary rate limit.
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
 *
 * The ETag is a weak validator (`W/"…"`, as GitHub sends for its JSON answers) of the body alone: GitHub does not
 * document what else goes into it, and a body-only validator is the hard case for a client (a page whose items did
 * not change is "not modified" even when its `Link` header would now name another last page).
 */
import { createHash } from 'crypto';

/** The validator of one answer's body. */
export function etagOf(payload: string): string {
  return `W/"${createHash('sha256').update(payload).digest('hex')}"`;
}

/**
 * Whether `If-None-Match` (a list of entity tags, or `*`) names `etag`. RFC 9110 §13.1.2: the weak comparison,
 * so `W/"x"` and `"x"` match.
 */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (raw.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return raw.split(',').some((tag) => tag.trim() !== '' && opaque(tag) === wanted);
}

/** Headers GitHub sends with a cacheable answer: private to the token (`Vary: Authorization`), revalidated after 60 s. */
export const CACHE_HEADERS: Record<string, string> = {
  'Cache-Control': 'private, max-age=60, s-maxage=60',
  Vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
};
