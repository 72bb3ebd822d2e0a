/**
 * What a run costs against GitHub's primary limit (5,000 requests an hour): in one provider process (the engine's
 * phases of one `up`), a package read again is read conditionally (unchanged pages answer 304, which the primary
 * limit does not count), and deletions are read back by the cheaper read (planner/verification-read.ts).
 */
import type { PackageRef } from '../../provider/types';
import { PER_PAGE } from '../../provider/client/packages-client';
import { createRetentionProvider } from '../../provider/resources/retention-provider';
import { pendingLinesByPackage } from '../../provider/resources/retention-plan-view';
import { stillActiveIds } from '../../provider/resources/verify-effects';
import { contextFor, startSimulator, type RunningSimulator } from './provider-helpers';

const countedAgainstPrimary = (sim: RunningSimulator) => sim.log.filter((e) => e.status !== 304).length;
const notModified = (sim: RunningSimulator) => sim.log.filter((e) => e.status === 304).length;

describe('request cost of a run', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: { enabled: false } });
  });
  afterAll(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    for (let i = 0; i < 1000; i++) {
      sim.control.publishVersion({ owner: 'acme', packageType: 'npm', packageName: 'weekly', name: `1.0.${i}`, createdAt: `now-${1000 - i}h` });
    }
  });

  it('a weekly run (10 oldest of 1,000) in one process: the up re-reads 304s, deletes 10 and reads back one page', async () => {
    const context = contextFor(sim, 'admin');
    const provider = createRetentionProvider(context);
    const policy = { org: 'acme', packageType: 'npm', packages: ['weekly'], keepNewest: 990 };
    const first = await provider.check({}, policy); // the preview phase
    sim.clearLog();
    const { inputs } = await provider.check({}, policy); // the update phase's check
    await provider.create(inputs); // confirm, delete, verify
    const deletes = sim.log.filter((e) => e.method === 'DELETE').length;
    expect(deletes).toBe(10);
    expect(Object.keys(pendingLinesByPackage(first.inputs.pendingDeletions).weekly)).toHaveLength(10);
    // Two re-listings of 10 pages and the read-back's unchanged 9 pages: 29 answers 304; the read-back's last page
    // (which changed) and the 10 DELETEs are all the primary limit counts. The old client listed 30 pages whole.
    expect(countedAgainstPrimary(sim)).toBeLessThanOrEqual(deletes + Math.ceil(deletes / PER_PAGE) + 1);
    expect(notModified(sim)).toBeGreaterThanOrEqual(29);
  });

  it('a few deletions near the top of a large package are read back one GET each', async () => {
    const client = contextFor(sim, 'admin').client();
    const ref: PackageRef = { owner: { kind: 'org', login: 'acme' }, packageType: 'npm', name: 'weekly' };
    const listed = (await client.listVersions(ref)).map((v) => v.id);
    sim.control.deleteVersion({ owner: 'acme', packageType: 'npm', packageName: 'weekly', versionId: listed[3] });
    sim.clearLog();
    expect(await stillActiveIds(client, ref, [listed[3], listed[7]], listed)).toEqual([listed[7]]);
    expect(sim.log.map((e) => e.path.split('/').slice(-2).join('/'))).toEqual(
      expect.arrayContaining([`versions/${listed[3]}`, `versions/${listed[7]}`]),
    );
    expect(sim.log).toHaveLength(2);
  });
});
