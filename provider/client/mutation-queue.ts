import type { Clock } from './clock';

/**
 * Runs mutating requests one at a time, spaced by at least `intervalMs` from the end of the previous one.
 * GitHub asks integrators to make mutating requests serially and to wait at least one second between them:
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#avoid-concurrent-requests
 */
export class MutationQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private lastEndedAt: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {
    if (!Number.isFinite(intervalMs) || intervalMs < 0) {
      throw new RangeError(`mutationIntervalMs must be a non-negative number of milliseconds, got ${intervalMs}`);
    }
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      if (this.lastEndedAt !== undefined) {
        const wait = this.lastEndedAt + this.intervalMs - this.clock.now();
        if (wait > 0) await this.clock.sleep(wait);
      }
      try {
        return await task();
      } finally {
        this.lastEndedAt = this.clock.now();
      }
    });
    // A failed mutation must not block the ones queued behind it.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
