/**
 * The run guards: which plans stop at the preview once a policy has run. Pure: plans in, stops out.
 *
 * A policy's first plan (no state yet) is not guarded: its preview lists every deletion, and that list is what the
 * reviewer approves, however long (the first clean-up of a neglected package deletes most of it, in one run).
 * Once the policy has run, a plan is compared with what the policy kept:
 *  - changed-policy guard: a rule was changed (a guard setting is not a rule). The plan is compared with a plan of
 *    the previous rules over the same live versions: the versions the new rules would delete (in this run or, past
 *    `maxDeletionsPerRun`, later) that the previous rules keep may be at most `maxShareOfKept` of what they keep, per
 *    package. `keepNewest` 10 → 0 and a widened `packages` pattern (a newly covered package was kept whole) stop.
 *  - sudden-share guard: the rules are unchanged, so everything active that the previous run saw it kept. This run's
 *    deletions may be at most `maxShareOfKept` of a package's active versions: a run that would suddenly delete more
 *    follows a change of live data nobody reviewed (tags removed en masse, a package emptied and refilled).
 * With a changed policy the sudden-share guard counts the deletions the previous rules would also make. Deletions the
 * state's reviewed plan already listed (a run that failed midway, resumed by the next `up`) were reviewed: not sudden.
 * To proceed past either on purpose: `maxShareOfKept: 1` for one run (a setting, so removing it afterwards is no
 * change of the rules), after reviewing the list its preview shows.
 */
import { allowedByShare, sharePercent } from './max-share';
import type { KeepReason, PackagePlan, RetentionPlan } from './plan-types';
import { RETENTION_PROPERTIES, type RetentionOptions } from './retention-options';

/** Settings that bound a run but do not decide which versions the rules select: changing them changes no rule. */
export const GUARD_SETTINGS: readonly (keyof RetentionOptions)[] = ['maxDeletionsPerRun', 'maxShareOfPackage', 'maxShareOfKept'];

export type RunGuard = 'changed-policy' | 'sudden-share';

export interface GuardStop {
  guard: RunGuard;
  package: string;
  message: string;
}

export interface GuardInput {
  /** The plan about to be shown. */
  plan: RetentionPlan;
  /** No state yet: the first plan of the policy (not guarded). */
  isNew: boolean;
  /** The rule properties changed since the state's inputs (empty when unchanged). */
  changed: readonly string[];
  /** With a changed policy: the previous rules planned over the same live versions (uncapped). */
  previousRulesPlan?: RetentionPlan;
  maxShareOfKept: number;
  /** Per package, the ids the state's reviewed plan listed (a run that failed or stopped midway): reviewed already. */
  reviewedBefore?: ReadonlyMap<string, ReadonlySet<number>>;
}

/** The rule properties whose values differ between the state's inputs and the program's (JSON comparison). */
export function changedRuleProperties(previous: Record<string, unknown>, current: Record<string, unknown>): string[] {
  return RETENTION_PROPERTIES.filter((key) => !GUARD_SETTINGS.includes(key) && JSON.stringify(previous[key]) !== JSON.stringify(current[key]));
}

const PROCEED =
  'Nothing is deleted. If these deletions are intended, set maxShareOfKept: 1 for one run, review the list its preview shows, run `pulumi up`, then remove the setting again';

export function decideRunGuards(input: GuardInput): GuardStop[] {
  if (input.isNew) return [];
  const { plan, previousRulesPlan, maxShareOfKept } = input;
  const stops: GuardStop[] = [];
  const before = new Map((previousRulesPlan?.packages ?? []).map((p) => [p.name, p] as const));
  const compared = input.changed.length > 0 && previousRulesPlan !== undefined;
  for (const pkg of plan.packages) {
    const previous = compared ? before.get(pkg.name) : undefined;
    const stop =
      (compared ? changedPolicyStop(pkg, previous, input.changed, maxShareOfKept) : undefined) ??
      suddenShareStop(pkg, compared ? doomedIds(previous) : undefined, input.reviewedBefore?.get(pkg.name), maxShareOfKept);
    if (stop) stops.push(stop);
  }
  return stops;
}

function doomedIds(pkg: PackagePlan | undefined): Set<number> {
  return new Set((pkg?.decisions ?? []).filter((d) => d.action === 'delete' || d.reason === 'deferred-by-cap').map((d) => d.id));
}

