/**
 * Share limits. Run limit `maxShareOfPackage` (docs/retention-semantics.md, "Run limits"): a package whose plan
 * deletes more than this share of its active versions (protected ones included, before the cap) plans nothing, and
 * the plan carries an error saying by how much, so the preview fails. The run guards' `maxShareOfKept`
 * (run-guards.ts) counts with the same arithmetic and words.
 */

/** How many of `count` versions a share allows (a float share of a count, so a tiny epsilon for 0.3 * 10). */
export function allowedByShare(share: number, count: number): number {
  return Math.floor(share * count + 1e-9);
}

/** A share as the messages show it: `33.3%`. */
export function sharePercent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toString()}%`;
}

/**
 * The error for a package over the limit, or undefined within it. `whole` says what else goes with each deletion
 * (images: their platform manifests, attestations and signatures), and `narrow` how to narrow the rules.
 */
export function maxShareError(
  name: string,
  deleting: number,
  active: number,
  maxShareOfPackage: number,
  wording: { whole?: string; narrow: string },
): string | undefined {
  const allowed = allowedByShare(maxShareOfPackage, active);
  if (deleting <= allowed) return undefined;
  const share = deleting / active;
  const needed = Math.ceil(share * 1000) / 1000;
  return (
    `package "${name}": the plan would delete ${deleting} of ${active} active versions (${sharePercent(share)}), ` +
    `${deleting - allowed} more than maxShareOfPackage ${maxShareOfPackage} allows (${allowed})${wording.whole ? `; ${wording.whole}` : ''}. ` +
    `Nothing is deleted. To proceed, raise maxShareOfPackage to at least ${needed} or ${wording.narrow}.`
  );
}
