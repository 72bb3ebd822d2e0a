import { changedRuleProperties, decideRunGuards } from '../../../provider/planner/run-guards';
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
    expect(changedRuleProperties({ ...rules, maxShareOfKept: 1, maxDeletionsPerRun: 5 }, rules)).toEqual([]);
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
