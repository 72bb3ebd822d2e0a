/**
 * What a preview announced, read from the engine's structured events (the resource steps the harness extracts
 * from `resourcePreEvent`s), never from the engine's text output. Dynamic providers reach the preview only
 * through checked inputs, so that is where the plan is:
 *   - `PackageVersionRetention`: `pendingDeletions` { package: JSON text of { versionId: "<name> [tags]|(untagged) created <iso>: <rule>" } }
 *   - `PackageVersion`: `plannedAction` ('delete' | 'restore' | 'none') and `version` { id, name, tags, createdAt }
 *   - `PackageVersionSet`: `pendingChanges` { versionId: "<name> [tags] created <iso>[, deleted <iso>]: delete|restore" }
 *   - `Package`: `plannedAction`
 */
import type { ReviewedVersion } from '../../provider/contracts';
import { parsePendingLine, pendingLinesOf } from '../../provider/resources/retention-plan-view';
import { reviewedChanges } from '../../provider/resources/version-set-view';
import type { ResourceStep } from '../engine';
import { RESOURCE_TYPES as REPORT_TYPES } from '../../report/resource-properties';

/** The type tokens, keyed as the demo uses them (the report owns the tokens). */
export const RESOURCE_TYPES = {
  retention: REPORT_TYPES.PackageVersionRetention,
  version: REPORT_TYPES.PackageVersion,
  versionSet: REPORT_TYPES.PackageVersionSet,
  package: REPORT_TYPES.Package,
} as const;

export type ChangeAction = 'delete' | 'restore';

/** One delete or restore call the preview said `up` will make. */
export interface PlannedChange {
  readonly action: ChangeAction;
  /** The Pulumi resource (last segment of its URN). */
  readonly resource: string;
  /** Org or user login, or `@me` for the token's own account. */
  readonly owner: string;
  readonly packageType: string;
  readonly packageName: string;
  /** Absent when the whole package is deleted or restored. */
  readonly versionId?: number;
  readonly versionName?: string;
  readonly tags?: readonly string[];
  readonly createdAt?: string;
  /** Why: the retention rule, or the desired state of a PackageVersion/Package. */
  readonly reason: string;
}

/** The stable identity of a change, shared with `appliedChanges` so the two sets can be compared. */
export function changeKey(c: Pick<PlannedChange, 'action' | 'owner' | 'packageType' | 'packageName' | 'versionId'>): string {
  const target = `${c.owner}/${c.packageType}/${c.packageName}`;
  return `${c.action} ${c.versionId === undefined ? target : `${target}@${c.versionId}`}`;
}

/** Every delete and restore a preview announced, in the order the engine reported the resources. */
export function plannedChanges(steps: readonly ResourceStep[]): PlannedChange[] {
  const out: PlannedChange[] = [];
  for (const step of steps) {
    if (step.phase !== 'pre' || step.op === 'same' || !step.newInputs) continue;
    const inputs = step.newInputs;
    const base = {
      resource: step.urn.split('::').pop() ?? step.urn,
      owner: ownerOf(inputs),
      packageType: String(inputs.packageType),
    };
    switch (step.type) {
      case RESOURCE_TYPES.retention: {
        const pending = (inputs.pendingDeletions ?? {}) as Record<string, unknown>;
        for (const [packageName, entry] of Object.entries(pending)) {
          for (const [id, line] of Object.entries(pendingLinesOf(entry, packageName))) {
            out.push({ ...base, action: 'delete', packageName, versionId: Number(id), ...pendingLineParts(line) });
          }
        }
        break;
      }
      case RESOURCE_TYPES.version: {
        const action = inputs.plannedAction;
        if (action !== 'delete' && action !== 'restore') break;
        const version = inputs.version as ReviewedVersion | undefined;
        out.push({
          ...base,
          action,
          packageName: String(inputs.packageName),
          versionId: version?.versionId ?? Number(inputs.versionId),
          versionName: version?.versionName ?? (inputs.versionName as string | undefined),
          tags: version?.tags ?? [],
          createdAt: version?.createdAt,
          reason: `PackageVersion state: ${String(inputs.state)}`,
        });
        break;
      }
      case RESOURCE_TYPES.versionSet: {
        for (const c of reviewedChanges(inputs.pendingChanges as Record<string, string> | undefined)) {
          out.push({
            ...base,
            action: c.action,
            packageName: String(inputs.packageName),
            versionId: c.id,
            versionName: c.name,
            tags: c.tags,
            createdAt: c.createdAt,
            reason: `PackageVersionSet state: ${String(inputs.state)}`,
          });
        }
        break;
      }
      case RESOURCE_TYPES.package: {
        const action = inputs.plannedAction;
        if (action !== 'delete' && action !== 'restore') break;
        out.push({ ...base, action, packageName: String(inputs.packageName), reason: `Package state: ${String(inputs.state)}` });
        break;
      }
    }
  }
  return out;
}

function ownerOf(inputs: Record<string, unknown>): string {
  if (typeof inputs.org === 'string' && inputs.org) return inputs.org;
  if (typeof inputs.user === 'string' && inputs.user) return inputs.user;
  return '@me';
}

/** `"sha256:ab… [pr-1] created 2024-01-01T00:00:00Z: olderThan 14d"` → its parts (the provider's own parser). */
export function pendingLineParts(line: string): Pick<PlannedChange, 'versionName' | 'tags' | 'createdAt' | 'reason'> {
  try {
    const { name, tags, time, rule } = parsePendingLine(line);
    return { versionName: name, tags, createdAt: time, reason: rule };
  } catch {
    return { reason: line };
  }
}
