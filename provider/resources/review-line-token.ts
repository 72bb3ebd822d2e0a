/**
 * One value from GitHub (a version name, a tag, a time) inside a reviewable line (retention-plan-view.ts,
 * version-set-view.ts), so that the line reads back exactly whatever GitHub sent: a value that could be mistaken
 * for the line's own structure (white space, the separators `[ ] , "`, nothing at all) or that hides what it is
 * (controls, line breaks, bidi and zero-width characters: describe-value.ts HIDDEN_CHARACTERS) is written as a JSON
 * string with those characters as \uXXXX escapes: `"1.0.0 beta"`, `"latest\u200b"`. Every other value is written
 * as it is, as lines always were (`sha256:…`, `1.2.0`), so stored plans read back unchanged.
 */
import { HIDDEN_CHARACTERS } from '../describe-value';

/** What a plain token may not hold, besides hidden characters: white space, and what ends it in the line. */
const PLAIN_NAME = /^[^\s"][^\s]*$/u;
const PLAIN_TAG = /^[^\s",\]][^\s,\]]*$/u;
const HIDDEN = new RegExp(HIDDEN_CHARACTERS.source, 'u');

export type TokenKind = 'name' | 'tag' | 'time';

/** `text` as it goes into a line: plain when it cannot be misread, else quoted. */
export function lineToken(text: string, kind: TokenKind): string {
  const plain = (kind === 'tag' ? PLAIN_TAG : PLAIN_NAME).test(text) && !HIDDEN.test(text) && !(kind === 'time' && /[:,]$/.test(text));
  return plain ? text : quoted(text);
}

function quoted(text: string): string {
  let out = '"';
  for (const ch of text) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (HIDDEN.test(ch)) for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * Reads one token of `line` from `at`: a quoted one up to its closing quote, a plain one up to the first character
 * in `stops` (or the end). Returns the value and where reading stopped; undefined when the line is not well formed.
 */
export function readLineToken(line: string, at: number, stops: string): { value: string; end: number } | undefined {
  if (line[at] === '"') {
    let i = at + 1;
    while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
    if (i >= line.length) return undefined;
    try {
      return { value: JSON.parse(line.slice(at, i + 1)) as string, end: i + 1 };
    } catch {
      return undefined;
    }
  }
  let end = at;
  while (end < line.length && !stops.includes(line[end])) end++;
  return end > at ? { value: line.slice(at, end), end } : undefined;
}

/** The start every reviewable line shares: `<name>[ [<tag>,…]| (untagged)] <basis> <time>`, then `:` or `,`. */
export interface VersionHead {
  readonly name: string;
  readonly tags: string[];
  readonly basis: 'created' | 'updated';
  readonly time: string;
  /** The character after the time (`:` before the rule or action, `,` before `deleted …`). */
  readonly sep: ':' | ',';
  /** Where the text after `sep` starts. */
  readonly end: number;
}

/** `tags` undefined: no tag part (package types without tags); empty: ` (untagged)`. */
export function writeVersionHead(name: string, tags: readonly string[] | undefined, basis: 'created' | 'updated', time: string): string {
  const tagPart = tags === undefined ? '' : tags.length === 0 ? ' (untagged)' : ` [${tags.map((t) => lineToken(t, 'tag')).join(',')}]`;
  return `${lineToken(name, 'name')}${tagPart} ${basis} ${lineToken(time, 'time')}`;
}

export function readVersionHead(line: string): VersionHead | undefined {
  const name = readLineToken(line, 0, ' ');
  if (!name) return undefined;
  let at = name.end;
  const tags: string[] = [];
  if (line.startsWith(' [', at)) {
    at += 2;
    for (;;) {
      const tag = readLineToken(line, at, ',]');
      if (!tag) return undefined;
      tags.push(tag.value);
      at = tag.end;
      if (line[at] === ']') break;
      if (line[at] !== ',') return undefined;
      at++;
    }
    at++;
  } else if (line.startsWith(' (untagged)', at)) {
    at += ' (untagged)'.length;
  }
  const basis = /^ (created|updated) /.exec(line.slice(at));
  if (!basis) return undefined;
  const time = readTime(line, at + basis[0].length);
  return time && { name: name.value, tags, basis: basis[1] as VersionHead['basis'], ...time };
}

/** A time token and the separator right after it (`:` or `,`). */
export function readTime(line: string, at: number): { time: string; sep: ':' | ','; end: number } | undefined {
  const token = readLineToken(line, at, ' ');
  if (!token) return undefined;
  if (line[at] === '"') {
    const sep = line[token.end];
    return sep === ':' || sep === ',' ? { time: token.value, sep, end: token.end + 1 } : undefined;
  }
  const sep = token.value.slice(-1);
  if ((sep !== ':' && sep !== ',') || token.value.length < 2) return undefined;
  return { time: token.value.slice(0, -1), sep, end: token.end };
}
