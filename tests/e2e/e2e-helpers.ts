// Shared pieces of the end-to-end tests: a job running `packagesProgram` against an in-process simulator (the
// engine's provider process reaches it over loopback through stack config), and readers of the simulator's
// request log. Every assertion about what GitHub received reads that log, never engine text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineJob, EngineOperation, ResourceStep, OperationResult } from '../../scripts/engine/engine-job';
import { resolvePulumiBinary } from '../../scripts/engine/engine-environment';
import { explainEngineRun, resourceSteps } from '../../scripts/engine/engine-results';
import { builtFile } from '../../scripts/engine/repo-paths';
import { runEngine, type EngineRunResult } from '../../scripts/engine/run-engine';
import type { RunningSimulator } from '../../simulator';
import type { RequestLogEntry } from '../../simulator/types';
import type { PackagesProgramParams } from '../fixtures-programs/packages-program';
import { reviewedDeletions } from '../../provider/resources/retention-plan-view';

export const MINUTE = 60_000;
export const PROGRAM = { module: 'tests/fixtures-programs/packages-program.ts', exportName: 'packagesProgram' };

/** For a `beforeAll`: dist/ must be current (`npm run build`), and the Pulumi CLI cached. */
export async function requireBuiltProgramAndCli(): Promise<void> {
  builtFile('scripts/engine/run-stack.ts');
  builtFile(PROGRAM.module);
  await resolvePulumiBinary();
}

export interface PackagesJobOptions {
  workDir: string;
  sim: RunningSimulator;
  token: string;
  params: PackagesProgramParams;
  operations: EngineOperation[];
  stackName?: string;
  logVerbosity?: number;
}

/**
 * The simulator's limits for engine tests that delete hundreds of versions: GitHub's, but with the point budget a
 * GitHub Enterprise Server administrator may allow (100,000 a minute), so a run is not minutes of real-time waiting
 * for GitHub.com's 900. The provider is given the same budget (`packagesJob`); holding a run to 900 points a minute
 * is the subject of the client and provider tests, which run on a fake clock (tests/client/request-budget.test.ts,
 * tests/provider/shared-request-budget.test.ts).
 */
export const ENTERPRISE_RATE_LIMITS = { secondary: { pointsPerMinute: 100_000 } };

/** The provider's request budget for this simulator (`github-packages:requestPointsPerMinute`): its secondary
 * limit, as a GitHub Enterprise Server's, or the largest budget when its limits are off. */
export function requestBudgetFor(sim: RunningSimulator): string {
  const { secondary } = sim.runtime.limiter.config;
  return String(secondary.enabled ? secondary.pointsPerMinute : 1_000_000);
}

/** A job: the product's resources against the simulator, token as a secret config value, no mutation pacing, the
 * simulator's own request budget. */
export function packagesJob(o: PackagesJobOptions): EngineJob {
  return {
    workDir: o.workDir,
    projectName: 'e2e',
    stackName: o.stackName ?? 'dev',
    program: PROGRAM,
    params: o.params as Record<string, unknown>,
    config: {
      'github-packages:baseUrl': { value: o.sim.baseUrl },
      // The simulator's registry, never ghcr.io: container policies read the image graph by default.
      'github-packages:registryUrl': { value: o.sim.baseUrl },
      'github-packages:token': { value: o.token, secret: true },
      'github-packages:mutationIntervalMs': { value: '0' },
      'github-packages:requestPointsPerMinute': { value: requestBudgetFor(o.sim) },
    },
    operations: o.operations,
    ...(o.logVerbosity !== undefined ? { logVerbosity: o.logVerbosity } : {}),
  };
}

export async function runPackagesJob(o: PackagesJobOptions): Promise<EngineRunResult> {
  return runEngine(packagesJob(o), { timeoutMs: 5 * MINUTE });
}

/** Throws with the whole story of the run unless every listed operation (default: all) succeeded. */
export function expectOperationsOk(result: EngineRunResult, indexes?: number[]): void {
  const wanted = indexes ?? result.operations.map((o) => o.index);
  const bad = wanted.filter((i) => !result.operations[i]?.ok);
  if (bad.length > 0 || (indexes === undefined && !result.ok)) {
    throw new Error(`operations ${bad.join(', ')} failed:\n${explainEngineRun(result)}`);
  }
}

/** The announced step of the resource named `name` (last URN segment). */
export function stepOf(op: OperationResult, name: string, options: { phase?: ResourceStep['phase'] } = {}): ResourceStep | undefined {
  return resourceSteps(op, { ...options, includeSame: true }).find((s) => s.urn.endsWith(`::${name}`));
}

/** DELETEs and restores GitHub received since log position `from` (an index into `sim.log`). */
export function mutationsSince(sim: RunningSimulator, from: number): RequestLogEntry[] {
  return sim.log.slice(from).filter((e) => e.method === 'DELETE' || (e.method === 'POST' && /\/restore$/.test(e.path)));
}

/** `DELETE …/versions/{id}` → id, in request order. */
export function deletedVersionIds(entries: readonly RequestLogEntry[]): number[] {
  return entries
    .filter((e) => e.method === 'DELETE')
    .map((e) => /\/versions\/(\d+)$/.exec(e.path))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
}

/** Compact `METHOD path` lines for readable equality assertions. */
export function requestLines(entries: readonly RequestLogEntry[]): string[] {
  return entries.map((e) => `${e.method} ${e.path}`);
}

/** Version ids listed in a retention step's `pendingDeletions` (all packages, sorted). */
export function pendingIds(step: ResourceStep | undefined, which: 'newInputs' | 'oldInputs' = 'newInputs'): number[] {
  return reviewedDeletions(step?.[which]?.pendingDeletions as Record<string, unknown> | undefined)
    .map((d) => d.id)
    .sort((a, b) => a - b);
}

export function sorted(ids: readonly number[]): number[] {
  return [...ids].sort((a, b) => a - b);
}

/** Every file under `dir` whose bytes contain `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isSymbolicLink()) continue; // node_modules links point into the repo
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && fs.readFileSync(p).includes(needle)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Every error text of a run: operation errors, diagnostics, stdout/stderr. */
export function allOutputText(result: EngineRunResult): string {
  return result.operations.flatMap((o) => [o.error?.message ?? '', o.stdout, o.stderr, ...o.diagnostics.map((d) => d.message)]).join('\n');
}
