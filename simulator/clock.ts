/**
 * The simulator's clock: follows real time unless a test sets or freezes it. Ages of versions, the 30-day
 * restore window and rate-limit windows all read this clock.
 */
export interface SimulatorClockApi {
  now(): Date;
  set(t: string | Date): void;
  freeze(): void;
  unfreeze(): void;
  advance(ms: number): void;
}

export class SimulatorClock implements SimulatorClockApi {
  /** Simulated time = real time + offset, or `frozenAt` while frozen. */
  private offsetMs = 0;
  private frozenAt: number | undefined;

  nowMs(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  isFrozen(): boolean {
    return this.frozenAt !== undefined;
  }

  set(t: string | Date): void {
    const ms = new Date(t).getTime();
    if (Number.isNaN(ms)) throw new Error(`Cannot set the simulator clock to ${String(t)}: not a date.`);
    if (this.frozenAt !== undefined) this.frozenAt = ms;
    else this.offsetMs = ms - Date.now();
  }

  freeze(): void {
    this.frozenAt ??= this.nowMs();
  }

  unfreeze(): void {
    if (this.frozenAt === undefined) return;
    this.offsetMs = this.frozenAt - Date.now();
    this.frozenAt = undefined;
  }

  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  /** Back to real time, not frozen. */
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = undefined;
  }
}
