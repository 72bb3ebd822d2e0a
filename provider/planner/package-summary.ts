/** A package's line of the plan: its decisions counted the same way whichever planner made them. */
import type { KeepReason, PackagePlan, VersionDecision } from './plan-types';

/** `decisions`: one per version of the package, newest first. */
export function summarizePackage(name: string, decisions: readonly VersionDecision[]): PackagePlan {
  const keptByReason: Partial<Record<KeepReason, number>> = {};
  let deleting = 0;
  let kept = 0;
  let activeVersions = 0;
  for (const decision of decisions) {
    if (decision.reason !== 'not-active') activeVersions++;
    if (decision.action === 'delete') {
      deleting++;
    } else {
      kept++;
      keptByReason[decision.reason] = (keptByReason[decision.reason] ?? 0) + 1;
    }
  }
  return {
    name,
    activeVersions,
    deleting,
    deferred: keptByReason['deferred-by-cap'] ?? 0,
    kept,
    keptByReason,
    decisions: [...decisions],
  };
}
