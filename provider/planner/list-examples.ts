/** A warning names at most this many items of one kind per package, then "and N more": readable, still exact. */
export const MAX_EXAMPLES = 5;

export function listExamples(items: readonly string[]): string {
  const shown = items.slice(0, MAX_EXAMPLES).join('; ');
  return items.length > MAX_EXAMPLES ? `${shown}; and ${items.length - MAX_EXAMPLES} more` : shown;
}