function changedPolicyStop(pkg: PackagePlan, previous: PackagePlan | undefined, changed: readonly string[], share: number): GuardStop | undefined {
  const wasDoomed = doomedIds(previous);
  // A package the previous rules did not plan (a widened pattern) was kept whole.
  const keptBefore = previous ? previous.activeVersions - wasDoomed.size : pkg.activeVersions;
  const newlyDoomed = [...doomedIds(pkg)].filter((id) => !wasDoomed.has(id)).length;
  const allowed = allowedByShare(share, keptBefore);
  if (newlyDoomed === 0 || newlyDoomed <= allowed) return undefined;
  return {
    guard: 'changed-policy',
    package: pkg.name,
    message:
      `changed-policy guard: package "${pkg.name}": the changed ${changed.join(', ')} would delete ${newlyDoomed} of the ${keptBefore} versions ` +
      `the previous rules keep (${sharePercent(newlyDoomed / Math.max(keptBefore, 1))}), more than maxShareOfKept ${share} allows (${allowed}). ${PROCEED}, ` +
      'or change the rules in smaller steps.',
  };
}

/** `previousDoomed`: with a changed policy, only what the previous rules would delete too is sudden (the rest is the change's). */
function suddenShareStop(
  pkg: PackagePlan,
  previousDoomed: ReadonlySet<number> | undefined,
  reviewed: ReadonlySet<number> | undefined,
  share: number,
): GuardStop | undefined {
  const counts = (id: number) => (!previousDoomed || previousDoomed.has(id)) && !reviewed?.has(id);
  const deleting = pkg.decisions.filter((d) => d.action === 'delete' && counts(d.id)).length;
  const allowed = allowedByShare(share, pkg.activeVersions);
  if (deleting === 0 || deleting <= allowed) return undefined;
  return {
    guard: 'sudden-share',
    package: pkg.name,
    message:
      `sudden-share guard: package "${pkg.name}": the policy's rules are unchanged since its last run, yet this run would delete ${deleting} of ` +
      `${pkg.activeVersions} active versions (${sharePercent(deleting / pkg.activeVersions)}), more than maxShareOfKept ${share} allows (${allowed}): ` +
      `live data changed since (tags removed, versions republished, a burst of publishes). ${PROCEED}.`,
  };
}

/** Above this share of a package's active versions, a first plan's preview says so first (it is not guarded). */
export const FIRST_RUN_WARNING_SHARE = 0.8;

/** What is kept whatever the rules say: the newest version, and what GitHub will not let go. */
const FLOOR_REASONS: readonly KeepReason[] = ['newest-version', 'last-version', 'last-tagged-version'];

/**
 * A first plan is not guarded (its list is what the reviewer approves), but one that deletes most of a package
 * deserves more than a long list: more than 80% of its active versions, or all but what the floor keeps (at least
 * two deletions), in this run or, past maxDeletionsPerRun, later. One warning, what happened first (the CLI shows
 * 150 characters of a string), then each package's share and the setting that limits it.
 */
export function firstRunWarnings(plan: RetentionPlan, maxShareOfPackage: number): string[] {
  const most = plan.packages.filter((pkg) => {
    const doomed = pkg.deleting + pkg.deferred;
    if (doomed === 0) return false;
    const floor = FLOOR_REASONS.reduce((n, reason) => n + (pkg.keptByReason[reason] ?? 0), 0);
    return doomed > FIRST_RUN_WARNING_SHARE * pkg.activeVersions || (doomed >= 2 && doomed + floor === pkg.activeVersions);
  });
  if (most.length === 0) return [];
  const shares = most.map((pkg) => {
    const doomed = pkg.deleting + pkg.deferred;
    return `"${pkg.name}" ${doomed} of ${pkg.activeVersions} active versions (${sharePercent(doomed / pkg.activeVersions)})`;
  });
  const which = most.length === 1 ? 'a package' : `${most.length} packages`;
  return [
    `first run deletes most of ${which}: ${shares.join(', ')}. Review every deletion below; maxShareOfPackage (now ` +
      `${maxShareOfPackage}) is the share of a package one run may delete: set it lower, e.g. 0.5, to stop such a plan.`,
  ];
}
