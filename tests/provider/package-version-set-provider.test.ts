// PackageVersionSet against the simulator: the preview lists every version it will delete or restore from one
// active and one deleted listing (never a GET per version), refusals known in advance fail the preview naming the
// property, and `up` changes exactly the reviewed versions that live data still calls for, counting only what
// GitHub's listing shows afterwards.
import type { Fixture } from '../../simulator/types';
import { createPackageVersionSetProvider } from '../../provider/resources/package-version-set-provider';
import { UNKNOWN_VALUE } from '../../provider/validation/check-failure';
import { contextFor, mutationsOf, startSimulator, type RunningSimulator } from './provider-helpers';
import { FIXTURE_TOKENS } from '../../simulator';

const ORG = 'fx';
const lib = { org: ORG, packageType: 'npm', packageName: 'lib' };
const app = { org: ORG, packageType: 'container', packageName: 'app' };
const id = (n: number) => 7000 + n;

function fixture(): Fixture {
  return {
    users: [{ login: 'octocat' }],
    orgs: [{ login: ORG, admins: ['octocat'] }],
    tokens: [
      { token: FIXTURE_TOKENS.admin, login: 'octocat', scopes: ['read:packages', 'write:packages', 'delete:packages', 'repo'], label: 'admin' },
    ],
    packages: [
      {
        owner: ORG,
        packageType: 'npm',
        name: 'lib',
        versions: [
          ...Array.from({ length: 6 }, (_, i) => ({ id: id(i + 1), name: `1.0.${i + 1}`, createdAt: `now-${10 - i}d` })),
          { id: id(7), name: '0.9.0', createdAt: 'now-40d', deletedAt: 'now-2d' },
          { id: id(8), name: '0.8.0', createdAt: 'now-41d', deletedAt: 'now-20d' },
        ],
      },
      {
        owner: ORG,
        packageType: 'container',
        name: 'app',
        versions: [
          { id: id(11), name: 'sha256:' + 'a'.repeat(64), tags: ['v1'], createdAt: 'now-3d' },
          { id: id(12), name: 'sha256:' + 'b'.repeat(64), tags: [], createdAt: 'now-2d' },
        ],
      },
    ],
  };
}

