/** docs/benchmarks.md from one run's results: machine, how to reproduce, targets met or not (and why), tables. */
import type { MachineInfo } from './machine-info';
import type { RequestStats } from './request-stats';
import type { DeleteResult, LoadResult, LoadRun, OrgResult, PlanningResult } from './scenario-types';

export interface BenchReport {
  machine: MachineInfo;
  latencyMs: number;
  command: string;
  planning: PlanningResult[];
  org?: OrgResult;
  delete?: DeleteResult;
  load?: LoadResult;
  totalWallMs: number;
}

export interface TargetVerdict {
  target: string;
  measured: string;
  met: boolean | undefined;
  why: string;
}

const n = (x: number) => x.toLocaleString('en-US');
const s = (ms: number | undefined) => (ms === undefined ? 'n/a' : ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(2)} s`);
const mb = (b: number | undefined) => (b === undefined ? 'n/a' : `${(b / 1024 / 1024).toFixed(0)} MB`);
const kb = (b: number | undefined) => (b === undefined ? 'n/a' : b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${(b / 1024).toFixed(1)} KB`);
const pct = (x: number | undefined) => (x === undefined ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const ratio = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(3)} (1/${(1 / x).toFixed(1)})`);
const mark = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? '**met**' : '**NOT met**');

function kinds(r: RequestStats): string {
  return Object.entries(r.byKind).map(([k, v]) => `${k} ${n(v!)}`).join(', ');
}

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
      why: 'pages of 100 (GitHub maximum); the page count comes from page 1\'s Link rel="last"',
    });
  }
  if (r.org) {
    const o = r.org;
    const perPackage = (o.provider.requests.byKind.listVersions ?? 0) / o.packages;
    out.push({
      target: `Org ${o.packages} × ${o.versionsEach}: list requests ≤ ceil(${o.versionsEach}/100) + 2 = ${o.listRequestBudgetPerPackage} per package`,
      measured: `${perPackage.toFixed(2)} version-list requests per package, + ${o.provider.requests.byKind.listPackages ?? 0} package-list pages for the org`,
      met: perPackage <= o.listRequestBudgetPerPackage,
      why: 'one page of 100 per package',
    });
  }
  const multi = r.planning.filter((p) => p.listRequestBudget - 2 > 1);
  if (multi.length > 0) {
    const flights = multi.map((p) => p.provider.requests.maxInFlight);
    out.push({
      target: 'Remaining pages fetched concurrently, within the secondary limit\'s concurrency (100)',
      measured: `most requests in flight: ${multi.map((p) => `N=${n(p.versions)}: ${p.provider.requests.maxInFlight}`).join(', ')}`,
      met: flights.every((f) => f > 1 && f <= 100),
      why: 'after page 1, the other pages go readConcurrency (default 4) at a time',
    });
  }
  const tenK = r.planning.find((p) => p.versions === 10_000);
  out.push({
    target: `Planning wall time ≤ ¼ of the naive baseline at ${r.latencyMs} ms latency, N = 10,000`,
    measured: tenK?.wallRatio !== undefined ? `${s(tenK.provider.wallMs)} vs ${s(tenK.naive!.wallMs)}: ratio ${ratio(tenK.wallRatio)}` : 'N = 10,000 or the naive run not in this run',
    met: tenK?.wallRatio === undefined ? undefined : tenK.wallRatio <= 0.25,
    why: '100 pages of 100, 4 at a time, vs 334 pages of 30 one after another',
  });
  if (r.delete) {
    const listings = Math.max(...r.delete.settings.map((x) => x.listingsInFullUp));
    out.push({
      target: 'A full `up` (preview + apply) lists each package at most three times; no per-version GET anywhere',
      measured: `listings of the package in preview + apply: ${listings}; per-version GETs by the provider in all scenarios: ${perVersionGets(r)}`,
      met: listings <= 3 && perVersionGets(r) === 0,
      why: 'apply confirms the reviewed deletions against one fresh listing, and verifies them with one more after deleting',
    });
    for (const x of r.delete.settings) {
      const m = x.apply.requests.mutations;
      const ok = (x.sustainedShare ?? 0) >= 0.9 && x.apply.requests.rateLimited === 0 && m.overlapping === 0;
      const endToStart = m.meanDurationMs !== undefined ? 60_000 / (x.mutationIntervalMs + m.meanDurationMs) : undefined;
      out.push({
        target: `Deletes at mutationIntervalMs ${x.mutationIntervalMs} (configured ${x.configuredPerMinute.toFixed(1)}/min): ≥ 90% of the configured rate, zero 403/429, no overlap`,
        measured:
          `${m.sustainedPerMinute?.toFixed(1) ?? 'n/a'}/min = ${pct(x.sustainedShare)} of configured over ${m.count} deletes; ` +
          `403/429: ${x.apply.requests.rateLimited}; overlapping mutation pairs: ${m.overlapping}`,
        met: ok,
        why:
          (x.sustainedShare ?? 0) >= 0.9
            ? 'serial deletes, each started `interval` after the previous one started, never overlapping'
            : `client design: MutationQueue waits the interval after the previous mutation *ended*, so each delete costs interval + latency ` +
              `(${x.mutationIntervalMs} + ${m.meanDurationMs?.toFixed(0)} ms → at most ${endToStart?.toFixed(1)}/min); see "Findings"`,
      });
    }
  }
  if (r.load) {
    const l = r.load;
    const runs = [['preview', l.preview], ['refresh', l.refresh]] as const;
    out.push({
      target: `${l.policies} policies over ${l.packages} packages in one stack, one token (engine preview and refresh): zero 403/429, in flight within GitHub's 100`,
      measured: runs.map(([k, x]) => `${k}: ${n(x.requests.total)} requests, 403/429: ${x.requests.rateLimited}, most in flight: ${x.requests.maxInFlight}, ${s(x.wallMs)}`).join('; '),
      met: runs.every(([, x]) => x.requests.rateLimited === 0 && x.requests.maxInFlight <= 100) && l.previewedPolicies === l.policies,
      why: 'one request budget per API and token in the provider process: at most 32 in flight, 900 points a minute (reads 1, mutations 5)',
    });
  }
  const big = r.planning.find((p) => p.versions === 50_000);
  out.push({
    target: 'Peak RSS of the provider process < 200 MB planning 50,000 versions',
    measured: big ? `${mb(big.provider.peakRssBytes)} (child process that only plans)` : 'N = 50,000 not in this run',
    met: big?.provider.peakRssBytes === undefined ? undefined : big.provider.peakRssBytes < 200 * 1024 * 1024,
    why: 'process.resourceUsage().maxRSS of a process running one check',
  });
  return out;
}

