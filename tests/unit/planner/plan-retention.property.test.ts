import fc from 'fast-check';
import { matchesAnyInclude, matchesList } from '../../../provider/planner/patterns';
import { planRetention } from '../../../provider/planner/plan-retention';
import type { RetentionPlan } from '../../../provider/planner/plan-types';
import { resolveRetentionOptions, type ResolvedRetentionOptions } from '../../../provider/planner/retention-options';
import { selectVersion } from '../../../provider/planner/selection';
import { newestFirst, versionTime } from '../../../provider/planner/version-order';
import { TAGGED_TYPES, type PackageType, type PackageVersionInfo } from '../../../provider/types';
import { NOW, propertyRuns } from './helpers';

const MINUTE = 60_000;
const TAG_POOL = ['latest', 'v1', 'v2', '1.0.0-rc.1', '2.0.0', 'pr-1', 'pr-2', 'release-1', 'dev'];
const NAME_POOL = ['1.0.0', '1.1.0-beta.1', '2.0.0', '2.0.0-SNAPSHOT', '0.9.0.pre', '3.0.0-rc.1', 'sha256:aa', 'sha256:bb'];
const PACKAGE_NAMES = ['app', 'api', 'legacy-app', 'web'];

type Input = { packages: Array<{ name: string; versions: PackageVersionInfo[] }>; options: ResolvedRetentionOptions };

/** Versions with unique ids; times on a coarse minute grid so ties on time happen. */
function versionsArb(tagged: boolean): fc.Arbitrary<PackageVersionInfo[]> {
  return fc
    .uniqueArray(
      fc.record({
        id: fc.integer({ min: 1, max: 5_000 }),
        name: fc.constantFrom(...NAME_POOL),
        tags: tagged ? fc.uniqueArray(fc.constantFrom(...TAG_POOL), { maxLength: 3 }) : fc.constant([] as string[]),
        createdMinutesAgo: fc.integer({ min: 0, max: 200 }).map((n) => n * 24 * 60),
        updatedLater: fc.integer({ min: 0, max: 50 * 24 * 60 }),
      }),
      { selector: (v) => v.id, minLength: 1, maxLength: 25, size: 'medium' },
    )
    .map((records) =>
      records.map((r) => ({
        id: r.id,
        name: r.name,
        tags: r.tags,
        createdAt: new Date(NOW.getTime() - r.createdMinutesAgo * MINUTE).toISOString(),
        updatedAt: new Date(NOW.getTime() - Math.max(0, r.createdMinutesAgo - r.updatedLater) * MINUTE).toISOString(),
        state: 'active' as const,
      })),
    );
}

/** Given half of the time. */
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
/** Given a quarter of the time: filters narrow the selection, and most runs should have something to delete. */
const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

function rawOptionsArb(packageType: PackageType, ids: number[]): fc.Arbitrary<Record<string, unknown>> {
  const tagged = TAGGED_TYPES.includes(packageType);
  return fc.record({
    packageType: fc.constant(packageType),
    packages: fc.constantFrom(['*'], ['*'], ['*'], ['app', 'api'], ['*', '!legacy-*'], ['/(app|web)/']),
    keepNewest: optional(fc.integer({ min: 0, max: 6 })),
    keepNewestTagged: tagged ? optional(fc.integer({ min: 0, max: 5 })) : fc.constant(undefined),
    keepNewestUntagged: tagged ? optional(fc.integer({ min: 0, max: 5 })) : fc.constant(undefined),
    olderThan: optional(fc.constantFrom('1d', '10d', '30d', '90d', '2w')),
    timeBasis: optional(fc.constantFrom('created', 'updated')),
    select: tagged ? sometimes(fc.constantFrom('all', 'tagged', 'untagged')) : fc.constant(undefined),
    tags: tagged ? sometimes(fc.constantFrom(['pr-*'], ['!release-*'], ['v*', '!v2'], ['/[0-9].*/'])) : fc.constant(undefined),
    names: sometimes(fc.constantFrom(['1.*'], ['!2.*'], ['sha256:*'], ['/.*-.*/'])),
    prerelease: sometimes(fc.constantFrom('any', 'only', 'exclude')),
    protectTags: tagged ? sometimes(fc.constantFrom([], ['latest'], ['v*'], ['dev', 'pr-2'])) : fc.constant(undefined),
    protectNames: sometimes(fc.constantFrom([], ['2.0.0'], ['*-rc.*'])),
    protectIds: sometimes(fc.subarray(ids, { maxLength: Math.min(3, ids.length) })),
    keepNewestVersion: optional(fc.boolean()),
    maxDeletionsPerRun: optional(fc.integer({ min: 1, max: 30 })),
    maxShareOfPackage: fc.constantFrom(0.1, 0.5, 0.75, 1, 1, 1),
    untaggedContainers: tagged ? optional(fc.constantFrom('protect', 'delete')) : fc.constant(undefined),
  });
}

