/**
 * Properties of the image graph over generated packages (fast-check), checked against reachability the generator
 * recorded itself: nothing reachable from a kept root is ever planned; deleted images go whole; orphans go only on
 * request; self-tagged artifacts are never orphans; `up` never runs into a refusal GitHub is known to give.
 */
import fc from 'fast-check';
import { planImageRetention } from '../../../provider/planner/image-retention';
import { checkVersionDeletable } from '../../../simulator/package-rules';
import type { PackageRecord } from '../../../simulator/types';
import { NOW, propertyRuns, resolve } from './helpers';
import { closure, depth, generatePackage, imageOptionsArb, packageArb, type GeneratedPackage, type ImageOptionsSpec } from './image-graph-arbitrary';

function run(g: GeneratedPackage, raw: ImageOptionsSpec, versions = g.builder.versions) {
  const options = resolve({
    packageType: 'container',
    packages: ['app'],
    imageGraph: 'registry',
    maxShareOfPackage: 1,
    ...raw,
    imageCleanup: [...raw.imageCleanup],
    select: raw.select,
  });
  return planImageRetention({ packages: [{ name: 'app', versions, manifests: g.builder.lookup }], options, now: NOW });
}

const RUNS = propertyRuns(300);

describe('image graph properties (transitive reachability)', () => {
  test('the generator makes what the properties are about: nesting of depth 3 or more, shared children, self-tagged artifacts', () => {
    const seen = { deep: false, shared: false, selfTagged: false, orphanIndex: false };
    fc.assert(
      fc.property(packageArb, (spec) => {
        const g = generatePackage(spec);
        if (g.roots.some((r) => depth(g, r) >= 3)) seen.deep = true;
        const parents = new Map<string, number>();
        for (const targets of g.edges.values()) for (const t of targets) parents.set(t, (parents.get(t) ?? 0) + 1);
        if ([...parents.values()].some((n) => n > 1)) seen.shared = true;
        if (g.selfTagged.length > 0) seen.selfTagged = true;
        if (g.orphanRoots.some((o) => (g.edges.get(o) ?? []).length > 0)) seen.orphanIndex = true;
      }),
      propertyRuns(200),
    );
    expect(seen).toEqual({ deep: true, shared: true, selfTagged: true, orphanIndex: true });
  });

  test('nothing reachable from a kept root (or a kept orphaned referrer) is ever planned for deletion', () => {
    fc.assert(
      fc.property(packageArb, imageOptionsArb, (spec, raw) => {
        const g = generatePackage(spec);
        const plan = run(g, raw);
        const deleted = new Set(plan.deletions.map((d) => d.name));
        const kept = [...g.roots, ...g.orphanRoots].filter((r) => g.builder.versions.some((v) => v.name === r) && !deleted.has(r));
        for (const d of closure(g, kept)) expect(deleted.has(d) ? d : 'kept').toBe('kept');
      }),
      RUNS,
    );
  });

  test('every deletion is reachable from a deleted root; orphaned referrers go only on request; self-tagged artifacts are never orphans', () => {
    fc.assert(
      fc.property(packageArb, imageOptionsArb, (spec, raw) => {
        const g = generatePackage(spec);
        const plan = run(g, raw);
        const deleted = new Set(plan.deletions.map((d) => d.name));
        const cleanup = raw.imageCleanup.includes('orphaned-referrers');
        const deletedRoots = [...g.roots, ...(cleanup ? g.orphanRoots : [])].filter((r) => deleted.has(r));
        const owned = closure(g, deletedRoots);
        for (const d of deleted) expect(owned.has(d) ? 'owned' : d).toBe('owned');
        const orphanClosure = closure(g, g.orphanRoots);
        for (const d of plan.deletions) if (d.rule === 'orphaned-referrer') expect(orphanClosure.has(d.name)).toBe(true);
        for (const s of g.selfTagged) expect(plan.deletions.find((d) => d.name === s)?.rule).not.toBe('orphaned-referrer');
      }),
      RUNS,
    );
  });

  test('a deleted root takes its whole closure (except what a kept root reaches), root before members', () => {
    fc.assert(
      fc.property(packageArb, imageOptionsArb, (spec, raw) => {
        const g = generatePackage(spec);
        const plan = run(g, raw);
        const order = plan.deletions.map((d) => d.name);
        const deleted = new Set(order);
        const present = new Set(g.builder.versions.map((v) => v.name));
        const all = [...g.roots, ...g.orphanRoots];
        const keptReach = closure(
          g,
          all.filter((r) => present.has(r) && !deleted.has(r)),
        );
        for (const r of all.filter((x) => deleted.has(x))) {
          for (const d of closure(g, [r])) {
            if (!present.has(d) || keptReach.has(d)) continue;
            expect(deleted.has(d) ? 'deleted' : d).toBe('deleted');
            expect(order.indexOf(r)).toBeLessThanOrEqual(order.indexOf(d));
          }
        }
      }),
      RUNS,
    );
  });

  test('the plan does not depend on the order GitHub lists versions in', () => {
    const shuffled = packageArb.chain((spec) => {
      const n = generatePackage(spec).builder.versions.length;
      return fc.tuple(fc.constant(spec), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }));
    });
    fc.assert(
      fc.property(shuffled, imageOptionsArb, ([spec, order], raw) => {
        const g = generatePackage(spec);
        const a = run(g, raw);
        const b = run(
          g,
          raw,
          order.map((i) => g.builder.versions[i]),
        );
        expect(b.deletions).toEqual(a.deletions);
        expect(b.images).toEqual(a.images);
        expect(b.packages).toEqual(a.packages);
      }),
      propertyRuns(150),
    );
  });

  test("deleting the plan in order never runs into GitHub's last-version or last-tagged-version refusal", () => {
    fc.assert(
      fc.property(packageArb, imageOptionsArb, (spec, raw) => {
        const g = generatePackage(spec);
        const plan = run(g, raw);
        const pkg: PackageRecord = {
          id: 1,
          owner: 'octocat',
          packageType: 'container',
          name: 'app',
          visibility: 'private',
          createdAt: 0,
          updatedAt: 0,
          versions: g.builder.versions.map((v) => ({ id: v.id, name: v.name, tags: [...v.tags], createdAt: 0, updatedAt: 0, downloads: 0 })),
        };
        for (const d of plan.deletions) {
          const record = pkg.versions.find((v) => v.id === d.id)!;
          expect(() => checkVersionDeletable(pkg, record)).not.toThrow();
          record.deletedAt = 1;
        }
      }),
      RUNS,
    );
  });
});
