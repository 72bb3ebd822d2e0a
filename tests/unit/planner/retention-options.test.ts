import { MAX_COUNT, MAX_PROTECT_IDS, resolveRetentionOptions } from '../../../provider/planner/retention-options';

const npm = { packageType: 'npm', packages: ['app'], keepNewest: 5 };
const container = { packageType: 'container', packages: ['app'], keepNewest: 5 };

describe('resolveRetentionOptions: valid inputs and defaults', () => {
  it('reads the guard settings and an empty protectNames as given', () => {
    const { options, failures } = resolveRetentionOptions({ ...npm, maxShareOfKept: 1, maxShareOfPackage: 0.3, protectNames: [] });
    expect(failures).toEqual([]);
    expect(options).toMatchObject({ maxShareOfKept: 1, maxShareOfPackage: 0.3 });
    expect(options?.protectNames.includes).toEqual([]);
  });

  it("takes imageGraph: off on any package type (it is every other type's default)", () => {
    for (const packageType of ['npm', 'docker', 'container']) {
      const { options, failures } = resolveRetentionOptions({ ...npm, packageType, imageGraph: 'off' });
      expect(failures).toEqual([]);
      expect(options?.imageGraph).toBeUndefined();
    }
  });

  it('applies the documented defaults', () => {
    const { options, failures, warnings } = resolveRetentionOptions({ packageType: 'container', packages: ['app'], olderThan: '30d' });
    expect(failures).toEqual([]);
    expect(warnings).toEqual([]);
    expect(options).toMatchObject({
      owner: { kind: 'authenticated' },
      packageType: 'container',
      keepNewest: undefined,
      olderThan: { text: '30d', ms: 30 * 86_400_000 },
      timeBasis: 'created',
      select: 'all',
      prerelease: 'any',
      keepNewestVersion: true,
      // No cap and no share limit: the first clean-up is one reviewed run; the run guards apply once it has run.
      maxDeletionsPerRun: Number.MAX_SAFE_INTEGER,
      maxShareOfPackage: 1,
      maxShareOfKept: 0.5,
      untaggedContainers: 'protect',
    });
    expect(options!.protectTags.sources).toEqual(['latest']);
    expect(options!.protectIds.size).toBe(0);
  });

  it('select defaults to "tagged" when tags is given', () => {
    expect(resolveRetentionOptions({ ...container, tags: ['pr-*'] }).options!.select).toBe('tagged');
    expect(resolveRetentionOptions({ ...container, tags: ['!release-*'] }).options!.select).toBe('tagged');
  });

  it('a given protectTags list replaces the default', () => {
    expect(resolveRetentionOptions({ ...container, protectTags: ['v*'] }).options!.protectTags.sources).toEqual(['v*']);
    const empty = resolveRetentionOptions({ ...container, protectTags: [] });
    expect(empty.options!.protectTags.includes).toEqual([]);
    expect(empty.warnings.join('\n')).toMatch(/"latest" are no longer protected/);
  });

  it('resolves the owner', () => {
    expect(resolveRetentionOptions({ ...npm, org: 'acme' }).options!.owner).toEqual({ kind: 'org', login: 'acme' });
    expect(resolveRetentionOptions({ ...npm, user: 'octocat' }).options!.owner).toEqual({ kind: 'user', login: 'octocat' });
  });

  it("ignores the resource's other properties", () => {
    const result = resolveRetentionOptions({ ...npm, pendingDeletions: {} }, { otherProperties: ['pendingDeletions'] });
    expect(result.failures).toEqual([]);
  });

  it('accepts an Enterprise Managed User login (handle_shortcode) as user', () => {
    expect(resolveRetentionOptions({ ...npm, user: 'mona_acme' }).options!.owner).toEqual({ kind: 'user', login: 'mona_acme' });
  });

  it('reads null as not given (Pulumi sends null for an unset property): the same options as without those keys', () => {
    const unset = { olderThan: null, protectIds: null, maxShareOfPackage: null, maxDeletionsPerRun: null, timeBasis: null, select: null };
    const withNulls = resolveRetentionOptions({ ...npm, ...unset });
    expect(withNulls.failures).toEqual([]);
    const defaults = resolveRetentionOptions(npm).options!;
    const keys = Object.keys(unset) as Array<keyof typeof defaults>;
    expect(Object.fromEntries(keys.map((k) => [k, withNulls.options?.[k]]))).toEqual(Object.fromEntries(keys.map((k) => [k, defaults[k]])));
  });

  it.each([
    ['keepNewest', { packageType: 'npm', packages: ['app'], keepNewest: 3 }],
    ['olderThan', { packageType: 'npm', packages: ['app'], olderThan: '30d' }],
    ['keepNewestTagged', { packageType: 'container', packages: ['app'], keepNewestTagged: 3 }],
    ['keepNewestUntagged', { packageType: 'container', packages: ['app'], keepNewestUntagged: 3 }],
  ])('one deleting rule is enough: %s alone', (_rule, input) => {
    expect(resolveRetentionOptions(input).failures).toEqual([]);
  });

  it('takes select: "all" on a package type without tags (it is the only selection there)', () => {
    const { options, failures } = resolveRetentionOptions({ ...npm, select: 'all' });
    expect(failures).toEqual([]);
    expect(options?.select).toBe('all');
  });

  it('takes the largest count and the longest protectIds list allowed, and refuses one more', () => {
    expect(resolveRetentionOptions({ ...npm, keepNewest: MAX_COUNT }).options?.keepNewest).toBe(MAX_COUNT);
    const ids = Array.from({ length: MAX_PROTECT_IDS }, (_, i) => i + 1);
    expect(resolveRetentionOptions({ ...npm, protectIds: ids }).options?.protectIds.size).toBe(MAX_PROTECT_IDS);
    const over = resolveRetentionOptions({ ...npm, protectIds: [...ids, MAX_PROTECT_IDS + 1] });
    expect(over.options).toBeUndefined();
    expect(over.failures).toEqual([{ property: 'protectIds', reason: `has ${MAX_PROTECT_IDS + 1} entries; at most ${MAX_PROTECT_IDS} are allowed` }]);
  });

  it('warns under an hour of olderThan, not at an hour', () => {
    expect(resolveRetentionOptions({ ...npm, olderThan: '3599s' }).warnings.join('\n')).toMatch(/"3599s" is under an hour/);
    for (const olderThan of ['3600s', '1h']) expect(resolveRetentionOptions({ ...npm, olderThan }).warnings).toEqual([]);
  });

  it.each([
    [{ ...npm, olderThan: '30m' }, /"30m" means 30 minutes/],
    [{ ...npm, keepNewest: 0 }, /every selected version that is not protected will be deleted/],
    [{ ...npm, keepNewestVersion: false }, /newest version of a package may be deleted/],
    [{ ...npm, names: ['1.*, 2.*'] }, /names: entry 0 .*contains ", "/],
    [{ ...container, tags: ['pr-*', '!pr-*'] }, /both included and excluded/],
    [{ ...container, select: 'untagged', tags: ['!v*'] }, /tags has no effect/],
  ])('warns: %j', (input, warning) => {
    const result = resolveRetentionOptions(input);
    expect(result.failures).toEqual([]);
    expect(result.warnings.join('\n')).toMatch(warning);
  });
});

