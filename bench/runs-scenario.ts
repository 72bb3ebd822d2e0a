/**
 * Scenario "what users run" (issue 24): one policy over one package, through the real engine, the way a team runs
 * it, against the simulator with GitHub's limits on:
 * - `saved-plan`: `pulumi preview --save-plan plan.json`, then `pulumi up --plan plan.json` (the scheduled CI
 *   workflow; two provider processes sharing `github-packages:cacheDir`, as when the directory travels with the
 *   plan);
 * - `strict`: `pulumi up --strict --yes` (at a terminal: the preview phase and the update in one provider process).
 * For each engine operation: what GitHub saw (requests, 304s, what the primary limit counts, secondary-limit
 * points, listings of the package), and the peak RSS of the provider and CLI processes. Beside it, what
 * actions/delete-package-versions v5 spends on the same deletions, by its arithmetic (adpv-arithmetic.ts).
 * A preview of a large uncapped plan measures memory alone.
 */
import * as path from 'path';
import { builtFile } from '../scripts/engine/repo-paths';
import { createEngineWorkDir } from '../scripts/engine/engine-work-dir';
import type { EngineOperation, OperationResult } from '../scripts/engine/engine-job';
import { startEngine } from '../scripts/engine/run-engine';
import { explainEngineRun, resourceSteps } from '../scripts/engine/engine-results';
import type { RequestLogEntry } from '../simulator';
import { pointsOf } from '../provider/client/request-budget';
import { reviewedDeletions } from '../provider/resources/retention-plan-view';
import { adpvCost } from './adpv-arithmetic';
import type { BenchSimulator } from './bench-simulator';
import { BENCH_ORG } from './bench-fixtures';
import { watchPeakRss } from './process-rss';
import { kindOf, requestStats } from './request-stats';
import type { RunsProgramParams } from './runs-program';
import type { EngineFlow, EngineRunsResult, EngineStep, EngineStepCost, MemoryPreviewResult } from './scenario-types';

export interface RunSpec {
  label: string;
  packageName: string;
  versions: number;
  deletions: number;
  mutationIntervalMs: number;
  flows: EngineFlow[];
}

const FLOW_STEPS: Record<EngineFlow, Array<{ label: string; op: EngineOperation }>> = {
  'saved-plan': [
    { label: 'pulumi preview --save-plan', op: { kind: 'preview', savePlan: 'plan.json' } },
    { label: 'pulumi up --plan', op: { kind: 'up', plan: 'plan.json' } },
  ],
  strict: [{ label: 'pulumi up --strict', op: { kind: 'up', previewPhase: 'strict' } }],
};

/** What one engine operation cost GitHub's limits, from the simulator's log. */
export function stepCost(log: readonly RequestLogEntry[], packageName: string): EngineStepCost {
  const notModified = log.filter((e) => e.status === 304).length;
  return {
    requests: { ...requestStats(log), listingsPerPackage: {} },
    notModified,
    // 304s are not counted against the primary limit (GitHub's docs); everything else is, refusals included.
    primaryRequests: log.length - notModified,
    secondaryPoints: log.reduce((sum, e) => sum + pointsOf(e.method), 0),
    listings: log.filter(
      (e) =>
        kindOf(e) === 'listVersions' &&
        decodeURIComponent(e.path.split('/').slice(-2)[0] ?? '') === packageName &&
        (e.query.page === undefined || e.query.page === '1') &&
        (e.status === 200 || e.status === 304),
    ).length,
    deleted: log.filter((e) => e.method === 'DELETE' && e.status === 204).length,
  };
}

