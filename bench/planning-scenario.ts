/**
 * Scenario "one package with N versions": the provider's planning pass (check: list + planRetention + plan view)
 * against the naive client's listing + the same planner, on a freshly reset simulator each.
 */
import { performance } from 'perf_hooks';
import { planRetention } from '../provider/planner/plan-retention';
import { resolveRetentionOptions } from '../provider/planner/retention-options';
import type { PackageVersionInfo } from '../provider/types';
import { PackagesClient } from '../provider/client/packages-client';
import type { BenchSimulator } from './bench-simulator';
import { BENCH_ORG } from './bench-fixtures';
import { NaiveClient } from './naive-client';
import { planOnce } from './plan-once';
import { requestStats } from './request-stats';
import { runPlanChild } from './run-plan-child';
import type { PlanningResult, SideResult } from './scenario-types';
import { checkedInputsSize } from './state-size';

/** The per-run cap the planning benchmark measures with (the capped plan; `uncapped` is every qualifying deletion). */
export const BENCH_CAP = 100;

export interface PlanningScenarioOptions {
  sim: BenchSimulator;
  token: string;
  packageName: string;
  versions: number;
  /** 'child': a separate process that only plans (peak RSS measurable); 'this-process': tests. */
  measureIn: 'child' | 'this-process';
  naive: boolean;
}

/** Keep the newest 60%: 40% qualify (a first run, so no share guard applies), capped at BENCH_CAP deletions for the run. */
export function planningPolicy(packageName: string, versions: number): Record<string, unknown> {
  return { org: BENCH_ORG, packageType: 'npm', packages: [packageName], keepNewest: Math.ceil(versions * 0.6), maxDeletionsPerRun: BENCH_CAP };
}

/** The naive script's planning: list everything with pages of 30, then the same planner. */
export async function naivePlan(client: NaiveClient, inputs: Record<string, unknown>, names: readonly string[]) {
  const { options } = resolveRetentionOptions(inputs);
  if (!options) throw new Error('bench policy invalid');
  const live = new Map<string, PackageVersionInfo[]>();
  for (const name of names) live.set(name, await client.listVersions(BENCH_ORG, 'npm', name));
  const plan = planRetention({ packages: [...live].map(([name, versions]) => ({ name, versions })), options, now: new Date() });
  return { live, plan };
}

export async function runPlanningScenario(o: PlanningScenarioOptions): Promise<PlanningResult> {
  const policy = planningPolicy(o.packageName, o.versions);
  await o.sim.reset();
  const input = { baseUrl: o.sim.baseUrl, token: o.token, inputs: policy };
  const measured = o.measureIn === 'child' ? await runPlanChild(input) : await planOnce(input);
  if (measured.failures.length > 0) throw new Error(`provider check failed: ${JSON.stringify(measured.failures)}`);
  const provider: SideResult = { wallMs: measured.wallMs, requests: requestStats(await o.sim.log()), planned: measured.pendingCount };
  if ('maxRssBytes' in measured) provider.peakRssBytes = (measured as { maxRssBytes: number }).maxRssBytes;

  let naive: SideResult | undefined;
  let live: Map<string, PackageVersionInfo[]>;
  if (o.naive) {
    await o.sim.reset();
    const client = new NaiveClient({ baseUrl: o.sim.baseUrl, token: o.token });
    const started = performance.now();
    const result = await naivePlan(client, { ...policy }, [o.packageName]);
    const wallMs = performance.now() - started;
    naive = { wallMs, requests: requestStats(await o.sim.log()), planned: result.plan.deletions.length, retries: client.retries };
    live = result.live;
  } else {
    // Only for the uncapped state size: one more listing, after the measurement.
    const client = new PackagesClient({ baseUrl: o.sim.baseUrl, token: o.token, log: { warn: () => undefined } });
    const ref = { owner: { kind: 'org' as const, login: BENCH_ORG }, packageType: 'npm' as const, name: o.packageName };
    live = new Map([[o.packageName, await client.listVersions(ref)]]);
  }
  const uncapped = checkedInputsSize({ ...policy, maxDeletionsPerRun: 1_000_000 }, live);
  return {
    scenario: 'planning',
    versions: o.versions,
    policy,
    provider,
    ...(naive ? { naive, wallRatio: provider.wallMs / naive.wallMs } : {}),
    listRequestBudget: Math.ceil(o.versions / 100) + 2,
    stateSize: {
      cappedDeletions: measured.pendingCount,
      cappedBytes: measured.checkedInputsBytes,
      uncappedDeletions: uncapped.deletions,
      uncappedBytes: uncapped.checkedInputsBytes,
    },
  };
}
