/**
 * The usual mistakes of a first policy, each answered at preview (issue 21): what a newcomer writes, and what the
 * preview must say about it.
 */
import type { RetentionPlan } from '../../provider/planner/plan-types';
import { resolveRetentionOptions } from '../../provider/planner/retention-options';
import { firstRunWarnings } from '../../provider/planner/run-guards';
import { createPackageProvider } from '../../provider/resources/package-provider';
import { createPackageVersionProvider } from '../../provider/resources/package-version-provider';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { pendingLinesByPackage } from '../../provider/resources/retention-plan-view';
import { contextFor, mutationsOf, startSimulator, type RunningSimulator } from './provider-helpers';

describe('usual mistakes, answered at preview', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({});
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  const retention = () => createRetentionProvider(contextFor(sim, 'admin'));

  describe('org forgotten', () => {
    it("names the token's login and says to set org", async () => {
      // acme's package, looked for among octocat's own.
      const version = createPackageVersionProvider(contextFor(sim, 'admin'));
      const { failures } = await version.check({}, { packageType: 'container', packageName: 'web', versionId: 100106, state: 'deleted' });
      expect(failures?.[0].property).toBe('packageName');
      expect(failures?.[0].reason).toMatch(
        /^Container package "web" of the authenticated user \(octocat\) was not found or is not visible to this token\. With neither org nor user set, the package is looked for among the token's own packages \(user octocat\): if it belongs to an organization, set org to its login/,
      );
    });
  });

  describe('a restore by name after the name was published again', () => {
    it('fails the preview, naming both versions and the versionId to give', async () => {
      // ui 0.9.0 (100201) was deleted 10 days ago; a new 0.9.0 is published meanwhile.
      sim.control.publishVersion({ owner: 'acme', packageType: 'npm', packageName: 'ui', name: '0.9.0' });
      const fresh = sim.control
        .listVersions({ owner: 'acme', packageType: 'npm', packageName: 'ui' })
        .find((v) => v.name === '0.9.0' && v.state === 'active')!;
      const version = createPackageVersionProvider(contextFor(sim, 'admin'));
      const { failures } = await version.check({}, { org: 'acme', packageType: 'npm', packageName: 'ui', versionName: '0.9.0', state: 'active' });
      expect(failures).toHaveLength(1);
      expect(failures![0].property).toBe('versionName');
      expect(failures![0].reason).toMatch(
        new RegExp(
          `^"0\\.9\\.0" names the active version ${fresh.id}, so state "active" restores nothing; the deleted version 100201 \\(deleted at \\S+\\) has the same name\\. ` +
            `To restore it, give versionId: 100201 instead of versionName; to keep the active one as it is, give versionId: ${fresh.id}\\.$`,
        ),
      );
      // By id, each is what it says.
      const restore = await version.check({}, { org: 'acme', packageType: 'npm', packageName: 'ui', versionId: 100201, state: 'active' });
      expect(restore.inputs.plannedAction).toBe('restore');
      expect(mutationsOf(sim)).toEqual([]);
    });
  });

  describe('Package "active" for a package GitHub does not show', () => {
    it('a name a typo away from an active package fails the preview with the name meant', async () => {
      const pkg = createPackageProvider(contextFor(sim, 'admin'));
      const { failures } = await pkg.check({}, { org: 'acme', packageType: 'container', packageName: 'wbe', state: 'active' });
      expect(failures).toEqual([
        {
          property: 'packageName',
          reason: expect.stringMatching(
            /^no container package "wbe" of organization acme is active or visible to this token; did you mean "web"\? GitHub shows deleted packages nowhere/,
          ),
        },
      ]);
    });

    it('a package deleted days ago still plans its restore (old-tool), and so does a sibling that differs in digits', async () => {
      const pkg = createPackageProvider(contextFor(sim, 'admin'));
      expect((await pkg.check({}, { org: 'acme', packageType: 'container', packageName: 'old-tool', state: 'active' })).inputs.plannedAction).toBe(
        'restore',
      );
      sim.control.publishVersion({ owner: 'acme', packageType: 'npm', packageName: 'client-v2', name: '2.0.0' });
      expect((await pkg.check({}, { org: 'acme', packageType: 'npm', packageName: 'client-v1', state: 'active' })).failures ?? []).toEqual([]);
      expect(mutationsOf(sim)).toEqual([]);
    });
  });

  describe('a packages glob that matches no package', () => {
    it('warns first, naming the pattern and the closest package', async () => {
      const { inputs, failures } = await retention().check(
        {},
        { org: 'acme', packageType: 'container', packages: ['wbe*', 'base/*'], olderThan: '30d', imageGraph: 'off' },
      );
      expect(failures ?? []).toEqual([]);
      expect(inputs.planWarnings[0]).toBe(
        'packages: "wbe*" matches none of the container packages of organization acme (closest: "web"); check the pattern',
      );
      expect(inputs.planWarnings.slice(1).join('\n')).not.toMatch(/base\/\*/);
      expect(mutationsOf(sim)).toEqual([]);
    });

    it('with nothing close, lists some names; an owner without packages of the type is said so', async () => {
      const far = await retention().check({}, { org: 'acme', packageType: 'npm', packages: ['frontend-*'], olderThan: '30d' });
      expect(far.inputs.planWarnings[0]).toBe(
        'packages: "frontend-*" matches none of the npm packages of organization acme (they are "solo", "ui"); check the pattern',
      );
      const none = await retention().check({}, { org: 'acme', packageType: 'rubygems', packages: ['*'], olderThan: '30d' });
      expect(none.inputs.planWarnings[0]).toBe(
        'packages: there are no rubygems packages of organization acme, so this policy plans nothing; check the owner and packageType',
      );
    });

    it('exclusions that leave nothing are said too', async () => {
      const { inputs } = await retention().check({}, { org: 'acme', packageType: 'npm', packages: ['*', '!ui', '!solo'], olderThan: '30d' });
      expect(inputs.planWarnings[0]).toBe(
        'packages: the exclusions leave none of the npm packages of organization acme, so this policy plans nothing',
      );
    });
  });

  describe('a first run that deletes most of a package', () => {
    const npm = { org: 'acme', packageType: 'npm', packages: ['*'] };

    it('says so first, with each share and the setting that limits it; the next run, guarded, does not', async () => {
      const active = (name: string) =>
        sim.control.listVersions({ owner: 'acme', packageType: 'npm', packageName: name }).filter((v) => v.state === 'active').length;
      const p = retention();
      const { inputs, failures } = await p.check({}, { ...npm, keepNewest: 1 });
      expect(failures ?? []).toEqual([]);
      const ui = Object.keys(pendingLinesByPackage(inputs.pendingDeletions).ui).length;
      expect(ui / active('ui')).toBeGreaterThan(0.8);
      expect(inputs.planWarnings[0]).toBe(
        `first run deletes most of a package: "ui" ${ui} of ${active('ui')} active versions (${Math.round((ui / active('ui')) * 1000) / 10}%). ` +
          'Review every deletion below; maxShareOfPackage (now 1) is the share of a package one run may delete: set it lower, e.g. 0.5, to stop such a plan.',
      );
      expect(inputs.planWarnings[0].slice(0, 150)).toMatch(/^first run deletes most of a package: "ui" \d+ of \d+ active versions \(/);
      // Once the policy has run, the run guards watch it instead (maxShareOfKept).
      const again = await p.check(inputs, { ...npm, keepNewest: 1 });
      expect(again.inputs.planWarnings.join('\n')).not.toMatch(/first run/);
    });

    it('half a package is no news', async () => {
      const { inputs } = await retention().check({}, { ...npm, packages: ['ui'], keepNewest: 4 });
      expect(Object.keys(pendingLinesByPackage(inputs.pendingDeletions).ui ?? {}).length).toBeGreaterThan(0);
      expect(inputs.planWarnings.join('\n')).not.toMatch(/first run/);
    });

    it('olderThan "0s" is refused with what to write instead; "1s" works and is called what it is', async () => {
      const zero = await retention().check({}, { ...npm, olderThan: '0s' });
      expect(zero.failures).toEqual([
        {
          property: 'olderThan',
          reason:
            '"0s" is zero, and an age limit of zero is none: to delete regardless of age leave olderThan out and let keepNewest ' +
            '(or keepNewestTagged/keepNewestUntagged) decide; otherwise give an age, e.g. "30d"',
        },
      ]);
      const second = await retention().check({}, { ...npm, olderThan: '1s', keepNewest: 2 });
      expect(second.failures ?? []).toEqual([]);
      // The rules' own warnings (the check's), beside "m = minutes" for "30m".
      expect(resolveRetentionOptions({ ...npm, olderThan: '1s', keepNewest: 2 }).warnings).toContain(
        'olderThan "1s" is under an hour: it selects versions of practically any age (all but those published in the last 1s)',
      );
      expect(resolveRetentionOptions({ ...npm, olderThan: '2h' }).warnings.join('\n')).not.toMatch(/olderThan/);
    });
  });
});

