/** Resolves fixture times: ISO-8601, or `now`, `now-5d`, `now+3h`, `now-90m`, `now-30s` relative to the clock. */
/** A time in a fixture: ISO-8601, or relative to the simulator clock at load time: `now`, `now-5d`, `now-3h`, `now+10m`. */
export type FixtureTime = string | number; // numbers: epoch milliseconds

const RELATIVE = /^now(?:([+-])(\d+(?:\.\d+)?)(ms|s|m|h|d))?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function resolveFixtureTime(value: FixtureTime, nowMs: number): number {
  if (typeof value === 'number') return value;
  const rel = RELATIVE.exec(value.trim());
  if (rel) {
    if (!rel[1]) return nowMs;
    const delta = Number(rel[2]) * UNIT_MS[rel[3]];
    return rel[1] === '+' ? nowMs + delta : nowMs - delta;
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new Error(`Fixture time "${value}" is neither ISO-8601 nor relative like "now-5d".`);
  }
  return ms;
}

/** GitHub's timestamp format: ISO-8601 in UTC without milliseconds, e.g. `2020-05-19T22:19:11Z`. */
export function formatGitHubTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
