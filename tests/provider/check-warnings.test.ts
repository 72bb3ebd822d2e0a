/**
 * The warnings check computes from the rules as written reach the reviewer: each is in `planWarnings` of the
 * checked inputs (what `pulumi preview --diff` shows and a saved plan holds), before the plan's own warnings,
 * and the same on every check of the same inputs (so `up --plan` and `up --strict` hold). Each row is a behaviour
 * docs/retention-semantics.md promises ("gets a warning", "the preview warns").
 */
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { contextFor, mutationsOf, startSimulator, type RunningSimulator } from './provider-helpers';

const npm = { org: 'acme', packageType: 'npm', packages: ['ui'] };
const web = { org: 'acme', packageType: 'container', packages: ['web'] };

const CASES: { what: string; policy: Record<string, unknown>; warning: string }[] = [
  {
    what: 'olderThan in minutes',
    policy: { ...npm, olderThan: '6m' },
    warning: 'olderThan "6m" means 6 minutes (m = minutes); for months use days, e.g. "180d"',
  },
  {
    what: 'an empty protectTags',
    policy: { ...web, imageGraph: 'off', keepNewest: 3, protectTags: [] },
    warning: 'protectTags is empty: versions tagged "latest" are no longer protected',
  },
  {
    what: 'keepNewestVersion: false',
    policy: { ...npm, keepNewest: 3, keepNewestVersion: false },
    warning: 'keepNewestVersion is false: the newest version of a package may be deleted',
  },
  {
    what: 'keepNewest: 0 without olderThan',
    policy: { ...npm, keepNewest: 0 },
    warning: 'keepNewest is 0 and there is no olderThan: every selected version that is not protected will be deleted',
  },
  {
    what: 'an entry containing ", "',
    policy: { ...npm, keepNewest: 3, names: ['1.0.0, 1.1.0'] },
    warning: 'names: entry 0 "1.0.0, 1.1.0" contains ", ": this is one pattern; if you meant two, list them as separate entries',
  },
  {
    what: "untaggedContainers: 'delete' with the image graph",
    policy: { ...web, keepNewest: 3, untaggedContainers: 'delete' },
    warning:
      'untaggedContainers "delete" applies only when the container registry cannot be read (the image graph plans untagged manifests with their images); then untagged versions are deleted without knowing which images they belong to',
  },
  {
    what: 'a packages include and exclusion that both match a listed package',
    policy: { org: 'acme', packageType: 'npm', packages: ['*', '!solo'], keepNewest: 3 },
    warning: 'packages: "*" and "!solo" both match "solo"; the exclusion wins',
  },
];

describe('check-time warnings reach planWarnings', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({});
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  const provider = () => createRetentionProvider(contextFor(sim, 'admin'));

  test.each(CASES)('$what', async ({ policy, warning }) => {
    const p = provider();
    const first = await p.check({}, policy);
    expect(first.failures ?? []).toEqual([]);
    expect(first.inputs.planWarnings).toContain(warning);
    // Stable: a second check of the same inputs in the same state (the engine's up after its preview, or a saved
    // plan's apply) renders the same warnings, since a saved plan compares them.
    const second = await p.check({}, policy);
    expect(second.inputs.planWarnings).toEqual(first.inputs.planWarnings);
    expect(mutationsOf(sim)).toEqual([]);
  });

  test('a refresh shows them too (the refreshed outputs are the plan a preview would show)', async () => {
    const p = provider();
    const policy = { ...npm, olderThan: '6m' };
    const { inputs } = await p.check({}, policy);
    const read = await p.read('policy', { ...inputs, lastRun: {}, deletedCount: 0 });
    // A refresh follows a run, so the first run's warning (a preview of a policy that never ran) is not among them.
    expect(read.props!.planWarnings).toEqual((inputs.planWarnings as string[]).filter((w) => !w.startsWith('first run deletes most')));
  });

  test('the warnings about the rules come before the plan’s own', async () => {
    // Version by version, untagged containers deleted: the check's warning about `olderThan`, then the plan's
    // warnings about the untagged and tagged versions it deletes.
    const { inputs } = await provider().check({}, { ...web, imageGraph: 'off', olderThan: '600m', untaggedContainers: 'delete' });
    // Only a first run's warning that it deletes most of a package comes before them (usual-mistakes.test.ts).
    expect(inputs.planWarnings).toHaveLength(4);
    expect(inputs.planWarnings[0]).toMatch(/^first run deletes most of a package: "web"/);
    expect(inputs.planWarnings[1]).toMatch(/^olderThan "600m" means 600 minutes/);
    expect(inputs.planWarnings[2]).toMatch(/^package "web": \d+ untagged version\(s\) will be deleted/);
  });

  test('no warning where none is due: a plain policy, and an exclusion that matches no listed package', async () => {
    expect((await provider().check({}, { ...npm, keepNewest: 3 })).inputs.planWarnings).toEqual([]);
    const excluded = await provider().check({}, { org: 'acme', packageType: 'npm', packages: ['u*', '!solo'], keepNewest: 3 });
    expect(excluded.inputs.planWarnings).toEqual([]);
  });
});
