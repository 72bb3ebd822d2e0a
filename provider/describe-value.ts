/**
 * A value from outside (a program's input, GitHub's JSON) as a message shows it. One way for every message: a
 * failure never carries control characters (they could rewrite a terminal line, or hide what is wrong) nor a page
 * of text, and the same bad value reads the same wherever it is refused.
 */

/** Longest text shown; longer text is cut and ends in "...". */
export const MAX_SHOWN = 80;

/**
 * Characters a reader cannot see or that change how the text around them reads: controls (C0, DEL, C1), line and
 * paragraph separators, bidi controls and other format characters (zero-width space and joiners, the BOM),
 * everything Unicode calls default-ignorable (variation selectors, Hangul fillers, tag characters), surrogates
 * without a pair, private-use and unassigned code points, and every white space but the plain space (tab,
 * U+00A0, U+3000, ...). Shown as escapes wherever such text reaches a person: `latest` + U+200B must not read
 * as `latest`, and U+202E must not reverse what follows.
 */
export const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}]|[^\S ]/gu;

/** A hidden character as an escape: `\u200b`, `\u{e0041}` past U+FFFF. */
export function codePointEscape(ch: string): string {
  const code = ch.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Hidden characters (HIDDEN_CHARACTERS) as \uXXXX, cut at `max` characters. */
export function printable(text: string, max = MAX_SHOWN): string {
  const escaped = text.replace(HIDDEN_CHARACTERS, codePointEscape);
  return escaped.length > max ? `${escaped.slice(0, max - 3)}...` : escaped;
}

/** Any value in quotes, printable: a string as it is, anything else as JSON (`"5"`, `"[1,2]"`). */
export function quote(value: unknown, max = MAX_SHOWN): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return `"${printable(text, max)}"`;
}

/**
 * What a value is, for "… is X, not a Y": a string quoted (`"" (empty)` when empty), a number or boolean as
 * written, otherwise its kind (`a list`, `an object`, `null`). `missing` names an absent value (a property a
 * program left out reads `undefined`; a field GitHub left out, `missing`).
 */
export function describeValue(value: unknown, missing = 'undefined'): string {
  if (value === undefined) return missing;
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length === 0 ? '"" (empty)' : quote(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}
