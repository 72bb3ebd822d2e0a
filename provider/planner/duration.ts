/**
 * Parses the `olderThan` duration: `<n><unit>`, unit `s` `m` `h` `d` `w` (see docs/retention-semantics.md).
 * Months and years have no fixed length, so they are refused with a hint to use days.
 */

export const DURATION_UNITS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
export type DurationUnit = keyof typeof DURATION_UNITS;

/** Longer than any package can have existed (GitHub Packages launched in 2019): surely a typo. */
export const MAX_DURATION_MS = 36_500 * DURATION_UNITS.d;
const MAX_TEXT_LENGTH = 24;

export interface Duration {
  /** The text as the user wrote it, e.g. `30d`. */
  text: string;
  ms: number;
  unit: DurationUnit;
}

export type DurationResult = { ok: true; duration: Duration } | { ok: false; reason: string };

const ALLOWED = 'a whole number followed by a unit s, m (minutes), h, d or w, e.g. "30d" or "12w"';
const MONTH_OR_YEAR_UNITS = new Set(['mo', 'mos', 'mon', 'mons', 'month', 'months', 'y', 'yr', 'yrs', 'year', 'years']);

/** `M` (capital) or a month/year word in any case; lower-case `m` alone is minutes. */
function isMonthOrYear(unitText: string): boolean {
  return unitText === 'M' || MONTH_OR_YEAR_UNITS.has(unitText.toLowerCase());
}

export function parseDuration(text: unknown): DurationResult {
  if (typeof text !== 'string') return { ok: false, reason: `must be a string: ${ALLOWED}` };
  if (text.length === 0) return { ok: false, reason: `must not be empty: ${ALLOWED}` };
  if (text.length > MAX_TEXT_LENGTH) return { ok: false, reason: `is too long: ${ALLOWED}` };
  const match = /^(-?)(\d+(?:\.\d+)?)([a-zA-Z]*)$/.exec(text);
  if (!match) return { ok: false, reason: `"${text}" is not a duration: ${ALLOWED}` };
  const [, sign, digits, unitText] = match;
  if (isMonthOrYear(unitText)) {
    return { ok: false, reason: `"${text}": months and years have no fixed length; use days instead (e.g. "180d" or "365d")` };
  }
  if (unitText === '') return { ok: false, reason: `"${text}" has no unit: ${ALLOWED}` };
  // Own keys only: `in` would take Object.prototype members (`1constructor`) for units.
  if (!Object.hasOwn(DURATION_UNITS, unitText)) return { ok: false, reason: `"${text}" has an unknown unit "${unitText}": ${ALLOWED}` };
  if (sign) return { ok: false, reason: `"${text}" is negative: ${ALLOWED}` };
  if (digits.includes('.')) return { ok: false, reason: `"${text}" is not a whole number: ${ALLOWED}` };
  const unit = unitText as DurationUnit;
  const amount = Number(digits);
  if (amount === 0) {
    return {
      ok: false,
      reason:
        `"${text}" is zero, and an age limit of zero is none: to delete regardless of age leave olderThan out and let ` +
        'keepNewest (or keepNewestTagged/keepNewestUntagged) decide; otherwise give an age, e.g. "30d"',
    };
  }
  const ms = amount * DURATION_UNITS[unit];
  if (!Number.isSafeInteger(ms) || ms > MAX_DURATION_MS) {
    return { ok: false, reason: `"${text}" is longer than 36500 days (100 years): ${ALLOWED}` };
  }
  return { ok: true, duration: { text, ms, unit } };
}
