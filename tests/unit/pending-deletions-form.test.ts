// Issue 24, point 4: a plan's deletions reach the engine as a few strings per package — JSON texts of version id →
// reviewable line, at most PENDING_TEXT_CHARS characters each — not as one protobuf value per deletion. Through the
// engine, an uncapped preview of 49,990 deletions peaked at 349 MB in the provider process, much of it turning the
// map of 49,990 values into a protobuf Struct and serializing it (and one long string costs the protobuf writer an
// array element per byte, grown in one piece). The preview still lists every deletion (the Pulumi CLI shows a JSON
// text decoded, one line per version), `up` reads back exactly those ids, and the plan as earlier versions wrote it
// (an object of version id → line per package) reads back the same.
import {
  PENDING_TEXT_CHARS,
  describeDeletion,
  pendingDeletionsOf,
  pendingLinesOf,
  reviewedDeletions,
  viewPlan,
} from '../../provider/resources/retention-plan-view';
import { HOSTILE_NAMES } from './hostile-names';
import { plan, resolve, version } from './planner/helpers';

const npm = { packageType: 'npm' as const, olderThan: '30d' };

function bigPlan(count: number) {
  const versions = Array.from({ length: count }, (_, i) => version(1_000 + i, `1.0.${i}`, 40 + (count - i) / 24));
  const p = plan(npm, { big: versions, small: [version(1, '0.1.0', 50), version(2, '0.2.0', 45), version(3, '0.3.0', 1)] });
  return { p, options: resolve({ packages: ['big', 'small'], maxShareOfPackage: 1, ...npm }) };
}

test('a few strings per package, however many deletions: JSON texts of version id → line, in the order up issues them', () => {
  const { p, options } = bigPlan(10_000);
  const view = viewPlan(p, options, false);
  expect(Object.keys(view.pendingDeletions).sort()).toEqual(['big', 'small']);
  const texts = view.pendingDeletions.big;
  // 9,999 deletions (the newest is kept: keepNewestVersion) in texts of at most PENDING_TEXT_CHARS characters.
  expect(texts.length).toBeGreaterThan(1);
  expect(texts.length).toBeLessThan(150);
  for (const text of texts) expect(text.length).toBeLessThanOrEqual(PENDING_TEXT_CHARS);
  const big = Object.assign({}, ...texts.map((t) => JSON.parse(t) as Record<string, string>)) as Record<string, string>;
  expect(Object.keys(big)).toHaveLength(9_999);
  expect(big['1000']).toBe(describeDeletion(p.deletions[0], options, false));
  // The texts list the deletions oldest first, as the plan does.
  const ids = (pkg: string) => view.pendingDeletions[pkg].flatMap((t) => [...t.matchAll(/"(\d+)":/g)].map((m) => Number(m[1])));
  expect(ids('big')).toEqual(p.deletions.filter((d) => d.package === 'big').map((d) => d.id));
  expect(view.pendingDeletions.small).toHaveLength(1);
  expect(ids('small')).toEqual([1, 2]);
});

test('up reads back exactly the reviewed ids, oldest first, from the new form and from the form earlier versions wrote', () => {
  const { p, options } = bigPlan(50);
  const view = viewPlan(p, options, false);
  const expected = p.deletions.map((d) => ({ package: d.package, id: d.id, name: d.name, tags: [] }));
  expect(reviewedDeletions(view.pendingDeletions)).toEqual(expected);
  const earlier: Record<string, Record<string, string>> = {};
  for (const d of p.deletions) (earlier[d.package] ??= {})[String(d.id)] = describeDeletion(d, options, false);
  expect(reviewedDeletions(earlier)).toEqual(expected);
  expect(pendingLinesOf(view.pendingDeletions.big)).toEqual(earlier.big);
  expect(pendingLinesOf(earlier.big)).toEqual(earlier.big);
});

test('hostile names, tags and package names read back exactly through the JSON text', () => {
  const options = resolve({ org: 'acme', packageType: 'container', packages: ['*'], olderThan: '14d' });
  const rows = HOSTILE_NAMES.flatMap((name, i) => {
    const line = describeDeletion({ package: name, id: 10 + i, name, tags: [name, 'v1'], createdAt: name || 'x', rule: 'olderThan' }, options, true);
    return [[name, 10 + i, line] as const, ['web', 100 + i, line] as const];
  });
  const pending = pendingDeletionsOf(rows);
  for (const text of Object.values(pending).flat()) expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  const back = reviewedDeletions(pending);
  expect(back).toHaveLength(rows.length);
  for (const [pkg, id] of rows) {
    const name = pkg === 'web' ? HOSTILE_NAMES[id - 100] : pkg;
    expect(back).toContainEqual({ package: pkg, id, name, tags: [name, 'v1'].sort() });
  }
});

test('a package entry that is not a plan this version wrote fails up, naming the package; nothing is guessed', () => {
  for (const bad of ['{"1":', '[1,2]', '{"1":7}', '"1.0.0 created x: olderThan 14d"', 7, null, ['1'], [], ['{}', 7]]) {
    expect(() => reviewedDeletions({ web: bad })).toThrow(/unreadable planned deletions of package "web"/);
  }
});
