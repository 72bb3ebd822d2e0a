import { planRetention } from '../../../provider/planner/plan-retention';
import type { PackageVersionInfo } from '../../../provider/types';
import { DAY, NOW, ago, decisionOf, deletedIds, plan, resolve, sorted, version } from './helpers';

/** `count` npm versions with ids 1..count; id N is `(count + 1 - N) * step` days old (higher id = newer). */
function series(count: number, stepDays: number): PackageVersionInfo[] {
  return Array.from({ length: count }, (_, i) => version(i + 1, `1.0.${i + 1}`, (count - i) * stepDays));
}

describe('examples from docs/retention-semantics.md', () => {
  it('"keep 10, delete older than 30 days" keeps the 10 newest candidates AND everything younger', () => {
    // 30 versions, id 30 is 2 days old, id 1 is 60 days old; id 16 is exactly 30 days old.
    const result = plan({ packageType: 'npm', keepNewest: 10, olderThan: '30d' }, { app: series(30, 2) });
    // The newest version is protected and fills one of the 10 slots; the next 9 are kept by the count.
    expect(decisionOf(result, 30)).toMatchObject({
      reason: 'newest-version',
      text: expect.stringMatching(/fills one of the 10 slots of keepNewest/),
    });
    for (let id = 21; id <= 29; id++) expect(decisionOf(result, id).reason).toBe('kept-by-keepNewest');
    for (let id = 16; id <= 20; id++) expect(decisionOf(result, id).reason).toBe('younger-than-cutoff');
    expect(sorted(deletedIds(result))).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(result.deletions.every((d) => d.rule === 'keepNewest+olderThan')).toBe(true);
  });

  it('a version exactly as old as the cut-off stays; one millisecond older goes', () => {
    const exact = { ...version(1, '1.0.0', 30), createdAt: new Date(NOW.getTime() - 30 * DAY).toISOString() };
    const older = { ...version(2, '1.0.1', 30), createdAt: new Date(NOW.getTime() - 30 * DAY - 1).toISOString() };
    const newest = version(3, '2.0.0', 1);
    const result = plan({ packageType: 'npm', olderThan: '30d' }, { app: [exact, older, newest] });
    expect(decisionOf(result, 1)).toMatchObject({ action: 'keep', reason: 'younger-than-cutoff' });
    expect(decisionOf(result, 2)).toMatchObject({ action: 'delete', reason: 'olderThan' });
  });

  it('`pr-*` does not select a version tagged pr-12 and v1.0, and the preview warns about it', () => {
    const versions = [
      version(1, 'sha256:a', 50, ['pr-12', 'v1.0']),
      version(2, 'sha256:b', 40, ['pr-13']),
      version(3, 'sha256:c', 30, ['pr-14', 'pr-14-final']),
      version(4, 'sha256:d', 1, ['v2.0']),
    ];
    const result = plan({ packageType: 'container', tags: ['pr-*'], olderThan: '7d' }, { app: versions });
    expect(decisionOf(result, 1)).toMatchObject({
      action: 'keep',
      reason: 'not-selected',
      text: expect.stringMatching(/"v1.0" matches no entry of tags/),
    });
    expect(sorted(deletedIds(result))).toEqual([2, 3]);
    expect(result.warnings.join('\n')).toMatch(/1 version\(s\) match tags only partly.*1 sha256:a tagged pr-12, v1.0 \(would also remove "v1.0"\)/);
  });

  it('ties on time are broken by id: the higher id is newer', () => {
    const same = ago(40);
    const versions = [10, 11, 12].map((id) => ({ ...version(id, `1.0.${id}`, 40), createdAt: same, updatedAt: same }));
    const result = plan({ packageType: 'npm', keepNewest: 1, keepNewestVersion: false }, { app: versions });
    expect(decisionOf(result, 12).reason).toBe('kept-by-keepNewest');
    expect(result.deletions.map((d) => d.id)).toEqual([10, 11]); // oldest first: lower id first
  });

  it('maxDeletionsPerRun between versions published at the same instant: the lower id (published first) goes first', () => {
    const same = [version(9, '1.0.9', 100), version(3, '1.0.3', 100), version(7, '1.0.7', 100), version(5, '1.0.5', 100), version(20, '2.0.0', 1)];
    const result = plan({ packageType: 'npm', olderThan: '30d', maxDeletionsPerRun: 2 }, { app: same });
    expect(result.deletions.map((d) => d.id)).toEqual([3, 5]);
    expect([7, 9].map((id) => decisionOf(result, id).reason)).toEqual(['deferred-by-cap', 'deferred-by-cap']);
  });

  it('maxDeletionsPerRun keeps the OLDEST deletions across packages and says how many remain', () => {
    const a = [version(1, '1.0.0', 100), version(2, '1.0.1', 80), version(3, '1.0.2', 60), version(4, '2.0.0', 1)];
    const b = [version(11, '1.0.0', 90), version(12, '1.0.1', 70), version(13, '2.0.0', 1)];
    const result = plan({ packageType: 'npm', olderThan: '30d', maxDeletionsPerRun: 3 }, { a, b });
    expect(result.deletions.map((d) => [d.package, d.id])).toEqual([
      ['a', 1],
      ['b', 11],
      ['a', 2],
    ]);
    expect(result.remainingForNextRun).toBe(2);
    expect(decisionOf(result, 12)).toMatchObject({ action: 'keep', reason: 'deferred-by-cap', text: expect.stringMatching(/next run/) });
    expect(decisionOf(result, 3).reason).toBe('deferred-by-cap');
    expect(result.packages.map((p) => [p.name, p.deleting, p.deferred])).toEqual([
      ['a', 2, 1],
      ['b', 1, 1],
    ]);
    expect(result.errors).toEqual([]);
  });

  it('over maxShareOfPackage the plan fails, says by how much, and plans nothing for that package', () => {
    const result = plan({ packageType: 'npm', keepNewest: 2, maxShareOfPackage: 0.5 }, { app: series(10, 1), other: series(2, 1) });
    // 10 versions: the newest and 1 more kept by the count, 8 would be deleted; 50% allows 5.
    expect(result.errors).toEqual([
      'package "app": the plan would delete 8 of 10 active versions (80%), 3 more than maxShareOfPackage 0.5 allows (5). ' +
        'Nothing is deleted. To proceed, raise maxShareOfPackage to at least 0.8 or narrow the rules (e.g. a larger keepNewest or olderThan).',
    ]);
    expect(result.deletions.filter((d) => d.package === 'app')).toEqual([]);
    expect(decisionOf(result, 1).reason).toBe('over-max-share');
  });

  it('maxShareOfPackage counts protected versions in the denominator and is computed before the cap', () => {
    // 4 versions, 1 protected (newest), 2 deletions = exactly 50%: allowed even with a cap of 1.
    const versions = [version(1, '1', 90), version(2, '2', 80), version(3, '3', 2), version(4, '4', 1)];
    const ok = plan({ packageType: 'npm', olderThan: '30d', maxShareOfPackage: 0.5, maxDeletionsPerRun: 1 }, { app: versions });
    expect(ok.errors).toEqual([]);
    expect(ok.deletions.map((d) => d.id)).toEqual([1]);
    expect(ok.remainingForNextRun).toBe(1);
    // Three deletions of four fail even though the cap would allow only one this run.
    const over = plan(
      { packageType: 'npm', olderThan: '1d', maxShareOfPackage: 0.5, maxDeletionsPerRun: 1 },
      { app: versions.map((v) => ({ ...v, createdAt: ago(50) })) },
    );
    expect(over.errors[0]).toMatch(/would delete 3 of 4 active versions \(75%\), 1 more than/);
  });
});

