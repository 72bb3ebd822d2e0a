import type { Clock } from '../../provider/client/clock';

/** A clock whose sleeps return at once, advance time and are recorded, so tests can assert every wait. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  private t: number;
  constructor(start = Date.now()) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += Math.max(0, ms);
    await new Promise((r) => setImmediate(r));
  }
}
