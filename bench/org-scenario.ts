/**
 * Scenario "an org of P packages with V versions each": a policy over `pkg-*` makes the provider list the org's
 * packages, then each package's versions; the naive client does the same with pages of 30.
 */
import { performance } from 'perf_hooks';
import type { BenchSimulator } from './bench-simulator';
import { BENCH_ORG } from './bench-fixtures';
import { NaiveClient } from './naive-client';
import { planOnce } from './plan-once';
import { naivePlan } from './planning-scenario';
import { requestStats } from './request-stats';
import type { OrgResult, SideResult } from './scenario-types';

export interface OrgScenarioOptions {
  sim: BenchSimulator;
  token: string;
  packages: number;
  versionsEach: number;
  naive: boolean;
}

export function orgPolicy(versionsEach: number): Record<string, unknown> {
  return { org: BENCH_ORG, packageType: 'npm', packages: ['pkg-*'], keepNewest: Math.ceil(versionsEach * 0.6) };
}

export async function runOrgScenario(o: OrgScenarioOptions): Promise<OrgResult> {
  const policy = orgPolicy(o.versionsEach);
  await o.sim.reset();
  const measured = await planOnce({ baseUrl: o.sim.baseUrl, token: o.token, inputs: policy });
  if (measured.failures.length > 0) throw new Error(`provider check failed: ${JSON.stringify(measured.failures)}`);
  const provider: SideResult = { wallMs: measured.wallMs, requests: requestStats(await o.sim.log()), planned: measured.pendingCount };

  let naive: SideResult | undefined;
  if (o.naive) {
    await o.sim.reset();
    const client = new NaiveClient({ baseUrl: o.sim.baseUrl, token: o.token });
    const started = performance.now();
    const names = (await client.listPackageNames(BENCH_ORG, 'npm')).filter((n) => n.startsWith('pkg-'));
    const { plan } = await naivePlan(client, policy, names);
    const wallMs = performance.now() - started;
    naive = { wallMs, requests: requestStats(await o.sim.log()), planned: plan.deletions.length, retries: client.retries };
  }
  return {
    scenario: 'org',
    packages: o.packages,
    versionsEach: o.versionsEach,
    policy,
    provider,
    ...(naive ? { naive, wallRatio: provider.wallMs / naive.wallMs } : {}),
    listRequestBudgetPerPackage: Math.ceil(o.versionsEach / 100) + 2,
    stateSize: { cappedBytes: measured.checkedInputsBytes },
  };
}