function planningTable(r: BenchReport): string[] {
  const rows = [
    '| N versions | provider requests | naive requests | provider wall | naive wall | ratio (provider/naive) | in flight (max) | 403/429 provider / naive | peak RSS (provider) | checked inputs: default cap / all deletions |',
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
    ...(o.naive ? [`| naive | ${o.naive.requests.total}: ${kinds(o.naive.requests)} | ${s(o.naive.wallMs)} | ${o.naive.requests.rateLimited} | ${o.naive.requests.maxInFlight} |`] : []),
    '',
    `Ratio provider/naive: ${ratio(o.wallRatio)}. Checked inputs (default cap of 100 deletions): ${kb(o.stateSize.cappedBytes)}.`,
  ];
}

function loadSection(l: LoadResult): string[] {
  const row = (what: string, x: LoadRun) =>
    `| ${what} | ${n(x.requests.total)}: ${kinds(x.requests)} | ${x.requests.rateLimited} | ${x.requests.maxInFlight} | ${s(x.wallMs)} | ${s(x.requestSpanMs)} |`;
  return [
    `One program with ${l.policies} \`PackageVersionRetention\` resources, policy i over \`pkg-i0…\` to \`pkg-i9…\` (ten packages each; \`${JSON.stringify(l.policy)}\`), ` +
      `through the real engine (v3.274.1), whose one provider process serves them all with one token. \`pulumi preview\`: the engine checks the resources one after another ` +
      `(${l.previewedPolicies} policies previewed, ${n(l.plannedDeletions)} deletions planned). \`pulumi refresh\` of the same policies in state (kept with nothing to delete): ` +
      'the engine reads them all in parallel, so every policy lists its packages at once. The simulator is reset before each measured run (a new provider process, GitHub\'s windows empty).',
    ...(l.generated ? ['', `Rerun on its own by \`${l.generated.command}\` on ${l.generated.date} (same simulator settings as above).`] : []),
    '',
    '| run | requests | 403/429 | in flight (max) | wall (engine operation) | first request to last answer |',
    '|---|---|---:|---:|---:|---:|',
    row('preview', l.preview),
    row('refresh', l.refresh),
    '',
    `Each run costs about ${n(l.preview.requests.total)} points (all reads), more than GitHub's 900 a minute: the provider process spends them through one budget ` +
      'for the token (`provider/client/request-budget.ts`), so the excess waits for the window instead of being refused. The budget is per process: ' +
      'a second process (another stack, another tool) using the same token right after has its own, and GitHub\'s answer then paces it.',
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
    rows.push(
      '',
      `Naive baseline (list with pages of 30, then GET + DELETE per version, no spacing, blind 1 s retries) on the first ${q.sample} deletions: ` +
        `${q.requests.total} requests (${kinds(q.requests)}), ${s(q.wallMs)}, ${q.requests.mutations.count} deleted, ` +
        `sustained ${q.sustainedPerMinute?.toFixed(1) ?? 'n/a'}/min, **${q.requests.rateLimited} responses 403/429** (${q.retries} blind retries), ` +
        `overlapping mutations: ${q.requests.mutations.overlapping}. Its own pace bounded by GitHub's limits ` +
        `(6 points per version: after the first 900 points, ≤ 150 versions/min; 2 requests per version: after the first 5,000 requests, ≤ 2,500 versions/h; the 403s it gets meanwhile are not counted in the estimate): ` +
        `est. ${d.deletions} deletes ${s(q.estimate500Ms)}, 50,000 deletes ${s(q.estimate50kMs)}.`,
    );
    for (const x of d.settings) {
      if (x.estimate500Ms !== undefined) rows.push(`- ${d.deletions} deletes, provider at ${x.mutationIntervalMs} ms vs naive: ratio ${ratio(x.estimate500Ms / q.estimate500Ms)}`);
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
    '',
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${mb(m.memoryBytes)} memory, ${m.platform}`,
    `- Node ${m.node}`,
    `- Simulator: separate process (\`node dist/simulator/bin.js\`), ${r.latencyMs} ms latency per API request, GitHub's primary and secondary limits on, clock following real time; reset before each measured run.`,
    '- Provider: the `PackageVersionRetention` dynamic provider (`check` = preview, `create` = apply) built from stack config as the engine\'s provider process builds it; real clock. Planning runs in a child process that does nothing else, so its peak RSS is the provider\'s own.',
    '- Naive baseline (`bench/naive-client.ts`): plain fetch, pages of 30 one after another, one GET per version before deleting it, no concurrency, no spacing, blind fixed 1 s retries on 403/429/5xx.',
    '',
    '## Reproduce',
    '',
    '```sh',
    'npm run bench                      # full run (about 6 minutes), writes docs/benchmarks.md and docs/benchmarks.json',
    'npm run bench -- --sizes 1000 --org-packages 20 --deletions 50 --delete-sample 10 --naive-delete-sample 10   # quick run',
    'npm run bench -- --only load       # only the engine run of many policies (needs the pulumi CLI); the rest is kept from benchmarks.json',
    '```',
    'Flags: `--latency ms`, `--sizes a,b,c`, `--org-packages`, `--org-versions`, `--deletions`, `--delete-sample`, `--intervals 1000,340`, `--naive-delete-sample`, `--no-naive`, `--load-policies`, `--load-packages`, `--load-versions`, `--only planning,org,delete,load`, `--out dir`.',
    '',
    '## Targets (issue 7)',
    '',
    '| target | measured | verdict | why |',
    '|---|---|---|---|',
    ...v.map((t) => `| ${t.target} | ${t.measured} | ${mark(t.met)} | ${t.why} |`),
    '',
    '## Planning: one package with N versions',
    '',
    'Provider: `check` of a policy keeping the newest 60% (default cap of 100 deletions per run): `GET /user` for the token\'s scopes, the listing, planRetention, plan view. Naive: the listing with pages of 30, then the same planner. Checked inputs = what the resource stores (user properties + `pendingDeletions`, `planSummary`, …), for the default cap and for a plan holding every qualifying deletion.',
    '',
    ...planningTable(r),
  ];
  if (r.org) lines.push('', `## Org: ${r.org.packages} packages × ${r.org.versionsEach} versions`, '', 'Policy over `pkg-*`: the org\'s packages are listed, then each package\'s versions.', '', ...orgTable(r.org));
  if (r.delete) lines.push('', `## Deleting: a policy that deletes ${r.delete.deletions} versions`, '', ...deleteSection(r.delete));
  if (r.load) lines.push('', `## Many policies, one token: ${r.load.policies} policies over ${r.load.packages} packages × ${r.load.versionsEach} versions`, '', ...loadSection(r.load));
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
      const lat = x.apply.requests.mutations.meanDurationMs ?? 0;
      out.push(
        `- Delete pace at ${x.mutationIntervalMs} ms reached ${pct(x.sustainedShare ?? 0)} of the configured rate (mean DELETE latency ${lat.toFixed(0)} ms). ` +
          'The client starts mutations `intervalMs` apart, one at a time; a shortfall means requests took longer than the interval.',
      );
    }
    out.push(
      '- A 50,000-version clean-up is bounded by the primary limit (5,000 requests per hour per token) whatever the spacing: about 9 h of DELETEs or more (the first hour\'s 5,000, then 5,000 per hour). At the default 1 s spacing the pace itself (about ' +
        `${s(d.settings.find((x) => x.mutationIntervalMs === 1000)?.estimate50kMs)}) is the bound; faster settings only help up to 5,000 deletes per hour, and each run is also capped by maxDeletionsPerRun (default 100). ` +
        'The preview states this cost before anything is deleted: the retention resource\'s `planEstimate` input.',
    );
  }
  if (r.org && r.org.wallRatio !== undefined && r.org.wallRatio > 0.25) {
    out.push(
      `- Org planning: ratio ${ratio(r.org.wallRatio)}. With one page per package there are no later pages to fetch concurrently; ` +
        'the provider lists four packages at a time (`PACKAGE_CONCURRENCY` in `provider/resources/retention-provider.ts`).',
    );
  }
  return out;
}
