/**
 * Scenario "a policy that deletes 500 versions". Deleting 500 at one per second takes over 8 minutes, so each
 * pacing setting is measured on a bounded sample (the policy capped by maxDeletionsPerRun) and extrapolated:
 * preview (check) of the sample, then apply (create with the checked inputs) by a fresh provider, as `pulumi up`
 * does in a new provider process. The full 500-deletion preview is measured once for its size.
 */
import { performance } from 'perf_hooks';
import type { BenchSimulator } from './bench-simulator';
import { BENCH_ORG } from './bench-fixtures';
import { NaiveClient } from './naive-client';
import { planOnce } from './plan-once';
import { naivePlan } from './planning-scenario';
import { benchRetentionProvider } from './provider-runner';
import { requestStats } from './request-stats';
import type { DeleteResult, DeleteSetting, SideResult } from './scenario-types';

export interface DeleteScenarioOptions {
  sim: BenchSimulator;
  token: string;
  packageName: string;
  packageVersions: number;
  deletions: number;
  /** Deletions measured per setting. */
  sample: number;
  mutationIntervalsMs: number[];
  /** Deletions the naive client makes (0 = skip). */
  naiveSample: number;
}

/** GitHub's documented limits the extrapolations use. */
export const LIMITS = { primaryPerHour: 5000, secondaryPointsPerMinute: 900, deletePoints: 5, getPoints: 1 };

export function deletePolicy(packageName: string, packageVersions: number, deletions: number): Record<string, unknown> {
  return {
    org: BENCH_ORG,
    packageType: 'npm',
    packages: [packageName],
    // The newest version (protected by keepNewestVersion) fills one of the keepNewest slots.
    keepNewest: packageVersions - deletions,
    maxDeletionsPerRun: deletions,
    maxShareOfPackage: Math.min(1, Math.ceil((deletions / packageVersions) * 100 + 1) / 100),
  };
}

/**
 * Time for `n` deletions at one every `perDeleteMs`, bounded below by the primary limit: the first hour's 5,000
 * requests may go at once, every further 5,000 needs another hour.
 */
export function withPrimaryBudget(n: number, requestsPerDelete: number, perDeleteMs: number): number {
  const rateBound = n * perDeleteMs;
  const budgetBound = (Math.max(0, n * requestsPerDelete - LIMITS.primaryPerHour) / LIMITS.primaryPerHour) * 3_600_000;
  return Math.max(rateBound, budgetBound);
}

/** Lower bound from the secondary limit: the first minute's 900 points may go at once, then 900 per minute. */
export function secondaryBound(n: number, pointsPerDelete: number): number {
  return (Math.max(0, n * pointsPerDelete - LIMITS.secondaryPointsPerMinute) / LIMITS.secondaryPointsPerMinute) * 60_000;
}

