import type { Clock } from '../../provider/client/clock';

/**
 * A clock whose sleeps take no real time: each is recorded, and when it "ends" (on the next macrotask) time
 * advances by its length and `onAdvance` runs, e.g. to move the simulator's clock along. Like real time, `now()`
 * does not jump at the moment a sleep starts, so concurrent sleepers see the same `now()`.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  private t: number;
  constructor(
    start = Date.now(),
    private readonly onAdvance?: (ms: number) => void,
  ) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    await new Promise((r) => setImmediate(r));
    const d = Math.max(0, ms);
    this.t += d;
    this.onAdvance?.(d);
  }
}
