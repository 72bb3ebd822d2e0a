// Step 2 of the order of evaluation: which versions the filters select, and the reason the preview gives for each
// version they leave out (docs/retention-semantics.md, "Order of evaluation" and "Patterns").
import type { RetentionOptions } from '../../../provider/planner/retention-options';
import { decisionOf, deletedIds, plan, version } from './helpers';

/** Version by version (no image graph), untagged versions deletable, nothing kept by count: only the filters decide. */
const containers: RetentionOptions = { packageType: 'container', imageGraph: 'off', untaggedContainers: 'delete', keepNewest: 0, protectTags: [] };
const images = [
  version(1, 'sha256:1', 50),
  version(2, 'sha256:2', 40, ['pr-1']),
  version(3, 'sha256:3', 30, ['pr-2', 'v1.0']),
  version(4, 'sha256:4', 1, ['v2']),
];

describe('tags: an untagged version has no tag to match', () => {
  it('a list with includes does not select it, even with select "all"', () => {
    const p = plan({ ...containers, select: 'all', tags: ['pr-*'] }, { web: images });
    expect(deletedIds(p)).toEqual([2]);
    expect(decisionOf(p, 1)).toMatchObject({
      action: 'keep',
      reason: 'not-selected',
      text: 'not selected: it has no tags and tags requires a match',
    });
  });

  it('a list of exclusions only ("everything except") selects it', () => {
    const p = plan({ ...containers, select: 'all', tags: ['!v*'] }, { web: images });
    expect(deletedIds(p)).toEqual([1, 2]);
  });
});

describe('tags: a version is selected only if every tag matches', () => {
  it('one tag matching and one not: not selected, named in a warning ("would also remove"); none matching: no warning', () => {
    const p = plan({ ...containers, tags: ['pr-*'] }, { web: images });
    expect(deletedIds(p)).toEqual([2]);
    expect(decisionOf(p, 3).text).toBe('not selected: its tag "v1.0" matches no entry of tags');
    const partly = p.warnings.filter((w) => w.includes('match tags only partly'));
    expect(partly).toEqual([expect.stringContaining('1 version(s) match tags only partly')]);
    expect(partly[0]).toMatch(/\(would also remove "v1\.0"\)/);
  });

  it('every tag matching, or none: no partial-match warning', () => {
    const p = plan({ ...containers, tags: ['pr-*'] }, { web: [images[0], images[1], version(5, 'sha256:5', 20, ['v1.5']), images[3]] });
    expect(deletedIds(p)).toEqual([2]);
    expect(p.warnings.filter((w) => w.includes('match tags only partly'))).toEqual([]);
  });

  it('an exclusion names itself in the reason', () => {
    const p = plan({ ...containers, tags: ['*', '!v*'] }, { web: images });
    expect(deletedIds(p)).toEqual([2]);
    expect(decisionOf(p, 3).text).toBe('not selected: its tag "v1.0" matches the exclusion "!v*" in tags');
  });
});

describe('select, names and prerelease: the reason the preview gives', () => {
  it('select "tagged" / "untagged"', () => {
    expect(decisionOf(plan({ ...containers, select: 'tagged' }, { web: images }), 1).text).toBe(
      'not selected: select is "tagged" and the version has no tags',
    );
    expect(decisionOf(plan({ ...containers, select: 'untagged' }, { web: images }), 2).text).toBe(
      'not selected: select is "untagged" and the version has tags',
    );
  });

  const npm = [version(1, '1.0.0', 50), version(2, '1.1.0-beta.1', 40), version(3, '2.0.0', 30), version(4, '2.1.0', 1)];
  const rules: RetentionOptions = { packageType: 'npm', keepNewest: 0 };

  it('names: no entry matching, or an exclusion', () => {
    expect(decisionOf(plan({ ...rules, names: ['2.*'] }, { ui: npm }), 1).text).toBe('not selected: its name matches no entry of names');
    expect(decisionOf(plan({ ...rules, names: ['*', '!1.0.*'] }, { ui: npm }), 1).text).toBe(
      'not selected: its name matches the exclusion "!1.0.*" in names',
    );
  });

  it('names: an include and an exclusion both matching a name are warned about; the exclusion wins', () => {
    const p = plan({ ...rules, names: ['1.*', '!1.0.*'] }, { ui: npm });
    expect(deletedIds(p)).toEqual([2]);
    expect(p.warnings).toContain('names: "1.*" and "!1.0.*" both match "1.0.0"; the exclusion wins');
  });

  it('prerelease "only" / "exclude"', () => {
    const only = plan({ ...rules, prerelease: 'only' }, { ui: npm });
    expect(deletedIds(only)).toEqual([2]);
    expect(decisionOf(only, 1).text).toBe('not selected: prerelease is "only" and this is not a pre-release');
    const exclude = plan({ ...rules, prerelease: 'exclude' }, { ui: npm });
    expect(deletedIds(exclude)).toEqual([1, 3]);
    expect(decisionOf(exclude, 2).text).toBe('not selected: prerelease is "exclude" and this is a pre-release');
  });
});
