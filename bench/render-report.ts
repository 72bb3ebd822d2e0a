/**
 * docs/benchmarks.md from one run's results: machine, how to reproduce, targets met or not (and why), tables.
 * Every number and every claim about what happened is computed from the run's data (or from the constants the
 * code runs with): nothing here is typed in, so rendering an old or a different run never states what it did not
 * measure (tests/bench/render-report.test.ts renders the committed docs/benchmarks.json).
 */
import { DEFAULT_READ_CONCURRENCY, PER_PAGE } from '../provider/client/packages-client';
import { DEFAULT_BUDGET_LIMITS, pointsOf } from '../provider/client/request-budget';
import { BENCH_CAP } from './planning-scenario';
import { LIMITS } from './delete-scenario';
import type { MachineInfo } from './machine-info';
import type { RequestStats } from './request-stats';
import type {
  DeleteResult,
  DeleteSetting,
  EngineRunsResult,
  EngineStep,
  LoadResult,
  LoadRun,
  MemoryPreviewResult,
  OrgResult,
  PlanningResult,
} from './scenario-types';

export interface BenchReport {
  machine: MachineInfo;
  latencyMs: number;
  command: string;
  planning: PlanningResult[];
  org?: OrgResult;
  delete?: DeleteResult;
  load?: LoadResult;
  /** What users run through the engine (issue 24). */
  runs?: EngineRunsResult[];
  /** When only the runs were rerun: that run's own date and command. */
  runsGenerated?: { date: string; command: string };
  memoryPreview?: MemoryPreviewResult;
  /** Scenarios rerun alone since the full run (`--only`), with their own date and command. */
  reruns?: Array<{ scenarios: string[]; date: string; command: string }>;
  totalWallMs: number;
}

export interface TargetVerdict {
  target: string;
  measured: string;
  met: boolean | undefined;
  why: string;
}

const n = (x: number) => x.toLocaleString('en-US');
const s = (ms: number | undefined) =>
  ms === undefined
    ? 'n/a'
    : ms >= 3_600_000
      ? `${(ms / 3_600_000).toFixed(1)} h`
      : ms >= 60_000
        ? `${(ms / 60_000).toFixed(1)} min`
        : `${(ms / 1000).toFixed(2)} s`;
const mb = (b: number | undefined) => (b === undefined ? 'n/a' : `${(b / 1024 / 1024).toFixed(0)} MB`);
const kb = (b: number | undefined) =>
  b === undefined ? 'n/a' : b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${(b / 1024).toFixed(1)} KB`;
const pct = (x: number | undefined) => (x === undefined ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const ratio = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(3)} (1/${(1 / x).toFixed(1)})`);
const mark = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? '**met**' : '**NOT met**');

function kinds(r: RequestStats): string {
  return Object.entries(r.byKind)
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(', ');
}

/** `N pages of M` (M: versions a page, as measured). */
const pagesOf = (versions: number, pages: number) => `${n(pages)} pages of ${pages > 0 ? n(Math.ceil(versions / pages)) : 'n/a'}`;
const atATime = (inFlight: number) => (inFlight <= 1 ? 'one after another' : `at most ${inFlight} at a time`);

/**
 * Why deletes at this setting reached the share of the configured rate they did, from what was measured. The
 * client starts mutations at least the interval apart and one at a time (provider/client/mutation-queue.ts), so
 * only a DELETE slower than the interval can hold the next one back.
 */
function paceReason(x: DeleteSetting): string {
  const m = x.apply.requests.mutations;
  const gaps = `${m.overlapping} overlapping, shortest start gap seen by the simulator ${m.minStartGapMs ?? 'n/a'} ms`;
  if ((x.sustainedShare ?? 0) >= 0.9) return `serial deletes (${gaps})`;
  const latency = m.meanDurationMs;
  if (latency === undefined) return `serial deletes (${gaps}); no DELETE latency measured to explain the shortfall`;
  return latency > x.mutationIntervalMs
    ? `serial deletes (${gaps}): a DELETE took ${latency.toFixed(0)} ms on average, longer than the interval, so each delete waited for the previous one to end ` +
        `(at most ${(60_000 / latency).toFixed(1)}/min)`
    : `serial deletes (${gaps}); the mean DELETE latency (${latency.toFixed(0)} ms) is shorter than the interval, so latency does not explain the shortfall`;
}

