/**
 * How to read back a package's deletions at the fewest requests counted against GitHub's primary limit. Pure.
 *
 * The listing is read conditionally (client/conditional-fetch.ts): a page whose items did not change answers
 * `304 Not Modified`, which the primary limit does not count. Versions are listed newest first, so deletions
 * change the pages from the first one holding a deleted version to the (new) last page; the pages before it cost
 * nothing. One GET per deleted version costs one request each. A clean-up deletes the oldest versions, at the end
 * of the listing: its listing costs about ceil(N/100) + 1 pages, and one page for a handful of deletions.
 */

/** What each read costs in primary-limit requests, and the cheaper one (the listing when they tie). */
export interface VerificationRead {
  read: 'listing' | 'versions';
  listingCost: number;
  versionsCost: number;
}

/**
 * `listedIds`: the package's active listing before the deletions, in GitHub's order; `deletedIds`: the versions to
 * read back. A deleted id the listing did not hold says nothing about the pages, so the listing is priced whole.
 */
export function verificationRead(listedIds: readonly number[], deletedIds: readonly number[], perPage = 100): VerificationRead {
  const position = new Map<number, number>();
  listedIds.forEach((id, i) => position.set(id, i));
  const wanted = new Set(deletedIds);
  const positions = [...wanted].map((id) => position.get(id));
  const remaining = listedIds.length - positions.filter((p) => p !== undefined).length;
  const newPages = Math.max(1, Math.ceil(remaining / perPage));
  const known = positions.every((p) => p !== undefined) && positions.length > 0;
  const first = (positions as number[]).reduce((min, p) => Math.min(min, p), Number.POSITIVE_INFINITY);
  const firstChanged = known ? Math.floor(first / perPage) + 1 : 1;
  const listingCost = Math.max(1, newPages - firstChanged + 1);
  const versionsCost = wanted.size;
  return { read: versionsCost < listingCost ? 'versions' : 'listing', listingCost, versionsCost };
}
