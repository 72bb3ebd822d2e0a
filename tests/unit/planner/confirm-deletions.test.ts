// "Preview is binding": at `up`, a reviewed deletion goes only if the version is still active, still as the
// reviewer saw it, and today's rules over today's listing would still delete it. Nothing unreviewed ever goes.
import { confirmDeletions, type ReviewedDeletion } from '../../../provider/planner/confirm-deletions';
import type { PackageVersionInfo } from '../../../provider/types';
import { plan, version } from './helpers';

const rules = { packageType: 'container' as const, keepNewest: 1, imageGraph: 'off' as const, protectTags: [] };
const web = [version(1, 'sha256:1', 30, ['v1', 'old']), version(2, 'sha256:2', 20, ['v2']), version(3, 'sha256:3', 10, ['v3'])];

function reviewed(pkg: string, v: PackageVersionInfo, tags = [...v.tags]): ReviewedDeletion {
  return { package: pkg, id: v.id, name: v.name, tags };
}

describe('confirmDeletions', () => {
  it('a reviewed deletion the rules still make, of a version as reviewed (tags in any order), is confirmed, in reviewed order', () => {
    const fresh = plan(rules, { web });
    const list = [reviewed('web', web[1]), reviewed('web', web[0], ['old', 'v1'])];
    expect(confirmDeletions(list, new Map([['web', web]]), fresh)).toEqual({ confirmed: list, skipped: [] });
  });

  it('gone, or no longer active, since the preview: skipped', () => {
    const live = [{ ...web[0], state: 'deleted' as const }, web[2]];
    const fresh = plan(rules, { web: live });
    const result = confirmDeletions([reviewed('web', web[0]), reviewed('web', web[1])], new Map([['web', live]]), fresh);
    expect(result.confirmed).toEqual([]);
    expect(result.skipped.map((s) => [s.id, s.reason])).toEqual([
      [1, 'no longer active (deleted since the preview)'],
      [2, 'no longer active (deleted since the preview)'],
    ]);
  });

  it('a package not listed at all: its deletions are skipped', () => {
    const fresh = plan(rules, { web });
    expect(confirmDeletions([reviewed('api', web[0])], new Map([['web', web]]), fresh).confirmed).toEqual([]);
  });

  it('retagged or renamed since the preview: not deleted unreviewed, even though the rules would delete it', () => {
    const live = [{ ...web[0], tags: ['v1', 'prod'] }, { ...web[1], name: 'sha256:9' }, web[2]];
    const fresh = plan(rules, { web: live });
    expect(fresh.deletions.map((d) => d.id)).toEqual([1, 2]);
    const result = confirmDeletions([reviewed('web', web[0]), reviewed('web', web[1])], new Map([['web', live]]), fresh);
    expect(result.confirmed).toEqual([]);
    expect(result.skipped.map((s) => [s.id, s.reason])).toEqual([
      [1, 'changed since the preview (tags now ["v1","prod"]): not deleted unreviewed'],
      [2, 'changed since the preview (tags now ["v2"]): not deleted unreviewed'],
    ]);
  });

  it('a tag removed since the preview: not deleted unreviewed', () => {
    const live = [{ ...web[0], tags: ['old'] }, web[1], web[2]];
    const result = confirmDeletions([reviewed('web', web[0])], new Map([['web', live]]), plan(rules, { web: live }));
    expect(result.confirmed).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['changed since the preview (tags now ["old"]): not deleted unreviewed']);
  });

  it("the preview's own deletions (with the versions' tags, as listed in any order) are all confirmed against the same listing", () => {
    const live = [version(1, 'sha256:1', 30, ['v1', 'pr-2', 'a']), version(2, 'sha256:2', 20), version(3, 'sha256:3', 10, ['v3'])];
    const untaggedToo = { ...rules, untaggedContainers: 'delete' as const };
    const preview = plan(untaggedToo, { web: live });
    expect(preview.deletions.map((d) => [d.id, d.tags])).toEqual([
      [1, ['a', 'pr-2', 'v1']],
      [2, []],
    ]);
    const result = confirmDeletions(preview.deletions, new Map([['web', live]]), plan(untaggedToo, { web: live }));
    expect(result.confirmed.map((d) => d.id)).toEqual([1, 2]);
    expect(result.skipped).toEqual([]);
  });

  it("a version today's rules keep is skipped, saying why they keep it", () => {
    const live = [...web, version(4, 'sha256:4', 1, ['v4'])];
    const fresh = plan({ ...rules, keepNewest: 3 }, { web: live });
    const result = confirmDeletions([reviewed('web', web[0]), reviewed('web', web[1])], new Map([['web', live]]), fresh);
    expect(result.confirmed.map((d) => d.id)).toEqual([1]);
    expect(result.skipped).toEqual([{ ...reviewed('web', web[1]), reason: expect.stringMatching(/^no longer qualifies: kept: .*keepNewest/) }]);
  });

  it('a version the fresh plan does not mention (its package no longer selected) is skipped', () => {
    const fresh = plan(rules, { other: web });
    const result = confirmDeletions([reviewed('web', web[0])], new Map([['web', web]]), fresh);
    expect(result.skipped).toEqual([{ ...reviewed('web', web[0]), reason: 'no longer qualifies: the rules keep it now' }]);
  });

  it('the same id deleted in another package does not confirm it', () => {
    const fresh = plan(rules, { other: web, web: [web[0]] });
    const result = confirmDeletions([reviewed('web', web[0])], new Map([['web', [web[0]]]]), fresh);
    expect(fresh.deletions.map((d) => [d.package, d.id])).toEqual([
      ['other', 1],
      ['other', 2],
    ]);
    expect(result.confirmed).toEqual([]);
  });

  it('nothing outside the reviewed list is confirmed, whatever the fresh plan deletes', () => {
    const fresh = plan(rules, { web });
    expect(confirmDeletions([], new Map([['web', web]]), fresh)).toEqual({ confirmed: [], skipped: [] });
  });
});
