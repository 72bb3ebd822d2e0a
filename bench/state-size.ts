/**
 * Sizes of what a retention resource stores for a plan: its checked inputs (the user's properties plus the plan
 * view that check renders: pendingDeletions, planSummary, …). State holds them as inputs and again inside the
 * outputs, and a saved plan holds them once more.
 */
import { planRetention } from '../provider/planner/plan-retention';
import { resolveRetentionOptions } from '../provider/planner/retention-options';
import { viewPlan } from '../provider/resources/retention-plan-view';
import { TAGGED_TYPES, type PackageVersionInfo } from '../provider/types';

export interface PlanSize {
  deletions: number;
  checkedInputsBytes: number;
}

/** Plans `inputs` over the listed versions exactly as check does and measures the checked inputs. */
export function checkedInputsSize(
  inputs: Record<string, unknown>,
  live: ReadonlyMap<string, readonly PackageVersionInfo[]>,
  now = new Date(),
): PlanSize {
  const { options, failures } = resolveRetentionOptions(inputs);
  if (!options) throw new Error(`bench policy is invalid: ${failures.map((f) => `${f.property}: ${f.reason}`).join('; ')}`);
  const plan = planRetention({ packages: [...live].map(([name, versions]) => ({ name, versions })), options, now });
  if (plan.errors.length > 0) throw new Error(`bench policy refused by the planner: ${plan.errors.join('; ')}`);
  const view = viewPlan(plan, options, TAGGED_TYPES.includes(options.packageType));
  return { deletions: plan.deletions.length, checkedInputsBytes: Buffer.byteLength(JSON.stringify({ ...inputs, ...view })) };
}
