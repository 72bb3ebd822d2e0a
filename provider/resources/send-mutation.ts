/**
 * One DELETE or restore, its answer sorted into what the run does next. GitHub's refusals known by their answer
 * (https://docs.github.com/en/packages/learn-github-packages/deleting-and-restoring-a-package) are reported and
 * the run goes on; a 404 is not taken as done (a token that lost access reads 404 too): the verification listing
 * decides; anything else is a failure of this version.
 */
import { DownloadLimitError, LastVersionError, NotFoundOrNoAccessError } from '../errors';

export type MutationOutcome =
  { kind: 'accepted' } | { kind: 'not-found' } | { kind: 'refused'; reason: string } | { kind: 'failed'; error: unknown; message: string };

export async function sendMutation(send: () => Promise<unknown>): Promise<MutationOutcome> {
  try {
    await send();
    return { kind: 'accepted' };
  } catch (err) {
    if (err instanceof DownloadLimitError) {
      return { kind: 'refused', reason: 'GitHub refuses: public and downloaded more than 5,000 times (contact GitHub Support to remove it)' };
    }
    if (err instanceof LastVersionError) return { kind: 'refused', reason: 'GitHub refuses: last (tagged) version of the package' };
    if (err instanceof NotFoundOrNoAccessError) return { kind: 'not-found' };
    return { kind: 'failed', error: err, message: err instanceof Error ? err.message : String(err) };
  }
}
