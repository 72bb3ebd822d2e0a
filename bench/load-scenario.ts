/**
 * Scenario "many policies, one token" (issue 13): one Pulumi program holding `policies` retention policies over an
 * org of `packages` packages, through the real engine, whose one provider process serves them all, against the
 * simulator with GitHub's limits on. Two measured runs: `pulumi preview` (the engine checks resources one after
 * another) and `pulumi refresh` (the engine reads them in parallel: every policy lists its packages at once).
 * What GitHub saw in each: requests, limit responses (403/429), the most requests in flight; and the wall time.
 */
import { builtFile } from '../scripts/engine/repo-paths';
import { createEngineWorkDir } from '../scripts/engine/engine-work-dir';
import type { EngineOperation, OperationResult } from '../scripts/engine/engine-job';
import { runEngine } from '../scripts/engine/run-engine';
import { explainEngineRun, resourceSteps } from '../scripts/engine/engine-results';
import { reviewedDeletions } from '../provider/resources/retention-plan-view';
import type { BenchSimulator } from './bench-simulator';
import { BENCH_ORG } from './bench-fixtures';
import type { LoadProgramParams } from './load-program';
import { requestStats } from './request-stats';
import type { LoadResult, LoadRun } from './scenario-types';

export interface LoadScenarioOptions {
  sim: BenchSimulator;
  token: string;
  policies: number;
  packages: number;
  versionsEach: number;
}

export async function runLoadScenario(o: LoadScenarioOptions): Promise<LoadResult> {
  const keepNewest = Math.ceil(o.versionsEach * 0.6);
  const dir = createEngineWorkDir('bench-load');
  const run = async (operation: EngineOperation, params: LoadProgramParams): Promise<OperationResult> => {
    const result = await runEngine(
      {
        workDir: dir.path,
        projectName: 'bench-load',
        stackName: 'bench',
        program: { module: builtFile('bench/load-program.ts'), exportName: 'loadProgram' },
        params: params as unknown as Record<string, unknown>,
        config: {
          'github-packages:baseUrl': { value: o.sim.baseUrl },
          'github-packages:token': { value: o.token, secret: true },
        },
        operations: [operation],
      },
      { timeoutMs: 20 * 60_000 },
    );
    const op = result.operations[0];
    if (!result.ok || !op?.ok) throw new Error(`the load scenario's ${operation.kind} failed:\n${explainEngineRun(result)}`);
    return op;
  };
  const measured = async (operation: EngineOperation, params: LoadProgramParams): Promise<{ op: OperationResult; run: LoadRun }> => {
    await o.sim.reset(); // a fresh provider process: GitHub's windows start empty too
    const op = await run(operation, params);
    const log = await o.sim.log();
    const started = Math.min(...log.map((e) => e.startedAt));
    const ended = Math.max(...log.map((e) => e.endedAt ?? e.startedAt));
    // Listings per package (1,000 entries) would only bloat benchmarks.json: each package is listed once per run.
    const requests = { ...requestStats(log), listingsPerPackage: {} };
    return { op, run: { wallMs: op.durationMs, requestSpanMs: log.length > 0 ? ended - started : 0, requests } };
  };
  try {
    const deleting: LoadProgramParams = { org: BENCH_ORG, policies: o.policies, keepNewest };
    const preview = await measured({ kind: 'preview' }, deleting);
    const policies = resourceSteps(preview.op).filter((s) => /::policy-\d+$/.test(s.urn));
    const planned = policies.reduce(
      (sum, s) => sum + reviewedDeletions(s.newInputs?.pendingDeletions as Record<string, unknown> | undefined).length,
      0,
    );
    // In state without deleting anything (every version kept), then refreshed: the engine reads all at once.
    const keeping: LoadProgramParams = { ...deleting, keepNewest: o.versionsEach };
    await run({ kind: 'up' }, keeping);
    const refresh = await measured({ kind: 'refresh' }, keeping);
    return {
      scenario: 'load',
      policies: o.policies,
      packages: o.packages,
      versionsEach: o.versionsEach,
      policy: { org: BENCH_ORG, packageType: 'npm', packages: ['pkg-00*', '…', `pkg-${String(o.policies - 1).padStart(2, '0')}*`], keepNewest },
      preview: preview.run,
      refresh: refresh.run,
      previewedPolicies: policies.length,
      plannedDeletions: planned,
    };
  } finally {
    await dir.cleanup();
  }
}
