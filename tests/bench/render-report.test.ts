/**
 * The benchmark report says only what the run measured: rendered from the committed docs/benchmarks.json (and from
 * copies of it with other numbers), every claim follows the data. The full bench is not rerun here (it is heavy).
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderBenchmarkReport, verdicts, type BenchReport } from '../../bench/render-report';
import { adpvCost } from '../../bench/adpv-arithmetic';
import type { EngineStep } from '../../bench/scenario-types';

const DOCS = path.join(__dirname, '../../docs');
const committed = (): BenchReport => JSON.parse(fs.readFileSync(path.join(DOCS, 'benchmarks.json'), 'utf8')) as BenchReport;
const why = (r: BenchReport, target: RegExp) => verdicts(r).find((v) => target.test(v.target))!.why;

describe('the benchmark report', () => {
  it('docs/benchmarks.md is what the renderer makes of docs/benchmarks.json', () => {
    expect(fs.readFileSync(path.join(DOCS, 'benchmarks.md'), 'utf8')).toBe(renderBenchmarkReport(committed()));
  });

  it('explains a delete pace below 90% by the measured DELETE latency, with the spacing the client uses (start to start)', () => {
    const r = committed();
    const x = r.delete!.settings.find((s) => s.mutationIntervalMs === 340)!;
    x.sustainedShare = 0.7;
    x.apply.requests.mutations.meanDurationMs = 480;
    const text = why(r, /mutationIntervalMs 340/);
    expect(text).toContain(
      'a DELETE took 480 ms on average, longer than the interval, so each delete waited for the previous one to end (at most 125.0/min)',
    );
    expect(text).not.toMatch(/ended\*|interval \+ latency/);
    expect(renderBenchmarkReport(r)).toContain('- Delete pace at 340 ms reached 70.0% of the configured rate: serial deletes');

    x.apply.requests.mutations.meanDurationMs = 60;
    expect(why(r, /mutationIntervalMs 340/)).toContain(
      'the mean DELETE latency (60 ms) is shorter than the interval, so latency does not explain the shortfall',
    );
  });

  it('states pages, concurrency and listings as measured', () => {
    const r = committed();
    const tenK = r.planning.find((p) => p.versions === 10_000)!;
    tenK.provider.requests.byKind.listVersions = 50;
    tenK.provider.requests.maxInFlight = 8;
    expect(why(r, /Planning wall time/)).toBe('50 pages of 200, at most 8 at a time, vs 334 pages of 30 one after another');
    expect(why(r, /fetched concurrently/)).toMatch(/^after page 1, the other pages go at most 8 at a time/);

    for (const s of r.delete!.settings) s.listingsInFullUp = 3;
    expect(why(r, /Outside the engine/)).toMatch(/the preview's plan, apply's confirmation .*, the verification after deleting$/);
    for (const s of r.delete!.settings) s.listingsInFullUp = 2;
    expect(why(r, /Outside the engine/)).not.toMatch(/verification/);
  });

  it('compares each engine run with the points GitHub allows a minute', () => {
    const r = committed();
    r.load!.preview.requests.total = 500;
    const md = renderBenchmarkReport(r);
    expect(md).toContain("The preview cost 500 points, within GitHub's 900 a minute.");
    expect(md).toMatch(/The refresh cost [\d,]+ points, more than GitHub's 900 a minute/);
  });

  it("says what bounds a 50,000-version clean-up from each setting's estimates", () => {
    const r = committed();
    const x = r.delete!.settings.find((s) => s.mutationIntervalMs === 1000)!;
    x.estimate50kMs = 2 * 3_600_000;
    x.estimate50kWithPrimaryMs = 9 * 3_600_000;
    expect(renderBenchmarkReport(r)).toContain('at 1000 ms, 9.0 h (bound by the primary limit; the pace alone 2.0 h)');
  });

  it("names the org scenario's cap as its policy sets it (there is no default cap)", () => {
    const r = committed();
    const org = r.org!;
    delete org.policy.maxDeletionsPerRun;
    org.provider.planned = 4000;
    expect(renderBenchmarkReport(r)).toContain('Checked inputs (no cap: all 4,000 deletions)');
    org.policy.maxDeletionsPerRun = 100;
    expect(renderBenchmarkReport(r)).toContain('Checked inputs (a cap of 100 deletions)');
  });

  it("holds each engine run to its target and sets ADPV's arithmetic beside it", () => {
    const r = committed();
    const step = (label: string, primaryRequests: number, notModified: number, listings: number, deleted = 0): EngineStep => ({
      label,
      wallMs: 1000,
      requests: {
        total: primaryRequests + notModified,
        byKind: {},
        rateLimited: 0,
        failures: {},
        listingsPerPackage: {},
        maxInFlight: 4,
        mutations: {} as never,
      },
      notModified,
      primaryRequests,
      secondaryPoints: primaryRequests + notModified + 4 * deleted,
      listings,
      deleted,
      peakProviderRssBytes: 100 * 1024 * 1024,
      peakCliRssBytes: 50 * 1024 * 1024,
    });
    r.runs = [
      {
        scenario: 'runs',
        label: 'weekly run',
        versions: 10_000,
        deletions: 10,
        mutationIntervalMs: 1000,
        policy: { keepNewest: 9990 },
        flows: [
          { flow: 'saved-plan', planned: 10, steps: [step('pulumi preview --save-plan', 101, 0, 1), step('pulumi up --plan', 11, 300, 3, 10)] },
        ],
        adpv: adpvCost(10_000, 10),
      },
    ];
    const weekly = verdicts(r).find((v) => /^weekly run/.test(v.target))!;
    expect(weekly).toMatchObject({ met: true, measured: 'preview --save-plan + up --plan: 112 (4 listings)' });
    expect(weekly.why).toContain('actions/delete-package-versions v5 by its arithmetic: 111 in 1 run');
    const md = renderBenchmarkReport(r);
    expect(md).toContain("- preview --save-plan + up --plan: 112 primary-limit requests, 1.01× ADPV's 111; 10 deletions reviewed, 10 made.");
    r.runs[0].flows[0].steps[1].primaryRequests = 40;
    expect(verdicts(r).find((v) => /^weekly run/.test(v.target))!.met).toBe(false);
  });
});

describe("ADPV v5's arithmetic (from its source at v5.0.0)", () => {
  it('a weekly run of 10 of 10,000: 101 pages (one empty page after a full last one) and 10 DELETEs', () => {
    expect(adpvCost(10_000, 10)).toEqual({ runs: 1, listRequests: 101, deleteRequests: 10, primaryRequests: 111, secondaryPoints: 151 });
  });

  it('a first clean-up of 990 of 1,000 takes ten runs of at most 100 deletions, each listing what is left', () => {
    expect(adpvCost(1000, 990)).toEqual({ runs: 10, listRequests: 65, deleteRequests: 990, primaryRequests: 1055, secondaryPoints: 5015 });
  });
});
