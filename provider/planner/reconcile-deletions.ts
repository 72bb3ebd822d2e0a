/**
 * After a policy's deletions: which of them GitHub shows as done? Pure.
 *
 * A DELETE's answer alone proves nothing: GitHub may accept one (204) and not apply it, or answer 404 for a
 * version it still lists (a token that lost access reads as "not found"). So each attempted deletion is judged
 * by the package's active listing taken after the deletions:
 * - answered 204 and no longer listed: deleted (the only case counted as a deletion);
 * - answered 404 and no longer listed: already gone (deleted by someone else, or by an earlier try of ours whose
 *   answer was lost);
 * - still listed as active, whatever the answer: the effect is missing, and the run fails naming the version.
 */

/** GitHub's answer to a DELETE the run sent. */
export type DeletionAnswer = 'accepted' | 'not-found';

export interface AttemptedDeletion {
  package: string;
  id: number;
  name: string;
  answer: DeletionAnswer;
}

export interface MissingEffect extends AttemptedDeletion {
  reason: string;
}

export interface DeletionReconciliation {
  deleted: AttemptedDeletion[];
  alreadyGone: AttemptedDeletion[];
  missing: MissingEffect[];
}

/** Why a version still listed as active after its DELETE is not deleted, in words that say what to do. */
export function missingEffectReason(answer: DeletionAnswer): string {
  return answer === 'accepted'
    ? 'GitHub accepted the request but the version still reads as active'
    : 'GitHub answered 404 (not found) to the DELETE but the version still reads as active (check that the token still has access to the package)';
}

/**
 * `stillActive`: per package, the ids its latest active listing shows. A package missing from the map was not
 * re-listed (its listing failed): its deletions cannot be confirmed, and `unverifiedReason` says why.
 */
export function reconcileDeletions(
  attempts: readonly AttemptedDeletion[],
  stillActive: ReadonlyMap<string, ReadonlySet<number>>,
  unverifiedReason: (pkg: string) => string = () => 'its package could not be listed to verify it',
): DeletionReconciliation {
  const out: DeletionReconciliation = { deleted: [], alreadyGone: [], missing: [] };
  for (const attempt of attempts) {
    const active = stillActive.get(attempt.package);
    if (!active) out.missing.push({ ...attempt, reason: `not verified: ${unverifiedReason(attempt.package)}` });
    else if (active.has(attempt.id)) out.missing.push({ ...attempt, reason: missingEffectReason(attempt.answer) });
    else if (attempt.answer === 'accepted') out.deleted.push(attempt);
    else out.alreadyGone.push(attempt);
  }
  return out;
}

/** Two reconciliations of disjoint deletions (e.g. images' roots, then their members) as one. */
export function mergeReconciliations(a: DeletionReconciliation, b: DeletionReconciliation): DeletionReconciliation {
  return { deleted: [...a.deleted, ...b.deleted], alreadyGone: [...a.alreadyGone, ...b.alreadyGone], missing: [...a.missing, ...b.missing] };
}
