/**
 * A Go program on the generated Go SDK (sdk/go), run through the real engine with the Automation API as an inline
 * program (tests/go-program/main.go, built by scripts/ensure-go-program.sh): its preview lists the exact deletions,
 * `up` deletes exactly those (the simulator's request log), the next preview is converged.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { repoRoot } from '../../scripts/engine/repo-paths';
import { reviewedDeletions } from '../../provider/resources/retention-plan-view';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { deletedVersionIds, mutationsSince, MINUTE, sorted } from '../e2e/e2e-helpers';
import { cachedBuild, pluginEngine } from './plugin-engine';

jest.setTimeout(40 * MINUTE);

const execFileAsync = promisify(execFile);
const TOKEN = 'ghp_sim_admin';

interface GoOperation {
  kind: 'preview' | 'up';
  changes: Record<string, number>;
  /** Per resource URN: the step's `pendingDeletions` as the engine sent it. */
  pending?: Record<string, Record<string, unknown>>;
  outputs?: Record<string, unknown>;
}

let dir: EngineWorkDir;
let sim: RunningSimulator;

beforeAll(async () => {
  dir = createEngineWorkDir('plugin-go');
  sim = await startSimulator({ fixture: path.join(repoRoot(), 'simulator', 'fixtures', 'demo.json') });
}, 45 * MINUTE);
afterAll(async () => {
  await sim?.stop();
  await dir?.cleanup();
});

test('the Go program previews the exact deletions, up deletes exactly those, the next preview is converged', async () => {
  const [program, engine] = await Promise.all([cachedBuild('ensure-go-program.sh'), pluginEngine(dir.path)]);
  const root = path.join(dir.path, 'pulumi-root');
  fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
  fs.symlinkSync(engine.pulumi, path.join(root, 'bin', 'pulumi'));
  const workDir = path.join(dir.path, 'project');
  fs.mkdirSync(workDir);

  const from = sim.log.length;
  const { stdout } = await execFileAsync(program, [], {
    env: {
      ...engine.env,
      GH_PACKAGES_WORK_DIR: workDir,
      GH_PACKAGES_PULUMI_ROOT: root,
      GH_PACKAGES_BASE_URL: sim.baseUrl,
      GH_PACKAGES_TOKEN: TOKEN,
      GH_PACKAGES_ORG: 'demo-org',
    },
    maxBuffer: 64 << 20,
    timeout: 20 * MINUTE,
  });
  const result = JSON.parse(stdout) as { operations: GoOperation[]; error?: string };
  expect(result.error).toBeUndefined();
  const [preview, up, again] = result.operations;
  const announced = sorted(Object.values(preview.pending ?? {}).flatMap((pending) => reviewedDeletions(pending).map((d) => d.id)));
  expect(announced.length).toBeGreaterThan(0);
  expect(preview.changes).toMatchObject({ create: 2 }); // the stack and the policy
  expect(sorted(deletedVersionIds(mutationsSince(sim, from)))).toEqual(announced);
  expect(up.outputs?.deletedCount).toBe(announced.length);
  expect(Object.keys(again.changes)).toEqual(['same']);
  expect(stdout).not.toContain(TOKEN);
});