async function runStep(
  o: { sim: BenchSimulator; token: string; workDir: string; params: RunsProgramParams; config: Record<string, string> },
  label: string,
  op: EngineOperation,
): Promise<{ step: EngineStep; result: OperationResult }> {
  await o.sim.clearLog();
  const run = await startEngine(
    {
      workDir: o.workDir,
      projectName: 'bench-runs',
      stackName: 'bench',
      program: { module: builtFile('bench/runs-program.ts'), exportName: 'runsProgram' },
      params: o.params as unknown as Record<string, unknown>,
      config: {
        'github-packages:token': { value: o.token, secret: true },
        ...Object.fromEntries(Object.entries(o.config).map(([k, value]) => [k, { value }])),
      },
      operations: [op],
    },
    { timeoutMs: 40 * 60_000 },
  );
  const rss = watchPeakRss(run.runId);
  const result = await run.result;
  const peak = rss.stop();
  const opResult = result.operations[0];
  if (!result.ok || !opResult?.ok) throw new Error(`the runs scenario's ${label} failed:\n${explainEngineRun(result)}`);
  const cost = stepCost(await o.sim.log(), o.params.packageName);
  return {
    step: { label, wallMs: opResult.durationMs, ...cost, peakProviderRssBytes: peak.providerBytes, peakCliRssBytes: peak.cliBytes },
    result: opResult,
  };
}

export async function runEngineRuns(o: { sim: BenchSimulator; token: string; spec: RunSpec }): Promise<EngineRunsResult> {
  const { spec } = o;
  const params: RunsProgramParams = { org: BENCH_ORG, packageName: spec.packageName, keepNewest: spec.versions - spec.deletions };
  const flows: EngineRunsResult['flows'] = [];
  for (const flow of spec.flows) {
    await o.sim.reset();
    const dir = createEngineWorkDir('bench-runs');
    try {
      const config = {
        'github-packages:baseUrl': o.sim.baseUrl,
        'github-packages:mutationIntervalMs': String(spec.mutationIntervalMs),
        'github-packages:cacheDir': path.join(dir.path, 'pages'),
      };
      const steps: EngineStep[] = [];
      let planned = 0;
      for (const { label, op } of FLOW_STEPS[flow]) {
        const { step, result } = await runStep({ sim: o.sim, token: o.token, workDir: dir.path, params, config }, label, op);
        steps.push(step);
        const policy = resourceSteps(result).find((s) => s.urn.endsWith('::policy'));
        planned ||= reviewedDeletions(policy?.newInputs?.pendingDeletions as Record<string, unknown> | undefined).length;
      }
      flows.push({ flow, steps, planned });
    } finally {
      await dir.cleanup();
    }
  }
  return {
    scenario: 'runs',
    label: spec.label,
    versions: spec.versions,
    deletions: spec.deletions,
    mutationIntervalMs: spec.mutationIntervalMs,
    policy: { org: BENCH_ORG, packageType: 'npm', packages: [spec.packageName], keepNewest: params.keepNewest },
    flows,
    adpv: adpvCost(spec.versions, spec.deletions),
  };
}

/** `pulumi preview` of an uncapped plan deleting all but `keep` of `versions`: the memory of the provider and CLI. */
export async function runMemoryPreview(o: {
  sim: BenchSimulator;
  token: string;
  packageName: string;
  versions: number;
  keep: number;
}): Promise<MemoryPreviewResult> {
  await o.sim.reset();
  const dir = createEngineWorkDir('bench-memory');
  try {
    const params: RunsProgramParams = { org: BENCH_ORG, packageName: o.packageName, keepNewest: o.keep };
    const config = { 'github-packages:baseUrl': o.sim.baseUrl, 'github-packages:cacheDir': path.join(dir.path, 'pages') };
    const { step, result } = await runStep({ sim: o.sim, token: o.token, workDir: dir.path, params, config }, 'pulumi preview', { kind: 'preview' });
    const policy = resourceSteps(result).find((s) => s.urn.endsWith('::policy'));
    return {
      versions: o.versions,
      planned: reviewedDeletions(policy?.newInputs?.pendingDeletions as Record<string, unknown> | undefined).length,
      checkedInputsBytes: Buffer.byteLength(JSON.stringify(policy?.newInputs ?? {})),
      step,
    };
  } finally {
    await dir.cleanup();
  }
}