/** Why a package is listed in a full `up`, in order (bench/delete-scenario.ts counts them). */
const LISTINGS_IN_AN_UP = [
  "the preview's plan",
  "apply's confirmation of the reviewed deletions against a fresh listing",
  'the verification after deleting',
];

const perVersionGets = (r: BenchReport): number =>
  [
    ...r.planning.map((p) => p.provider.requests),
    ...(r.org ? [r.org.provider.requests] : []),
    ...(r.delete ? [r.delete.fullPreview.requests, ...r.delete.settings.flatMap((x) => [x.preview.requests, x.apply.requests])] : []),
  ].reduce((sum, q) => sum + (q.byKind.getVersion ?? 0), 0);

export function verdicts(r: BenchReport): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  for (const p of r.planning) {
    const lists = p.provider.requests.byKind.listVersions ?? 0;
    out.push({
      target: `Planning N = ${n(p.versions)}: list requests ≤ ceil(N/100) + 2 = ${p.listRequestBudget}`,
      measured: `${lists} listing requests (+ ${p.provider.requests.byKind.getUser ?? 0} GET /user for the token's scopes)`,
      met: lists <= p.listRequestBudget,
      why: `${pagesOf(p.versions, lists)} (the client asks for ${PER_PAGE}, GitHub's maximum); the page count comes from page 1's Link rel="last"`,
    });
  }
  if (r.org) {
    const o = r.org;
    const perPackage = (o.provider.requests.byKind.listVersions ?? 0) / o.packages;
    out.push({
      target: `Org ${o.packages} × ${o.versionsEach}: list requests ≤ ceil(${o.versionsEach}/100) + 2 = ${o.listRequestBudgetPerPackage} per package`,
      measured: `${perPackage.toFixed(2)} version-list requests per package, + ${o.provider.requests.byKind.listPackages ?? 0} package-list pages for the org`,
      met: perPackage <= o.listRequestBudgetPerPackage,
      why: `${perPackage.toFixed(2)} pages per package of ${n(o.versionsEach)} versions (pages of up to ${PER_PAGE})`,
    });
  }
  const multi = r.planning.filter((p) => p.listRequestBudget - 2 > 1);
  if (multi.length > 0) {
    const flights = multi.map((p) => p.provider.requests.maxInFlight);
    out.push({
      target: "Remaining pages fetched concurrently, within the secondary limit's concurrency (100)",
      measured: `most requests in flight: ${multi.map((p) => `N=${n(p.versions)}: ${p.provider.requests.maxInFlight}`).join(', ')}`,
      met: flights.every((f) => f > 1 && f <= 100),
      why: `after page 1, the other pages go ${atATime(Math.max(...flights))} (readConcurrency, default ${DEFAULT_READ_CONCURRENCY})`,
    });
  }
  const tenK = r.planning.find((p) => p.versions === 10_000);
  out.push({
    target: `Planning wall time ≤ ¼ of the naive baseline at ${r.latencyMs} ms latency, N = 10,000`,
    measured:
      tenK?.wallRatio !== undefined
        ? `${s(tenK.provider.wallMs)} vs ${s(tenK.naive!.wallMs)}: ratio ${ratio(tenK.wallRatio)}`
        : 'N = 10,000 or the naive run not in this run',
    met: tenK?.wallRatio === undefined ? undefined : tenK.wallRatio <= 0.25,
    why:
      tenK?.naive !== undefined
        ? `${pagesOf(tenK.versions, tenK.provider.requests.byKind.listVersions ?? 0)}, ${atATime(tenK.provider.requests.maxInFlight)}, vs ` +
          `${pagesOf(tenK.versions, tenK.naive.requests.byKind.listVersions ?? 0)} ${atATime(tenK.naive.requests.maxInFlight)}`
        : 'not measured',
  });
  if (r.delete) {
    const listings = Math.max(...r.delete.settings.map((x) => x.listingsInFullUp));
    out.push({
      target:
        'Outside the engine (the provider\'s check, then create by a fresh provider), a policy lists each package at most three times; no per-version GET in these scenarios (through the engine: "What users run")',
      measured: `listings of the package in check + create: ${listings}; per-version GETs by the provider in all scenarios: ${perVersionGets(r)}`,
      met: listings <= 3 && perVersionGets(r) === 0,
      why: `the measured listings: ${LISTINGS_IN_AN_UP.slice(0, listings).join(', ') || 'none'}${listings > LISTINGS_IN_AN_UP.length ? `, and ${listings - LISTINGS_IN_AN_UP.length} more` : ''}`,
    });
    for (const x of r.delete.settings) {
      const m = x.apply.requests.mutations;
      const ok = (x.sustainedShare ?? 0) >= 0.9 && x.apply.requests.rateLimited === 0 && m.overlapping === 0;
      out.push({
        target: `Deletes at mutationIntervalMs ${x.mutationIntervalMs} (configured ${x.configuredPerMinute.toFixed(1)}/min): ≥ 90% of the configured rate, zero 403/429, no overlap`,
        measured:
          `${m.sustainedPerMinute?.toFixed(1) ?? 'n/a'}/min = ${pct(x.sustainedShare)} of configured over ${m.count} deletes; ` +
          `403/429: ${x.apply.requests.rateLimited}; overlapping mutation pairs: ${m.overlapping}`,
        met: ok,
        why: paceReason(x),
      });
    }
  }
  if (r.load) {
    const l = r.load;
    const runs = [
      ['preview', l.preview],
      ['refresh', l.refresh],
    ] as const;
    out.push({
      target: `${l.policies} policies over ${l.packages} packages in one stack, one token (engine preview and refresh): zero 403/429, in flight within GitHub's 100`,
      measured: runs
        .map(
          ([k, x]) =>
            `${k}: ${n(x.requests.total)} requests, 403/429: ${x.requests.rateLimited}, most in flight: ${x.requests.maxInFlight}, ${s(x.wallMs)}`,
        )
        .join('; '),
      met: runs.every(([, x]) => x.requests.rateLimited === 0 && x.requests.maxInFlight <= 100) && l.previewedPolicies === l.policies,
      why:
        `one request budget per API and token in the provider process: at most ${DEFAULT_BUDGET_LIMITS.maxInFlight} in flight, ` +
        `${DEFAULT_BUDGET_LIMITS.pointsPerMinute} points a minute (reads ${pointsOf('GET')}, mutations ${pointsOf('DELETE')})`,
    });
  }
  for (const size of [50_000, 100_000]) {
    const big = r.planning.find((p) => p.versions === size);
    if (!big && size === 100_000) continue;
    out.push({
      target: `Peak RSS of the provider process < 200 MB planning ${n(size)} versions`,
      measured: big ? `${mb(big.provider.peakRssBytes)} (child process that only plans)` : `N = ${n(size)} not in this run`,
      met: big?.provider.peakRssBytes === undefined ? undefined : big.provider.peakRssBytes < 200 * 1024 * 1024,
      why: 'process.resourceUsage().maxRSS of a process running one check',
    });
  }
  out.push(...runsVerdicts(r));
  return out;
}

