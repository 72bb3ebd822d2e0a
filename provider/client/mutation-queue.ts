import type { Clock } from './clock';

/**
 * Runs mutating requests one at a time (the next starts only after the previous one ended), and starts them at
 * least `intervalMs` apart, so the configured interval is the rate users get: 1000 ms is one a second, 340 ms is
 * just under GitHub's secondary-limit ceiling of 180 a minute, whatever the latency.
 * GitHub asks integrators to make mutating requests serially and to wait at least one second between them:
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#avoid-concurrent-requests
 */
export class MutationQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private lastStartedAt: number | undefined;

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
      if (this.lastStartedAt !== undefined) {
        const wait = this.lastStartedAt + this.intervalMs - this.clock.now();
        if (wait > 0) await this.clock.sleep(wait);
      }
      this.lastStartedAt = this.clock.now();
      return task();
    });
    // A failed mutation must not block the ones queued behind it.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