describe('protection (step 1)', () => {
  const container = (id: number, days: number, tags: string[] = []) => version(id, `sha256:${id}`, days, tags);

  it.each([
    ['protectIds', { protectIds: [2] }, 2, 'protected-id'],
    ['protectNames', { protectNames: ['sha256:3'] }, 3, 'protected-name'],
    ['protectTags default latest', {}, 4, 'protected-tag'],
    ['protectTags replaced', { protectTags: ['v*'] }, 5, 'protected-tag'],
    ['newest tagged version', {}, 7, 'newest-version'],
    ['untagged container', {}, 1, 'untagged-container-protected'],
  ])('%s', (_what, extra, id, reason) => {
    const versions = [
      container(1, 90),
      container(2, 80, ['a']),
      container(3, 70, ['b']),
      container(4, 60, ['latest']),
      container(5, 50, ['v1']),
      container(6, 40, ['c']),
      container(7, 30, ['d']),
    ];
    const result = plan({ packageType: 'container', keepNewest: 0, ...extra }, { app: versions });
    expect(decisionOf(result, id)).toMatchObject({ action: 'keep', reason });
  });

  it('protected ids, names and tags take no slot in keep counts and are shown as kept (protected) when selected', () => {
    const versions = [version(1, '1.0.0', 50), version(2, '1.0.1', 40), version(3, '1.0.2', 30), version(4, '1.0.3', 20)];
    const result = plan({ packageType: 'npm', keepNewest: 2, protectIds: [3] }, { app: versions });
    expect(decisionOf(result, 4)).toMatchObject({ reason: 'newest-version', selected: true });
    expect(decisionOf(result, 3)).toMatchObject({ reason: 'protected-id', selected: true });
    expect(decisionOf(result, 2).reason).toBe('kept-by-keepNewest');
    expect(deletedIds(result)).toEqual([1]);
    expect(result.packages[0]).toMatchObject({
      kept: 3,
      deleting: 1,
      keptByReason: { 'newest-version': 1, 'protected-id': 1, 'kept-by-keepNewest': 1 },
    });
  });

  it('with timeBasis updated, both the newest by updated and the newest by created are protected', () => {
    const versions = [version(1, '1.0.0', 100, [], 1), version(2, '2.0.0', 10, [], 50), version(3, '0.9.0', 120, [], 110)];
    const result = plan({ packageType: 'npm', olderThan: '5d', timeBasis: 'updated' }, { app: versions });
    expect(decisionOf(result, 1).reason).toBe('newest-version');
    expect(decisionOf(result, 2).reason).toBe('newest-version');
    expect(result.deletions).toEqual([
      { package: 'app', id: 3, name: '0.9.0', tags: [], createdAt: ago(120), updatedAt: ago(110), rule: 'olderThan' },
    ]);
  });
});

