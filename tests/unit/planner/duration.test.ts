import { parseDuration } from '../../../provider/planner/duration';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['12h', 43_200_000],
    ['30d', 30 * 86_400_000],
    ['12w', 12 * 7 * 86_400_000],
    ['36500d', 36_500 * 86_400_000],
    ['5214w', 5214 * 7 * 86_400_000], // 36,498 days
    ['0'.repeat(22) + '1d', 86_400_000], // 24 characters: the longest text read
  ])('reads %s', (text, ms) => {
    const result = parseDuration(text);
    expect(result).toEqual({ ok: true, duration: expect.objectContaining({ text, ms }) });
  });

  it.each([
    ['6M', /use days/],
    ['6mo', /use days/],
    ['6Months', /use days/],
    ['5215w', /36500 days/], // 36,505 days
    ['0'.repeat(23) + '1d', /too long/],
    ['1y', /use days/],
    ['2years', /use days/],
    ['1.5mo', /use days/],
    ['0d', /zero/],
    ['-5d', /negative/],
    ['1.5d', /whole number/],
    ['30', /no unit/],
    ['30D', /unknown unit "D"/],
    ['30x', /unknown unit/],
    ['30 d', /not a duration/],
    [' 30d', /not a duration/],
    ['36501d', /36500 days/],
    ['99999999999999999999w', /36500 days/],
    ['', /empty/],
    ['d', /not a duration/],
    ['1'.repeat(40) + 'd', /too long/],
    // Names an Object.prototype member holds are no units either (they once read as "longer than 36500 days").
    ['1constructor', /unknown unit "constructor"/],
    ['1toString', /unknown unit "toString"/],
    ['1hasOwnProperty', /unknown unit "hasOwnProperty"/],
  ])('refuses %j', (text, reason) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(reason);
      // Every refusal says what is allowed.
      expect(result.reason).toMatch(/days|unit|e\.g\./);
    }
  });

  it('refuses a non-string', () => {
    expect(parseDuration(30)).toEqual({ ok: false, reason: expect.stringMatching(/must be a string/) });
  });
});
