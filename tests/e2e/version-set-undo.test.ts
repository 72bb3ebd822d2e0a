// Issue 15 §4 through the real engine: a PackageVersionSet deletes an explicit list of ids (the preview lists each),
// and the undo program (examples/undo-cleanup, applied with `up --strict`: versions deleted since a time, read during preview, fed to a set
// with `state: 'active'`) restores exactly those, and only those, in its own previewed run. Then the clean-up's own
// stack, still declaring them deleted, previews their deletion again: why docs/resources.md says to stop the policy first.
import { startSimulator, FIXTURE_TOKENS, type RunningSimulator } from '../../simulator';
import type { Fixture } from '../../simulator/types';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { runEngine } from '../../scripts/engine/run-engine';
import { EXAMPLES, exampleJob } from '../examples/run-example';
import type { PackagesProgramParams } from '../fixtures-programs/packages-program';
import { MINUTE, expectOperationsOk, mutationsSince, requestLines, requireBuiltProgramAndCli, runPackagesJob, stepOf } from './e2e-helpers';
import { adminOrgFixture } from './e2e-fixtures';

jest.setTimeout(10 * MINUTE);

const ORG = 'fx';
const id = (n: number) => 7100 + n;
const CLEANED = [1, 2, 3].map(id);
/** Deleted by someone before the clean-up: the undo (since the clean-up started) leaves it deleted. */
const DELETED_BEFORE = id(9);
const PATH = `/orgs/${ORG}/packages/npm/lib/versions`;

function fixture(): Fixture {
  return adminOrgFixture({
    org: ORG,
    token: FIXTURE_TOKENS.admin,
    label: 'admin',
    packages: [
      {
        owner: ORG,
        packageType: 'npm',
        name: 'lib',
        versions: [
          ...Array.from({ length: 8 }, (_, i) => ({ id: id(i + 1), name: `2.0.${i + 1}`, createdAt: `now-${20 - i}d` })),
          { id: DELETED_BEFORE, name: '1.9.0', createdAt: 'now-30d', deletedAt: 'now-2d' },
        ],
      },
    ],
  });
}

const cleanup: PackagesProgramParams = {
  versionSets: { cleanup: { org: ORG, packageType: 'npm', packageName: 'lib', versionIds: CLEANED, state: 'deleted' } },
};

describe('an explicit list deleted, then restored by the undo program (real engine)', () => {
  let sim: RunningSimulator;
  let dir: EngineWorkDir;
  beforeAll(async () => {
    await requireBuiltProgramAndCli();
    sim = await startSimulator({ fixture: fixture() });
    dir = createEngineWorkDir('version-set-undo');
  }, 30 * MINUTE);
  afterAll(async () => {
    await dir?.cleanup();
    await sim?.stop();
  });

  const state = () =>
    Object.fromEntries(sim.control.listVersions({ owner: ORG, packageType: 'npm', packageName: 'lib' }).map((v) => [v.id, v.state]));

  test('preview lists each id; up deletes exactly those; undo previews and restores exactly those; the clean-up stack would delete them again', async () => {
    // GitHub's times have whole seconds: the undo restores what was deleted from this second on.
    const since = new Date(Math.floor(sim.clock.now().getTime() / 1000) * 1000 - 1000).toISOString();

    const from = sim.log.length;
    const deleted = await runPackagesJob({
      workDir: dir.path,
      sim,
      token: FIXTURE_TOKENS.admin,
      params: cleanup,
      operations: [{ kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'preview', expectNoChanges: true }],
    });
    expectOperationsOk(deleted);
    const pending = stepOf(deleted.operations[0], 'cleanup')?.newInputs?.pendingChanges as Record<string, string>;
    expect(Object.keys(pending)).toEqual(CLEANED.map(String));
    expect(Object.values(pending).every((line) => line.endsWith(': delete'))).toBe(true);
    expect(requestLines(mutationsSince(sim, from))).toEqual(CLEANED.map((v) => `DELETE ${PATH}/${v}`));

    const beforeUndo = sim.log.length;
    const undoSpec = { ...EXAMPLES.undoCleanup, config: { org: ORG, packageType: 'npm', package: 'lib', deletedSince: since } };
    const undo = await runEngine(
      // `up --strict`: held to its preview, stack outputs included (the program exports `pendingChanges`).
      exampleJob(sim, undoSpec, dir.path, [
        { kind: 'preview', diff: true },
        { kind: 'up', previewPhase: 'strict' },
        { kind: 'preview', expectNoChanges: true },
      ]),
      { timeoutMs: 5 * MINUTE },
    );
    expectOperationsOk(undo);
    const restoring = stepOf(undo.operations[0], 'undo-cleanup')?.newInputs?.pendingChanges as Record<string, string>;
    expect(Object.keys(restoring)).toEqual(CLEANED.map(String));
    expect(Object.values(restoring).every((line) => / deleted \S+: restore$/.test(line))).toBe(true);
    expect(requestLines(mutationsSince(sim, beforeUndo))).toEqual(CLEANED.map((v) => `POST ${PATH}/${v}/restore`));
    expect(state()).toMatchObject({ ...Object.fromEntries(CLEANED.map((v) => [v, 'active'])), [DELETED_BEFORE]: 'deleted' });

    // The clean-up still declares them deleted: its next run would delete them again (stop it first).
    const again = await runPackagesJob({
      workDir: dir.path,
      sim,
      token: FIXTURE_TOKENS.admin,
      params: cleanup,
      operations: [{ kind: 'preview', diff: true }],
    });
    expectOperationsOk(again);
    expect(Object.keys(stepOf(again.operations[0], 'cleanup')?.newInputs?.pendingChanges as Record<string, string>)).toEqual(CLEANED.map(String));
  });
});