/** Issue 24's targets: what a team's runs cost through the engine, and the memory of a large preview. */
export const RUN_TARGETS: Record<string, number> = { 'weekly run': 130, 'first clean-up': 1050 };

const flowName = (flow: string) => (flow === 'saved-plan' ? 'preview --save-plan + up --plan' : 'up --strict');
const sum = (steps: readonly EngineStep[], key: 'primaryRequests' | 'secondaryPoints' | 'notModified' | 'listings' | 'deleted') =>
  steps.reduce((total, x) => total + x[key], 0);

function runsVerdicts(r: BenchReport): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  for (const run of r.runs ?? []) {
    const target = RUN_TARGETS[run.label];
    if (target === undefined) continue;
    const totals = run.flows.map((f) => ({ flow: f.flow, primary: sum(f.steps, 'primaryRequests'), listings: sum(f.steps, 'listings') }));
    out.push({
      target: `${run.label} (${n(run.deletions)} of ${n(run.versions)}) through the engine, preview + up: ≤ ${n(target)} primary-limit requests`,
      measured: totals.map((t) => `${flowName(t.flow)}: ${n(t.primary)} (${t.listings} listings)`).join('; '),
      met: totals.length > 0 && totals.every((t) => t.primary <= target),
      why:
        `re-reads are conditional (a 304 is not counted), the read-back reads only changed pages; ` +
        `actions/delete-package-versions v5 by its arithmetic: ${n(run.adpv.primaryRequests)} in ${run.adpv.runs} run${run.adpv.runs === 1 ? '' : 's'}`,
    });
  }
  const m = r.memoryPreview;
  if (m) {
    out.push({
      target: `Engine preview of an uncapped ${n(m.planned)}-deletion plan (${n(m.versions)} versions): provider peak RSS < 250 MB`,
      measured: `provider ${mb(m.step.peakProviderRssBytes)}, CLI ${mb(m.step.peakCliRssBytes)}; checked inputs ${kb(m.checkedInputsBytes)}`,
      met: m.step.peakProviderRssBytes > 0 ? m.step.peakProviderRssBytes < 250 * 1024 * 1024 : undefined,
      why: 'VmHWM of the provider process (node running cmd/dynamic-provider), sampled until it exits',
    });
  }
  return out;
}

