/**
 * A policy's deletions, sent one at a time in the order given (the client spaces them), and what GitHub shows
 * afterwards. With the image graph the roots go first and are verified before any member: a root GitHub accepted
 * but did not delete, or refused, holds the rest of its image back (ImageRootGuard), so no tag is left pointing
 * at a broken index. A refusal or a failure does not stop the others; the failure streak (failure-streak.ts)
 * does. Only what the verification listing shows is counted as deleted.
 */
import type { ReviewedDeletion } from '../planner/confirm-deletions';
import { mergeReconciliations, type AttemptedDeletion, type DeletionReconciliation } from '../planner/reconcile-deletions';
import { FailureStreak } from './failure-streak';
import type { ImageRootGuard } from './image-graph-plan';
import { sendMutation } from './send-mutation';

export interface DeletionRun {
  /** Confirmed deletions, in the order to send them (image roots among them are sent first, see `roots`). */
  confirmed: readonly ReviewedDeletion[];
  /** Image roots among `confirmed`, sent and verified before everything else. */
  roots: readonly ReviewedDeletion[];
  guard: ImageRootGuard | undefined;
  remove: (d: ReviewedDeletion) => Promise<unknown>;
  /** Lists the packages of the given attempts (bounded re-reads) and says which are gone. */
  verify: (attempts: readonly AttemptedDeletion[]) => Promise<DeletionReconciliation>;
  /** A deletion not sent, refused, or failed (then `failure` holds the error's text). */
  skipped: (d: ReviewedDeletion, reason: string, failure?: string) => void;
}

export async function runDeletions(run: DeletionRun): Promise<DeletionReconciliation> {
  const { guard } = run;
  const attempted: AttemptedDeletion[] = [];
  const streak = new FailureStreak('deletions');
  const inRootPhase = new Set(run.roots);
  const ordered = [...run.roots, ...run.confirmed.filter((d) => !inRootPhase.has(d))];
  let roots: DeletionReconciliation | undefined;
  for (const [i, d] of ordered.entries()) {
    if (i > 0 && i === run.roots.length) {
      // The last root was sent: verify the roots before the first member.
      roots = await run.verify(attempted.splice(0));
      for (const root of roots.missing) guard?.notDeleted(root.package, root.id);
    }
    if (streak.stopReason) {
      run.skipped(d, `not attempted: ${streak.stopReason}`);
      continue;
    }
    const held = guard?.heldReason(d.package, d.id);
    if (held) {
      run.skipped(d, held);
      continue;
    }
    const outcome = await sendMutation(() => run.remove(d));
    // Not known to be deleted (a 404 may be a version still there): the rest of its image waits.
    if (outcome.kind !== 'accepted') guard?.notDeleted(d.package, d.id);
    if (outcome.kind === 'accepted' || outcome.kind === 'not-found') {
      // "Already gone" only if the verification listing agrees (a token that lost access also reads 404).
      attempted.push({ package: d.package, id: d.id, name: d.name, answer: outcome.kind });
      if (outcome.kind === 'accepted') streak.succeeded();
    } else if (outcome.kind === 'refused') {
      run.skipped(d, outcome.reason);
    } else {
      run.skipped(d, `failed: ${outcome.message}`, outcome.message);
      streak.failed(outcome.error, outcome.message);
    }
  }
  const rest = await run.verify(attempted);
  return roots ? mergeReconciliations(roots, rest) : rest;
}
