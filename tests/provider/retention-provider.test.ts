import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { pendingDeletionsOf, pendingLinesByPackage } from '../../provider/resources/retention-plan-view';
import { contextFor, mutationsOf, startSimulator, type RunningSimulator } from './provider-helpers';

// Version-level rules: the default fixture's container versions have no manifests in the simulator's registry.
const web = { org: 'acme', packageType: 'container', packages: ['web'], imageGraph: 'off' };
const policy = { ...web, olderThan: '30d', untaggedContainers: 'delete' };
const deleteIds = (sim: RunningSimulator) => sim.mutations().map((e) => Number(e.path.split('/').pop()));

describe('PackageVersionRetention provider against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({});
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  const provider = () => createRetentionProvider(contextFor(sim, 'admin'));

  it('preview lists exactly the versions to delete, with name, tags, created time and rule, and mutates nothing', async () => {
    const { inputs, failures } = await provider().check({}, policy);
    expect(failures ?? []).toEqual([]);
    expect(Object.keys(pendingLinesByPackage(inputs.pendingDeletions).web).map(Number).sort()).toEqual([100103, 100104, 100105, 100106]);
    expect(pendingLinesByPackage(inputs.pendingDeletions).web['100106']).toMatch(
      /^sha256:[0-9a-f]{64} \[1\.9\.0\] created \d{4}-\d\d-\d\dT[\d:]+Z: olderThan 30d$/,
    );
    expect(pendingLinesByPackage(inputs.pendingDeletions).web['100103']).toMatch(/ \(untagged\) created /);
    // The CLI shows at most 150 characters of a string: every line fits.
    for (const line of Object.values<string>(pendingLinesByPackage(inputs.pendingDeletions).web)) expect(line.length).toBeLessThanOrEqual(150);
    expect(inputs.remainingForNextRun).toBe(0);
    expect(inputs.planWarnings.join('\n')).toMatch(/untagged/i);
    expect(mutationsOf(sim)).toEqual([]);
    // The token's scopes (read once), then one listing, 100 per page; no per-version GET.
    expect(sim.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /user', 'GET /orgs/acme/packages/container/web/versions']);
    expect(sim.log[1].query).toMatchObject({ per_page: '100' });
  });

  it('up deletes exactly the previewed versions, oldest first, with one listing before and one after; the next preview is empty', async () => {
    const p = provider();
    const { inputs } = await p.check({}, policy);
    sim.clearLog();
    const created = await p.create(inputs);
    expect(deleteIds(sim)).toEqual([100103, 100104, 100105, 100106]);
    // Confirmation before the DELETEs, verification after them.
    expect(sim.log.filter((e) => e.method === 'GET').map((e) => e.path)).toEqual([
      '/orgs/acme/packages/container/web/versions',
      '/orgs/acme/packages/container/web/versions',
    ]);
    // The reviewed plan stays in the outputs as the preview showed it; lastRun says what was done.
    expect(created.outs).toMatchObject({ deletedCount: 4, pendingDeletions: inputs.pendingDeletions });
    expect(created.outs.lastRun.web.deleted.map((d: { versionId: number }) => d.versionId)).toEqual([100103, 100104, 100105, 100106]);

    const again = await p.check(inputs, policy);
    expect(again.inputs.pendingDeletions).toEqual({});
    expect((await p.diff(created.id, created.outs, again.inputs)).changes).toBe(false);
  });

  it('a version re-tagged "latest" between preview and up is kept and reported', async () => {
    const p = provider();
    const { inputs } = await p.check({}, policy);
    sim.control.setTags({ owner: 'acme', packageType: 'container', packageName: 'web', versionId: 100106, tags: ['1.9.0', 'latest'] });
    const created = await p.create(inputs);
    expect(deleteIds(sim)).toEqual([100103, 100104, 100105]);
    expect(created.outs.lastRun.web.skipped).toEqual([
      { versionId: 100106, versionName: expect.any(String), reason: expect.stringMatching(/changed since the preview/) },
    ]);
  });

  it('a version that qualifies only after the preview is not deleted by this up', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...policy, maxShareOfPackage: 1 });
    sim.clock.advance(21 * 24 * 3600 * 1000); // 100107-100109 (10 days old) now pass the 30-day cut-off
    await p.create(inputs);
    expect(deleteIds(sim)).toEqual([100103, 100104, 100105, 100106]);
  });

  it('when live data now puts a package over an explicit maximum share, up deletes nothing there and says why', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...policy, maxShareOfPackage: 0.5 });
    sim.clock.advance(21 * 24 * 3600 * 1000); // now 7 of 11 versions would go: over 50%
    const created = await p.create(inputs);
    expect(deleteIds(sim)).toEqual([]);
    expect(created.outs.lastRun.web.skipped).toHaveLength(4);
    expect(created.outs.lastRun.web.skipped[0].reason).toMatch(/no longer qualifies/);
  });

  it('a version deleted by hand after the preview is skipped, not an error', async () => {
    const p = provider();
    const { inputs } = await p.check({}, policy);
    sim.control.deleteVersion({ owner: 'acme', packageType: 'container', packageName: 'web', versionId: 100104 });
    sim.clearLog();
    const created = await p.create(inputs);
    expect(deleteIds(sim)).toEqual([100103, 100105, 100106]);
    expect(created.outs.lastRun.web.skipped[0]).toMatchObject({ versionId: 100104, reason: expect.stringMatching(/no longer active/) });
  });

  it('over an explicit maximum share of a package, the preview fails and says by how much, even on the first run', async () => {
    const { failures } = await provider().check({}, { ...web, keepNewest: 1, untaggedContainers: 'delete', maxShareOfPackage: 0.5 });
    expect(failures).toEqual([{ property: 'maxShareOfPackage', reason: expect.stringMatching(/web/) }]);
    expect(mutationsOf(sim)).toEqual([]);
  });

  it('the per-run cap deletes the oldest and says how many remain for the next run', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...policy, maxDeletionsPerRun: 2 });
    expect(Object.keys(pendingLinesByPackage(inputs.pendingDeletions).web).map(Number).sort()).toEqual([100103, 100104]);
    expect(inputs.remainingForNextRun).toBe(2);
    // The simulator runs at mutationIntervalMs 0; the estimate still states the pace it assumed.
    expect(inputs.planEstimate).toMatch(/^2 deletions take about 0 s at one every 0 ms .*; 2 more wait for later runs .*about 0 s of deleting$/);
    await p.create(inputs);
    expect(deleteIds(sim)).toEqual([100103, 100104]);
    const next = await p.check(inputs, { ...policy, maxDeletionsPerRun: 2 });
    expect(Object.keys(pendingLinesByPackage(next.inputs.pendingDeletions).web).map(Number).sort()).toEqual([100105, 100106]);
  });

  it('versions GitHub refuses for downloads are skipped and reported, and the run goes on', async () => {
    const p = provider();
    const alpine = {
      org: 'acme',
      packageType: 'container',
      packages: ['base/alpine'],
      imageGraph: 'off',
      keepNewest: 2,
      untaggedContainers: 'delete',
      maxShareOfPackage: 1,
    };
    sim.control.setDownloads({ owner: 'acme', packageType: 'container', packageName: 'base/alpine', versionId: 100401, downloads: 6000 });
    const { inputs, failures } = await p.check({}, alpine);
    expect(failures ?? []).toEqual([]);
    expect(Object.keys(pendingLinesByPackage(inputs.pendingDeletions)['base/alpine'])).toEqual(['100401']);
    const created = await p.create(inputs);
    expect(sim.mutations().map((e) => e.status)).toEqual([400]);
    expect(created.outs.deletedCount).toBe(0);
    expect(created.outs.lastRun['base/alpine'].skipped.map((s: { reason: string }) => s.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/5,000 times/)]),
    );
  });

  it('a pattern covers the matching packages of the owner and type', async () => {
    const { inputs } = await provider().check(
      {},
      { org: 'acme', packageType: 'container', packages: ['*', '!web', '!base/*'], imageGraph: 'off', olderThan: '1d' },
    );
    expect(sim.log.map((e) => e.path)).toContain('/orgs/acme/packages');
    const listed = sim.log.filter((e) => e.path.endsWith('/versions')).map((e) => e.path);
    // Active container packages of acme are web, base/alpine, single and reborn (old-tool and ancient are deleted).
    expect(listed.sort()).toEqual(['/orgs/acme/packages/container/reborn/versions', '/orgs/acme/packages/container/single/versions']);
    expect(inputs.pendingDeletions).toBeDefined();
  });

  it.each(['..', '.', 'a/../b', ''])(
    'a listing naming a package %j (a path-changing name) fails the check, naming it, and reaches no path',
    async (hostile) => {
      // The package listing answers with an extra package whose name would change the request path if used.
      const fetchWithHostileName: typeof fetch = async (input, init) => {
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
        if (url.pathname !== '/orgs/acme/packages') return fetch(input, init);
        // The altered answer is this server's own: it asks for the whole answer and sends no validator.
        const asked = new Headers(init?.headers);
        asked.delete('if-none-match');
        const res = await fetch(input, { ...init, headers: asked });
        const body = (await res.json()) as Array<Record<string, unknown>>;
        const headers = new Headers(res.headers);
        headers.delete('content-length');
        headers.delete('content-encoding');
        headers.delete('etag');
        return new Response(JSON.stringify([...body, { ...body[0], id: 999, name: hostile }]), { status: res.status, headers });
      };
      const p = createRetentionProvider(contextFor(sim, 'admin', { fetch: fetchWithHostileName }));
      const { failures } = await p.check({}, { org: 'acme', packageType: 'container', packages: ['*'], olderThan: '30d' });
      expect(failures).toContainEqual({ property: 'packages', reason: expect.stringContaining(`listed a package named ${JSON.stringify(hostile)}`) });
      const paths = sim.log.map((e) => e.path);
      expect(
        paths.filter(
          (path) => !/^\/orgs\/acme\/packages\/container\/[^/]+(\/versions)?$/.test(path) && path !== '/user' && path !== '/orgs/acme/packages',
        ),
      ).toEqual([]);
    },
  );

  it('up refuses a reviewed plan naming a package ".." (a saved plan or state edited by hand) before any request', async () => {
    const p = provider();
    const { inputs } = await p.check({}, policy);
    const line = Object.values(pendingLinesByPackage(inputs.pendingDeletions).web)[0];
    sim.clearLog();
    const err = await p.create({ ...inputs, pendingDeletions: pendingDeletionsOf([['..', 100103, line]]) }).catch((e: unknown) => e);
    expect((err as Error).message).toContain('The reviewed plan (pendingDeletions) names a package ".."');
    expect(sim.log.map((e) => e.path).filter((path) => !/^\/orgs\/acme\/packages\/container\/web(\/|$)|^\/user$/.test(path))).toEqual([]);
    expect(mutationsOf(sim)).toEqual([]);
  });

  it('refresh resets the pending list so the next preview shows each pending deletion as an addition', async () => {
    const p = provider();
    const { inputs } = await p.check({}, { ...policy, maxDeletionsPerRun: 2 });
    const created = await p.create(inputs);
    const read = await p.read(created.id, created.outs);
    expect(read.inputs).toMatchObject({ pendingDeletions: {}, remainingForNextRun: 0 });
    expect(Object.keys(pendingLinesByPackage(read.props.pendingDeletions).web)).toHaveLength(2);
  });

  it('destroy sends no request', async () => {
    const p = provider();
    const created = await p.create((await p.check({}, policy)).inputs);
    sim.clearLog();
    await p.delete(created.id, created.outs);
    expect(sim.log).toHaveLength(0);
  });

  it('bad rules fail the check naming the property, before any request', async () => {
    const { failures } = await provider().check({}, { ...web, olderThan: '3 months' });
    expect(failures?.map((f) => f.property)).toContain('olderThan');
    expect(sim.log).toHaveLength(0);
  });
});
