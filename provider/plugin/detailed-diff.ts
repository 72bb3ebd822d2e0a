/**
 * The per-property diff the plugin sends with a diff (`detailedDiff`): which properties change and how, so the
 * preview shows exactly those (the plan outputs among them) instead of the engine's guess from old outputs and new
 * inputs. Computed from the same olds and news the implementation's diff saw; the implementation decides whether
 * anything changes, this only names what.
 */
export type PropertyDiffKind = 'add' | 'delete' | 'update';

/** Keys of `news` and `inputKeys` whose values differ between `olds` and `news` (JSON equality, like the diffs). */
export function detailedDiff(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  inputKeys: readonly string[],
): Record<string, PropertyDiffKind> {
  const out: Record<string, PropertyDiffKind> = {};
  const keys = [...new Set([...inputKeys, ...Object.keys(news)])].sort();
  for (const key of keys) {
    const before = olds[key];
    const after = news[key];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    out[key] = before === undefined ? 'add' : after === undefined ? 'delete' : 'update';
  }
  return out;
}