/** [what, input, property the failure must name, text the reason must contain] */
const bad: Array<[string, unknown, string, RegExp]> = [
  ['not an object', 'keep 5', 'inputs', /must be an object/],
  ['an array', [npm], 'inputs', /must be an object/],
  ['null', null, 'inputs', /must be an object/],
  ['packageType missing', { packages: ['a'], keepNewest: 1 }, 'packageType', /required: one of npm/],
  ['packageType unknown', { ...npm, packageType: 'pypi' }, 'packageType', /"pypi" is not a package type: use one of/],
  ['packageType wrong case', { ...npm, packageType: 'NPM' }, 'packageType', /use one of/],
  ['packages missing', { packageType: 'npm', keepNewest: 1 }, 'packages', /required/],
  ['packages empty', { ...npm, packages: [] }, 'packages', /empty list/],
  ['packages not a list', { ...npm, packages: 'app' }, 'packages', /not a list/],
  ['packages entry not a string', { ...npm, packages: ['a', 3] }, 'packages', /entry 1 3 is not a string/],
  ['packages first entry not a string', { ...npm, packages: [3, 'a'] }, 'packages', /entry 0 3 is not a string/],
  ['packages empty entry', { ...npm, packages: [''] }, 'packages', /empty/],
  ['packages bare !', { ...npm, packages: ['!'] }, 'packages', /needs a pattern after it/],
  ['packages bad regex', { ...npm, packages: ['/(?=a)/'] }, 'packages', /not a valid regular expression/],
  ['packages huge entry', { ...npm, packages: ['a'.repeat(10_000)] }, 'packages', /at most 256/],
  ['packages control character', { ...npm, packages: ['app\n'] }, 'packages', /control characters/],
  ['no deleting rule', { packageType: 'npm', packages: ['a'], names: ['1.*'] }, 'keepNewest', /needs a deleting rule/],
  ['keepNewest negative', { ...npm, keepNewest: -1 }, 'keepNewest', /too small: use a whole number from 0/],
  ['keepNewest fraction', { ...npm, keepNewest: 2.5 }, 'keepNewest', /not a whole number/],
  ['keepNewest string', { ...npm, keepNewest: '5' }, 'keepNewest', /"5" is not a number/],
  ['keepNewest NaN', { ...npm, keepNewest: Number.NaN }, 'keepNewest', /not a number/],
  ['keepNewest absurd', { ...npm, keepNewest: 1e9 }, 'keepNewest', /too large.*1000000/],
  ['keepNewest with keepNewestTagged', { ...container, keepNewestTagged: 3 }, 'keepNewest', /cannot be combined/],
  ['keepNewest with keepNewestUntagged', { ...container, keepNewestUntagged: 3 }, 'keepNewest', /cannot be combined/],
  ['keepNewestTagged on npm', { ...npm, keepNewest: undefined, keepNewestTagged: 3 }, 'keepNewestTagged', /only to container and docker/],
  [
    'keepNewestUntagged on maven',
    { packageType: 'maven', packages: ['a'], keepNewestUntagged: 3 },
    'keepNewestUntagged',
    /only to container and docker/,
  ],
  ['tags on rubygems', { packageType: 'rubygems', packages: ['a'], keepNewest: 1, tags: ['x'] }, 'tags', /carry no tags/],
  ['protectTags on nuget', { packageType: 'nuget', packages: ['a'], keepNewest: 1, protectTags: ['x'] }, 'protectTags', /carry no tags/],
  ['untaggedContainers on npm', { ...npm, untaggedContainers: 'delete' }, 'untaggedContainers', /only to container and docker/],
  ['select tagged on npm', { ...npm, select: 'tagged' }, 'select', /only to container and docker/],
  ['select unknown', { ...container, select: 'some' }, 'select', /use one of "all", "tagged", "untagged"/],
  ['select untagged with tag includes', { ...container, select: 'untagged', tags: ['v*'] }, 'select', /selects nothing/],
  ['olderThan months', { ...npm, olderThan: '3M' }, 'olderThan', /use days/],
  ['olderThan years', { ...npm, olderThan: '1y' }, 'olderThan', /use days/],
  ['olderThan zero', { ...npm, olderThan: '0d' }, 'olderThan', /zero/],
  ['olderThan negative', { ...npm, olderThan: '-3d' }, 'olderThan', /negative/],
  ['olderThan absurd', { ...npm, olderThan: '99999w' }, 'olderThan', /36500 days/],
  ['olderThan number', { ...npm, olderThan: 30 }, 'olderThan', /must be a string/],
  ['timeBasis unknown', { ...npm, timeBasis: 'published' }, 'timeBasis', /use one of "created", "updated"/],
  ['prerelease boolean', { ...npm, prerelease: true }, 'prerelease', /true is not allowed: use one of "any", "only", "exclude"/],
  ['tags empty list', { ...container, tags: [] }, 'tags', /empty list/],
  ['tags double exclusion', { ...container, tags: ['!!x'] }, 'tags', /more than one "!"/],
  ['names bad regex flag', { ...npm, names: ['/1\\..*/x'] }, 'names', /allowed flags are i/],
  ['names regex without closing slash', { ...npm, names: ['/1.*'] }, 'names', /no closing/],
  ['protectNames exclusion', { ...npm, protectNames: ['!1.*'] }, 'protectNames', /not allowed in protect lists/],
  ['protectTags exclusion', { ...container, protectTags: ['!latest'] }, 'protectTags', /not allowed in protect lists/],
  ['protectTags not a list', { ...container, protectTags: 'latest' }, 'protectTags', /not a list/],
  ['protectIds strings', { ...npm, protectIds: ['123'] }, 'protectIds', /entry 0 "123" is not a version id/],
  ['protectIds negative', { ...npm, protectIds: [5, -1] }, 'protectIds', /entry 1 -1 is not a version id/],
  ['protectIds zero', { ...npm, protectIds: [0] }, 'protectIds', /entry 0 0 is not a version id/],
  ['protectIds fraction', { ...npm, protectIds: [5, 1.5] }, 'protectIds', /entry 1 1.5 is not a version id/],
  ['protectIds past 2^53', { ...npm, protectIds: [2 ** 53] }, 'protectIds', /entry 0 .* is not a version id/],
  ['protectIds not a list', { ...npm, protectIds: 5 }, 'protectIds', /not a list/],
  ['keepNewestVersion string', { ...npm, keepNewestVersion: 'false' }, 'keepNewestVersion', /not a boolean/],
  ['maxDeletionsPerRun zero', { ...npm, maxDeletionsPerRun: 0 }, 'maxDeletionsPerRun', /from 1 to/],
  ['maxDeletionsPerRun absurd', { ...npm, maxDeletionsPerRun: 5e6 }, 'maxDeletionsPerRun', /too large/],
  ['maxShareOfPackage zero', { ...npm, maxShareOfPackage: 0 }, 'maxShareOfPackage', /outside \(0, 1\]/],
  ['maxShareOfPackage above 1', { ...npm, maxShareOfPackage: 1.5 }, 'maxShareOfPackage', /outside \(0, 1\]/],
  ['maxShareOfPackage percent string', { ...npm, maxShareOfPackage: '50%' }, 'maxShareOfPackage', /not a number/],
  ['maxShareOfPackage infinite', { ...npm, maxShareOfPackage: Infinity }, 'maxShareOfPackage', /not a number/],
  ['untaggedContainers unknown', { ...container, untaggedContainers: 'keep' }, 'untaggedContainers', /use one of "protect", "delete"/],
  ['org and user', { ...npm, org: 'acme', user: 'octocat' }, 'org', /either org or user, not both/],
  ['org empty', { ...npm, org: '' }, 'org', /empty/],
  ['org with a slash', { ...npm, org: 'acme/app' }, 'org', /not an organization login/],
  ['user huge', { ...npm, user: 'u'.repeat(500) }, 'user', /at most 39/],
  ['org of 100 characters', { ...npm, org: 'a'.repeat(100) }, 'org', /at most 39/],
  ['org with an underscore', { ...npm, org: 'mona_acme' }, 'org', /organization login/],
  ['org with a double hyphen', { ...npm, org: 'ac--me' }, 'org', /single hyphens/],
  ['user ending with a hyphen', { ...npm, user: 'mona-' }, 'user', /hyphen/],
  ['property named like an engine key', { ...npm, __keepNewest: 3 }, '__keepNewest', /not a retention property; did you mean "keepNewest"/],
  ['user number', { ...npm, user: 42 }, 'user', /not a string/],
  ['misspelt property', { ...npm, keepNewst: 3 }, 'keepNewst', /did you mean "keepNewest"/],
  ['unknown property', { ...npm, dryRun: true }, 'dryRun', /not a retention property/],
  ['names empty', { ...npm, names: [] }, 'names', /empty list/],
  ['imageGraph on docker', { ...container, packageType: 'docker', imageGraph: 'registry' }, 'imageGraph', /applies only to container packages/],
];

