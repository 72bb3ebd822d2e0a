/**
 * Text the report did not write (names, tags and times from GitHub, warnings that quote them, the engine's
 * messages, the program's resource names) made inert, so that it can never change the structure of a report:
 * - `shown`: every hidden character (describe-value.ts HIDDEN_CHARACTERS: controls, line breaks of every kind,
 *   bidi and zero-width characters, white space other than the space) as a visible escape (`\n`, `\u200b`), and a
 *   backslash doubled so that an escape can be told from a name that spells one. The text report uses it alone.
 * - `codeSpan`: Markdown for one such value: a code span, inside which CommonMark interprets nothing (no HTML,
 *   comment, emphasis, link or autolink) and GitHub links no @mention, issue or commit; a pipe escaped in a table
 *   cell (GFM splits cells before it parses spans); a fence longer than any run of backticks inside.
 * - `codeBlock`: lines of such text as a fenced code block (image trees).
 * - `prose`: text of the report's own words around them, with every Markdown or HTML character an entity.
 */
import { HIDDEN_CHARACTERS, codePointEscape } from '../provider/describe-value';

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with hidden characters as escapes and backslashes doubled: one line, every character visible. */
export function shown(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(HIDDEN_CHARACTERS, (ch) => SHORT_ESCAPES[ch] ?? codePointEscape(ch));
}

/** The inverse of `shown` (tests read rendered reports back with it). */
export function unshown(text: string): string {
  return text.replace(
    /\\(?:(\\)|([nrt])|u\{([0-9a-f]+)\}|u([0-9a-f]{4}))/g,
    (_, backslash?: string, short?: string, astral?: string, bmp?: string) => {
      if (backslash) return '\\';
      if (short) return short === 'n' ? '\n' : short === 'r' ? '\r' : '\t';
      return String.fromCodePoint(parseInt((astral ?? bmp)!, 16));
    },
  );
}

/** `text` as a Markdown code span; `inTable`: inside a GFM table cell. An empty text reads `(empty)`. */
export function codeSpan(text: string, inTable = false): string {
  if (text === '') return '*(empty)*';
  let body = shown(text);
  if (inTable) body = body.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(body, '`') + 1);
  // CommonMark strips one space from each end when both ends are spaces; a backtick at an end needs a space too.
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Lines as a fenced code block; each line `shown`, the fence longer than any run of backticks in them. */
export function codeBlock(lines: readonly string[]): string[] {
  const body = lines.map(shown);
  const fence = '`'.repeat(Math.max(3, ...body.map((l) => longestRun(l, '`') + 1)));
  return [`${fence}text`, ...body, fence];
}

/** The report's own words with values in them: every character Markdown or HTML could interpret as an entity. */
export function prose(text: string): string {
  return shown(text).replace(/[&<>|`*_[\]\\~@:!]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}
