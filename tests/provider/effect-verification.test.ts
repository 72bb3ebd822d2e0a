/**
 * Success is reported only when GitHub shows it happened. GitHub may answer a DELETE or a restore 204 and not
 * apply it, or answer 404 for a version it still lists as active: the provider reads the result back (one read for
 * `PackageVersion`/`Package`, one listing per package for a policy, a few bounded re-reads when it does not show
 * yet) and fails, naming each version, when the effect is missing.
 *
 * "Accepted without effect" is the simulator's `{ status: 204 }` fault on the mutation's route: the answer is
 * exactly GitHub's success answer, and the request is not applied.
 */
import { createPackageProvider } from '../../provider/resources/package-provider';
import { createPackageVersionProvider } from '../../provider/resources/package-version-provider';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { pendingLinesByPackage } from '../../provider/resources/retention-plan-view';
import { contextFor, startSimulator, type RunningSimulator } from './provider-helpers';

const WEB = { owner: 'acme', packageType: 'container' as const, packageName: 'web' };
const web = { org: 'acme', packageType: 'container', packageName: 'web' };
const ui = { org: 'acme', packageType: 'npm', packageName: 'ui' };
// Version-level rules: the default fixture's container versions have no manifests in the simulator's registry.
const policy = { org: 'acme', packageType: 'container', packages: ['web'], imageGraph: 'off', olderThan: '30d', untaggedContainers: 'delete' };
const REVIEWED = [100103, 100104, 100105, 100106];
const VERSION_DELETE = /\/versions\/\d+$/;

const deleteFault = (id?: number) => ({ match: { method: 'DELETE', path: id ? new RegExp(`/versions/${id}$`) : VERSION_DELETE, times: 1000 } });

