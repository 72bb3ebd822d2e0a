/**
 * Deterministic fault injection: a rule fires on the nth request matching it (1-based) and for `times`
 * consecutive matches after that (default 1). Rules apply to API requests only, not to /_simulator/.
 */
import type { Fault, FaultRule } from './types';

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  fired: number;
}

export interface FaultsApi {
  add(rule: FaultRule): void;
  clear(): void;
}

export class FaultInjector implements FaultsApi {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    if (!rule || typeof rule !== 'object' || !rule.fault || typeof rule.fault !== 'object') {
      throw new Error('A fault rule needs a `fault`: {status}, {reset: true}, {delayMs} or {rateLimit}.');
    }
    this.rules.push({ rule, seen: 0, fired: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if a rule fires (every matching rule counts the request). */
  next(method: string, path: string): Fault | undefined {
    let result: Fault | undefined;
    for (const r of this.rules) {
      const m = r.rule.match ?? {};
      if (m.method && m.method.toUpperCase() !== method.toUpperCase()) continue;
      if (m.path !== undefined && !(typeof m.path === 'string' ? pathMatches(m.path, path) : m.path.test(path))) continue;
      r.seen++;
      const nth = m.nth ?? 1;
      const times = m.times ?? 1;
      if (r.seen >= nth && r.fired < times && result === undefined) {
        r.fired++;
        result = r.rule.fault;
      }
    }
    return result;
  }
}

/** A string path matches the pathname as sent or as decoded. */
function pathMatches(expected: string, path: string): boolean {
  if (expected === path) return true;
  try {
    return decodeURIComponent(path) === expected;
  } catch {
    return false;
  }
}
