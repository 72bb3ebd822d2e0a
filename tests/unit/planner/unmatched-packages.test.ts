// A `packages` pattern that matches nothing is almost always a typo: the preview warns, naming the closest package.
import { compilePatternList, type PatternList } from '../../../provider/planner/patterns';
import { unmatchedPackageWarnings } from '../../../provider/planner/unmatched-packages';

function list(entries: string[]): PatternList {
  const compiled = compilePatternList(entries, { allowExclusions: true });
  if (!compiled.list) throw new Error(compiled.errors.join('; '));
  return compiled.list;
}

const OF = 'container packages of organization acme';

describe('unmatchedPackageWarnings', () => {
  it('every include matches a package: no warning', () => {
    expect(unmatchedPackageWarnings(list(['api-*', 'web']), ['api-gw', 'web', 'cli'], OF)).toEqual([]);
  });

  it('an owner with no packages of the type: one warning, whatever the patterns', () => {
    expect(unmatchedPackageWarnings(list(['web']), [], OF)).toEqual([
      'packages: there are no container packages of organization acme, so this policy plans nothing; check the owner and packageType',
    ]);
  });

  it('a pattern matching nothing names the closest package (its glob characters ignored)', () => {
    expect(unmatchedPackageWarnings(list(['web', 'ap-*']), ['web', 'api', 'cli'], OF)).toEqual([
      'packages: "ap-*" matches none of the container packages of organization acme (closest: "api"); check the pattern',
    ]);
  });

  it('with no close name, the packages are quoted: five, then how many more', () => {
    const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'];
    expect(unmatchedPackageWarnings(list(['zzzzzzzzzz']), names, OF)).toEqual([
      'packages: "zzzzzzzzzz" matches none of the container packages of organization acme (they are "alpha", "bravo", "charlie", "delta", "echo", and 2 more); check the pattern',
    ]);
    expect(unmatchedPackageWarnings(list(['zzzzzzzzzz']), names.slice(0, 5), OF)[0]).toMatch(
      /\(they are "alpha", "bravo", "charlie", "delta", "echo"\); check/,
    );
  });

  it('exclusions that leave nothing: warned once the includes all match', () => {
    expect(unmatchedPackageWarnings(list(['web*', '!web*']), ['web', 'web-2'], OF)).toEqual([
      'packages: the exclusions leave none of the container packages of organization acme, so this policy plans nothing',
    ]);
    expect(unmatchedPackageWarnings(list(['!*']), ['web'], OF)).toEqual([
      'packages: the exclusions leave none of the container packages of organization acme, so this policy plans nothing',
    ]);
    expect(unmatchedPackageWarnings(list(['!web']), ['web', 'cli'], OF)).toEqual([]);
  });
});