describe('resolveRetentionOptions: check failures', () => {
  it('has at least 30 bad inputs', () => expect(bad.length).toBeGreaterThanOrEqual(30));

  it.each(bad)('%s', (_what, input, property, reason) => {
    const result = resolveRetentionOptions(input);
    expect(result.options).toBeUndefined();
    const failure = result.failures.find((f) => f.property === property);
    expect(failure).toBeDefined();
    expect(failure!.reason).toMatch(reason);
  });

  it('reports every failure at once, each naming its property', () => {
    const result = resolveRetentionOptions({ packageType: 'npm', packages: [], keepNewest: -1, olderThan: '1y', timeBasis: 'x' });
    expect(result.failures.map((f) => f.property).sort()).toEqual(['keepNewest', 'olderThan', 'packages', 'timeBasis']);
  });

  it('never echoes a control character or a huge value in a message', () => {
    const result = resolveRetentionOptions({ ...npm, timeBasis: `x\u0000${'y'.repeat(5000)}`, ['z'.repeat(5000)]: 1 });
    for (const failure of result.failures) {
      expect(failure.reason).not.toMatch(/[\u0000-\u001f]/);
      expect(failure.reason.length).toBeLessThan(600);
      expect(failure.property.length).toBeLessThanOrEqual(80);
    }
  });
});
