import type fc from 'fast-check';
import { planRetention } from '../../../provider/planner/plan-retention';
import type { RetentionPlan, VersionDecision } from '../../../provider/planner/plan-types';
import { resolveRetentionOptions, type RetentionOptions, type ResolvedRetentionOptions } from '../../../provider/planner/retention-options';
import type { PackageVersionInfo } from '../../../provider/types';

export const NOW = new Date('2026-06-01T12:00:00Z');
export const DAY = 86_400_000;

/** An ISO time `days` days before NOW (fractions allowed). */
export function ago(days: number): string {
  return new Date(NOW.getTime() - days * DAY).toISOString();
}

export function version(id: number, name: string, createdDaysAgo: number, tags: string[] = [], updatedDaysAgo = createdDaysAgo): PackageVersionInfo {
  return { id, name, tags, createdAt: ago(createdDaysAgo), updatedAt: ago(updatedDaysAgo), state: 'active' };
}

/** Resolves options that must be valid; fails the test with the failures otherwise. */
export function resolve(options: RetentionOptions & Record<string, unknown>): ResolvedRetentionOptions {
  const result = resolveRetentionOptions(options);
  if (!result.options) throw new Error(`options did not resolve: ${JSON.stringify(result.failures)}`);
  return result.options;
}

/** Plans with `maxShareOfPackage: 1` unless given, so rule tests are not cut by the share limit. */
export function plan(options: RetentionOptions, packages: Record<string, PackageVersionInfo[]>, now: Date = NOW): RetentionPlan {
  return planRetention({
    packages: Object.entries(packages).map(([name, versions]) => ({ name, versions })),
    options: resolve({ packages: Object.keys(packages), maxShareOfPackage: 1, ...options }),
    now,
  });
}

export function decisionsOf(result: RetentionPlan, packageName?: string): VersionDecision[] {
  const pkg = packageName ? result.packages.find((p) => p.name === packageName) : result.packages[0];
  if (!pkg) throw new Error(`no package ${packageName}`);
  return pkg.decisions;
}

export function decisionOf(result: RetentionPlan, id: number): VersionDecision {
  for (const pkg of result.packages) {
    const found = pkg.decisions.find((d) => d.id === id);
    if (found) return found;
  }
  throw new Error(`no decision for ${id}`);
}

/** Ids planned for deletion this run, in plan order (oldest first). */
export function deletedIds(result: RetentionPlan): number[] {
  return result.deletions.map((d) => d.id);
}

export function sorted(ids: number[]): number[] {
  return [...ids].sort((a, b) => a - b);
}

/**
 * fast-check parameters for the planner's property tests: `fallback` runs, or PLANNER_PROPERTY_RUNS; the seed from
 * PLANNER_PROPERTY_SEED when given (else fast-check's own, printed on failure). `npm run test:mutation` runs fewer.
 */
export function propertyRuns(fallback: number): fc.Parameters<unknown> {
  const runs = process.env.PLANNER_PROPERTY_RUNS ? Number(process.env.PLANNER_PROPERTY_RUNS) : fallback;
  const seed = process.env.PLANNER_PROPERTY_SEED;
  return { numRuns: runs, ...(seed ? { seed: Number(seed) } : {}) };
}