async function measureSetting(o: DeleteScenarioOptions, policy: Record<string, unknown>, intervalMs: number): Promise<DeleteSetting> {
  await o.sim.reset();
  const sampled = { ...policy, maxDeletionsPerRun: o.sample };
  const preview = await planOnce({ baseUrl: o.sim.baseUrl, token: o.token, inputs: sampled });
  if (preview.failures.length > 0) throw new Error(`provider check failed: ${JSON.stringify(preview.failures)}`);
  const previewLog = await o.sim.log();
  // The checked inputs reach `up` through state; the apply gets fresh rate-limit counters and log (reset
  // restores the fixture, which the preview did not change).
  const checked = preview.checkedInputs ?? {};
  await o.sim.reset();
  const warnings: string[] = [];
  const applier = benchRetentionProvider({ baseUrl: o.sim.baseUrl, token: o.token, mutationIntervalMs: intervalMs, warnings });
  const started = performance.now();
  const created = await applier.create(checked);
  const wallMs = performance.now() - started;
  const applyLog = await o.sim.log();
  const apply: SideResult = {
    wallMs,
    requests: requestStats(applyLog),
    planned: Number((created.outs as Record<string, unknown>).deletedCount ?? 0),
  };
  const previewStats = requestStats(previewLog);
  const listings =
    Object.values(previewStats.listingsPerPackage).reduce((a, b) => Math.max(a, b), 0) +
    Object.values(apply.requests.listingsPerPackage).reduce((a, b) => Math.max(a, b), 0);
  const configuredPerMinute = 60_000 / intervalMs;
  const perMinute = apply.requests.mutations.sustainedPerMinute;
  const perDeleteMs = perMinute ? 60_000 / perMinute : undefined;
  const overheadMs = perDeleteMs !== undefined ? Math.max(0, wallMs - (apply.requests.mutations.count - 1) * perDeleteMs) : undefined;
  return {
    mutationIntervalMs: intervalMs,
    configuredPerMinute,
    preview: { wallMs: preview.wallMs, requests: previewStats, planned: preview.pendingCount },
    apply,
    listingsInFullUp: listings,
    sustainedShare: perMinute !== undefined ? perMinute / configuredPerMinute : undefined,
    estimate500Ms: perDeleteMs !== undefined && overheadMs !== undefined ? overheadMs + (o.deletions - 1) * perDeleteMs : undefined,
    estimate50kMs: perDeleteMs !== undefined ? 50_000 * perDeleteMs : undefined,
    estimate50kWithPrimaryMs: perDeleteMs !== undefined ? withPrimaryBudget(50_000, 1, perDeleteMs) : undefined,
  };
}

export async function runDeleteScenario(o: DeleteScenarioOptions): Promise<DeleteResult> {
  const policy = deletePolicy(o.packageName, o.packageVersions, o.deletions);
  await o.sim.reset();
  const full = await planOnce({ baseUrl: o.sim.baseUrl, token: o.token, inputs: policy });
  if (full.failures.length > 0) throw new Error(`provider check failed: ${JSON.stringify(full.failures)}`);
  const fullPreview = {
    wallMs: full.wallMs,
    requests: requestStats(await o.sim.log()),
    planned: full.pendingCount,
    checkedInputsBytes: full.checkedInputsBytes,
  };

  const settings: DeleteSetting[] = [];
  for (const interval of o.mutationIntervalsMs) settings.push(await measureSetting(o, policy, interval));

  let naive: DeleteResult['naive'];
  if (o.naiveSample > 0) {
    await o.sim.reset();
    const client = new NaiveClient({ baseUrl: o.sim.baseUrl, token: o.token });
    const started = performance.now();
    const { plan } = await naivePlan(client, policy, [o.packageName]);
    const deletesStarted = performance.now();
    for (const d of plan.deletions.slice(0, o.naiveSample)) await client.checkAndDelete(BENCH_ORG, 'npm', d.package, d.id);
    const wallMs = performance.now() - started;
    const deletingMs = performance.now() - deletesStarted;
    const requests = requestStats(await o.sim.log());
    const done = requests.mutations.count;
    // Its own pace, but never faster than GitHub's limits let 1 GET + 1 DELETE per version through.
    const perDeleteMs = done > 0 ? deletingMs / done : 0;
    const points = LIMITS.deletePoints + LIMITS.getPoints;
    const estimate = (count: number) => Math.max(withPrimaryBudget(count, 2, perDeleteMs), secondaryBound(count, points));
    naive = {
      wallMs,
      requests,
      planned: plan.deletions.length,
      retries: client.retries,
      sample: Math.min(o.naiveSample, plan.deletions.length),
      sustainedPerMinute: requests.mutations.sustainedPerMinute,
      estimate500Ms: estimate(o.deletions),
      estimate50kMs: estimate(50_000),
    };
  }
  return {
    scenario: 'delete',
    packageVersions: o.packageVersions,
    deletions: o.deletions,
    sample: o.sample,
    policy,
    fullPreview,
    settings,
    ...(naive ? { naive } : {}),
  };
}
