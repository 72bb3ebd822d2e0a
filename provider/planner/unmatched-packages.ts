/**
 * A `packages` pattern that matches no package of the owner is almost always a typo (`ap-*` for `api-*`), and the
 * policy would silently plan nothing for it: the preview warns, naming the pattern and the closest package names.
 */
import { closestName } from '../validation/closest-name';
import { printable } from '../describe-value';
import { matchesList, type PatternList } from './patterns';

/** At most this many package names are quoted in one warning. */
const MAX_NAMES = 5;

/**
 * Warnings for the include patterns of `packages` that match none of `names` (the owner's packages of the type),
 * and for a selection that is empty as a whole. `packagesOf`: "container packages of organization acme". No counts:
 * the warning is part of the reviewed plan, which a saved plan holds `up` to, and must not move with each publish.
 */
export function unmatchedPackageWarnings(list: PatternList, names: readonly string[], packagesOf: string): string[] {
  if (names.length === 0) return [`packages: there are no ${packagesOf}, so this policy plans nothing; check the owner and packageType`];
  const warnings: string[] = [];
  for (const pattern of list.includes) {
    if (names.some((name) => pattern.test(name))) continue;
    const stem = pattern.source.replace(/[*?]/g, '');
    const closest = closestName(stem, names);
    const near = closest ? ` (closest: "${printable(closest)}")` : ` (${quoted(names)})`;
    warnings.push(`packages: "${printable(pattern.source)}" matches none of the ${packagesOf}${near}; check the pattern`);
  }
  if (warnings.length === 0 && !names.some((name) => matchesList(list, name))) {
    warnings.push(`packages: the exclusions leave none of the ${packagesOf}, so this policy plans nothing`);
  }
  return warnings;
}

function quoted(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES).map((n) => `"${printable(n)}"`);
  return `they are ${shown.join(', ')}${names.length > MAX_NAMES ? `, and ${names.length - MAX_NAMES} more` : ''}`;
}