/** Valid inputs only: raw options that resolve, over 1–3 packages whose version ids are unique overall. */
const inputArb: fc.Arbitrary<Input> = fc
  .constantFrom<PackageType>('npm', 'maven', 'rubygems', 'nuget', 'container', 'docker')
  .chain((packageType) =>
    fc
      .uniqueArray(fc.constantFrom(...PACKAGE_NAMES), { minLength: 1, maxLength: 3 })
      .chain((names) =>
        fc.tuple(fc.constant(names), fc.array(versionsArb(TAGGED_TYPES.includes(packageType)), { minLength: names.length, maxLength: names.length })),
      )
      .map(([names, lists]) => {
        // Make ids unique across packages (GitHub's version ids are global).
        const seen = new Set<number>();
        return names.map((name, i) => ({ name, versions: lists[i].filter((v) => !seen.has(v.id) && seen.add(v.id)) }));
      })
      .chain((packages) =>
        rawOptionsArb(
          packageType,
          packages.flatMap((p) => p.versions.map((v) => v.id)),
        ).map((raw) => ({ packages, raw })),
      ),
  )
  .filter(({ raw }) => resolveRetentionOptions(raw).options !== undefined)
  .map(({ packages, raw }) => ({ packages, options: resolveRetentionOptions(raw).options! }));

function run(input: Input): RetentionPlan {
  return planRetention({ ...input, now: NOW });
}

function deletedSet(result: RetentionPlan): Set<number> {
  return new Set(result.deletions.map((d) => d.id));
}

function isProtected(v: PackageVersionInfo, o: ResolvedRetentionOptions): boolean {
  return (
    o.protectIds.has(v.id) ||
    matchesAnyInclude(o.protectNames, v.name) !== undefined ||
    v.tags.some((t) => matchesAnyInclude(o.protectTags, t) !== undefined) ||
    (TAGGED_TYPES.includes(o.packageType) && v.tags.length === 0 && o.untaggedContainers === 'protect')
  );
}

const params = propertyRuns(400);

/** Kept although the rules would delete them: GitHub's known refusals and the run limits (steps 5 and 6). */
const RUN_LIMIT_REASONS = ['last-version', 'last-tagged-version', 'over-max-share', 'deferred-by-cap'];

/** The versions keepNewestVersion protects, by the definition in docs/retention.md. */
function newestIds(versions: PackageVersionInfo[], o: ResolvedRetentionOptions): Set<number> {
  const ids = new Set<number>();
  if (!o.keepNewestVersion) return ids;
  const pool = TAGGED_TYPES.includes(o.packageType) ? versions.filter((v) => v.tags.length > 0) : versions;
  for (const basis of o.timeBasis === 'updated' ? (['updated', 'created'] as const) : (['created'] as const)) {
    const newest = pool.map((v) => ({ id: v.id, time: versionTime(v, basis) })).sort(newestFirst)[0];
    if (newest) ids.add(newest.id);
  }
  return ids;
}

