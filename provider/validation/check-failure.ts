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

/** Shortens user text quoted back in a message, so a huge string cannot flood the preview. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(shown);
}