function runsSection(r: BenchReport): string[] {
  const lines: string[] = [
    "One policy over one package, through the real engine, as a team runs it, against the simulator with GitHub's limits on: " +
      '`pulumi preview --save-plan` then `pulumi up --plan` (the scheduled CI workflow: two provider processes, sharing `github-packages:cacheDir`), ' +
      'and `pulumi up --strict` (at a terminal: preview phase and update in one provider process). Every request GitHub saw, per engine operation: ' +
      "listings of the package (page-1 requests, answered 200 or 304), 304s (not counted against GitHub's primary limit), what the primary limit counts, " +
      'secondary-limit points (1 per GET, 304s included; 5 per DELETE).',
    '',
  ];
  for (const run of r.runs ?? []) {
    lines.push(
      `### ${run.label}: ${n(run.deletions)} of ${n(run.versions)} versions (policy \`${JSON.stringify(run.policy)}\`, mutationIntervalMs ${run.mutationIntervalMs})`,
      '',
      '| flow | operation | listings | requests | 304s | primary-limit requests | secondary points | deleted | wall | provider peak RSS |',
      '|---|---|---:|---|---:|---:|---:|---:|---:|---:|',
    );
    for (const f of run.flows) {
      for (const x of f.steps) {
        lines.push(
          `| ${flowName(f.flow)} | \`${x.label}\` | ${x.listings} | ${n(x.requests.total)}: ${kinds(x.requests)} | ${n(x.notModified)} | ${n(x.primaryRequests)} | ${n(x.secondaryPoints)} | ${n(x.deleted)} | ${s(x.wallMs)} | ${mb(x.peakProviderRssBytes)} |`,
        );
      }
      lines.push(
        `| ${flowName(f.flow)} | **total** | ${sum(f.steps, 'listings')} | ${n(f.steps.reduce((t, x) => t + x.requests.total, 0))} | ${n(sum(f.steps, 'notModified'))} | **${n(sum(f.steps, 'primaryRequests'))}** | ${n(sum(f.steps, 'secondaryPoints'))} | ${n(sum(f.steps, 'deleted'))} | ${s(f.steps.reduce((t, x) => t + x.wallMs, 0))} | |`,
      );
    }
    const a = run.adpv;
    lines.push(
      `| actions/delete-package-versions v5 (its arithmetic) | ${a.runs} workflow run${a.runs === 1 ? '' : 's'} | ${a.runs} | ${n(a.primaryRequests)}: list ${n(a.listRequests)}, delete ${n(a.deleteRequests)} | 0 | **${n(a.primaryRequests)}** | ${n(a.secondaryPoints)} | ${n(a.deleteRequests)} | | |`,
      '',
    );
    for (const f of run.flows) {
      const primary = sum(f.steps, 'primaryRequests');
      lines.push(
        `- ${flowName(f.flow)}: ${n(primary)} primary-limit requests, ${(primary / a.primaryRequests).toFixed(2)}× ADPV's ${n(a.primaryRequests)}; ${f.planned} deletions reviewed, ${sum(f.steps, 'deleted')} made.`,
      );
    }
    lines.push('');
  }
  lines.push(
    "ADPV's figures are computed, not measured: from its source at tag v5.0.0 (`src/version/get-versions.ts`: pages of 100 while a page is full, " +
      'floor(M/100) + 1 pages for M versions; `src/delete.ts`: at most 100 deletions a run, one DELETE each, nothing read back, no conditional request), ' +
      'so a clean-up of more than 100 versions takes one workflow run per 100, each listing the package again (`bench/adpv-arithmetic.ts`).',
  );
  return lines;
}

