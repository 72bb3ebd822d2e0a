// PackageVersionSet: which listed versions a set changes (check), what GitHub would refuse, and which reviewed
// changes `up` still makes against live data (apply).
import { confirmVersionSet, planVersionSet, type SetChange, type VersionSetInput } from '../../../provider/planner/plan-version-set';
import type { PackageVersionInfo } from '../../../provider/types';
import { DAY, NOW, version } from './helpers';

function deleted(id: number, name: string, deletedDaysAgo: number, tags: string[] = []): PackageVersionInfo {
  return { ...version(id, name, 100, tags), state: 'deleted', deletedAt: new Date(NOW.getTime() - deletedDaysAgo * DAY).toISOString() };
}

const active = [version(1, '1.0.0', 30, ['v1']), version(2, '1.1.0', 20, ['v1.1']), version(3, '1.2.0', 10, ['latest', 'v1.2'])];
const gone = [deleted(7, '0.9.0', 3), deleted(8, '0.8.0', 40)];

function input(over: Partial<VersionSetInput>): VersionSetInput {
  return {
    packageType: 'npm',
    desired: 'deleted',
    ids: [],
    names: [],
    active,
    deleted: gone,
    describe: 'npm package "ui" of acme',
    now: NOW,
    ...over,
  };
}

const ids = (changes: readonly SetChange[]) => changes.map((c) => [c.id, c.action]);

describe('planVersionSet: which versions the set changes', () => {
  it('ids and names (or tags) resolve against the active and the deleted listing; the changes come in id order', () => {
    const plan = planVersionSet(input({ desired: 'deleted', ids: [2, 7], names: ['v1'] }));
    expect(ids(plan.changes)).toEqual([
      [1, 'delete'],
      [2, 'delete'],
    ]);
    expect(plan.unchanged).toBe(1); // 7 is deleted already
    expect(plan.failures).toEqual([]);
  });

  it('restoring: deleted versions are restored (within the window), active ones are unchanged', () => {
    const plan = planVersionSet(input({ desired: 'active', ids: [7, 1], names: ['1.1.0'] }));
    expect(plan.changes).toEqual([{ id: 7, name: '0.9.0', tags: [], createdAt: gone[0].createdAt, deletedAt: gone[0].deletedAt, action: 'restore' }]);
    expect(plan.unchanged).toBe(2);
    expect(plan.failures).toEqual([]);
  });

  it('a change shows its tags sorted, and no deletion time for an active version', () => {
    const plan = planVersionSet(input({ ids: [3], active: [active[0], active[1], { ...active[2], tags: ['v1.2', 'latest'] }] }));
    expect(plan.changes).toEqual([{ id: 3, name: '1.2.0', tags: ['latest', 'v1.2'], createdAt: active[2].createdAt, action: 'delete' }]);
  });

  it('a name that one active version holds resolves to it, even when a deleted version had it too', () => {
    const plan = planVersionSet(input({ names: ['1.0.0'], deleted: [deleted(9, '1.0.0', 2)] }));
    expect(ids(plan.changes)).toEqual([[1, 'delete']]);
    expect(plan.failures).toEqual([]);
  });
});

describe('planVersionSet: an id or name that matches nothing fails the preview', () => {
  it('unknown ids and names each fail their property, with the purge hint', () => {
    const plan = planVersionSet(input({ ids: [1, 99], names: ['nope'] }));
    expect(plan.failures).toEqual([
      {
        property: 'versionIds',
        reason: expect.stringMatching(/^no version 99 in the npm package "ui" of acme, or not visible to this token\. GitHub purges/),
      },
      { property: 'versionNames', reason: expect.stringMatching(/^no version named or tagged "nope" in the npm package "ui" of acme/) },
    ]);
    expect(plan.failures[0].reason).not.toMatch(/\/users\/\{user\}/);
  });

  it('under /users/{user} (no deleted listing) the failure says deleted versions are not listed', () => {
    const plan = planVersionSet(input({ ids: [7], deleted: undefined }));
    expect(plan.changes).toEqual([]);
    expect(plan.failures).toEqual([{ property: 'versionIds', reason: expect.stringContaining('are not listed by /users/{user}') }]);
  });

  it('more than ten unknown ids: ten are named, then how many more', () => {
    const plan = planVersionSet(input({ ids: Array.from({ length: 12 }, (_, i) => 100 + i) }));
    expect(plan.failures[0].reason).toMatch(/^no version 100, 101, 102, 103, 104, 105, 106, 107, 108, 109 and 2 more in /);
  });

  it('a name several versions hold is ambiguous: the failure names their ids and asks for versionIds', () => {
    const twice = [...active, version(4, '1.3.0', 5, ['v1'])];
    const plan = planVersionSet(input({ names: ['v1'], active: twice }));
    expect(plan.changes).toEqual([]);
    expect(plan.failures).toEqual([
      { property: 'versionNames', reason: '"v1" matches 2 active versions (ids 1, 4) of the npm package "ui" of acme: give `versionIds` instead.' },
    ]);
  });

  it('a name two deleted versions held is ambiguous too', () => {
    const plan = planVersionSet(input({ desired: 'active', names: ['0.9.0'], deleted: [...gone, deleted(9, '0.9.0', 1)] }));
    expect(plan.failures).toEqual([
      { property: 'versionNames', reason: expect.stringMatching(/^"0\.9\.0" matches 2 deleted versions \(ids 7, 9\)/) },
    ]);
  });
});