describe('selection (step 2)', () => {
  it.each([
    ['select tagged', { select: 'tagged' as const }, [2, 3]],
    ['select untagged', { select: 'untagged' as const }, [1]],
    ['tags include', { tags: ['pr-*'] }, [2]],
    ['tags exclusions only ("everything except"), select all', { tags: ['!release-*'], select: 'all' as const }, [1, 2]],
    ['names glob (digest)', { names: ['sha256:1*'] }, [1]],
    ['names exclusion', { names: ['!sha256:1'] }, [2, 3]],
    ['names regex', { names: ['/sha256:[23]/'] }, [2, 3]],
  ])('%s', (_what, extra, expected) => {
    const versions = [
      version(1, 'sha256:1', 90),
      version(2, 'sha256:2', 80, ['pr-1']),
      version(3, 'sha256:3', 70, ['release-1']),
      version(4, 'sha256:4', 1, ['v9']),
    ];
    const result = plan({ packageType: 'container', olderThan: '30d', untaggedContainers: 'delete', ...extra }, { app: versions });
    expect(sorted(deletedIds(result))).toEqual(expected);
    for (const d of result.packages[0].decisions) if (d.reason === 'not-selected') expect(d.text).toMatch(/^not selected: /);
  });

  it.each([
    ['only', [2, 4]],
    ['exclude', [1, 3]],
    ['any', [1, 2, 3, 4]],
  ] as const)('prerelease %s (npm)', (mode, expected) => {
    const versions = [
      version(1, '1.0.0', 90),
      version(2, '1.1.0-beta.1', 80),
      version(3, '1.1.0+build.7', 70),
      version(4, 'v1.2.0-rc.1', 60),
      version(5, '2.0.0', 1),
    ];
    const result = plan({ packageType: 'npm', olderThan: '30d', prerelease: mode }, { app: versions });
    expect(sorted(deletedIds(result))).toEqual(expected);
  });

  it('the filters combine with AND', () => {
    const versions = [
      version(1, 'sha256:1', 90, ['pr-1']),
      version(2, 'sha256:2', 80, ['pr-2-rc']),
      version(3, 'sha256:3', 70, ['1.0.0-rc.1']),
      version(4, 'sha256:4', 1, ['v9']),
    ];
    const result = plan(
      { packageType: 'container', olderThan: '30d', tags: ['pr-*', '1.*'], names: ['!sha256:1'], prerelease: 'exclude' },
      { app: versions },
    );
    expect(deletedIds(result)).toEqual([2]);
  });

  it('warns once per include/exclude pair that both match, with examples', () => {
    const versions = [
      version(1, 'sha256:1', 90, ['pr-keep-1']),
      version(2, 'sha256:2', 80, ['pr-keep-2']),
      version(3, 'sha256:3', 70, ['pr-3']),
      version(4, 'sha256:4', 1, ['v9']),
    ];
    const result = plan({ packageType: 'container', olderThan: '30d', tags: ['pr-*', '!pr-keep-*'] }, { app: versions });
    expect(deletedIds(result)).toEqual([3]);
    expect(result.warnings).toContain('tags: "pr-*" and "!pr-keep-*" both match "pr-keep-1"; "pr-keep-2"; the exclusion wins');
  });

  it('a package not matched by `packages` is not touched', () => {
    const result = planRetention({
      packages: [{ name: 'legacy-app', versions: series(5, 40) }],
      options: resolve({ packageType: 'npm', packages: ['*', '!legacy-*'], olderThan: '1d', maxShareOfPackage: 1 }),
      now: NOW,
    });
    expect(result.deletions).toEqual([]);
    expect(result.packages[0].keptByReason).toEqual({ 'package-not-selected': 5 });
  });
});

