// A user's project with the packed package and the repo's own dependencies (so @pulumi/pulumi at the pinned
// floor, on the Node running the tests): see user-project-scenario.ts. tests/compat/ runs the same scenario
// with a real `npm install` on other Node and @pulumi/pulumi versions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { repoRoot } from '../../scripts/engine/repo-paths';
import { runEngine } from '../../scripts/engine/run-engine';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { MINUTE, requireBuiltProgramAndCli } from './e2e-helpers';
import {
  expectUserProjectOutcome,
  installWithRepoDependencies,
  packPackage,
  userProjectDir,
  userProjectJob,
  writeUserProgram,
} from './user-project-scenario';

jest.setTimeout(10 * MINUTE);

describe('a user project with the packed package', () => {
  let sim: RunningSimulator;
  let dir: EngineWorkDir;
  beforeAll(async () => {
    await requireBuiltProgramAndCli();
    sim = await startSimulator({});
    dir = createEngineWorkDir('user-project');
  });
  afterAll(async () => {
    await sim?.stop();
    await dir?.cleanup();
  });

  test('preview shows the planned delete, up performs it through the installed package, state stays small', async () => {
    const projectDir = userProjectDir(dir.path);
    installWithRepoDependencies(projectDir, packPackage());
    writeUserProgram(projectDir);
    expect(fs.realpathSync(path.join(projectDir, 'node_modules', 'pulumi-github-packages'))).not.toBe(repoRoot());

    const result = await runEngine(userProjectJob(dir.path, sim), { timeoutMs: 5 * MINUTE });
    expectUserProjectOutcome(result, sim);
  });
});
