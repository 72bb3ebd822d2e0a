/**
 * Busy packages: GitHub pages a listing by offset, so a version published (or deleted) while the client pages
 * through it shifts the later pages — the version at a page boundary then appears on two pages, or one is
 * skipped. Identical duplicates are that shift and count once. A listing that contradicts itself (a duplicate
 * that differs, a page that ends the listing early while a later page has versions) is read once more; a second
 * inconsistent read fails, so nothing is ever planned or deleted from it.
 */
import { UnsafeResponseError } from '../errors';

/** One read of a paginated listing: the items, and what made it contradict itself, if anything. */
export interface Listing<T> {
  items: T[];
  inconsistency?: string;
}

/** The items once each (identical duplicates dropped); a duplicate that differs makes the listing inconsistent. */
export function dedupeListing<T extends { id: number }>(listing: Listing<T>): Listing<T> {
  // Items by id (references, not their JSON: a 100,000-version listing would hold 100 MB of strings); a duplicate is
  // compared with its first sighting when it shows up.
  const seen = new Map<number, T>();
  const items: T[] = [];
  let inconsistency = listing.inconsistency;
  for (const item of listing.items) {
    const before = seen.get(item.id);
    if (before === undefined) {
      seen.set(item.id, item);
      items.push(item);
    } else if (JSON.stringify(before) !== JSON.stringify(item)) {
      inconsistency ??= `id ${item.id} is listed twice with different data`;
    }
  }
  return inconsistency === undefined ? { items } : { items, inconsistency };
}

/**
 * Reads a listing, and reads it once more when it contradicts itself. `what` names it in the error
 * ("npm package "big" of organization acme").
 */
export async function readConsistently<T extends { id: number }>(
  read: () => Promise<Listing<T>>,
  what: string,
  warn?: (m: string) => void,
): Promise<T[]> {
  const first = dedupeListing(await read());
  if (first.inconsistency === undefined) return first.items;
  warn?.(`The listing of ${what} changed while it was read (${first.inconsistency}); reading it again.`);
  const second = dedupeListing(await read());
  if (second.inconsistency === undefined) return second.items;
  throw new UnsafeResponseError(
    `The listing of ${what} changed while it was read, twice in a row (${first.inconsistency}; then ${second.inconsistency}): ` +
      'versions are being published or deleted right now. Nothing was planned or changed from it; run again when the ' +
      'package is quieter.',
  );
}