function memorySection(m: MemoryPreviewResult): string[] {
  return [
    `\`pulumi preview\` of a policy keeping ${n(m.versions - m.planned)} of ${n(m.versions)} versions with no cap: ${n(m.planned)} deletions in the plan, checked inputs ${kb(m.checkedInputsBytes)}, ` +
      `${n(m.step.requests.total)} requests. Peak RSS: provider ${mb(m.step.peakProviderRssBytes)}, Pulumi CLI ${mb(m.step.peakCliRssBytes)} (VmHWM of each process, sampled every 200 ms until it exits).` +
      (m.generated ? ` (Measured ${m.generated.date} by \`${m.generated.command}\`.)` : ''),
  ];
}

function planningTable(r: BenchReport): string[] {
  const rows = [
    `| N versions | provider requests | naive requests | provider wall | naive wall | ratio (provider/naive) | in flight (max) | 403/429 provider / naive | peak RSS (provider) | checked inputs: a cap of ${BENCH_CAP} / all deletions |`,
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const p of r.planning) {
    rows.push(
      `| ${n(p.versions)} | ${p.provider.requests.total}: ${kinds(p.provider.requests)} | ${p.naive ? `${p.naive.requests.total}: ${kinds(p.naive.requests)}` : 'n/a'} | ` +
        `${s(p.provider.wallMs)} | ${s(p.naive?.wallMs)} | ${ratio(p.wallRatio)} | ${p.provider.requests.maxInFlight} | ` +
        `${p.provider.requests.rateLimited} / ${p.naive ? `${p.naive.requests.rateLimited} (${p.naive.retries} blind retries)` : 'n/a'} | ${mb(p.provider.peakRssBytes)} | ` +
        `${kb(p.stateSize.cappedBytes)} (${n(p.stateSize.cappedDeletions)} deletions) / ${kb(p.stateSize.uncappedBytes)} (${n(p.stateSize.uncappedDeletions ?? 0)}) |`,
    );
  }
  return rows;
}

function orgTable(o: OrgResult): string[] {
  return [
    '| | requests | wall | 403/429 | in flight (max) |',
    '|---|---|---:|---:|---:|',
    `| provider | ${o.provider.requests.total}: ${kinds(o.provider.requests)} | ${s(o.provider.wallMs)} | ${o.provider.requests.rateLimited} | ${o.provider.requests.maxInFlight} |`,
    ...(o.naive
      ? [
          `| naive | ${o.naive.requests.total}: ${kinds(o.naive.requests)} | ${s(o.naive.wallMs)} | ${o.naive.requests.rateLimited} | ${o.naive.requests.maxInFlight} |`,
        ]
      : []),
    '',
    `Ratio provider/naive: ${ratio(o.wallRatio)}. Checked inputs (${capText(o.policy, o.provider.planned)}): ${kb(o.stateSize.cappedBytes)}.`,
  ];
}

/** Secondary-limit points a run spent: reads cost one, mutations more. */
function runPoints(x: LoadRun): number {
  const mutations = x.requests.mutations.count;
  return (x.requests.total - mutations) * pointsOf('GET') + mutations * pointsOf('DELETE');
}

