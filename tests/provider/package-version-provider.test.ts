import { MissingScopesError } from '../../provider/errors';
import { createPackageVersionProvider } from '../../provider/resources/package-version-provider';
import { ALL_TOKENS, contextFor, mutationsOf, startSimulator, type RunningSimulator } from './provider-helpers';

const web = { org: 'acme', packageType: 'container', packageName: 'web' };

describe('PackageVersion provider against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({});
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  const provider = (label: Parameters<typeof contextFor>[1] = 'admin') => createPackageVersionProvider(contextFor(sim, label));

  describe('check rejects bad input, naming the property, before any request', () => {
    it.each([
      [{ ...web, versionId: 1, state: 'gone' }, 'state'],
      [{ ...web, packageType: 'pypi', versionId: 1, state: 'deleted' }, 'packageType'],
      [{ ...web, packageName: '', versionId: 1, state: 'deleted' }, 'packageName'],
      [{ ...web, packageName: 'a/../b', versionId: 1, state: 'deleted' }, 'packageName'],
      [{ ...web, packageName: 'a%2Fb', versionId: 1, state: 'deleted' }, 'packageName'],
      [{ ...web, packageName: 'wеb', versionId: 1, state: 'deleted' }, 'packageName'], // Cyrillic "е"
      [{ ...web, versionId: -3, state: 'deleted' }, 'versionId'],
      [{ ...web, versionId: 1.5, state: 'deleted' }, 'versionId'],
      [{ ...web, versionId: 1, versionName: 'x', state: 'deleted' }, 'versionId'],
      [{ ...web, state: 'deleted' }, 'versionId'],
      [{ ...web, user: 'octocat', versionId: 1, state: 'deleted' }, 'org'],
      [{ ...web, org: 'bad org!', versionId: 1, state: 'deleted' }, 'org'],
      [{ ...web, versionName: 'a\u0000b', state: 'deleted' }, 'versionName'],
      // Unknown properties are refused as the policy refuses them, also when named like an engine key.
      [{ ...web, versionId: 1, state: 'deleted', versionNmae: 'x' }, 'versionNmae'],
      [{ ...web, versionId: 1, state: 'deleted', __state: 'active' }, '__state'],
      // One owner parser: GitHub's login rules (39 characters, single hyphens; `_` only in a managed user's suffix).
      [{ ...web, org: 'a'.repeat(100), versionId: 1, state: 'deleted' }, 'org'],
      [{ ...web, org: 'mona_acme', versionId: 1, state: 'deleted' }, 'org'],
      [{ ...web, org: undefined, user: 'mona-', versionId: 1, state: 'deleted' }, 'user'],
    ])('%j → %s', async (news, property) => {
      const result = await provider().check({}, news);
      expect(result.failures?.map((f) => f.property)).toContain(property);
      expect(sim.log).toHaveLength(0);
    });
  });

  it("accepts the engine's own __provider key and a managed user's login (handle_shortcode)", async () => {
    const result = await provider().check({}, { ...web, org: undefined, user: 'mona_acme', versionId: 1, state: 'deleted', __provider: 'stub' });
    expect(result.failures ?? []).not.toContainEqual(expect.objectContaining({ property: expect.stringMatching(/user|__provider/) }));
  });

  it('preview: check resolves a tag to its version and plans the delete without mutating', async () => {
    const result = await provider().check({}, { ...web, versionName: 'pr-123', state: 'deleted' });
    expect(result.failures ?? []).toEqual([]);
    expect(result.inputs).toMatchObject({ plannedAction: 'delete', version: { versionId: 100110, tags: ['pr-123'] } });
    expect(mutationsOf(sim)).toEqual([]);
  });

  it('up: create deletes exactly that version; a second check plans nothing and diff reports no change', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...web, versionId: 100110, state: 'deleted' });
    const created = await p.create(inputs);
    expect(mutationsOf(sim)).toEqual(['DELETE /orgs/acme/packages/container/web/versions/100110']);
    expect(created.id).toBe('orgs/acme/container/web/versions/100110');
    // plannedAction stays as reviewed (the preview showed it as an output); currentState says what happened.
    expect(created.outs).toMatchObject({ currentState: 'deleted', versionId: 100110, plannedAction: 'delete' });
    expect(created.outs.deletedAt).toEqual(expect.any(String));

    const again = await p.check(inputs, { ...web, versionId: 100110, state: 'deleted' });
    expect(again.inputs.plannedAction).toBe('none');
    expect((await p.diff(created.id, created.outs, again.inputs)).changes).toBe(false);
  });

  it('is idempotent: applying a planned delete of a version already deleted by hand sends nothing', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...web, versionId: 100110, state: 'deleted' });
    sim.control.deleteVersion({ owner: 'acme', packageType: 'container', packageName: 'web', versionId: 100110 });
    sim.clearLog();
    const created = await p.create(inputs);
    expect(mutationsOf(sim)).toEqual([]);
    expect(created.outs.currentState).toBe('deleted');
  });

  it('never performs an action the reviewed plan did not hold', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...web, versionId: 100102, state: 'deleted' }); // already deleted: none
    expect(inputs.plannedAction).toBe('none');
    sim.control.restoreVersion({ owner: 'acme', packageType: 'container', packageName: 'web', versionId: 100102 });
    sim.clearLog();
    const created = await p.create(inputs);
    expect(mutationsOf(sim)).toEqual([]);
    expect(created.outs).toMatchObject({ currentState: 'active', plannedAction: 'none' });
    // The next preview plans the delete, for review.
    expect((await p.check(inputs, { ...web, versionId: 100102, state: 'deleted' })).inputs.plannedAction).toBe('delete');
  });

  it('restores a version deleted 5 days ago', async () => {
    const p = provider();
    const { inputs, failures } = await p.check({}, { ...web, versionId: 100102, state: 'active' });
    expect(failures ?? []).toEqual([]);
    expect(inputs.plannedAction).toBe('restore');
    const created = await p.create(inputs);
    expect(mutationsOf(sim)).toEqual(['POST /orgs/acme/packages/container/web/versions/100102/restore']);
    expect(created.outs.currentState).toBe('active');
  });

  it('a version purged after the 30-day window is "not found", and the message says why it may be gone', async () => {
    const { failures } = await provider().check({}, { ...web, versionId: 100101, state: 'active' }); // deleted 45 days ago
    expect(failures).toEqual([{ property: 'versionId', reason: expect.stringMatching(/no version 100101.*purges deleted versions 30 days/) }]);
  });

  it('when an earlier run recorded the deletion, a restore after the window fails saying when it closed', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...web, versionId: 100110, state: 'deleted' });
    const created = await p.create(inputs);
    const refreshed = await p.read(created.id, created.outs);
    sim.clock.advance(31 * 24 * 3600 * 1000);
    const { failures } = await p.check(refreshed.inputs, { ...web, versionId: 100110, state: 'active' });
    expect(failures).toEqual([{ property: 'state', reason: expect.stringMatching(/30-day restore window closed at \d{4}-/) }]);
  });

  it('fails the preview for the last version of a package, pointing to the Package resource', async () => {
    const { failures } = await provider().check({}, { org: 'acme', packageType: 'npm', packageName: 'solo', versionId: 100601, state: 'deleted' });
    expect(failures).toEqual([{ property: 'state', reason: expect.stringMatching(/last version.*Package/s) }]);
  });

  it('fails the preview for the last tagged version of a container package', async () => {
    const { failures } = await provider().check(
      {},
      { org: 'acme', packageType: 'container', packageName: 'single', versionId: 100501, state: 'deleted' },
    );
    expect(failures?.[0]?.reason).toMatch(/last (tagged )?version/);
  });

  it('an unknown version is a check failure naming versionId', async () => {
    const { failures } = await provider().check({}, { ...web, versionId: 999999, state: 'deleted' });
    expect(failures).toEqual([{ property: 'versionId', reason: expect.stringMatching(/no version 999999.*not visible to this token/) }]);
  });

  it('an unknown package is a check failure naming packageName', async () => {
    const { failures } = await provider().check({}, { ...web, packageName: 'no-such-image', versionName: 'latest', state: 'deleted' });
    expect(failures).toEqual([{ property: 'packageName', reason: expect.stringMatching(/not found or is not visible to this token/) }]);
  });

  it('a read-only token previews the delete, says once that applying needs delete:packages, and its apply sends nothing', async () => {
    // The pull-request workflow previews with a read-only token: the preview is the review, the apply needs more.
    const notices: string[] = [];
    const readOnly = createPackageVersionProvider(contextFor(sim, 'read-only', { notices }));
    const { inputs, failures } = await readOnly.check({}, { ...web, versionId: 100110, state: 'deleted' });
    expect(failures ?? []).toEqual([]);
    expect(inputs).toMatchObject({ plannedAction: 'delete', versionId: 100110 });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/applying it needs 'delete:packages'/);
    // The checked inputs do not depend on the token: a plan saved with this one binds an apply with the deleting one.
    expect((await provider().check({}, { ...web, versionId: 100110, state: 'deleted' })).inputs).toEqual(inputs);
    // The apply with the read-only token fails before any request that changes GitHub, naming the scope.
    const err = await readOnly.create(inputs).catch((e) => e);
    expect(err).toBeInstanceOf(MissingScopesError);
    expect(err.message).toContain("lacks the scope(s) 'delete:packages'");
    for (const token of ALL_TOKENS) expect(`${err.message}\n${err.stack}\n${notices.join('\n')}`).not.toContain(token);
    expect(mutationsOf(sim)).toEqual([]);
  });

  it('refresh finds a version restored by hand and the next check plans the delete again', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...web, versionId: 100110, state: 'deleted' });
    const created = await p.create(inputs);
    sim.control.restoreVersion({ owner: 'acme', packageType: 'container', packageName: 'web', versionId: 100110 });
    const read = await p.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(read.props).toMatchObject({ currentState: 'active', plannedAction: 'delete' });
    // Refreshed inputs record nothing pending, so the next preview shows the planned delete as a change.
    expect(read.inputs).toMatchObject({ plannedAction: 'none', state: 'deleted' });
    const next = await p.check(read.inputs, { ...web, versionId: 100110, state: 'deleted' });
    expect(next.inputs.plannedAction).toBe('delete');
    expect((await p.diff(created.id, read.props, next.inputs)).changes).toBe(true);
  });

  it('destroy (delete) sends no request at all', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...web, versionId: 100110, state: 'deleted' });
    const created = await p.create(inputs);
    sim.clearLog();
    await p.delete(created.id, created.outs);
    expect(sim.log).toHaveLength(0);
  });
});
