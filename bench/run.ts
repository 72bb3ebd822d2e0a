#!/usr/bin/env node
/**
 * `npm run bench`: every issue-7 scenario against the simulator in its own process (latency per request, GitHub's
 * limits on, real-time clock), the provider side by side with the naive baseline in the same run. Writes
 * docs/benchmarks.md and docs/benchmarks.json. Flags make a quick run possible:
 *   --latency 50  --sizes 1000,10000,50000  --org-packages 200 --org-versions 50
 *   --deletions 500 --delete-sample 60 --intervals 1000,340 --naive-delete-sample 200 --no-naive --out docs
 *   --load-policies 50 --load-packages 500 --load-versions 101 (the engine run; needs the pulumi CLI, see scripts/ensure-pulumi.sh)
 *   --weekly 10000,10 --first 1000,990 --first-interval 340 --flows saved-plan,strict (the engine runs users make)
 *   --memory-versions 50000 (an engine preview of an uncapped plan, for memory)
 *   --only load   (rerun some scenarios: planning, org, delete, load, runs, memory; the others are kept from <out>/benchmarks.json)
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { startSimulatorProcess } from './bench-simulator';
import { BENCH_TOKEN, orgFixture, singlePackageFixture } from './bench-fixtures';
import { runPlanningScenario } from './planning-scenario';
import { runOrgScenario } from './org-scenario';
import { runDeleteScenario } from './delete-scenario';
import { runLoadScenario } from './load-scenario';
import { runEngineRuns, runMemoryPreview, type RunSpec } from './runs-scenario';
import { machineInfo } from './machine-info';
import { renderBenchmarkReport, type BenchReport } from './render-report';

const SCENARIOS = ['planning', 'org', 'delete', 'load', 'runs', 'memory'];

function numbers(raw: string, flag: string): number[] {
  const list = raw.split(',').map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`--${flag} takes whole numbers separated by commas, got "${raw}"`);
  return list;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      latency: { type: 'string', default: '50' },
      sizes: { type: 'string', default: '1000,10000,50000' },
      'org-packages': { type: 'string', default: '200' },
      'org-versions': { type: 'string', default: '50' },
      deletions: { type: 'string', default: '500' },
      'delete-sample': { type: 'string', default: '60' },
      intervals: { type: 'string', default: '1000,340' },
      'naive-delete-sample': { type: 'string', default: '200' },
      'no-naive': { type: 'boolean', default: false },
      'load-policies': { type: 'string', default: '50' },
      'load-packages': { type: 'string', default: '500' },
      'load-versions': { type: 'string', default: '101' },
      weekly: { type: 'string', default: '10000,10' },
      first: { type: 'string', default: '1000,990' },
      'first-interval': { type: 'string', default: '340' },
      flows: { type: 'string', default: 'saved-plan,strict' },
      'memory-versions': { type: 'string', default: '50000' },
      only: { type: 'string', default: SCENARIOS.join(',') },
      out: { type: 'string', default: path.join(__dirname, '..', '..', 'docs') },
    },
  });
  const latencyMs = numbers(values.latency, 'latency')[0];
  const naive = !values['no-naive'];
  const argv = process.argv.slice(2).join(' ');
  const started = Date.now();
  const log = (m: string) => process.stdout.write(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${m}\n`);
  const command = `npm run bench${argv ? ` -- ${argv}` : ''}`;
  const only = new Set(values.only.split(',').map((x) => x.trim()));
  const unknown = [...only].filter((x) => !SCENARIOS.includes(x));
  if (unknown.length > 0) throw new Error(`--only takes ${SCENARIOS.join(', ')}; got ${unknown.join(', ')}`);
  const partial = SCENARIOS.some((x) => !only.has(x));
  const jsonPath = path.join(values.out, 'benchmarks.json');
  const report: BenchReport =
    partial && fs.existsSync(jsonPath)
      ? (JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as BenchReport)
      : { machine: machineInfo(), latencyMs, command, planning: [], totalWallMs: 0 };
  if (!partial) report.command = command;

  for (const n of only.has('planning') ? numbers(values.sizes, 'sizes') : []) {
    log(`planning: one package, ${n} versions`);
    const sim = await startSimulatorProcess({ fixture: singlePackageFixture('big', n), latencyMs });
    try {
      const result = await runPlanningScenario({ sim, token: BENCH_TOKEN, packageName: 'big', versions: n, measureIn: 'child', naive });
      // A rerun of a size replaces its row (earlier partial reruns appended a second row per size).
      report.planning = [...report.planning.filter((p) => p.versions !== n), result].sort((a, b) => a.versions - b.versions);
    } finally {
      await sim.stop();
    }
  }

  const packages = numbers(values['org-packages'], 'org-packages')[0];
  const versionsEach = numbers(values['org-versions'], 'org-versions')[0];
  if (only.has('org') && packages > 0) {
    log(`org: ${packages} packages x ${versionsEach} versions`);
    const sim = await startSimulatorProcess({ fixture: orgFixture(packages, versionsEach), latencyMs });
    try {
      report.org = await runOrgScenario({ sim, token: BENCH_TOKEN, packages, versionsEach, naive });
    } finally {
      await sim.stop();
    }
  }

  const deletions = numbers(values.deletions, 'deletions')[0];
  if (only.has('delete') && deletions > 0) {
    const packageVersions = deletions * 2 + 1;
    const intervals = numbers(values.intervals, 'intervals');
    log(`delete: ${deletions} of ${packageVersions} versions, sample ${values['delete-sample']} at intervals ${intervals.join(', ')} ms`);
    const sim = await startSimulatorProcess({ fixture: singlePackageFixture('cleanup', packageVersions), latencyMs });
    try {
      report.delete = await runDeleteScenario({
        sim,
        token: BENCH_TOKEN,
        packageName: 'cleanup',
        packageVersions,
        deletions,
        sample: numbers(values['delete-sample'], 'delete-sample')[0],
        mutationIntervalsMs: intervals,
        naiveSample: naive ? numbers(values['naive-delete-sample'], 'naive-delete-sample')[0] : 0,
      });
    } finally {
      await sim.stop();
    }
  }

  const policies = numbers(values['load-policies'], 'load-policies')[0];
  if (only.has('load') && policies > 0) {
    const loadPackages = numbers(values['load-packages'], 'load-packages')[0];
    const loadVersions = numbers(values['load-versions'], 'load-versions')[0];
    log(`load: ${policies} policies over ${loadPackages} packages x ${loadVersions} versions, one engine preview`);
    const sim = await startSimulatorProcess({ fixture: orgFixture(loadPackages, loadVersions), latencyMs });
    try {
      report.load = await runLoadScenario({ sim, token: BENCH_TOKEN, policies, packages: loadPackages, versionsEach: loadVersions });
      if (partial) report.load.generated = { date: new Date().toISOString(), command };
    } finally {
      await sim.stop();
    }
  }

  if (only.has('runs')) {
    const flows = values.flows.split(',').map((f) => f.trim());
    if (flows.some((f) => f !== 'saved-plan' && f !== 'strict')) throw new Error(`--flows takes saved-plan, strict; got ${values.flows}`);
    const [weeklyVersions, weeklyDeletions] = numbers(values.weekly, 'weekly');
    const [firstVersions, firstDeletions] = numbers(values.first, 'first');
    const specs: RunSpec[] = [
      {
        label: 'first clean-up',
        packageName: 'first',
        versions: firstVersions,
        deletions: firstDeletions,
        mutationIntervalMs: numbers(values['first-interval'], 'first-interval')[0],
        flows: flows as RunSpec['flows'],
      },
      {
        label: 'weekly run',
        packageName: 'weekly',
        versions: weeklyVersions,
        deletions: weeklyDeletions,
        mutationIntervalMs: 1000,
        flows: flows as RunSpec['flows'],
      },
    ];
    report.runs = [];
    for (const spec of specs) {
      log(`runs: ${spec.label}, ${spec.deletions} of ${spec.versions} versions through the engine (${flows.join(', ')})`);
      const sim = await startSimulatorProcess({ fixture: singlePackageFixture(spec.packageName, spec.versions), latencyMs });
      try {
        report.runs.push(await runEngineRuns({ sim, token: BENCH_TOKEN, spec }));
      } finally {
        await sim.stop();
      }
    }
    if (partial) report.runsGenerated = { date: new Date().toISOString(), command };
  }

  const memoryVersions = numbers(values['memory-versions'], 'memory-versions')[0];
  if (only.has('memory') && memoryVersions > 0) {
    log(`memory: engine preview of an uncapped plan over ${memoryVersions} versions`);
    const sim = await startSimulatorProcess({ fixture: singlePackageFixture('huge', memoryVersions), latencyMs });
    try {
      report.memoryPreview = await runMemoryPreview({ sim, token: BENCH_TOKEN, packageName: 'huge', versions: memoryVersions, keep: 10 });
      if (partial) report.memoryPreview.generated = { date: new Date().toISOString(), command };
    } finally {
      await sim.stop();
    }
  }

  if (!partial) report.totalWallMs = Date.now() - started;
  else (report.reruns ??= []).push({ scenarios: [...only], date: new Date().toISOString(), command });
  fs.mkdirSync(values.out, { recursive: true });
  fs.writeFileSync(path.join(values.out, 'benchmarks.json'), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(values.out, 'benchmarks.md'), renderBenchmarkReport(report));
  log(`wrote ${path.join(values.out, 'benchmarks.md')} and benchmarks.json`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