describe('planVersionSet: a version the set held that no listing shows any more', () => {
  const previous = { ids: [50], names: ['0.1.0'] };

  it('with state "deleted": as wanted (GitHub purged it), counted unchanged', () => {
    const plan = planVersionSet(input({ ids: [50], names: ['0.1.0'], previous }));
    expect(plan.failures).toEqual([]);
    expect(plan.unchanged).toBe(2);
  });

  it('with state "active": it cannot be restored, so it fails', () => {
    const plan = planVersionSet(input({ desired: 'active', ids: [50], names: ['0.1.0'], previous }));
    expect(plan.failures.map((f) => f.property)).toEqual(['versionIds', 'versionNames']);
    expect(plan.unchanged).toBe(0);
  });

  it('an id or name the set did not hold before fails, whatever the state (a typo is not "already gone")', () => {
    const plan = planVersionSet(input({ ids: [51], names: ['0.2.0'], previous }));
    expect(plan.failures.map((f) => f.property)).toEqual(['versionIds', 'versionNames']);
  });
});

describe('planVersionSet: restores GitHub would refuse fail the preview', () => {
  it('a version deleted more than 30 days ago cannot be restored', () => {
    const plan = planVersionSet(input({ desired: 'active', ids: [7, 8] }));
    expect(ids(plan.changes)).toEqual([
      [7, 'restore'],
      [8, 'restore'],
    ]);
    expect(plan.failures).toEqual([
      { property: 'state', reason: expect.stringMatching(/^cannot restore 1 version\(s\): 8 \(0\.8\.0\): This version was deleted at /) },
    ]);
    expect(plan.failures[0].reason).toMatch(/to stop asking for it\.$/); // one version: no "and N more"
  });

  it('more than five: five are named, then how many more', () => {
    const old = Array.from({ length: 7 }, (_, i) => deleted(20 + i, `0.0.${i}`, 45));
    const plan = planVersionSet(input({ desired: 'active', ids: old.map((v) => v.id), deleted: old }));
    expect(plan.failures).toHaveLength(1);
    expect(plan.failures[0].reason).toMatch(/^cannot restore 7 version\(s\): 20 \(0\.0\.0\): .* 24 \(0\.0\.4\): [^]* … and 2 more\.$/);
    expect(plan.failures[0].reason).not.toMatch(/25 \(0\.0\.5\)/);
  });
});

