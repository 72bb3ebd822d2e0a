import { changedRuleProperties, decideRunGuards, firstRunWarnings } from '../../../provider/planner/run-guards';
import { plan, version } from './helpers';

const versions = (n: number, from = 1) => Array.from({ length: n }, (_, i) => version(from + i, `1.0.${from + i}`, 1000 - i));
const rules = { packageType: 'npm' as const, packages: ['app'], keepNewest: 10 };

describe('run guards', () => {
  it('a new policy is not guarded: its preview lists every deletion (the first clean-up)', () => {
    const p = plan(rules, { app: versions(1000) });
    expect(p.deletions).toHaveLength(990);
    expect(decideRunGuards({ plan: p, isNew: true, changed: [], maxShareOfKept: 0.5 })).toEqual([]);
  });

  it('sudden-share guard: an unchanged policy may delete at most maxShareOfKept of the active versions', () => {
    const p = plan(rules, { app: versions(20) });
    expect(decideRunGuards({ plan: p, isNew: false, changed: [], maxShareOfKept: 0.5 })).toEqual([]); // 10 of 20: at the limit
    const burst = plan(rules, { app: versions(25) });
    const [stop] = decideRunGuards({ plan: burst, isNew: false, changed: [], maxShareOfKept: 0.5 });
    expect(stop).toMatchObject({ guard: 'sudden-share', package: 'app' });
    expect(stop.message).toMatch(/would delete 15 of 25 active versions .*maxShareOfKept 0\.5 allows \(12\).*set maxShareOfKept: 1 for one run/);
    expect(decideRunGuards({ plan: burst, isNew: false, changed: [], maxShareOfKept: 1 })).toEqual([]);
  });

  it('changed-policy guard: counts what the new rules delete that the previous rules keep', () => {
    const live = { app: versions(10) };
    const previous = plan(rules, live);
    const smaller = plan({ ...rules, keepNewest: 2 }, live);
    const [stop] = decideRunGuards({ plan: smaller, isNew: false, changed: ['keepNewest'], previousRulesPlan: previous, maxShareOfKept: 0.5 });
    expect(stop).toMatchObject({ guard: 'changed-policy', package: 'app' });
    expect(stop.message).toMatch(/the changed keepNewest would delete 8 of the 10 versions the previous rules keep/);
    const slightly = plan({ ...rules, keepNewest: 6 }, live);
    expect(decideRunGuards({ plan: slightly, isNew: false, changed: ['keepNewest'], previousRulesPlan: previous, maxShareOfKept: 0.5 })).toEqual([]);
  });

  it('changed-policy guard: a package the widened pattern newly covers was kept whole', () => {
    const live = { app: versions(10), other: versions(30, 100) };
    const previous = plan(rules, live);
    const widened = plan({ ...rules, packages: ['*'] }, live);
    const stops = decideRunGuards({ plan: widened, isNew: false, changed: ['packages'], previousRulesPlan: previous, maxShareOfKept: 0.5 });
    expect(stops.map((s) => [s.guard, s.package])).toEqual([['changed-policy', 'other']]);
    expect(stops[0].message).toMatch(/would delete 20 of the 30 versions/);
  });

  it('a guard setting is not a change of the rules', () => {
    expect(changedRuleProperties({ ...rules, maxShareOfKept: 1, maxDeletionsPerRun: 5, maxShareOfPackage: 0.2 }, rules)).toEqual([]);
    expect(changedRuleProperties(rules, { ...rules, keepNewest: 0, packages: ['*'] })).toEqual(['packages', 'keepNewest']);
  });
});

describe('run guards: a run resumed after one that failed midway', () => {
  it("the sudden-share guard does not count deletions the state's reviewed plan already listed", () => {
    const burst = plan(rules, { app: versions(25) });
    const reviewed = new Map([['app', new Set(burst.deletions.slice(0, 10).map((d) => d.id))]]);
    expect(decideRunGuards({ plan: burst, isNew: false, changed: [], maxShareOfKept: 0.5, reviewedBefore: reviewed })).toEqual([]);
  });
});

