/**
 * Reading a mutation's result back before success is reported, within the request budget: `PackageVersion` and
 * `Package` read their one object once after the mutation; a policy reads each package's deletions back by the
 * cheaper read (planner/verification-read.ts): its listing, read conditionally (unchanged pages answer 304, which
 * the primary limit does not count), or one GET per deleted version when there are fewer of them than changed
 * pages. GitHub's reads may trail its writes for a moment, so what does not show yet is re-read a bounded number
 * of times (`github-packages:verifyAttempts`, `verifyDelayMs`) before it is called missing.
 */
import { boundedMap } from '../client/bounded-map';
import { PER_PAGE, type PackagesClient } from '../client/packages-client';
import { NotFoundOrNoAccessError } from '../errors';
import { reconcileDeletions, type AttemptedDeletion, type DeletionReconciliation } from '../planner/reconcile-deletions';
import { verificationRead } from '../planner/verification-read';
import type { PackageRef } from '../types';
import type { ProviderContext } from './provider-context';
// Packages listed at once while verifying: as many as a policy lists at once when planning.
import { PACKAGE_CONCURRENCY } from './selected-packages';

export interface VerifyPace {
  /** Reads in all, the first right after the mutation. */
  attempts: number;
  delayMs: number;
  sleep(ms: number): Promise<void>;
}

export function verifyPace(context: ProviderContext): VerifyPace {
  const { verifyAttempts, verifyDelayMs } = context.settings();
  return { attempts: verifyAttempts, delayMs: verifyDelayMs, sleep: (ms) => context.sleep(ms) };
}

/** Reads until `done`, at most `pace.attempts` times; the last read is returned either way. */
export async function readUntil<T>(
  pace: VerifyPace,
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<{ value: T; done: boolean; reads: number }> {
  let value = await read();
  let reads = 1;
  while (!done(value) && reads < pace.attempts) {
    await pace.sleep(pace.delayMs);
    value = await read();
    reads++;
  }
  return { value, done: done(value), reads };
}

/**
 * The ids a package's active listing shows. A package that no longer lists at all (deleted meanwhile, or no
 * longer visible to the token) shows none: its versions are not active for us any more.
 */
export async function activeVersionIds(client: PackagesClient, ref: PackageRef): Promise<number[]> {
  try {
    return (await client.listVersions(ref, { state: 'active', lean: true })).map((v) => v.id);
  } catch (err) {
    if (err instanceof NotFoundOrNoAccessError) return [];
    throw err;
  }
}

/**
 * Which of `ids` still read as active, by the cheaper read given the package's listing before the deletions
 * (`listedIds`, GitHub's order): the listing, or a GET of each (a version that reads as deleted, or not at all,
 * is not active).
 */
export async function stillActiveIds(
  client: PackagesClient,
  ref: PackageRef,
  ids: readonly number[],
  listedIds: readonly number[] | undefined,
): Promise<number[]> {
  if (!listedIds || verificationRead(listedIds, ids, PER_PAGE).read === 'listing') {
    const active = new Set(await activeVersionIds(client, ref));
    return ids.filter((id) => active.has(id));
  }
  const states = await boundedMap(ids, PACKAGE_CONCURRENCY, async (id) => {
    try {
      return (await client.getVersion(ref, id)).state;
    } catch (err) {
      if (err instanceof NotFoundOrNoAccessError) return 'deleted';
      throw err;
    }
  });
  return ids.filter((_, i) => states[i] === 'active');
}

/**
 * Reads each package that had deletions once (`readActive` says which of the given ids still read as active:
 * the whole listing's ids will do), reconciles, and re-lists (after `delayMs`, at most `attempts`
 * listings in all) only packages where something still reads as active. A listing that fails leaves that
 * package's deletions unverified (not counted).
 */
export async function verifyDeletions(
  attempts: readonly AttemptedDeletion[],
  readActive: (pkg: string, ids: readonly number[]) => Promise<readonly number[]>,
  pace: VerifyPace,
): Promise<DeletionReconciliation> {
  let wanted = attempts;
  const stillActive = new Map<string, ReadonlySet<number>>();
  const listingErrors = new Map<string, string>();
  const unverified = (pkg: string) =>
    `the listing that verifies it failed (${listingErrors.get(pkg) ?? 'no answer'}); the next preview shows whether it is still there`;
  let pending = [...new Set(attempts.map((a) => a.package))].sort();
  for (let listing = 1; ; listing++) {
    await boundedMap(pending, PACKAGE_CONCURRENCY, async (pkg) => {
      try {
        const ids = wanted.filter((a) => a.package === pkg).map((a) => a.id);
        stillActive.set(pkg, new Set(await readActive(pkg, ids)));
        listingErrors.delete(pkg);
      } catch (err) {
        stillActive.delete(pkg);
        listingErrors.set(pkg, err instanceof Error ? err.message : String(err));
      }
    });
    const result = reconcileDeletions(attempts, stillActive, unverified);
    if (result.missing.length === 0 || listing >= pace.attempts) return result;
    pending = [...new Set(result.missing.map((m) => m.package))].sort();
    // Read again only what does not show yet (a version that read as deleted stays deleted for this judgement).
    wanted = result.missing;
    await pace.sleep(pace.delayMs);
  }
}

/**
 * Like `verifyDeletions`, for restores: a restore is done when the package's active listing shows the version
 * again. Same listings (one per package, bounded re-reads), same judgement with the roles swapped: what the
 * listing does not show as active is "still deleted". `deleted` holds the restored versions, `alreadyGone` those
 * answered 404 that are active anyway.
 */
export async function verifyRestores(
  attempts: readonly AttemptedDeletion[],
  listActiveIds: (pkg: string) => Promise<readonly number[]>,
  pace: VerifyPace,
): Promise<DeletionReconciliation> {
  const attempted = (pkg: string) => attempts.filter((a) => a.package === pkg).map((a) => a.id);
  const notYetActive = async (pkg: string) => {
    const active = new Set(await listActiveIds(pkg));
    return attempted(pkg).filter((id) => !active.has(id));
  };
  const result = await verifyDeletions(attempts, notYetActive, pace);
  return {
    ...result,
    missing: result.missing.map((m) =>
      m.reason.startsWith('not verified')
        ? m
        : {
            ...m,
            reason:
              m.answer === 'accepted'
                ? 'GitHub accepted the restore but the version still reads as deleted'
                : 'GitHub answered 404 (not found) to the restore and the version still reads as deleted (purged, or the token lost access)',
          },
    ),
  };
}
