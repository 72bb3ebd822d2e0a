import { UNKNOWN_VALUE, type CheckFailure } from './check-failure';

/** Whether `value`, or anything inside it, is Pulumi's placeholder for a value not known until apply. */
function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN_VALUE) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * One failure per property (of `properties`, in that order) whose value is unknown at preview.
 *
 * A value from another resource's output is unknown while that resource is still to be created or updated. Such a
 * preview could show no plan, and plain `pulumi up` would then act on a plan nobody reviewed (its update phase runs
 * check again with the value known). Every property of these resources decides what is deleted or restored, so
 * none may be unknown. Treating an unknown protection list as empty is not safe either: with `maxDeletionsPerRun`,
 * protecting one of the capped deletions lets the next-oldest in, which the preview would not have listed.
 */
export function unknownInputFailures(inputs: Record<string, unknown>, properties: readonly string[], acts: string): CheckFailure[] {
  return properties
    .filter((property) => containsUnknown(inputs[property]))
    .map((property) => ({
      property,
      reason:
        `${property} is not known until another resource is created or updated, so this preview cannot show what \`pulumi up\` ` +
        `would ${acts}. Give a literal or a stack config value; or read it with getPackage / listPackageVersions, which ` +
        'resolve during preview; or create the resource it comes from first (`pulumi up --target <its URN>`), then preview again.',
    }));
}
