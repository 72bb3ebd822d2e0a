/**
 * Name and tag patterns (docs/retention-semantics.md, "Patterns"): a glob by default (whole string, `*` any run of
 * characters, `?` one character), or a regular expression written `/…/flags`, anchored as `^(?:…)$`.
 * In lists that allow it, `!p` excludes what `p` matches; a list of exclusions only means "everything except".
 *
 * Everything is compiled once, at check time, with RE2 (re2js, a pure-JS port): matching takes time linear in
 * the input, so no pattern can hang the provider through catastrophic backtracking, and RE2 itself refuses
 * lookaround, backreferences and repeat counts over 1000. https://github.com/google/re2/wiki/Syntax
 */
import { RE2JS } from 're2js';
import { printable } from '../describe-value';

export const MAX_PATTERN_LENGTH = 256;
export const MAX_PATTERNS_PER_LIST = 100;

const REGEX_FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, s: RE2JS.DOTALL, u: 0 };

export interface CompiledPattern {
  /** The pattern as written, without a leading `!`. */
  readonly source: string;
  readonly kind: 'glob' | 'regex';
  test(value: string): boolean;
}

/** A compiled list: `includes` (empty = everything) minus `excludes`. */
export interface PatternList {
  readonly sources: readonly string[];
  readonly includes: readonly CompiledPattern[];
  readonly excludes: readonly CompiledPattern[];
}

export type PatternResult = { ok: true; pattern: CompiledPattern } | { ok: false; reason: string };

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Compiles one pattern (no `!`). */
export function compilePattern(text: string): PatternResult {
  if (text.length === 0) return { ok: false, reason: 'is empty; write a name, a glob like "pr-*" or a regex like "/v\\d+/"' };
  if (text.length > MAX_PATTERN_LENGTH) {
    return { ok: false, reason: `is ${text.length} characters long; patterns are at most ${MAX_PATTERN_LENGTH}` };
  }
  if (CONTROL_CHARACTERS.test(text)) return { ok: false, reason: `"${printable(text)}" contains control characters` };
  if (text !== text.trim()) return { ok: false, reason: `"${text}" has leading or trailing spaces; remove them` };
  if (text.startsWith('/')) return compileRegex(text);
  return { ok: true, pattern: compileGlob(text) };
}

function compileGlob(text: string): CompiledPattern {
  let body = '';
  let literal = '';
  const flush = () => {
    if (literal) body += RE2JS.quote(literal);
    literal = '';
  };
  for (const ch of text) {
    if (ch === '*' || ch === '?') {
      flush();
      body += ch === '*' ? '.*' : '.';
    } else {
      literal += ch;
    }
  }
  flush();
  const re = RE2JS.compile(`^(?:${body})$`, RE2JS.DOTALL);
  return { source: text, kind: 'glob', test: (value) => re.test(value) };
}

function compileRegex(text: string): PatternResult {
  const close = text.lastIndexOf('/');
  if (close === 0) {
    return { ok: false, reason: `"${text}" starts with "/" but has no closing "/": write a regex as /…/flags (e.g. "/v\\d+/i")` };
  }
  const body = text.slice(1, close);
  const flagText = text.slice(close + 1);
  if (body.length === 0) return { ok: false, reason: `"${text}" is an empty regular expression` };
  let flags = 0;
  const seen = new Set<string>();
  for (const flag of flagText) {
    if (!(flag in REGEX_FLAGS) || seen.has(flag)) {
      return { ok: false, reason: `"${text}" has flag "${flag}"; allowed flags are i (ignore case), s (dot matches newline) and u, each once` };
    }
    seen.add(flag);
    flags |= REGEX_FLAGS[flag];
  }
  // Compile the body alone first: wrapped in ^(?:…)$, an unbalanced body like "a)|(b" could otherwise compile.
  try {
    RE2JS.compile(body, flags);
  } catch (error) {
    return {
      ok: false,
      reason: `"${text}" is not a valid regular expression (${describeRe2Error(error)}); RE2 syntax is used: no lookaround or backreferences, repeat counts at most 1000`,
    };
  }
  const re = RE2JS.compile(`^(?:${body})$`, flags);
  return { ok: true, pattern: { source: text, kind: 'regex', test: (value) => re.test(value) } };
}

function describeRe2Error(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error parsing regexp: /, '');
}

export interface PatternListResult {
  list?: PatternList;
  /** Reasons, each about one entry; empty when `list` is set. */
  errors: string[];
  warnings: string[];
}

/**
 * Compiles a list of patterns. `allowExclusions` permits `!p` entries (tags, names, packages); protect lists
 * forbid them, since "protect everything except" is a rule nobody can review.
 */
export function compilePatternList(entries: readonly string[], options: { allowExclusions: boolean }): PatternListResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const includes: CompiledPattern[] = [];
  const excludes: CompiledPattern[] = [];
  if (entries.length > MAX_PATTERNS_PER_LIST) {
    return { errors: [`has ${entries.length} entries; at most ${MAX_PATTERNS_PER_LIST} are allowed`], warnings };
  }
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const where = `entry ${index} `;
    if (seen.has(entry)) warnings.push(`${where}"${printable(entry)}" is listed twice`);
    seen.add(entry);
    let text = entry;
    let exclude = false;
    if (text.startsWith('!')) {
      if (!options.allowExclusions) {
        errors.push(`${where}"${printable(entry)}" starts with "!": exclusions are not allowed in protect lists; list only what to protect`);
        return;
      }
      text = text.slice(1);
      exclude = true;
      if (text.length === 0) {
        errors.push(`${where}"!" needs a pattern after it, e.g. "!release-*"`);
        return;
      }
      if (text.startsWith('!')) {
        errors.push(`${where}"${printable(entry)}" has more than one "!"; write "!pattern" to exclude or "pattern" to include`);
        return;
      }
    }
    const compiled = compilePattern(text);
    if (!compiled.ok) {
      errors.push(`${where}${compiled.reason}`);
      return;
    }
    if (entry.includes(', ')) {
      warnings.push(`${where}"${printable(entry)}" contains ", ": this is one pattern; if you meant two, list them as separate entries`);
    }
    (exclude ? excludes : includes).push(compiled.pattern);
  });
  for (const include of includes) {
    if (excludes.some((exclude) => exclude.source === include.source)) {
      warnings.push(`"${include.source}" is both included and excluded ("!${include.source}"): the exclusion wins`);
    }
  }
  if (errors.length > 0) return { errors, warnings };
  return { list: { sources: [...entries], includes, excludes }, errors, warnings };
}

export interface ListMatch {
  /** True when the value is in the list: matches an include (or there are none) and no exclusion. */
  selected: boolean;
  /** The first include that matched, if any. */
  includedBy?: CompiledPattern;
  /** The first exclusion that matched, if any. */
  excludedBy?: CompiledPattern;
}

export function matchList(list: PatternList, value: string): ListMatch {
  const includedBy = list.includes.find((pattern) => pattern.test(value));
  const excludedBy = list.excludes.find((pattern) => pattern.test(value));
  const included = list.includes.length === 0 || includedBy !== undefined;
  return { selected: included && excludedBy === undefined, includedBy, excludedBy };
}

export function matchesList(list: PatternList, value: string): boolean {
  return matchList(list, value).selected;
}

/** True when any include matches (used for protect lists, which have no exclusions). */
export function matchesAnyInclude(list: PatternList, value: string): CompiledPattern | undefined {
  return list.includes.find((pattern) => pattern.test(value));
}
