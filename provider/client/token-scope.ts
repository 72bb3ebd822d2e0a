/**
 * One opaque key per API root and token, for what the process keeps per token (the request budget, the pages
 * read conditionally): a SHA-256 of both, so the token itself is never held in a map or written to disk.
 */
import { createHash } from 'crypto';

export function tokenScope(baseUrl: string, token: string): string {
  return createHash('sha256').update(baseUrl.replace(/\/+$/, '')).update('\n').update(token).digest('hex');
}