describe('effects are verified before success is reported', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({});
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.reset());

  const stateOf = (id: number) => sim.control.getVersion({ ...WEB, versionId: id }).state;
  const reads = () => sim.log.filter((e) => e.method === 'GET').map((e) => e.path);

  describe('PackageVersion', () => {
    const provider = () => createPackageVersionProvider(contextFor(sim, 'admin'));

    it('a DELETE answered 204 with no effect fails, saying the version still reads as active', async () => {
      const p = provider();
      const { inputs } = await p.check({}, { ...web, versionId: 100110, state: 'deleted' });
      sim.faults.add({ ...deleteFault(100110), fault: { status: 204 } });
      const err = await p.create(inputs).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(/GitHub accepted the request but the version still reads as active/);
      expect(err?.message).toMatch(/100110/);
      expect(stateOf(100110)).toBe('active');
    });

    it('a restore answered 204 with no effect fails, saying the version still reads as deleted', async () => {
      const p = provider();
      const { inputs } = await p.check({}, { ...ui, versionId: 100201, state: 'active' });
      expect(inputs.plannedAction).toBe('restore');
      sim.faults.add({ match: { method: 'POST', path: /\/restore$/, times: 1000 }, fault: { status: 204 } });
      const err = await p.create(inputs).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(/GitHub accepted the request but the version still reads as deleted/);
    });

    it("an effect that shows only after a moment (GitHub's reads lag its writes) is re-read, then reported done", async () => {
      const waits: number[] = [];
      const p = createPackageVersionProvider(
        contextFor(sim, 'admin', {
          onWait: (ms) => {
            // The write lands while the provider waits before its re-read.
            if (waits.push(ms) === 1) sim.control.deleteVersion({ ...WEB, versionId: 100110 });
          },
        }),
      );
      const { inputs } = await p.check({}, { ...web, versionId: 100110, state: 'deleted' });
      sim.faults.add({ ...deleteFault(100110), fault: { status: 204 } });
      sim.clearLog();
      const created = await p.create(inputs);
      expect(created.outs.currentState).toBe('deleted');
      expect(waits).toEqual([1000]); // github-packages:verifyDelayMs, default 1000
      expect(reads().filter((path) => path.endsWith('/versions/100110'))).toHaveLength(3); // before acting, then two reads
    });

    it('re-reads are bounded by github-packages:verifyAttempts and spaced by verifyDelayMs', async () => {
      const waits: number[] = [];
      const config = { 'github-packages:verifyAttempts': '3', 'github-packages:verifyDelayMs': '250' };
      const p = createPackageVersionProvider(contextFor(sim, 'admin', { config, onWait: (ms) => waits.push(ms) }));
      const { inputs } = await p.check({}, { ...web, versionId: 100110, state: 'deleted' });
      sim.faults.add({ ...deleteFault(100110), fault: { status: 204 } });
      sim.clearLog();
      await expect(p.create(inputs)).rejects.toThrow(/still reads as active .*read 3 times/);
      expect(waits).toEqual([250, 250]);
      expect(reads().filter((path) => path.endsWith('/versions/100110'))).toHaveLength(4); // before acting, then 3 reads
    });

    it('a successful delete is verified with one read after the mutation', async () => {
      const p = provider();
      const { inputs } = await p.check({}, { ...web, versionId: 100110, state: 'deleted' });
      sim.clearLog();
      const created = await p.create(inputs);
      expect(created.outs.currentState).toBe('deleted');
      const afterDelete = sim.log.slice(sim.log.findIndex((e) => e.method === 'DELETE') + 1);
      expect(afterDelete.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /orgs/acme/packages/container/web/versions/100110']);
    });
  });

  describe('Package', () => {
    const provider = () => createPackageProvider(contextFor(sim, 'admin'));

    it('a package DELETE answered 204 with no effect fails, saying the package still reads as active', async () => {
      const p = provider();
      const { inputs } = await p.check({}, { ...ui, state: 'deleted' });
      sim.faults.add({ match: { method: 'DELETE', path: '/orgs/acme/packages/npm/ui', times: 1000 }, fault: { status: 204 } });
      const err = await p.create(inputs).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(/GitHub accepted the request but the package still reads as active/);
    });

    it('a package restore answered 204 with no effect fails, saying the package still reads as deleted', async () => {
      const p = provider();
      sim.control.deletePackage({ owner: 'acme', packageType: 'npm', packageName: 'ui' } as never);
      const { inputs } = await p.check({}, { ...ui, state: 'active' });
      expect(inputs.plannedAction).toBe('restore');
      sim.faults.add({ match: { method: 'POST', path: /\/restore$/, times: 1000 }, fault: { status: 204 } });
      const err = await p.create(inputs).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(/GitHub accepted the request but the package still reads as deleted/);
    });
  });

  describe('PackageVersionRetention', () => {
    const provider = () => createRetentionProvider(contextFor(sim, 'admin'));

    async function applyWithFaults(add: () => void) {
      const p = provider();
      const { inputs } = await p.check({}, policy);
      expect(Object.keys(pendingLinesByPackage(inputs.pendingDeletions).web).map(Number).sort()).toEqual(REVIEWED);
      add();
      sim.clearLog();
      const result = await p.create(inputs).then(
        (r) => ({ ok: true as const, outs: r.outs as Record<string, any> }),
        (e: Error & { properties?: Record<string, any> }) => ({ ok: false as const, message: e.message, outs: e.properties! }),
      );
      return result;
    }

    it('DELETEs answered 204 with no effect: nothing counted as deleted, the run fails naming every version', async () => {
      const r = await applyWithFaults(() => sim.faults.add({ ...deleteFault(), fault: { status: 204 } }));
      expect(r.ok).toBe(false);
      expect(r.outs.deletedCount).toBe(0);
      expect(r.outs.lastRun.web.deleted).toEqual([]);
      for (const id of REVIEWED) {
        expect(r.ok || r.message).toMatch(new RegExp(`version ${id} .*GitHub accepted the request but the version still reads as active`));
      }
      for (const id of REVIEWED) expect(stateOf(id)).toBe('active');
      // Verified by listing the package (never a GET per version): github-packages:verifyAttempts (4) listings.
      expect(reads().every((path) => path === '/orgs/acme/packages/container/web/versions')).toBe(true);
      const lastDelete = sim.log.map((e) => e.method).lastIndexOf('DELETE');
      expect(sim.log.slice(lastDelete + 1)).toHaveLength(4);
    });

    it('one DELETE without effect among four: three counted, the run fails naming that one', async () => {
      const r = await applyWithFaults(() => sim.faults.add({ ...deleteFault(100105), fault: { status: 204 } }));
      expect(r.ok).toBe(false);
      expect(r.outs.deletedCount).toBe(3);
      expect(r.outs.lastRun.web.deleted.map((d: { versionId: number }) => d.versionId)).toEqual([100103, 100104, 100106]);
      expect(r.outs.lastRun.web.skipped).toEqual([
        { versionId: 100105, versionName: expect.any(String), reason: expect.stringMatching(/still reads as active/) },
      ]);
      expect(r.ok || r.message).toMatch(/1 of 4 deletions failed/);
      expect(r.ok || r.message).not.toMatch(/100103|100104|100106/);
    });

    it('404 on every DELETE of versions GitHub still lists as active is a failure, not "already gone"', async () => {
      const r = await applyWithFaults(() => sim.faults.add({ ...deleteFault(), fault: { status: 404 } }));
      expect(r.ok).toBe(false);
      expect(r.outs.deletedCount).toBe(0);
      expect(r.outs.lastRun.web.skipped.map((s: { reason: string }) => s.reason)).not.toContain('already gone');
      for (const id of REVIEWED) expect(r.ok || r.message).toMatch(new RegExp(`version ${id} .*404.*still reads as active`));
    });

    it('a deletion that shows only after a moment is re-listed once and counted; the run succeeds', async () => {
      let waits = 0;
      const p = createRetentionProvider(
        contextFor(sim, 'admin', {
          onWait: () => {
            if (++waits === 1) sim.control.deleteVersion({ ...WEB, versionId: 100105 });
          },
        }),
      );
      const { inputs } = await p.check({}, policy);
      sim.faults.add({ ...deleteFault(100105), fault: { status: 204 } });
      sim.clearLog();
      const created = await p.create(inputs);
      expect(created.outs.deletedCount).toBe(4);
      expect(created.outs.lastRun.web).toEqual({
        deleted: REVIEWED.map((versionId) => ({ versionId, versionName: expect.any(String) })),
        skipped: [],
      });
      const lastDelete = sim.log.map((e) => e.method).lastIndexOf('DELETE');
      expect(sim.log.slice(lastDelete + 1).map((e) => `${e.method} ${e.path}`)).toEqual([
        'GET /orgs/acme/packages/container/web/versions',
        'GET /orgs/acme/packages/container/web/versions',
      ]);
    });

    it('a clean run lists each package once after its deletions and counts every deletion', async () => {
      const r = await applyWithFaults(() => undefined);
      expect(r.ok).toBe(true);
      expect(r.outs.deletedCount).toBe(4);
      // One confirmation listing before the DELETEs, one verification listing after them.
      const lastDelete = sim.log.map((e) => e.method).lastIndexOf('DELETE');
      expect(sim.log.slice(lastDelete + 1).map((e) => `${e.method} ${e.path}`)).toEqual(['GET /orgs/acme/packages/container/web/versions']);
    });
  });
});