function loadSection(l: LoadResult): string[] {
  const runs = [
    ['preview', l.preview],
    ['refresh', l.refresh],
  ] as const;
  const row = (what: string, x: LoadRun) =>
    `| ${what} | ${n(x.requests.total)}: ${kinds(x.requests)} | ${x.requests.rateLimited} | ${x.requests.maxInFlight} | ${s(x.wallMs)} | ${s(x.requestSpanMs)} |`;
  return [
    `One program with ${l.policies} \`PackageVersionRetention\` resources, policy i over \`pkg-i0…\` to \`pkg-i9…\` (ten packages each; \`${JSON.stringify(l.policy)}\`), ` +
      `through the real engine (the Pulumi CLI that scripts/ensure-pulumi.sh pins), whose one provider process serves them all with one token. \`pulumi preview\`: the engine checks the resources one after another ` +
      `(${l.previewedPolicies} policies previewed, ${n(l.plannedDeletions)} deletions planned). \`pulumi refresh\` of the same policies in state (kept with nothing to delete): ` +
      "the engine reads them all in parallel, so every policy lists its packages at once. The simulator is reset before each measured run (a new provider process, GitHub's windows empty).",
    ...(l.generated ? ['', `Rerun on its own by \`${l.generated.command}\` on ${l.generated.date} (same simulator settings as above).`] : []),
    '',
    '| run | requests | 403/429 | in flight (max) | wall (engine operation) | first request to last answer |',
    '|---|---|---:|---:|---:|---:|',
    row('preview', l.preview),
    row('refresh', l.refresh),
    '',
    ...runs.map(([what, x]) => {
      const points = runPoints(x);
      const over = points > LIMITS.secondaryPointsPerMinute;
      return `The ${what} cost ${n(points)} points, ${over ? 'more than' : 'within'} GitHub's ${LIMITS.secondaryPointsPerMinute} a minute${over ? ` (its requests spanned ${s(x.requestSpanMs)})` : ''}.`;
    }),
    '',
    'The provider process spends its points through one budget for the token (`provider/client/request-budget.ts`), so an excess waits for the window ' +
      'instead of being refused. The budget is per process: a second process (another stack, another tool) using the same token right after has ' +
      "its own, and GitHub's answer then paces it.",
  ];
}

function deleteSection(d: DeleteResult): string[] {
  const rows = [
    `Policy: ${d.deletions} of ${n(d.packageVersions)} versions (\`${JSON.stringify(d.policy)}\`). Preview of all ${d.deletions}: ` +
      `${d.fullPreview.requests.total} requests (${kinds(d.fullPreview.requests)}), ${s(d.fullPreview.wallMs)}, checked inputs ${kb(d.fullPreview.checkedInputsBytes)} ` +
      `(state holds them as inputs and again in the outputs; a saved plan once more).`,
    '',
    `Each setting: preview capped at ${d.sample} deletions (maxDeletionsPerRun), then apply by a fresh provider (preflight, one re-listing, confirm, serial deletes). ` +
      'Rates are start-to-start from the simulator log; estimates extrapolate the measured pace.',
    '',
    '| mutationIntervalMs | configured | sustained | share | min start gap | mean DELETE latency | overlaps | 403/429 | apply requests | apply wall | listings (preview + apply) | est. 500 deletes | est. 50,000 deletes (pace) | est. 50,000 with 5,000 req/h primary limit |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const x of d.settings) {
    const m = x.apply.requests.mutations;
    rows.push(
      `| ${x.mutationIntervalMs} | ${x.configuredPerMinute.toFixed(1)}/min | ${m.sustainedPerMinute?.toFixed(1) ?? 'n/a'}/min | ${pct(x.sustainedShare)} | ` +
        `${m.minStartGapMs ?? 'n/a'} ms | ${m.meanDurationMs?.toFixed(0) ?? 'n/a'} ms | ${m.overlapping} | ${x.apply.requests.rateLimited} | ` +
        `${x.apply.requests.total}: ${kinds(x.apply.requests)} | ${s(x.apply.wallMs)} | ${x.listingsInFullUp} | ${s(x.estimate500Ms)} | ${s(x.estimate50kMs)} | ${s(x.estimate50kWithPrimaryMs)} |`,
    );
  }
  if (d.naive) {
    const q = d.naive;
    // The naive client GETs each version before deleting it (bench/naive-client.ts).
    const naivePoints = LIMITS.getPoints + LIMITS.deletePoints;
    rows.push(
      '',
      `Naive baseline (list with pages of 30, then GET + DELETE per version, no spacing, blind 1 s retries) on the first ${q.sample} deletions: ` +
        `${q.requests.total} requests (${kinds(q.requests)}), ${s(q.wallMs)}, ${q.requests.mutations.count} deleted, ` +
        `sustained ${q.sustainedPerMinute?.toFixed(1) ?? 'n/a'}/min, **${q.requests.rateLimited} responses 403/429** (${q.retries} blind retries), ` +
        `overlapping mutations: ${q.requests.mutations.overlapping}. Its own pace bounded by GitHub's limits ` +
        `(${naivePoints} points per version: after the first ${n(LIMITS.secondaryPointsPerMinute)} points, ≤ ${n(Math.floor(LIMITS.secondaryPointsPerMinute / naivePoints))} versions/min; ` +
        `2 requests per version: after the first ${n(LIMITS.primaryPerHour)} requests, ≤ ${n(Math.floor(LIMITS.primaryPerHour / 2))} versions/h; the 403s it gets meanwhile are not counted in the estimate): ` +
        `est. ${d.deletions} deletes ${s(q.estimate500Ms)}, 50,000 deletes ${s(q.estimate50kMs)}.`,
    );
    for (const x of d.settings) {
      if (x.estimate500Ms !== undefined)
        rows.push(`- ${d.deletions} deletes, provider at ${x.mutationIntervalMs} ms vs naive: ratio ${ratio(x.estimate500Ms / q.estimate500Ms)}`);
    }
  }
  return rows;
}

