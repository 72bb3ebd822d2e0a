/**
 * Smoke variant of `npm run bench` (issue 7): small N against the in-process simulator, GitHub's limits on.
 * Asserts request counts only, never wall time: pages fetched, no per-version GETs, no concurrent mutations.
 */
import { startSimulator } from '../../simulator';
import { inProcessSimulator, type BenchSimulator } from '../../bench/bench-simulator';
import { BENCH_TOKEN, orgFixture, singlePackageFixture } from '../../bench/bench-fixtures';
import { runPlanningScenario } from '../../bench/planning-scenario';
import { runOrgScenario } from '../../bench/org-scenario';
import { runDeleteScenario } from '../../bench/delete-scenario';

type Fixture = ReturnType<typeof singlePackageFixture>;

/** Latency makes concurrent page requests overlap in the log for sure (counts only; no timing asserted). */
async function simWith(fixture: Fixture, latencyMs = 10): Promise<BenchSimulator> {
  return inProcessSimulator(await startSimulator({ fixture, latencyMs }));
}

describe('bench smoke (request counts only)', () => {
  it('planning N = 650 fetches ceil(N/100) pages plus /user, concurrently after page 1; the naive client 30 at a time', async () => {
    const sim = await simWith(singlePackageFixture('big', 650), 100);
    try {
      const r = await runPlanningScenario({ sim, token: BENCH_TOKEN, packageName: 'big', versions: 650, measureIn: 'this-process', naive: true });
      expect(r.provider.requests.byKind).toEqual({ getUser: 1, listVersions: 7 });
      expect(r.provider.requests.listingsPerPackage).toEqual({ big: 1 });
      expect(r.provider.requests.rateLimited).toBe(0);
      expect(r.provider.requests.byKind.listVersions).toBeLessThanOrEqual(r.listRequestBudget);
      // Pages 2..7 are requested several at a time (readConcurrency 4) once page 1 has said how many there are.
      expect(r.provider.requests.maxInFlight).toBeGreaterThanOrEqual(2);
      expect(r.provider.requests.maxInFlight).toBeLessThanOrEqual(4);
      expect(r.naive!.requests.byKind).toEqual({ listVersions: Math.ceil(650 / 30) });
      expect(r.naive!.requests.maxInFlight).toBe(1);
      // Both sides planned the same deletions from their listings.
      expect(r.naive!.planned).toBe(r.provider.planned);
    } finally {
      await sim.stop();
    }
  });

  it('an org of 12 packages: one packages listing, one page per package, no per-version GET', async () => {
    const sim = await simWith(orgFixture(12, 40));
    try {
      const r = await runOrgScenario({ sim, token: BENCH_TOKEN, packages: 12, versionsEach: 40, naive: true });
      expect(r.provider.requests.byKind).toEqual({ getUser: 1, listPackages: 1, listVersions: 12 });
      expect(Object.values(r.provider.requests.listingsPerPackage)).toEqual(Array(12).fill(1));
      expect(r.naive!.requests.byKind).toEqual({ listPackages: 1, listVersions: 24 });
    } finally {
      await sim.stop();
    }
  });

  it('deleting: a full up lists the package three times (plan, confirm, verify), makes no per-version GET, and never overlaps two mutations', async () => {
    const sim = await simWith(singlePackageFixture('cleanup', 150));
    try {
      const r = await runDeleteScenario({
        sim,
        token: BENCH_TOKEN,
        packageName: 'cleanup',
        packageVersions: 150,
        deletions: 40,
        sample: 6,
        mutationIntervalsMs: [0, 20],
        naiveSample: 4,
      });
      expect(r.fullPreview.planned).toBe(40);
      expect(r.fullPreview.requests.byKind).toEqual({ getUser: 1, listVersions: 2 });
      for (const s of r.settings) {
        expect(s.preview.planned).toBe(6);
        expect(s.apply.requests.byKind).toEqual({ getUser: 1, listVersions: 4, deleteVersion: 6 }); // two listings of 2 pages
        expect(s.apply.requests.mutations.count).toBe(6);
        expect(s.apply.requests.mutations.overlapping).toBe(0);
        expect(s.apply.requests.rateLimited).toBe(0);
        expect(s.listingsInFullUp).toBe(3);
      }
      // The naive baseline: one GET before each DELETE.
      expect(r.naive!.requests.byKind).toEqual({ listVersions: Math.ceil(150 / 30) + 1, getVersion: 4, deleteVersion: 4 });
    } finally {
      await sim.stop();
    }
  });
});
