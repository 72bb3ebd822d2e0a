// Issue 8: a few fault-matrix cells confirmed through the real engine (the full matrix runs at the provider level
// in tests/reliability/fault-matrix.test.ts). A blip is absorbed; a persistent 503 on DELETE fails `up` with a clear
// message that carries no token, records what was done, and the next `up` converges without deleting anything
// outside the policy.
import { startSimulator, type RunningSimulator } from '../../simulator';
import type { Fixture } from '../../simulator/types';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { explainEngineRun } from '../../scripts/engine/engine-results';
import type { PackagesProgramParams } from '../fixtures-programs/packages-program';
import { recordSection } from '../reliability/reliability-report';
import { MINUTE, allOutputText, filesContaining, runPackagesJob, requireBuiltProgramAndCli } from './e2e-helpers';
import { adminOrgFixture, hourlyVersions } from './e2e-fixtures';

jest.setTimeout(10 * MINUTE);

const TOKEN = 'ghp_interruptionFaultsAdminToken00000001';
const ORG = 'flt';
const id = (n: number) => 7000 + n;
/** 30 npm versions, one an hour; keepNewest 26 (the newest, protected, fills a slot) → the 4 oldest (7001..7004). One
 * deletion fails (the 4th): each failed deletion costs the client's real back-off (1 + 4 + 9 s), a second adds nothing. */
const POLICY_IDS = Array.from({ length: 4 }, (_, i) => id(i + 1));

function fixture(): Fixture {
  const versions = hourlyVersions(30, { id, prefix: '3.0', oldestHoursAgo: 31 });
  return adminOrgFixture({ org: ORG, token: TOKEN, label: 'flt-admin', packages: [{ owner: ORG, packageType: 'npm', name: 'pkg', versions }] });
}

const params: PackagesProgramParams = {
  retentions: { pkg: { org: ORG, packageType: 'npm', packages: ['pkg'], keepNewest: 26, maxShareOfPackage: 1 } },
};

const deletes = (sim: RunningSimulator) =>
  sim.log.filter((e) => e.method === 'DELETE').map((e) => ({ id: Number(e.path.split('/').pop()), status: e.status }));
const deletedNow = (sim: RunningSimulator) =>
  sim.control
    .listVersions({ owner: ORG, packageType: 'npm', packageName: 'pkg' } as never)
    .filter((v) => v.state === 'deleted')
    .map((v) => v.id)
    .sort((a, b) => a - b);

describe('fault-matrix cells through the real engine', () => {
  let sim: RunningSimulator;
  let dir: EngineWorkDir;
  beforeAll(async () => {
    await requireBuiltProgramAndCli();
    sim = await startSimulator({ fixture: fixture() });
    dir = createEngineWorkDir('interruption-faults');
  }, 30 * MINUTE);
  afterAll(async () => {
    await dir.cleanup();
    await sim.stop();
  });

  test('a 502 blip on the listing is absorbed; a persistent 503 on DELETE fails up clearly; the next up converges', async () => {
    // Blip on the first listing (check) and a persistent 503 from the 4th DELETE on.
    sim.faults.add({ match: { method: 'GET', path: /\/packages\/npm\/pkg\/versions$/, nth: 1 }, fault: { status: 502 } });
    sim.faults.add({ match: { method: 'DELETE', nth: 4, times: 1000 }, fault: { status: 503 } });
    const failed = await runPackagesJob({ workDir: dir.path, sim, token: TOKEN, params, operations: [{ kind: 'up', mayFail: true }] });
    const up = failed.operations[0];
    expect(up.ok).toBe(false);
    const text = allOutputText(failed);
    // Each failed deletion is named with GitHub's status and what to do; the 3 done are in the state.
    for (const n of [4])
      expect(text).toMatch(
        new RegExp(
          `pkg version ${id(n)} .*: GitHub failed to delete version ${id(n)} .*503 Server Error after the client's retries\\. Run again later`,
        ),
      );
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(/HttpError|RequestError|authorization/i);
    expect(
      deletes(sim)
        .filter((d) => d.status === 204)
        .map((d) => d.id),
    ).toEqual(POLICY_IDS.slice(0, 3));
    for (const d of deletes(sim)) expect(POLICY_IDS).toContain(d.id);

    sim.faults.clear();
    const next = await runPackagesJob({
      workDir: dir.path,
      sim,
      token: TOKEN,
      params,
      operations: [{ kind: 'up' }, { kind: 'preview', expectNoChanges: true }, { kind: 'exportStack' }],
    });
    if (!next.ok) throw new Error(explainEngineRun(next));
    const exported = next.operations[2].deployment as {
      deployment: { resources: { type: string; outputs?: { lastRun?: Record<string, { deleted: { versionId: number }[] }> } }[] };
    };
    const retention = exported.deployment.resources.find((r) => r.type.endsWith('PackageVersionRetention'));
    expect(retention?.outputs?.lastRun?.pkg?.deleted.map((d) => d.versionId)).toEqual(POLICY_IDS.slice(3));
    expect(deletedNow(sim)).toEqual(POLICY_IDS);
    for (const d of deletes(sim)) expect(POLICY_IDS).toContain(d.id);
    const ok = deletes(sim)
      .filter((d) => d.status === 204)
      .map((d) => d.id);
    expect(new Set(ok).size).toBe(ok.length);
    expect(allOutputText(next)).not.toContain(TOKEN);
    expect(filesContaining(dir.path, TOKEN)).toEqual([]);
    expect(failed.secretFindings).toEqual([]);
    // exportStack hands the harness the deployment with secrets decrypted (the provider's `token` config, stored
    // encrypted in the state file: no file of the run contains the token, checked above); the harness masks it.
    expect(
      next.secretFindings.filter(
        (f) => !/\.deployment\.deployment\.resources\[\d+\]\.(inputs|outputs)\.github-packages:token\.plaintext$/.test(f.where),
      ),
    ).toEqual([]);
    recordSection('engine-faults', {
      title: 'Cells confirmed through the real engine',
      items: [
        '`tests/e2e/interruption-faults.test.ts`, `pulumi up` of a 4-deletion retention policy against the simulator, real clock:',
        `a 502 on the first listing: retried once (a warning in the engine output), the preview inside up goes on;`,
        'a persistent 503 from the 4th DELETE: up fails once the client has retried each failed deletion (1 + 4 + 9 s of back-off); ' +
          'the engine error names each failed version with "503 Server Error after the client\'s retries. Run again later"; ' +
          'no token, octokit error or header in any output; the 3 deletions done are kept in state (the resource is created);',
        'faults cleared, the next up deletes the 4th (its `lastRun` lists exactly it), a preview shows no changes, nothing outside the policy was ever sent a DELETE, no version deleted twice, and no file of the run contains the token.',
      ],
    });
  });
});
