import { compilePattern, compilePatternList, matchesList, type PatternList } from '../../../provider/planner/patterns';

function list(entries: string[]): PatternList {
  const result = compilePatternList(entries, { allowExclusions: true });
  if (!result.list) throw new Error(result.errors.join('; '));
  return result.list;
}

function test1(pattern: string, value: string): boolean {
  const compiled = compilePattern(pattern);
  if (!compiled.ok) throw new Error(compiled.reason);
  return compiled.pattern.test(value);
}

describe('globs', () => {
  it.each([
    ['pr-*', 'pr-12', true],
    ['pr-*', 'pr-', true],
    ['pr-*', 'xpr-12', false], // whole string
    ['pr-*', 'PR-12', false], // case-sensitive
    ['v?', 'v1', true],
    ['v?', 'v12', false],
    ['latest', 'latest', true],
    ['latest', 'latest-2', false],
    ['a.b', 'axb', false], // regex metacharacters are literal in globs
    ['a+(b)', 'a+(b)', true],
    ['[abc]', '[abc]', true],
    ['*', '', true],
    ['sha256:*', 'sha256:0123abcd', true],
    ['team/*', 'team/app', true],
  ])('%s matches %j: %s', (pattern, value, expected) => {
    expect(test1(pattern, value)).toBe(expected);
  });
});

describe('regular expressions', () => {
  it.each([
    ['/v\\d+\\.\\d+/', 'v1.2', true],
    ['/v\\d+\\.\\d+/', 'v1.2.3', false], // anchored ^(?:…)$
    ['/v\\d+\\.\\d+/', 'xv1.2', false],
    ['/a|b/', 'ab', false], // the alternation is anchored as a whole
    ['/a|b/', 'b', true],
    ['/release-.*/i', 'RELEASE-1', true],
    ['/a/b/', 'a/b', true], // the last slash closes the regex
  ])('%s matches %j: %s', (pattern, value, expected) => {
    expect(test1(pattern, value)).toBe(expected);
  });

  it.each([
    ['/(?=x)x/', /not a valid regular expression.*RE2/],
    ['/(a)\\1/', /not a valid regular expression/],
    ['/[/', /not a valid regular expression/],
    ['/a)|(b/', /not a valid regular expression/],
    ['/a{2000}/', /repeat counts at most 1000/],
    ['/abc', /no closing/],
    ['//', /empty regular expression/],
    ['/a/g', /flag "g"/],
    ['/a/ii', /each once/],
  ])('refuses %s', (pattern, reason) => {
    const result = compilePattern(pattern);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('matches in linear time: a catastrophic-backtracking regex returns at once', () => {
    const compiled = compilePattern('/(a+)+b/');
    if (!compiled.ok) throw new Error(compiled.reason);
    const start = Date.now();
    expect(compiled.pattern.test('a'.repeat(100_000))).toBe(false);
    expect(Date.now() - start).toBeLessThan(2_000);
  });
});

describe('pattern lists', () => {
  it('a list of exclusions only means everything except', () => {
    const l = list(['!release-*']);
    expect(matchesList(l, 'pr-1')).toBe(true);
    expect(matchesList(l, 'release-1')).toBe(false);
  });

  it('an exclusion wins over an include and the overlap of identical entries is warned about', () => {
    const result = compilePatternList(['pr-*', '!pr-keep*', 'x', '!x'], { allowExclusions: true });
    expect(matchesList(result.list!, 'pr-1')).toBe(true);
    expect(matchesList(result.list!, 'pr-keep1')).toBe(false);
    expect(result.warnings).toEqual([expect.stringMatching(/"x" is both included and excluded/)]);
  });

  it('warns about an entry containing ", " (probably two patterns) and about duplicates', () => {
    const result = compilePatternList(['pr-*, dev-*', 'a', 'a'], { allowExclusions: true });
    expect(result.list).toBeDefined();
    expect(result.warnings.join('\n')).toMatch(/contains ", "/);
    expect(result.warnings.join('\n')).toMatch(/listed twice/);
  });

  it.each([
    [['!'], true, /needs a pattern/],
    [['!!a'], true, /more than one "!"/],
    [['!a'], false, /not allowed in protect lists/],
    [[''], true, /empty/],
    [[' a'], true, /spaces/],
    [['a\u0007'], true, /control characters/],
    [['x'.repeat(300)], true, /at most 256/],
    [Array.from({ length: 101 }, (_, i) => `p${i}`), true, /at most 100/],
  ])('refuses %j (exclusions allowed: %s)', (entries, allowExclusions, reason) => {
    const result = compilePatternList(entries, { allowExclusions });
    expect(result.list).toBeUndefined();
    expect(result.errors.join('\n')).toMatch(reason);
  });

  it('takes a pattern of exactly 256 characters and a list of exactly 100 entries (the limits are inclusive)', () => {
    expect(compilePatternList(['x'.repeat(256)], { allowExclusions: true }).errors).toEqual([]);
    expect(
      compilePatternList(
        Array.from({ length: 100 }, (_, i) => `p${i}`),
        { allowExclusions: true },
      ).errors,
    ).toEqual([]);
  });
});
