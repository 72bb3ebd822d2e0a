/**
 * Unknown properties are check failures, never silently dropped: a misspelt property (`stat: 'deleted'`,
 * `__keepNewest`) would otherwise leave the resource doing something its author did not write.
 */
import { printable } from '../describe-value';
import type { CheckFailure } from './check-failure';
import { closestName } from './closest-name';

/**
 * Keys the Pulumi engine itself puts into a dynamic resource's inputs, so `check` receives them beside the
 * program's: only `__provider`, the serialized provider (added by `pulumi.dynamic.Resource`, and put back by the
 * dynamic provider host after check). Nothing else starting with `__` comes from Pulumi.
 */
export const ENGINE_PROPERTIES: readonly string[] = ['__provider'];

/** The inputs without the engine's own keys. */
export function withoutEngineProperties(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!ENGINE_PROPERTIES.includes(key)) out[key] = value;
  return out;
}

/**
 * A failure per given property (value not `undefined`) that is neither allowed nor the engine's own; `accepted`
 * are further keys passed through silently (what check adds to inputs), neither listed nor suggested.
 */
export function unknownPropertyFailures(
  raw: Record<string, unknown>,
  allowed: readonly string[],
  resource: string,
  accepted: readonly string[] = [],
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || allowed.includes(key) || accepted.includes(key) || ENGINE_PROPERTIES.includes(key)) continue;
    const suggestion = closestName(key, allowed);
    failures.push({
      property: printable(key),
      reason: `is not a ${resource} property${suggestion ? `; did you mean "${suggestion}"?` : ''} Allowed: ${allowed.join(', ')}`,
    });
  }
  return failures;
}