export function renderBenchmarkReport(r: BenchReport): string {
  const m = r.machine;
  const v = verdicts(r);
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`${r.command}\` on ${m.date} in ${s(r.totalWallMs)}. Do not edit by hand; numbers are from one run and move a little from run to run.`,
    ...(r.reruns ?? []).map((x) => `Rerun since, on the same machine: ${x.scenarios.join(', ')} on ${x.date} by \`${x.command}\`.`),
    '',
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${mb(m.memoryBytes)} memory, ${m.platform}`,
    `- Node ${m.node}`,
    `- Simulator: separate process (\`node dist/simulator/bin.js\`), ${r.latencyMs} ms latency per API request, GitHub's primary and secondary limits on, clock following real time; reset before each measured run.`,
    "- Provider: the `PackageVersionRetention` dynamic provider (`check` = preview, `create` = apply) built from stack config as the engine's provider process builds it; real clock. Planning runs in a child process that does nothing else, so its peak RSS is the provider's own.",
    '- Naive baseline (`bench/naive-client.ts`): plain fetch, pages of 30 one after another, one GET per version before deleting it, no concurrency, no spacing, blind fixed 1 s retries on 403/429/5xx.',
    '',
    '## Reproduce',
    '',
    "<!-- code-block: not-run — a maintainer's command that takes minutes; the run it describes writes this page -->",
    '```sh',
    `npm run bench                      # full run (this one took ${s(r.totalWallMs)}), writes docs/benchmarks.md and docs/benchmarks.json`,
    'npm run bench -- --sizes 1000 --org-packages 20 --deletions 50 --delete-sample 10 --naive-delete-sample 10   # quick run',
    'npm run bench -- --only load       # only the engine run of many policies (needs the pulumi CLI); the rest is kept from benchmarks.json',
    'npm run bench -- --only runs,memory  # only the engine runs users make and the large preview (needs the pulumi CLI)',
    '```',
    'Flags: `--latency ms`, `--sizes a,b,c`, `--org-packages`, `--org-versions`, `--deletions`, `--delete-sample`, `--intervals 1000,340`, `--naive-delete-sample`, `--no-naive`, `--load-policies`, `--load-packages`, `--load-versions`, `--weekly versions,deletions`, `--first versions,deletions`, `--first-interval ms`, `--flows saved-plan,strict`, `--memory-versions`, `--only planning,org,delete,load,runs,memory`, `--out dir`.',
    '',
    '## Targets (issues 7 and 24)',
    '',
    '| target | measured | verdict | why |',
    '|---|---|---|---|',
    ...v.map((t) => `| ${t.target} | ${t.measured} | ${mark(t.met)} | ${t.why} |`),
    '',
    '## Planning: one package with N versions',
    '',
    `Provider: \`check\` of a policy keeping the newest ${keptShare(r.planning)} (a cap of ${BENCH_CAP} deletions per run): \`GET /user\` for the token's scopes, the listing, planRetention, plan view. Naive: the listing with pages of 30, then the same planner. Checked inputs = what the resource stores (user properties + \`pendingDeletions\`, \`planSummary\`, …), for that cap and for a plan holding every qualifying deletion.`,
    '',
    ...planningTable(r),
  ];
  if (r.org)
    lines.push(
      '',
      `## Org: ${r.org.packages} packages × ${r.org.versionsEach} versions`,
      '',
      `Policy \`${JSON.stringify(r.org.policy)}\`: the org's packages are listed, then each package's versions.`,
      '',
      ...orgTable(r.org),
    );
  if (r.delete) lines.push('', `## Deleting: a policy that deletes ${r.delete.deletions} versions`, '', ...deleteSection(r.delete));
  if (r.load)
    lines.push(
      '',
      `## Many policies, one token: ${r.load.policies} policies over ${r.load.packages} packages × ${r.load.versionsEach} versions`,
      '',
      ...loadSection(r.load),
    );
  if (r.runs && r.runs.length > 0) {
    lines.push('', '## What users run: preview + up through the engine', '');
    if (r.runsGenerated) lines.push(`(Measured ${r.runsGenerated.date} by \`${r.runsGenerated.command}\`.)`, '');
    lines.push(...runsSection(r));
  }
  if (r.memoryPreview) lines.push('', '## Memory of a large preview through the engine', '', ...memorySection(r.memoryPreview));
  lines.push('', '## Findings', '', ...findings(r), '');
  return lines.join('\n');
}

