// Keeps secrets (tokens, secret config) out of every artifact the harness writes, and records where they
// showed up: a secret in engine output is a product bug, so tests assert there were no findings, while the
// files on disk stay clean for tests that grep every artifact for the token.
export const REDACTED = '[redacted]';

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Iterable<string>) {
    // Longest first, so a secret containing another is masked whole. Very short strings would mask noise.
    this.secrets = [...new Set([...secrets].filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  }

  get active(): boolean {
    return this.secrets.length > 0;
  }

  /** The text with every secret masked, and whether any was found. */
  redactText(text: string): { text: string; found: boolean } {
    let found = false;
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) {
        found = true;
        out = out.split(secret).join(REDACTED);
      }
    }
    return { text: out, found };
  }

  /** A deep copy of a JSON value with secrets masked in strings and keys; findings are JSON paths like `.a[2].b`. */
  redactJson<T>(value: T, at: string): { value: T; findings: string[] } {
    const findings: string[] = [];
    const walk = (v: unknown, where: string): unknown => {
      if (typeof v === 'string') {
        const r = this.redactText(v);
        if (r.found) findings.push(where);
        return r.text;
      }
      if (Array.isArray(v)) return v.map((item, i) => walk(item, `${where}[${i}]`));
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(v)) {
          const k = this.redactText(key);
          if (k.found) findings.push(`${where}{key}`);
          out[k.text] = walk(item, `${where}.${k.text}`);
        }
        return out;
      }
      return v;
    };
    if (!this.active) return { value, findings };
    return { value: walk(value, at) as T, findings };
  }
}

/**
 * Masks secrets in a stream of text chunks without missing one split across chunks: holds back the tail that
 * could be the start of a secret until the next chunk (or the end) arrives.
 */
export class StreamRedactor {
  private pending = '';
  private foundAny = false;
  private readonly longest: number;

  constructor(
    private readonly redactor: Redactor,
    secrets: Iterable<string>,
  ) {
    this.longest = Math.max(0, ...[...secrets].map((s) => s.length));
  }

  get found(): boolean {
    return this.foundAny;
  }

  push(chunk: string): string {
    if (!this.redactor.active) return chunk;
    const { text, found } = this.redactor.redactText(this.pending + chunk);
    this.foundAny ||= found;
    const keep = Math.min(text.length, Math.max(0, this.longest - 1));
    this.pending = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  end(): string {
    const { text, found } = this.redactor.redactText(this.pending);
    this.foundAny ||= found;
    this.pending = '';
    return text;
  }
}