describe('PackageVersionSet provider against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ fixture: fixture() });
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  const provider = () => createPackageVersionSetProvider(contextFor(sim, 'admin'));
  const state = (n: number) =>
    sim.control.listVersions({ owner: ORG, packageType: 'npm', packageName: 'lib' } as never).find((v) => v.id === id(n))?.state;

  describe('check rejects bad input, naming the property, before any request', () => {
    it.each([
      [{ ...lib, versionIds: [id(1)], state: 'gone' }, 'state'],
      [{ ...lib, state: 'deleted' }, 'versionIds'],
      [{ ...lib, versionIds: [1.5], state: 'deleted' }, 'versionIds'],
      [{ ...lib, versionIds: 7001, state: 'deleted' }, 'versionIds'],
      [{ ...lib, versionNames: ['a\u0000b'], state: 'deleted' }, 'versionNames'],
      [{ ...lib, versionID: [id(1)], versionIds: [], state: 'deleted' }, 'versionID'],
      [{ ...lib, versionIds: [UNKNOWN_VALUE], state: 'deleted' }, 'versionIds'],
      [{ ...lib, packageName: 'a/../b', versionIds: [1], state: 'deleted' }, 'packageName'],
    ])('%j → %s', async (news, property) => {
      const result = await provider().check({}, news);
      expect(result.failures?.map((f) => f.property)).toContain(property);
      expect(sim.log).toHaveLength(0);
    });
  });

  it('preview lists each version with its action from two listings, never a GET per version, and mutates nothing', async () => {
    const result = await provider().check(
      {},
      { __provider: 'serialized stub', ...lib, versionIds: [id(2), id(1), id(7)], versionNames: ['1.0.3'], state: 'deleted' },
    );
    expect(result.failures ?? []).toEqual([]);
    const pending = result.inputs.pendingChanges as Record<string, string>;
    expect(Object.keys(pending)).toEqual([id(1), id(2), id(3)].map(String));
    expect(pending[String(id(1))]).toMatch(/^1\.0\.1 created \S+Z: delete$/);
    expect(result.inputs).toMatchObject({
      planSummary: { deleting: 3, unchanged: 1 },
      planEstimate: expect.stringMatching(/^3 deletions take about 0 s/),
    });
    expect(mutationsOf(sim)).toEqual([]);
    const gets = sim.log.filter((e) => e.method === 'GET').map((e) => e.path);
    expect(gets.filter((p) => /\/versions\/\d+$/.test(p))).toEqual([]);
    expect(gets.filter((p) => p.endsWith('/packages/npm/lib/versions'))).toHaveLength(2);
  });

  it('ids and names that match nothing fail the preview, naming each', async () => {
    const result = await provider().check({}, { ...lib, versionIds: [id(1), 99], versionNames: ['3.0.0'], state: 'deleted' });
    expect(result.failures).toEqual([
      { property: 'versionIds', reason: expect.stringContaining('no version 99 in the npm package "lib" of fx') },
      { property: 'versionNames', reason: expect.stringContaining('no version named or tagged "3.0.0"') },
    ]);
  });

  it("deleting every active version, or a container's last tagged one, fails the preview: GitHub refuses it", async () => {
    const all = await provider().check({}, { ...lib, versionIds: [1, 2, 3, 4, 5, 6].map(id), state: 'deleted' });
    expect(all.failures).toEqual([{ property: 'state', reason: expect.stringContaining("refuses to delete a package's last version") }]);
    const tagged = await provider().check({}, { ...app, versionNames: ['v1'], state: 'deleted' });
    expect(tagged.failures).toEqual([{ property: 'state', reason: expect.stringContaining('last tagged version') }]);
    expect(mutationsOf(sim)).toEqual([]);
  });

  it('up deletes exactly the reviewed versions, keeps the reviewed plan in its outputs, and a second check plans nothing', async () => {
    const p = provider();
    const news = { ...lib, versionIds: [id(1), id(2)], state: 'deleted' };
    const { inputs } = await p.check({}, news);
    const { outs } = await p.create(inputs);
    expect(mutationsOf(sim)).toEqual([1, 2].map((n) => `DELETE /orgs/fx/packages/npm/lib/versions/${id(n)}`));
    expect(outs).toMatchObject({ pendingChanges: inputs.pendingChanges, planSummary: inputs.planSummary, changedCount: 2 });
    expect(outs.lastRun).toEqual({
      changed: [
        { versionId: id(1), versionName: '1.0.1', action: 'delete' },
        { versionId: id(2), versionName: '1.0.2', action: 'delete' },
      ],
      skipped: [],
    });
    const again = await p.check(inputs, news);
    expect(again.inputs).toMatchObject({ pendingChanges: {}, planSummary: { unchanged: 2 } });
    expect((await p.diff('x', outs, again.inputs)).changes).toBe(false);
    // A list that no longer names them calls for nothing: no update (the undo program's list empties once applied).
    const shrunk = await p.check(inputs, { ...news, versionIds: [] });
    expect((await p.diff('x', outs, shrunk.inputs)).changes).toBe(false);
    const moreToDelete = await p.check(inputs, { ...news, versionIds: [id(3)] });
    expect((await p.diff('x', outs, moreToDelete.inputs)).changes).toBe(true);
  });

  it('up restores the reviewed deleted versions; one restored by hand meanwhile is skipped, not restored twice', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...lib, versionIds: [id(7), id(8)], state: 'active' });
    expect(Object.values(inputs.pendingChanges as Record<string, string>)).toEqual([
      expect.stringMatching(/^0\.9\.0 created \S+, deleted \S+: restore$/),
      expect.stringMatching(/^0\.8\.0 created \S+, deleted \S+: restore$/),
    ]);
    sim.control.restoreVersion({ owner: ORG, packageType: 'npm', packageName: 'lib', versionId: id(7) } as never);
    sim.clearLog();
    const { outs } = await p.create(inputs);
    expect(mutationsOf(sim)).toEqual([`POST /orgs/fx/packages/npm/lib/versions/${id(8)}/restore`]);
    expect(outs.lastRun).toEqual({
      changed: [{ versionId: id(8), versionName: '0.8.0', action: 'restore' }],
      skipped: [{ versionId: id(7), versionName: '0.9.0', reason: 'already active' }],
    });
    expect([state(7), state(8)]).toEqual(['active', 'active']);
  });

  it('30 days after a set deleted them, GitHub purges the versions: the set still previews clean (they are as wanted)', async () => {
    const p = provider();
    const news = { ...lib, versionIds: [id(1), id(2)], state: 'deleted' };
    const { inputs } = await p.check({}, news);
    await p.create(inputs);
    sim.clock.advance(31 * 86_400_000);
    const later = await p.check(inputs, news);
    expect(later.failures ?? []).toEqual([]);
    expect(later.inputs).toMatchObject({ pendingChanges: {}, planSummary: { unchanged: 2 } });
    // A new id that matches nothing still fails: only ids the set already held may be gone.
    const added = await p.check(inputs, { ...news, versionIds: [id(1), id(2), 99] });
    expect(added.failures?.map((f) => f.property)).toEqual(['versionIds']);
  });

  it('refresh finds a version restored by hand: the refreshed plan lists its deletion, the refreshed inputs nothing pending', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...lib, versionIds: [id(1), id(2)], state: 'deleted' });
    const { id: rid, outs } = await p.create(inputs);
    sim.control.restoreVersion({ owner: ORG, packageType: 'npm', packageName: 'lib', versionId: id(2) });
    const read = await p.read(rid, outs);
    expect(Object.keys(read.props!.pendingChanges)).toEqual([String(id(2))]);
    expect(read.inputs).toMatchObject({ pendingChanges: {}, versionIds: [id(1), id(2)] });
    const next = await p.check(read.inputs, { ...lib, versionIds: [id(1), id(2)], state: 'deleted' });
    expect((await p.diff(rid, read.props, next.inputs)).changes).toBe(true);
  });

  it('a version changed since the preview is skipped; nothing outside the reviewed list is touched', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...lib, versionIds: [id(1)], versionNames: ['1.0.2'], state: 'deleted' });
    sim.control.deleteVersion({ owner: ORG, packageType: 'npm', packageName: 'lib', versionId: id(1) } as never);
    sim.clearLog();
    const { outs } = await p.create(inputs);
    expect(mutationsOf(sim)).toEqual([`DELETE /orgs/fx/packages/npm/lib/versions/${id(2)}`]);
    expect(outs.lastRun.skipped).toEqual([{ versionId: id(1), versionName: '1.0.1', reason: 'already deleted' }]);
  });

  it('GitHub failing three deletions in a row (after retries) stops the run: the rest is not attempted', async () => {
    sim.faults.add({ match: { method: 'DELETE', path: /\/versions\/\d+$/, times: 1000 }, fault: { status: 502 } });
    const p = provider();
    const { inputs } = await p.check({}, { ...lib, versionIds: [1, 2, 3, 4, 5].map(id), state: 'deleted' });
    const err = (await p.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error & { properties: { lastRun: { skipped: { versionId: number; reason: string }[] } } };
    expect(err).toBeInstanceOf(Error);
    const attempted = new Set(sim.log.filter((e) => e.method === 'DELETE').map((e) => e.path));
    expect(attempted.size).toBe(3);
    expect(
      err.properties.lastRun.skipped.filter((s) => s.reason.startsWith('not attempted: GitHub failed 3 changes in a row')).map((s) => s.versionId),
    ).toEqual([id(4), id(5)]);
    expect([1, 2, 3, 4, 5].map(state)).toEqual(['active', 'active', 'active', 'active', 'active']);
  });

  it('a restore GitHub accepts without effect fails up naming the version; nothing is counted as done', async () => {
    sim.faults.add({ match: { method: 'POST', path: new RegExp(`/versions/${id(8)}/restore$`), times: 100 }, fault: { status: 204 } });
    const p = provider();
    const { inputs } = await p.check({}, { ...lib, versionIds: [id(7), id(8)], state: 'active' });
    const err = (await p.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error & { properties: { changedCount: number } };
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain(`version ${id(8)} (0.8.0): GitHub accepted the restore but the version still reads as deleted`);
    expect(err.properties.changedCount).toBe(1);
    expect([state(7), state(8)]).toEqual(['active', 'deleted']);
  });
});
