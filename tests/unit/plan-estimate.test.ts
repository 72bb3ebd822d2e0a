import { deletionTimeMs, estimatePlan, formatDuration, listingCostOf } from '../../provider/resources/retention-plan-view';

describe('the preview states what a clean-up costs in time', () => {
  it('one deletion takes, many deletions take', () => {
    expect(estimatePlan(1, 0, 1000)).toBe('1 deletion takes about 1 s at one every 1000 ms (github-packages:mutationIntervalMs)');
    expect(estimatePlan(0, 3, 1000)).toMatch(/^0 deletions take about 0 s .*; 3 more wait for later runs/);
  });

  it("at GitHub's guidance of one a second, 100 deletions take under two minutes", () => {
    expect(estimatePlan(100, 0, 1000)).toBe('100 deletions take about 2 min at one every 1000 ms (github-packages:mutationIntervalMs)');
  });

  it('counts the runs still to come, and is bounded by the 5,000 requests an hour GitHub allows', () => {
    expect(deletionTimeMs(50_000, 1000)).toBe(50_000_000); // 13.9 h at one a second
    // At 340 ms the pace would allow 10,588 an hour; the hourly budget decides: 4,900 in the first hour (after
    // about 100 listing requests), 5,000 in each later one.
    expect(formatDuration(deletionTimeMs(50_000, 340))).toBe('10 h 1 min');
    expect(formatDuration(deletionTimeMs(4_900, 340))).toBe('28 min');
    expect(estimatePlan(100, 49_900, 340)).toMatch(
      /^100 deletions take about 34 s .*; 49900 more wait for later runs \(maxDeletionsPerRun\), about 9 h 28 min of deleting$/,
    );
  });

  it('counts the listings of the run (check, confirmation, verification) against the same hourly budget', () => {
    // 4,900 deletions from a package of 50,000 versions: three listings of 500 pages each leave 3,500 deletions
    // in the first hour; the other 1,400 wait for the next hour's window.
    expect(formatDuration(deletionTimeMs(4_900, 340, 1_500))).toBe('1 h 8 min');
    expect(estimatePlan(4_900, 0, 340, 1_500)).toMatch(
      /^4900 deletions take about 1 h 8 min at one every 340 ms .*GitHub's 5,000 requests an hour, 1500 of them listings/,
    );
  });

  it("a faster pace goes in bursts of 180 deletions a minute (GitHub's 900 points a minute, 5 per DELETE)", () => {
    expect(estimatePlan(990, 0, 0, 31)).toBe(
      "990 deletions take about 5 min at one every 0 ms (github-packages:mutationIntervalMs) and GitHub's 180 deletions a minute",
    );
    expect(estimatePlan(100, 0, 0)).toMatch(/^100 deletions take about 0 s/);
  });

  it('under a request budget of its own (github-packages:requestPointsPerMinute), the bursts are that budget’s', () => {
    // 450 points a minute (a token shared with another tool): 90 deletions a minute.
    expect(estimatePlan(990, 0, 0, 31, 450)).toBe(
      '990 deletions take about 11 min at one every 0 ms (github-packages:mutationIntervalMs) and 90 deletions a minute (github-packages:requestPointsPerMinute 450)',
    );
    // A GitHub Enterprise Server allowing 9,000 points a minute: 1,800 deletions a minute, 990 in one burst.
    expect(estimatePlan(990, 0, 0, 31, 9000)).toMatch(/^990 deletions take about 0 s at one every 0 ms \(github-packages:mutationIntervalMs\)$/);
    expect(estimatePlan(990, 0, 0, 31, 900)).toBe(estimatePlan(990, 0, 0, 31));
  });

  it('says nothing when nothing is pending', () => {
    expect(estimatePlan(0, 0, 1000)).toBeUndefined();
  });
});

describe("the estimate includes the listings' own pace", () => {
  const plan = (activeVersions: number, deleting: number) =>
    ({
      packages: [{ name: 'p', activeVersions, deleting, deferred: 0, keptByReason: {} }],
      deletions: [],
      remainingForNextRun: 0,
      warnings: [],
    }) as never;

  it('a weekly run of 10 deletions in a package of 100,000 versions: the points of its listings set the time, not the deletions', () => {
    const cost = listingCostOf(plan(100_000, 10));
    // The check reads 1,000 pages whole; the confirmation asks for them again (304s) and the read-back too.
    expect(cost).toEqual({ primary: 1 + 1000 + 2, points: 1 + 1000 + 1000 + 1000 });
    expect(estimatePlan(10, 0, 1000, cost)).toBe(
      "10 deletions take about 2 min: GitHub's 900 points a minute set the time (the run's listings ask for 3,001 pages, 3,051 points " +
        'with the deletions), not the deletions (10 s at one every 1000 ms (github-packages:mutationIntervalMs))',
    );
  });

  it('a package of a few hundred versions: the deletions set the time, as before', () => {
    expect(estimatePlan(100, 0, 1000, listingCostOf(plan(300, 100)))).toBe(
      '100 deletions take about 2 min at one every 1000 ms (github-packages:mutationIntervalMs)',
    );
  });

  it('the primary budget is named when it, not the pace, sets the time', () => {
    expect(estimatePlan(4_900, 0, 340, listingCostOf(plan(50_000, 4_900)))).toMatch(/GitHub's 5,000 requests an hour, 551 of them listings$/);
  });
});