function findings(r: BenchReport): string[] {
  const out: string[] = [];
  const failed = verdicts(r).filter((t) => t.met === false);
  out.push(failed.length === 0 ? '- Every measured target is met.' : `- Targets not met: ${failed.map((t) => t.target).join('; ')}.`);
  const d = r.delete;
  if (d) {
    const low = d.settings.filter((x) => (x.sustainedShare ?? 1) < 0.9);
    for (const x of low) {
      out.push(`- Delete pace at ${x.mutationIntervalMs} ms reached ${pct(x.sustainedShare ?? 0)} of the configured rate: ${paceReason(x)}.`);
    }
    out.push(...cleanUpFindings(d));
  }
  const o = r.org;
  if (o && o.wallRatio !== undefined && o.wallRatio > 0.25) {
    const perPackage = (o.provider.requests.byKind.listVersions ?? 0) / o.packages;
    out.push(
      `- Org planning: ratio ${ratio(o.wallRatio)}. With ${perPackage.toFixed(2)} pages per package there are ${perPackage <= 1 ? 'no' : 'few'} later pages to fetch concurrently; ` +
        `the provider lists several packages at once (${o.provider.requests.maxInFlight} requests in flight at most; \`PACKAGE_CONCURRENCY\` in \`provider/resources/selected-packages.ts\`).`,
    );
  }
  return out;
}

/** What bounds a 50,000-version clean-up, from the estimates of each measured setting. */
function cleanUpFindings(d: DeleteResult): string[] {
  const measured = d.settings.filter((x) => x.estimate50kMs !== undefined && x.estimate50kWithPrimaryMs !== undefined);
  if (measured.length === 0) return [];
  const bound = (x: DeleteSetting) => (x.estimate50kWithPrimaryMs! > x.estimate50kMs! ? 'the primary limit' : 'the pace itself');
  return [
    `- A 50,000-version clean-up, estimated from each setting's measured pace and GitHub's primary limit (${n(LIMITS.primaryPerHour)} requests per hour per token: ` +
      `the first hour's ${n(LIMITS.primaryPerHour)}, then ${n(LIMITS.primaryPerHour)} per hour): ` +
      measured
        .map((x) => `at ${x.mutationIntervalMs} ms, ${s(x.estimate50kWithPrimaryMs)} (bound by ${bound(x)}; the pace alone ${s(x.estimate50kMs)})`)
        .join('; ') +
      '. A run is capped only when maxDeletionsPerRun is given (no cap by default: a first clean-up is one run). ' +
      "The preview states this cost before anything is deleted: the retention resource's `planEstimate` input.",
  ];
}

/** The share of versions the planning policies keep (`keepNewest` / N), when all of them keep the same share. */
function keptShare(planning: PlanningResult[]): string {
  const shares = [
    ...new Set(planning.map((p) => (typeof p.policy.keepNewest === 'number' ? Math.round((p.policy.keepNewest / p.versions) * 100) : NaN))),
  ];
  return shares.length === 1 && !Number.isNaN(shares[0]) ? `${shares[0]}%` : `versions of \`${JSON.stringify(planning[0]?.policy)}\``;
}

/** The policy's cap as the report names it: the scenario's own, not an assumed one (there is no default cap). */
function capText(policy: Record<string, unknown>, planned: number | undefined): string {
  const cap = policy.maxDeletionsPerRun;
  if (typeof cap === 'number') return `a cap of ${cap} deletions`;
  return `no cap: all ${planned?.toLocaleString('en-US') ?? '?'} deletions`;
}