describe('firstRunWarnings', () => {
  const pkg = (name: string, activeVersions: number, deleting: number, keptByReason: Record<string, number> = {}, deferred = 0) =>
    ({ name, activeVersions, deleting, deferred, keptByReason, decisions: [] }) as unknown as RetentionPlan['packages'][number];
  const plan = (...packages: RetentionPlan['packages']) =>
    ({ packages, deletions: [], warnings: [], errors: [], remainingForNextRun: 0 }) as unknown as RetentionPlan;

  it('counts deferred deletions, warns for all but the floor (2 or more), and stays quiet at 80% or less', () => {
    expect(firstRunWarnings(plan(pkg('a', 10, 8)), 1)).toEqual([]);
    expect(firstRunWarnings(plan(pkg('a', 10, 5, {}, 4)), 0.9)[0]).toMatch(
      /^first run deletes most of a package: "a" 9 of 10 active versions \(90%\)\. .*maxShareOfPackage \(now 0\.9\)/,
    );
    expect(firstRunWarnings(plan(pkg('b', 3, 2, { 'newest-version': 1 })), 1)[0]).toMatch(/"b" 2 of 3 active versions \(66\.7%\)/);
    expect(firstRunWarnings(plan(pkg('c', 2, 1, { 'newest-version': 1 })), 1)).toEqual([]);
    expect(firstRunWarnings(plan(pkg('a', 10, 9), pkg('b', 5, 5)), 1)[0]).toMatch(
      /^first run deletes most of 2 packages: "a" 9 of 10 active versions \(90%\), "b" 5 of 5 active versions \(100%\)\./,
    );
  });
});
