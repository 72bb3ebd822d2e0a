/**
 * GitHub Actions expressions (`${{ … }}` and `if:`), as much of the language as the example workflows use:
 * literals, context paths (`github.event.pull_request.head.sha`, `steps.preview.outputs.status`), `!`, `==`, `!=`,
 * `&&`, `||` (which return an operand, as GitHub's do), parentheses, `format()`, and the status functions.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/expressions
 * Anything else throws, so a workflow that starts using more is noticed rather than evaluated wrongly.
 */

export type Value = string | number | boolean | null | Record<string, unknown> | unknown[];

export interface Status {
  /** Whether every previous step (or, for a job's `if`, every needed job) succeeded. */
  readonly success: boolean;
}

export type Contexts = Readonly<Record<string, unknown>>;

type Token = { kind: 'str' | 'num' | 'id' | 'op'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    const str = /^'((?:[^']|'')*)'/.exec(rest);
    if (str) {
      tokens.push({ kind: 'str', text: str[1].replace(/''/g, "'") });
      i += str[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    if (num) {
      tokens.push({ kind: 'num', text: num[0] });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest);
    if (id) {
      tokens.push({ kind: 'id', text: id[0] });
      i += id[0].length;
      continue;
    }
    const op = /^(==|!=|&&|\|\||[!().,])/.exec(rest);
    if (!op) throw new Error(`unsupported expression syntax at "${rest}" in \${{ ${source} }}`);
    tokens.push({ kind: 'op', text: op[0] });
    i += op[0].length;
  }
  return tokens;
}

/** Evaluates one expression (without the `${{ }}`). */
export function evaluate(source: string, contexts: Contexts, status: Status = { success: true }): Value {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const take = (text?: string) => {
    const t = tokens[at++];
    if (!t || (text !== undefined && t.text !== text)) throw new Error(`expected ${text ?? 'more'} in \${{ ${source} }}`);
    return t;
  };

  const or = (): Value => {
    let left = and();
    while (peek()?.text === '||') {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): Value => {
    let left = equality();
    while (peek()?.text === '&&') {
      take();
      const right = equality();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const equality = (): Value => {
    let left = unary();
    while (peek()?.text === '==' || peek()?.text === '!=') {
      const op = take().text;
      const right = unary();
      left = op === '==' ? equal(left, right) : !equal(left, right);
    }
    return left;
  };
  const unary = (): Value => {
    if (peek()?.text === '!') {
      take();
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): Value => {
    const t = take();
    if (t.kind === 'str') return t.text;
    if (t.kind === 'num') return Number(t.text);
    if (t.text === '(') {
      const v = or();
      take(')');
      return v;
    }
    if (t.kind !== 'id') throw new Error(`unexpected "${t.text}" in \${{ ${source} }}`);
    if (t.text === 'true' || t.text === 'false') return t.text === 'true';
    if (t.text === 'null') return null;
    if (peek()?.text === '(') {
      take('(');
      const args: Value[] = [];
      while (peek()?.text !== ')') {
        args.push(or());
        if (peek()?.text === ',') take(',');
      }
      take(')');
      return call(t.text, args, status, source);
    }
    let value: unknown = contexts[t.text];
    if (!(t.text in contexts)) throw new Error(`unknown context "${t.text}" in \${{ ${source} }}`);
    while (peek()?.text === '.') {
      take('.');
      const key = take().text;
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value === undefined ? null : (value as Value);
  };

  const result = or();
  if (at !== tokens.length) throw new Error(`unexpected "${tokens[at].text}" in \${{ ${source} }}`);
  return result;
}

function call(name: string, args: Value[], status: Status, source: string): Value {
  switch (name) {
    case 'always':
      return true;
    case 'cancelled':
      return false;
    case 'success':
      return status.success;
    case 'failure':
      return !status.success;
    case 'format':
      return text(args[0]).replace(/\{(\d+)\}/g, (_, i: string) => text(args[Number(i) + 1]));
    default:
      throw new Error(`unsupported function ${name}() in \${{ ${source} }}`);
  }
}

export function truthy(v: Value): boolean {
  return !(v === null || v === false || v === 0 || v === '' || (typeof v === 'number' && Number.isNaN(v)));
}

/** GitHub compares strings case-insensitively, and coerces other types to numbers. */
function equal(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  const num = (v: Value) => (v === null ? 0 : typeof v === 'boolean' ? Number(v) : typeof v === 'string' ? (v.trim() === '' ? 0 : Number(v)) : NaN);
  return num(a) === num(b);
}

/** A value as `${{ }}` puts it into text. */
export function text(v: Value | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Fills every `${{ … }}` of `template`. */
export function interpolate(template: string, contexts: Contexts, status?: Status): string {
  return template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => text(evaluate(expr, contexts, status)));
}

/** An `if:` condition: a bare expression or one in `${{ }}`; a condition without a status function gets `success() &&`. */
export function condition(source: string | boolean | undefined, contexts: Contexts, status: Status): boolean {
  if (source === undefined) return status.success;
  if (typeof source === 'boolean') return source && status.success;
  const expr = source.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const usesStatus = /\b(always|success|failure|cancelled)\s*\(/.test(expr);
  return (usesStatus || status.success) && truthy(evaluate(expr, contexts, status));
}
