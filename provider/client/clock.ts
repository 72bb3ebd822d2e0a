/**
 * Time as the client sees it. Every wait the client makes (rate-limit back-off, retry back-off, spacing between
 * mutations) goes through `sleep`, so tests inject a fake clock and run at full speed while production waits for real.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
