/** One rejected property, as Pulumi's dynamic provider `check` reports it: the preview names the property. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** Pulumi's placeholder for a value not known until apply (an unresolved Output) in preview. */
export const UNKNOWN_VALUE = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}
