/**
 * The run guards (planner/run-guards.ts) at check time, against the state's inputs (`olds`, which hold the rules
 * and the reviewed plan of the last run): none for a new policy; for a changed one the previous rules are planned
 * over the same listing to see what they keep. A guard that stops the run fails the check on `maxShareOfKept`.
 */
import type { PackagesClient } from '../client/packages-client';
import type { RetentionPlan } from '../planner/plan-types';
import type { ResolvedRetentionOptions } from '../planner/retention-options';
import { changedRuleProperties, decideRunGuards } from '../planner/run-guards';
import type { PackageVersionInfo } from '../types';
import type { CheckFailure } from '../validation/check-failure';
import type { PendingDeletions } from '../contracts/retention-contract';
import { planLive } from './plan-live';
import type { ProviderContext } from './provider-context';
import { resolveStored, userInputs } from './retention-inputs';
import { reviewedDeletions } from './retention-plan-view';

/** No state yet: the policy's first plan (not guarded; see run-guards.ts). */
export function isFirstPlan(olds: Record<string, unknown>): boolean {
  return userInputs(olds).packageType === undefined;
}

export async function runGuardFailures(
  context: ProviderContext,
  client: PackagesClient,
  olds: Record<string, unknown>,
  current: Record<string, unknown>,
  options: ResolvedRetentionOptions,
  live: ReadonlyMap<string, readonly PackageVersionInfo[]>,
  plan: RetentionPlan,
  now: Date,
): Promise<CheckFailure[]> {
  const previous = userInputs(olds);
  const isNew = isFirstPlan(olds);
  const changed = isNew ? [] : changedRuleProperties(previous, current);
  const old = changed.length > 0 ? resolveStored(previous).options : undefined;
  const previousRulesPlan = old
    ? (await planLive(context, client, { ...old, maxDeletionsPerRun: Number.MAX_SAFE_INTEGER, maxShareOfPackage: 1 }, live, now)).plan
    : undefined;
  const reviewedBefore = new Map<string, Set<number>>();
  for (const d of isNew ? [] : reviewedDeletions(olds.pendingDeletions as PendingDeletions | undefined)) {
    let ids = reviewedBefore.get(d.package);
    if (!ids) reviewedBefore.set(d.package, (ids = new Set()));
    ids.add(d.id);
  }
  const stops = decideRunGuards({ plan, isNew, changed, previousRulesPlan, maxShareOfKept: options.maxShareOfKept, reviewedBefore });
  return stops.map((stop) => ({ property: 'maxShareOfKept', reason: stop.message }));
}