describe('keep counts and groups (steps 3 and 4)', () => {
  const versions = [
    version(1, 'sha256:1', 100),
    version(2, 'sha256:2', 90),
    version(3, 'sha256:3', 80),
    version(4, 'sha256:4', 70, ['a']),
    version(5, 'sha256:5', 60, ['b']),
    version(6, 'sha256:6', 50, ['c']),
    version(7, 'sha256:7', 1, ['d']),
  ];
  const base = { packageType: 'container' as const, untaggedContainers: 'delete' as const };

  it('keepNewestTagged alone deletes only tagged versions; the untagged group has no rule and stays', () => {
    const result = plan({ ...base, keepNewestTagged: 2 }, { app: versions });
    expect(deletedIds(result)).toEqual([4, 5]); // 7 is the newest tagged version (protected, one slot), 6 is kept by the count
    expect(decisionOf(result, 7)).toMatchObject({
      reason: 'newest-version',
      text: expect.stringMatching(/fills one of the 2 slots of keepNewestTagged/),
    });
    expect(decisionOf(result, 6).reason).toBe('kept-by-keepNewestTagged');
    expect(decisionOf(result, 1).reason).toBe('no-rule-for-group');
  });

  it('keepNewestTagged and keepNewestUntagged count each group on its own; the newest tagged version fills a tagged slot only', () => {
    const result = plan({ ...base, keepNewestTagged: 2, keepNewestUntagged: 2 }, { app: versions });
    expect(deletedIds(result)).toEqual([1, 4, 5]);
    expect(result.deletions.map((d) => d.rule)).toEqual(['keepNewestUntagged', 'keepNewestTagged', 'keepNewestTagged']);
  });

  it('keepNewestTagged counts tagged versions only: newer untagged versions take none of its slots', () => {
    const mixed = [
      version(1, 'sha256:1', 100, ['a']),
      version(2, 'sha256:2', 90, ['b']),
      version(3, 'sha256:3', 80, ['c']),
      version(4, 'sha256:4', 10),
      version(5, 'sha256:5', 5),
      version(6, 'sha256:6', 1),
    ];
    const result = plan({ ...base, keepNewestTagged: 2, keepNewestUntagged: 1 }, { app: mixed });
    expect(deletedIds(result)).toEqual([1, 4, 5]); // 3 is the newest tagged version (one slot), 2 the other; 6 the untagged one
    expect(decisionOf(result, 2).reason).toBe('kept-by-keepNewestTagged');
    expect(decisionOf(result, 6).reason).toBe('kept-by-keepNewestUntagged');
  });

  it('with olderThan, a group without a count is deleted by age alone', () => {
    const result = plan({ ...base, keepNewestTagged: 2, olderThan: '85d' }, { app: versions });
    expect(deletedIds(result)).toEqual([1, 2]);
    expect(result.deletions.map((d) => d.rule)).toEqual(['olderThan', 'olderThan']);
  });

  it('keepNewest N keeps exactly N versions when more exist: the newest version fills one slot', () => {
    const result = plan({ packageType: 'npm', keepNewest: 3 }, { app: series(10, 1) });
    expect(result.packages[0].keptByReason).toEqual({ 'newest-version': 1, 'kept-by-keepNewest': 2 });
    expect(deletedIds(result)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('"keep 10" keeps 10: the newest version fills one slot of its group (steps 1 and 3)', () => {
  const tagged = (id: number, days: number, tags: string[]) => version(id, `sha256:${id}`, days, tags);

  it.each([
    ['keepNewest 10 over 30 npm versions', { packageType: 'npm' as const, keepNewest: 10 }, series(30, 1), 10],
    ['keepNewest 1 keeps only the newest version', { packageType: 'npm' as const, keepNewest: 1 }, series(5, 1), 1],
    [
      'keepNewestTagged 3 over 8 tagged container versions',
      { packageType: 'container' as const, keepNewestTagged: 3 },
      [1, 2, 3, 4, 5, 6, 7, 8].map((id) => tagged(id, 20 - id, [`v${id}`])),
      3,
    ],
  ])('%s', (_what, options, versions, kept) => {
    const result = plan(options, { app: versions });
    const keptIds = result.packages[0].decisions.filter((d) => d.action === 'keep').map((d) => d.id);
    // Exactly the `kept` newest (ids are in age order) stay.
    expect(sorted(keptIds)).toEqual(sorted(versions.map((v) => v.id)).slice(-kept));
  });

  it('the newest tagged version fills its slot also when protectTags (latest) protects it', () => {
    const versions = [tagged(1, 40, ['v1']), tagged(2, 30, ['v2']), tagged(3, 20, ['v3']), tagged(4, 10, ['v4', 'latest'])];
    const result = plan({ packageType: 'container', keepNewestTagged: 2 }, { app: versions });
    expect(decisionOf(result, 4)).toMatchObject({
      reason: 'protected-tag',
      text: expect.stringMatching(/newest version.*fills one of the 2 slots of keepNewestTagged/),
    });
    expect(deletedIds(result)).toEqual([1, 2]);
  });

  it('`latest` on an older version takes no slot: it is kept in addition', () => {
    const versions = [tagged(1, 40, ['v1']), tagged(2, 30, ['v2', 'latest']), tagged(3, 20, ['v3']), tagged(4, 10, ['v4'])];
    const result = plan({ packageType: 'container', keepNewestTagged: 2 }, { app: versions });
    expect(decisionOf(result, 2).reason).toBe('protected-tag');
    expect(decisionOf(result, 3).reason).toBe('kept-by-keepNewestTagged');
    expect(deletedIds(result)).toEqual([1]);
  });

  it('a newest version that the selection does not match takes no slot', () => {
    // prerelease: only; the newest version 2.0.0 is a release: the 2 newest pre-releases stay besides it.
    const versions = [version(1, '1.0.0-rc.1', 40), version(2, '1.0.0-rc.2', 30), version(3, '1.0.0-rc.3', 20), version(4, '2.0.0', 10)];
    const result = plan({ packageType: 'npm', keepNewest: 2, prerelease: 'only' }, { app: versions });
    expect(decisionOf(result, 4)).toMatchObject({ reason: 'newest-version', selected: false, text: expect.not.stringMatching(/slot/) });
    expect(deletedIds(result)).toEqual([1]);
  });

  it('keepNewest 0: the newest version is still protected, in addition (there is no slot to fill)', () => {
    const result = plan({ packageType: 'npm', keepNewest: 0 }, { app: series(4, 1) });
    expect(decisionOf(result, 4)).toMatchObject({ reason: 'newest-version', text: expect.not.stringMatching(/slot/) });
    expect(deletedIds(result)).toEqual([1, 2, 3]);
  });

  it('with timeBasis updated, the most recently created and the most recently updated versions each fill a slot', () => {
    // Newest by updated: 5, then 4, 3, 2; id 1 was created last but has not been updated since.
    const versions = [
      version(1, '3.0.0', 1, [], 1),
      version(2, '1.0.0', 100, [], 40),
      version(3, '1.1.0', 100, [], 30),
      version(4, '1.2.0', 100, [], 20),
      version(5, '1.3.0', 100, [], 0.5),
    ];
    const two = plan({ packageType: 'npm', keepNewest: 2, timeBasis: 'updated' }, { app: versions });
    expect(sorted(deletedIds(two))).toEqual([2, 3, 4]);
    expect(two.packages[0].keptByReason).toEqual({ 'newest-version': 2 });
    const three = plan({ packageType: 'npm', keepNewest: 3, timeBasis: 'updated' }, { app: versions });
    expect(sorted(deletedIds(three))).toEqual([2, 3]);
    // One slot, two protected newest versions: both stay (protected), nothing else.
    const one = plan({ packageType: 'npm', keepNewest: 1, timeBasis: 'updated' }, { app: versions });
    expect(sorted(deletedIds(one))).toEqual([2, 3, 4]);
  });

  it('with keepNewestVersion false, the count alone decides', () => {
    const result = plan({ packageType: 'npm', keepNewest: 3, keepNewestVersion: false }, { app: series(10, 1) });
    expect(result.packages[0].keptByReason).toEqual({ 'kept-by-keepNewest': 3 });
    expect(deletedIds(result)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe("GitHub's known refusals (step 5)", () => {
  it('never plans the last version of a package', () => {
    const result = plan({ packageType: 'npm', keepNewest: 0, keepNewestVersion: false }, { app: series(3, 10) });
    expect(deletedIds(result)).toEqual([1, 2]);
    expect(decisionOf(result, 3)).toMatchObject({ action: 'keep', reason: 'last-version' });
  });

  it('never plans the last tagged version of a container package', () => {
    const versions = [version(1, 'sha256:1', 30), version(2, 'sha256:2', 20, ['a']), version(3, 'sha256:3', 10, ['b'])];
    const result = plan(
      { packageType: 'container', keepNewest: 0, keepNewestVersion: false, protectTags: [], untaggedContainers: 'delete' },
      { app: versions },
    );
    expect(deletedIds(result)).toEqual([1, 2]);
    expect(decisionOf(result, 3)).toMatchObject({ action: 'keep', reason: 'last-tagged-version' });
  });

  it('a container package with only untagged versions still keeps one', () => {
    const versions = [version(1, 'sha256:1', 30), version(2, 'sha256:2', 20)];
    const result = plan({ packageType: 'docker', keepNewest: 0, untaggedContainers: 'delete' }, { app: versions });
    expect(deletedIds(result)).toEqual([1]);
    expect(decisionOf(result, 2).reason).toBe('last-version');
  });
});

describe('containers while the image graph is unknown', () => {
  const versions = [version(1, 'sha256:1', 90), version(2, 'sha256:2', 80, ['pr-1']), version(3, 'sha256:3', 1, ['v2'])];

  it('untagged versions are protected by default', () => {
    const result = plan({ packageType: 'container', olderThan: '30d' }, { app: versions });
    expect(decisionOf(result, 1).reason).toBe('untagged-container-protected');
    expect(deletedIds(result)).toEqual([2]);
    expect(result.warnings.join('\n')).toMatch(/1 tagged version\(s\) will be deleted.*child of another \(multi-arch\) image/);
    expect(result.warnings.join('\n')).not.toMatch(/untagged version/);
  });

  it('untaggedContainers: delete allows them, with a warning about platform manifests', () => {
    const result = plan({ packageType: 'container', olderThan: '30d', untaggedContainers: 'delete' }, { app: versions });
    expect(deletedIds(result)).toEqual([1, 2]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^package "app": 1 untagged version\(s\) will be deleted.*platform manifests/),
      expect.stringMatching(/^package "app": 1 tagged version\(s\) will be deleted/),
    ]);
  });

  it('a plan deleting only untagged versions warns about those alone', () => {
    const result = plan({ packageType: 'container', olderThan: '30d', untaggedContainers: 'delete' }, { app: [versions[0], versions[2]] });
    expect(deletedIds(result)).toEqual([1]);
    expect(result.warnings).toEqual([expect.stringMatching(/^package "app": 1 untagged version\(s\) will be deleted/)]);
  });
});

describe('the plan itself', () => {
  it('lists deletions oldest first with stable data only (no now, no ages)', () => {
    const versions = [version(5, '1.0.5', 40), version(3, '1.0.3', 60), version(4, '1.0.4', 50), version(9, '2.0.0', 1)];
    const first = plan({ packageType: 'npm', olderThan: '30d' }, { app: versions });
    expect(first.deletions).toEqual([
      { package: 'app', id: 3, name: '1.0.3', tags: [], createdAt: ago(60), rule: 'olderThan' },
      { package: 'app', id: 4, name: '1.0.4', tags: [], createdAt: ago(50), rule: 'olderThan' },
      { package: 'app', id: 5, name: '1.0.5', tags: [], createdAt: ago(40), rule: 'olderThan' },
    ]);
    // An hour later nothing crosses the cut-off: the plan (deletions, decisions, warnings) is identical.
    const later = plan({ packageType: 'npm', olderThan: '30d' }, { app: versions }, new Date(NOW.getTime() + 3_600_000));
    expect(later).toEqual(first);
    expect(first.warnings).toEqual([]); // the container warnings are about containers only
  });

  it('keeps versions that are not active out of every count', () => {
    const deleted: PackageVersionInfo = { ...version(100, '0.1.0', 300), state: 'deleted' };
    const result = plan({ packageType: 'npm', olderThan: '30d' }, { app: [deleted, ...series(4, 20)] });
    expect(decisionOf(result, 100).reason).toBe('not-active');
    expect(result.packages[0].activeVersions).toBe(4);
    expect(deletedIds(result)).not.toContain(100);
  });

  it('fails closed on an unreadable time: an error and nothing planned for that package', () => {
    const broken = { ...version(2, '1.0.1', 50), createdAt: 'yesterday' };
    const result = plan({ packageType: 'npm', olderThan: '30d' }, { app: [version(1, '1.0.0', 60), broken, version(3, '2.0.0', 1)] });
    expect(result.deletions).toEqual([]);
    expect(result.errors[0]).toMatch(/package "app": version 2 has an unreadable created_at/);
  });

  const unreadable = (overrides: Record<string, unknown>, id = 2) => ({ ...version(id, '1.0.1', 50), ...overrides });
  it.each([
    ['id 0', [unreadable({ id: 0 })], 'a version has an invalid id (0)'],
    ['a negative id', [unreadable({ id: -3 })], 'a version has an invalid id (-3)'],
    ['a fractional id', [unreadable({ id: 1.5 })], 'a version has an invalid id (1.5)'],
    ['an id past 2^53', [unreadable({ id: 2 ** 53 })], 'a version has an invalid id (9007199254740992)'],
    ['an id listed twice', [unreadable({}), unreadable({ name: '1.0.2' })], 'version id 2 is listed twice'],
    ['a version without a name', [unreadable({ name: null })], 'version 2 has no name or tags'],
    ['a version whose tags are not a list', [unreadable({ tags: 'v1' })], 'version 2 has no name or tags'],
  ])('fails closed on %s: an error and every version kept as unreadable-data', (_, broken, reason) => {
    const result = plan({ packageType: 'npm', olderThan: '30d' }, { app: [version(1, '1.0.0', 60), ...broken, version(3, '2.0.0', 1)] });
    expect(result.deletions).toEqual([]);
    expect(result.errors).toEqual([expect.stringContaining(`package "app": ${reason}; nothing in this package is planned`)]);
    expect(result.packages[0].keptByReason).toEqual({ 'unreadable-data': 2 + broken.length });
  });

  it('refuses a package listed twice and an invalid now', () => {
    const options = resolve({ packageType: 'npm', packages: ['*'], olderThan: '1d' });
    expect(() =>
      planRetention({
        packages: [
          { name: 'a', versions: [] },
          { name: 'a', versions: [] },
        ],
        options,
        now: NOW,
      }),
    ).toThrow(/listed twice/);
    expect(() => planRetention({ packages: [], options, now: new Date('nope') })).toThrow(/valid Date/);
  });
});