describe('run guards: the edges of what stops', () => {
  it('changed-policy guard: exactly maxShareOfKept of what the previous rules keep passes; one more stops', () => {
    const live = { app: versions(10) };
    const previous = plan(rules, live);
    const guard = (keepNewest: number) =>
      decideRunGuards({
        plan: plan({ ...rules, keepNewest }, live),
        isNew: false,
        changed: ['keepNewest'],
        previousRulesPlan: previous,
        maxShareOfKept: 0.5,
      });
    expect(guard(5)).toEqual([]); // 5 of 10: at the limit
    expect(guard(4).map((s) => s.guard)).toEqual(['changed-policy']);
  });

  it('changed-policy guard: deletions maxDeletionsPerRun defers to later runs count too', () => {
    const live = { app: versions(10) };
    const previous = plan(rules, live);
    const capped = plan({ ...rules, keepNewest: 2, maxDeletionsPerRun: 1 }, live);
    expect(capped.deletions).toHaveLength(1);
    const [stop] = decideRunGuards({ plan: capped, isNew: false, changed: ['keepNewest'], previousRulesPlan: previous, maxShareOfKept: 0.5 });
    expect(stop.message).toMatch(/would delete 8 of the 10 versions the previous rules keep/);
  });

  it('with a changed policy, the sudden-share guard counts only the deletions the previous rules would also make', () => {
    // 20 versions: the previous rules (keepNewest 10) delete 10; the new ones (keepNewest 4) 16. The change's own 6
    // are within maxShareOfKept 0.7 of the 10 kept (7), and 10 of 20 is within 0.7 of the active versions (14).
    const live = { app: versions(20) };
    const input = { plan: plan({ ...rules, keepNewest: 4 }, live), isNew: false, changed: ['keepNewest'], maxShareOfKept: 0.7 };
    expect(decideRunGuards({ ...input, previousRulesPlan: plan(rules, live) })).toEqual([]);
    // Without the previous rules' plan there is nothing to compare with: all 16 count, more than 14.
    expect(decideRunGuards(input).map((s) => s.guard)).toEqual(['sudden-share']);
  });

  it('changed-policy guard: what the previous rules keep is their active versions less their own deletions', () => {
    // 20 versions: the previous rules (keepNewest 10) keep 10; the new ones (keepNewest 4) delete 6 of those 10.
    const live = { app: versions(20) };
    const input = { plan: plan({ ...rules, keepNewest: 4 }, live), isNew: false, changed: ['keepNewest'], previousRulesPlan: plan(rules, live) };
    const [stop] = decideRunGuards({ ...input, maxShareOfKept: 0.5 });
    expect(stop.message).toMatch(/would delete 6 of the 10 versions the previous rules keep \(60%\), more than maxShareOfKept 0\.5 allows \(5\)/);
    expect(decideRunGuards({ ...input, maxShareOfKept: 0.6 })).toEqual([]);
  });

  it('sudden-share guard: the message gives the share of the active versions', () => {
    const [stop] = decideRunGuards({ plan: plan(rules, { app: versions(25) }), isNew: false, changed: [], maxShareOfKept: 0.5 });
    expect(stop.message).toContain('would delete 15 of 25 active versions (60%)');
  });

  it('a plan that deletes nothing is never stopped, whatever the share', () => {
    const p = plan({ ...rules, keepNewest: 50 }, { app: versions(20) });
    expect(decideRunGuards({ plan: p, isNew: false, changed: [], maxShareOfKept: 0.01 })).toEqual([]);
  });
});

describe('firstRunWarnings: a first plan that deletes most of a package says so first', () => {
  const anyPackage = { packageType: 'npm' as const, keepNewest: 10 }; // every package of the plan

  it('more than 80% of a package: one warning with its share and the setting that limits it', () => {
    const p = plan(anyPackage, { app: versions(100), small: versions(20, 200) });
    expect(firstRunWarnings(p, 1)).toEqual([
      'first run deletes most of a package: "app" 90 of 100 active versions (90%). Review every deletion below; maxShareOfPackage (now 1) is the share of a package one run may delete: set it lower, e.g. 0.5, to stop such a plan.',
    ]);
  });

  it('exactly 80% is not "most"; all but the newest version is, and so are several packages', () => {
    expect(firstRunWarnings(plan({ ...anyPackage, keepNewest: 2 }, { app: versions(10) }), 1)).toEqual([]);
    const allButNewest = plan({ ...anyPackage, keepNewest: 0 }, { app: versions(10), web: versions(3, 100) });
    expect(firstRunWarnings(allButNewest, 0.9)).toEqual([
      expect.stringMatching(
        /^first run deletes most of 2 packages: "app" 9 of 10 active versions \(90%\), "web" 2 of 3 active versions \(66\.7%\)\. .*maxShareOfPackage \(now 0\.9\)/,
      ),
    ]);
  });

  it('counts the deletions maxDeletionsPerRun defers to later runs, and what GitHub will not let go as the floor', () => {
    const capped = plan({ ...anyPackage, keepNewest: 1, maxDeletionsPerRun: 5 }, { app: versions(10) });
    expect(capped.remainingForNextRun).toBe(4);
    expect(firstRunWarnings(capped, 1)).toEqual([expect.stringContaining('"app" 9 of 10 active versions (90%)')]);
    // keepNewestVersion false: the rules delete all 3, GitHub's refusal keeps the newest (last-version): 2 of 3 is most.
    const lastVersion = plan({ ...anyPackage, keepNewest: 0, keepNewestVersion: false }, { app: versions(3) });
    expect(lastVersion.packages[0].keptByReason).toEqual({ 'last-version': 1 });
    expect(firstRunWarnings(lastVersion, 1)).toEqual([expect.stringContaining('"app" 2 of 3 active versions')]);
    const container = [version(1, 'sha256:1', 30, ['a']), version(2, 'sha256:2', 20, ['b']), version(3, 'sha256:3', 10, ['c'])];
    const lastTagged = plan({ packageType: 'container', keepNewestTagged: 0, keepNewestVersion: false }, { app: container });
    expect(lastTagged.packages[0].keptByReason).toEqual({ 'last-tagged-version': 1 });
    expect(firstRunWarnings(lastTagged, 1)).toEqual([expect.stringContaining('"app" 2 of 3 active versions')]);
  });

  it('a package with nothing to delete, or one deletion beside the newest version, is not warned about', () => {
    expect(firstRunWarnings(plan({ ...anyPackage, keepNewest: 0 }, { app: versions(2) }), 1)).toEqual([]);
    expect(firstRunWarnings(plan(anyPackage, { app: versions(5) }), 1)).toEqual([]);
  });
});