/** The groups that have a keep count. */
function countedGroups(o: ResolvedRetentionOptions): Array<{ rule: string; count: number; has: (v: PackageVersionInfo) => boolean }> {
  const groups = [];
  if (o.keepNewest !== undefined) groups.push({ rule: 'keepNewest', count: o.keepNewest, has: () => true });
  if (o.keepNewestTagged !== undefined)
    groups.push({ rule: 'keepNewestTagged', count: o.keepNewestTagged, has: (v: PackageVersionInfo) => v.tags.length > 0 });
  if (o.keepNewestUntagged !== undefined)
    groups.push({ rule: 'keepNewestUntagged', count: o.keepNewestUntagged, has: (v: PackageVersionInfo) => v.tags.length === 0 });
  return groups;
}

describe('planRetention properties', () => {
  it('guards always hold: protected, newest, last and last tagged versions are never deleted', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = run(input);
        const deleted = deletedSet(result);
        const o = input.options;
        const tagged = TAGGED_TYPES.includes(o.packageType);
        for (const { versions } of input.packages) {
          for (const v of versions) if (isProtected(v, o)) expect(deleted.has(v.id)).toBe(false);
          if (versions.length > 0) expect(versions.some((v) => !deleted.has(v.id))).toBe(true);
          const taggedVersions = versions.filter((v) => v.tags.length > 0);
          if (tagged && taggedVersions.length > 0) expect(taggedVersions.some((v) => !deleted.has(v.id))).toBe(true);
          if (o.keepNewestVersion) {
            const pool = tagged ? taggedVersions : versions;
            const newest = pool.map((v) => ({ id: v.id, time: versionTime(v, o.timeBasis) })).sort(newestFirst)[0];
            if (newest) expect(deleted.has(newest.id)).toBe(false);
          }
        }
      }),
      params,
    );
  });

  it('deletes nothing outside the packages and the selection, and only versions older than the cut-off', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = run(input);
        const o = input.options;
        const cutoff = o.olderThan ? NOW.getTime() - o.olderThan.ms : undefined;
        const byId = new Map(input.packages.flatMap((p) => p.versions.map((v) => [v.id, { v, pkg: p.name }] as const)));
        for (const d of result.deletions) {
          const { v, pkg } = byId.get(d.id)!;
          expect(d.package).toBe(pkg);
          expect(matchesList(o.packages, pkg)).toBe(true);
          expect(selectVersion(v, o).selected).toBe(true);
          if (o.tags) expect(v.tags.every((t) => matchesList(o.tags!, t))).toBe(true);
          if (cutoff !== undefined) {
            expect(versionTime(v, o.timeBasis)).toBeLessThan(cutoff);
          }
        }
      }),
      params,
    );
  });

  it('respects the run limits: at most maxDeletionsPerRun, no package over its share, oldest go first', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = run(input);
        const o = input.options;
        expect(result.deletions.length).toBeLessThanOrEqual(o.maxDeletionsPerRun);
        for (const { name, versions } of input.packages) {
          const count = result.deletions.filter((d) => d.package === name).length;
          expect(count).toBeLessThanOrEqual(Math.floor(o.maxShareOfPackage * versions.length + 1e-9));
        }
        const times = result.deletions.map((d) => ({ id: d.id, time: Date.parse(o.timeBasis === 'created' ? d.createdAt : d.updatedAt!) }));
        for (let i = 1; i < times.length; i++) expect(newestFirst(times[i - 1], times[i])).toBeGreaterThan(0);
        // Whatever is deferred is newer than everything deleted this run (ties broken by id).
        const deferred = result.packages.flatMap((p) => p.decisions.filter((d) => d.action === 'keep' && d.reason === 'deferred-by-cap'));
        expect(deferred.length).toBe(result.remainingForNextRun);
        if (deferred.length > 0) {
          expect(result.deletions.length).toBe(o.maxDeletionsPerRun);
          const byId = new Map(input.packages.flatMap((p) => p.versions.map((v) => [v.id, v] as const)));
          const last = times[times.length - 1];
          for (const d of deferred) {
            expect(newestFirst(last, { id: d.id, time: versionTime(byId.get(d.id)!, o.timeBasis) })).toBeGreaterThan(0);
          }
        }
      }),
      params,
    );
  });

  it('"keep N" keeps the N newest counted versions of its group: the newest version fills a slot, other protected ones take none', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const o = input.options;
        const result = run(input);
        const deleted = deletedSet(result);
        const decisions = new Map(result.packages.flatMap((p) => p.decisions.map((d) => [d.id, d] as const)));
        for (const { name, versions } of input.packages) {
          if (!matchesList(o.packages, name)) continue;
          const newest = newestIds(versions, o);
          for (const group of countedGroups(o)) {
            // Counted by the definition in docs/retention.md, computed without the planner: the versions of the group the
            // selection matches, except those protected by ids, names, tags or as untagged containers, unless they
            // are a newest version (which fills a slot whatever else protects it).
            const inGroup = versions.filter((v) => group.has(v) && selectVersion(v, o).selected);
            const counted = inGroup
              .filter((v) => newest.has(v.id) || !isProtected(v, o))
              .map((v) => ({ id: v.id, time: versionTime(v, o.timeBasis) }))
              .sort(newestFirst);
            const fillers = counted.filter((c) => newest.has(c.id)).length;
            const spared = counted.filter((c) => !newest.has(c.id)).slice(0, Math.max(0, group.count - fillers));
            // The newest versions and the newest (count - fillers) others are never deleted...
            for (const c of counted) if (newest.has(c.id)) expect(deleted.has(c.id)).toBe(false);
            for (const c of spared) expect(decisions.get(c.id)).toMatchObject({ action: 'keep', reason: `kept-by-${group.rule}` });
            // ...and, without olderThan, nothing else of the group is kept by the rules: "keep N" keeps N (or the
            // newest versions alone, when there are more of them than N); the rest go unless a run limit holds them.
            if (o.olderThan !== undefined) continue;
            const keptByRule = counted.filter((c) => newest.has(c.id) || decisions.get(c.id)?.reason === `kept-by-${group.rule}`);
            expect(keptByRule.length).toBe(Math.min(counted.length, Math.max(group.count, fillers)));
            for (const c of counted) {
              const d = decisions.get(c.id)!;
              if (keptByRule.some((k) => k.id === c.id)) continue;
              expect(d.action === 'delete' || RUN_LIMIT_REASONS.includes(d.reason)).toBe(true);
            }
          }
        }
      }),
      params,
    );
  });

  it('is deterministic and does not depend on the order of packages, versions or tags', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const first = run(input);
        expect(run(input)).toEqual(first);
        const shuffled: Input = {
          options: input.options,
          packages: shuffle(
            input.packages.map((p) => ({
              name: p.name,
              versions: shuffle(p.versions, seed).map((v) => ({ ...v, tags: shuffle(v.tags, seed + v.id) })),
            })),
            seed + 1,
          ),
        };
        const second = run(shuffled);
        expect(second.deletions).toEqual(first.deletions);
        expect(second.packages.map((p) => p.decisions)).toEqual(first.packages.map((p) => p.decisions));
        expect(second.warnings).toEqual(first.warnings);
        expect(second.errors).toEqual(first.errors);
        expect(second.remainingForNextRun).toBe(first.remainingForNextRun);
      }),
      params,
    );
  });

  it('decides every version exactly once, and the deletions are exactly the delete decisions', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = run(input);
        const decided = result.packages.flatMap((p) => p.decisions.map((d) => d.id)).sort((a, b) => a - b);
        const given = input.packages.flatMap((p) => p.versions.map((v) => v.id)).sort((a, b) => a - b);
        expect(decided).toEqual(given);
        const deleteDecisions = result.packages.flatMap((p) => p.decisions.filter((d) => d.action === 'delete').map((d) => d.id));
        expect([...deletedSet(result)].sort((a, b) => a - b)).toEqual(deleteDecisions.sort((a, b) => a - b));
        for (const p of result.packages) {
          expect(p.kept + p.deleting).toBe(p.decisions.length);
          expect(Object.values(p.keptByReason).reduce((a, b) => a + (b ?? 0), 0)).toBe(p.kept);
        }
      }),
      params,
    );
  });
});

/** A deterministic shuffle (the seed comes from fast-check, so failures replay). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0 || 1;
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}