describe("planVersionSet: GitHub refuses to delete a package's last version", () => {
  it('a set that deletes every active version fails; one that leaves one passes', () => {
    const all = planVersionSet(input({ ids: [1, 2, 3] }));
    expect(all.failures).toEqual([
      { property: 'state', reason: expect.stringMatching(/^the set deletes all 3 active versions of the npm package "ui" of acme/) },
    ]);
    expect(planVersionSet(input({ ids: [1, 2] })).failures).toEqual([]);
  });

  it('a container set that deletes every tagged version fails; one that leaves a tagged one, or deletes untagged ones only, passes', () => {
    const images = [version(1, 'sha256:a', 30, ['v1']), version(2, 'sha256:b', 20, ['v2']), version(3, 'sha256:c', 10), version(4, 'sha256:d', 5)];
    const container = (setIds: number[]) =>
      planVersionSet(input({ packageType: 'container', active: images, ids: setIds, describe: 'container package "web" of acme' }));
    expect(container([1, 2, 3]).failures).toEqual([
      { property: 'state', reason: expect.stringMatching(/^the set deletes all 2 tagged versions of the container package "web" of acme/) },
    ]);
    expect(container([1, 3]).failures).toEqual([]);
    expect(container([3, 4]).failures).toEqual([]);
  });

  it('other package types have no tagged-version rule', () => {
    const tagged = [version(1, '1.0.0', 30, ['v1']), version(2, '2.0.0', 20)];
    expect(planVersionSet(input({ active: tagged, ids: [1] })).failures).toEqual([]);
  });

  it('restoring is never refused for being the last version, even in a package with no active version left', () => {
    expect(planVersionSet(input({ desired: 'active', active: [active[0]], ids: [7] })).failures).toEqual([]);
    const restore = planVersionSet(input({ desired: 'active', active: [], ids: [7] }));
    expect(ids(restore.changes)).toEqual([[7, 'restore']]);
    expect(restore.failures).toEqual([]);
  });

  it('the tagged-version rule counts tagged versions only: deleting both tagged versions beside three untagged ones fails', () => {
    const images = [
      version(1, 'sha256:a', 30, ['v1']),
      version(2, 'sha256:b', 20, ['v2']),
      ...[3, 4, 5].map((id) => version(id, `sha256:${id}`, id)),
    ];
    const plan = planVersionSet(input({ packageType: 'container', active: images, ids: [1, 2] }));
    expect(plan.failures).toEqual([{ property: 'state', reason: expect.stringMatching(/^the set deletes all 2 tagged versions/) }]);
  });

  it('a container package with no tagged version at all: deleting some untagged versions passes', () => {
    const untagged = [1, 2, 3].map((id) => version(id, `sha256:${id}`, id));
    expect(planVersionSet(input({ packageType: 'container', active: untagged, ids: [1, 2] })).failures).toEqual([]);
  });
});

describe('confirmVersionSet: at `up`, a reviewed change is made only if live data still calls for it, as reviewed', () => {
  const change = (v: PackageVersionInfo, action: SetChange['action']): SetChange => ({
    id: v.id,
    name: v.name,
    tags: [...v.tags],
    createdAt: v.createdAt,
    action,
  });

  it('a deletion of a version still active with the same name and tags (in any order), and a restore of one still deleted, are made', () => {
    const reordered = [{ ...active[2], tags: ['v1.2', 'latest'] }];
    const reviewed = [change(active[2], 'delete'), change(gone[0], 'restore')];
    expect(confirmVersionSet(reviewed, reordered, gone)).toEqual({ confirmed: reviewed, skipped: [] });
  });

  it('already in the wanted state: skipped', () => {
    const reviewed = [change(active[0], 'delete'), change(gone[0], 'restore')];
    const result = confirmVersionSet(reviewed, [{ ...gone[0], state: 'active' }], [{ ...active[0], state: 'deleted' }]);
    expect(result.confirmed).toEqual([]);
    expect(result.skipped).toEqual([
      { id: 1, name: '1.0.0', reason: 'already deleted' },
      { id: 7, name: '0.9.0', reason: 'already active' },
    ]);
  });

  it('no longer listed at all: skipped (a restore may have been purged)', () => {
    const result = confirmVersionSet([change(active[0], 'delete'), change(gone[0], 'restore')], [], undefined);
    expect(result.confirmed).toEqual([]);
    expect(result.skipped).toEqual([
      { id: 1, name: '1.0.0', reason: 'no longer listed (its package is gone or not visible)' },
      { id: 7, name: '0.9.0', reason: 'no longer listed (purged, or its package is gone or not visible)' },
    ]);
  });

  it('renamed or retagged since the preview: skipped, the next preview shows it', () => {
    const reviewed = [change(active[0], 'delete'), change(active[1], 'delete')];
    const live = [
      { ...active[0], tags: ['v1', 'stable'] },
      { ...active[1], name: '1.1.1' },
    ];
    const result = confirmVersionSet(reviewed, live, []);
    expect(result.confirmed).toEqual([]);
    expect(result.skipped).toEqual([
      { id: 1, name: '1.0.0', reason: 'changed since the preview (now 1.0.0 [v1,stable]); the next preview shows it' },
      { id: 2, name: '1.1.0', reason: 'changed since the preview (now 1.1.1 [v1.1]); the next preview shows it' },
    ]);
  });

  it('a tag replaced or removed since the preview: skipped', () => {
    const reviewed = [change(active[2], 'delete')];
    expect(confirmVersionSet(reviewed, [{ ...active[2], tags: ['latest', 'v9'] }], []).confirmed).toEqual([]);
    expect(confirmVersionSet(reviewed, [{ ...active[2], tags: ['latest'] }], []).confirmed).toEqual([]);
  });
});
