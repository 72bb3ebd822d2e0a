// Issue 12, section 3, through the real engine: a policy whose DELETEs GitHub answers 204 without applying them
// (the simulator's `{status: 204}` fault) does not report them done. `pulumi up` fails naming each such version;
// the state records only the verified deletions (`deletedCount`, `lastRun`); the next `up` deletes the rest and
// converges.
import { startSimulator, type RunningSimulator } from '../../simulator';
import type { Fixture } from '../../simulator/types';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { explainEngineRun } from '../../scripts/engine/engine-results';
import type { PackagesProgramParams } from '../fixtures-programs/packages-program';
import { MINUTE, allOutputText, runPackagesJob, requireBuiltProgramAndCli } from './e2e-helpers';
import { adminOrgFixture, hourlyVersions } from './e2e-fixtures';

jest.setTimeout(10 * MINUTE);

const TOKEN = 'ghp_effectVerificationAdminToken00000001';
const ORG = 'fx';
const id = (n: number) => 8000 + n;
/** 10 npm versions, one an hour; keepNewest 6 (the newest fills one slot) → the 4 oldest (8001..8004). */
const POLICY_IDS = [1, 2, 3, 4].map(id);
/** Their DELETEs are answered 204 and not applied. */
const NO_EFFECT = [id(2), id(3)];

function fixture(): Fixture {
  const versions = hourlyVersions(10, { id, prefix: '4.0', oldestHoursAgo: 11 });
  return adminOrgFixture({ org: ORG, token: TOKEN, label: 'fx-admin', packages: [{ owner: ORG, packageType: 'npm', name: 'pkg', versions }] });
}

const params: PackagesProgramParams = {
  retentions: { pkg: { org: ORG, packageType: 'npm', packages: ['pkg'], keepNewest: 6, maxShareOfPackage: 1 } },
};

const deletedNow = (sim: RunningSimulator) =>
  sim.control
    .listVersions({ owner: ORG, packageType: 'npm', packageName: 'pkg' } as never)
    .filter((v) => v.state === 'deleted')
    .map((v) => v.id)
    .sort((a, b) => a - b);

type Exported = {
  deployment: { resources: { type: string; outputs?: { deletedCount?: number; lastRun?: Record<string, { deleted: { versionId: number }[] }> } }[] };
};
const retentionOutputs = (deployment: unknown) =>
  (deployment as Exported).deployment.resources.find((r) => r.type.endsWith('PackageVersionRetention'))?.outputs;

describe('a policy reports only the deletions GitHub shows (real engine)', () => {
  let sim: RunningSimulator;
  let dir: EngineWorkDir;
  beforeAll(async () => {
    await requireBuiltProgramAndCli();
    sim = await startSimulator({ fixture: fixture() });
    dir = createEngineWorkDir('effect-verification');
  }, 30 * MINUTE);
  afterAll(async () => {
    await dir?.cleanup();
    await sim?.stop();
  });

  test('DELETEs accepted without effect fail up naming each; state counts only verified deletions; the next up converges', async () => {
    for (const v of NO_EFFECT)
      sim.faults.add({ match: { method: 'DELETE', path: new RegExp(`/versions/${v}$`), times: 1000 }, fault: { status: 204 } });
    const failed = await runPackagesJob({
      workDir: dir.path,
      sim,
      token: TOKEN,
      params,
      operations: [{ kind: 'up', mayFail: true }, { kind: 'exportStack' }],
    });
    expect(failed.operations[0].ok).toBe(false);
    const text = allOutputText(failed);
    for (const v of NO_EFFECT)
      expect(text).toMatch(new RegExp(`pkg version ${v} \\(4\\.0\\.\\d+\\): GitHub accepted the request but the version still reads as active`));
    expect(text).not.toContain(TOKEN);
    // What GitHub shows, and what the state says, agree: the two verified deletions only.
    expect(deletedNow(sim)).toEqual([id(1), id(4)]);
    const outs = retentionOutputs(failed.operations[1].deployment);
    expect(outs?.deletedCount).toBe(2);
    expect(outs?.lastRun?.pkg?.deleted.map((d) => d.versionId)).toEqual([id(1), id(4)]);

    sim.faults.clear();
    const next = await runPackagesJob({
      workDir: dir.path,
      sim,
      token: TOKEN,
      params,
      operations: [{ kind: 'up' }, { kind: 'preview', expectNoChanges: true }],
    });
    if (!next.ok) throw new Error(explainEngineRun(next));
    expect(deletedNow(sim)).toEqual(POLICY_IDS);
  });
});
