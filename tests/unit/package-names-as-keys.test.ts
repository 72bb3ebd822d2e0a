// A package may be named like a member every JavaScript object has (`toString`, `constructor`) or like its prototype
// (`__proto__`): such a name is one more package, never a key that is already there. Found by the report's property
// test (tests/unit/report-structure.test.ts): on the old view a package named `toString` lost its deletions from
// `pendingDeletions` (the write went into Object.prototype.toString), and the review said "nothing to delete".
import { ownEntry } from '../../provider/own-entry';
import { keptSummary, reviewedDeletions, viewPlan } from '../../provider/resources/retention-plan-view';
import { plan, resolve, version } from './planner/helpers';

const NAMES = ['toString', 'constructor', 'hasOwnProperty', '__proto__'];

test('a plan over packages named like object members keeps every deletion, summary and count', () => {
  const packages = Object.fromEntries(NAMES.map((name, i) => [name, [version(100 * i + 1, '1.0.0', 40), version(100 * i + 2, '2.0.0', 1)]]));
  const options = { packageType: 'npm' as const, olderThan: '30d' };
  const p = plan(options, packages);
  const view = viewPlan(p, resolve({ packages: NAMES, maxShareOfPackage: 1, ...options }), false);
  expect(Object.keys(view.pendingDeletions).sort()).toEqual([...NAMES].sort());
  expect(
    reviewedDeletions(view.pendingDeletions)
      .map((d) => d.id)
      .sort((a, b) => a - b),
  ).toEqual([1, 101, 201, 301]);
  expect(Object.keys(view.planSummary).sort()).toEqual([...NAMES].sort());
  expect(Object.keys(keptSummary(p)).sort()).toEqual([...NAMES].sort());
  expect(Object.getPrototypeOf(view.pendingDeletions)).toBe(Object.prototype);
});

test('ownEntry makes an own entry for any key, and finds it again', () => {
  const record: Record<string, number[]> = {};
  for (const key of NAMES) ownEntry(record, key, () => []).push(1);
  for (const key of NAMES) ownEntry(record, key, () => []).push(2);
  expect(Object.entries(record).sort()).toEqual(NAMES.map((k) => [k, [1, 2]]).sort());
});
