// The README's Quick start, followed as written against the simulator (tests/docs/follow-shell-steps.ts says how
// each command is carried out here): a project made like `pulumi new typescript`, the packed package, the
// README's program compiled by the template's tsconfig (no `skipLibCheck`), the README's stack config, then
// `pulumi preview --diff` (its output is the README's sample, generated here), `pulumi up --strict --diff`, and a
// preview with no changes. UPDATE_DOC_OUTPUT=1 rewrites the README's sample output from this run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { resourceSteps, type OperationResult } from '../../scripts/engine';
import { runEngine } from '../../scripts/engine/run-engine';
import { appliedChanges } from '../../scripts/demo/applied-changes';
import { changeKey, plannedChanges } from '../../scripts/demo/planned-changes';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { fixturePath } from '../../simulator/fixture-loader';
import { expectOperationsOk, MINUTE, requireBuiltProgramAndCli } from '../e2e/e2e-helpers';
import { installWithRepoDependencies, packPackage, userProjectDir } from '../e2e/user-project-scenario';
import { typecheckProject, writeTemplateProject, writeTemplateTsconfig } from '../compat/pulumi-template';
import { followShellSteps } from './follow-shell-steps';
import { blockById, rewriteBlock } from './markdown-code-blocks';

jest.setTimeout(15 * MINUTE);

let sim: RunningSimulator | undefined;
let dir: EngineWorkDir;
beforeAll(async () => {
  await requireBuiltProgramAndCli(); // instant once cached; a cold machine builds the Pulumi CLI here
  dir = createEngineWorkDir('quick-start');
}, 30 * MINUTE);
afterAll(async () => {
  await sim?.stop();
  await dir?.cleanup();
});

/** Times and digests move from run to run (the fixture dates versions relative to now); the rest must match. */
function comparable(display: string): string {
  return display
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
    .replace(/\s+$/gm, '')
    .trim();
}

test('the Quick start, as written, previews deletions against the simulator; up --strict applies exactly them; the next preview shows no changes', async () => {
  const steps = followShellSteps([blockById('run', 'quickstart-project').code]);
  const program = blockById('run', 'quickstart-program');
  followShellSteps(['quickstart-simulator', 'quickstart-config', 'quickstart-apply'].map((id) => blockById('run', id).code), steps);
  expect(steps).toMatchObject({ projectName: expect.any(String), stackName: expect.any(String), installsPackage: true, simulator: expect.anything() });
  const { projectName, stackName, simulator } = steps as Required<typeof steps>;

  // The project, as `pulumi new typescript` and `npm install pulumi-github-packages` leave it, with the README's index.ts.
  const projectDir = userProjectDir(dir.path);
  writeTemplateProject(projectDir, projectName);
  installWithRepoDependencies(projectDir, packPackage());
  fs.writeFileSync(path.join(projectDir, 'index.ts'), program.code);
  writeTemplateTsconfig(projectDir, ['index.ts'], 'current', true);
  const compiled = typecheckProject(projectDir);
  expect(compiled.output).toBe('');
  // The engine harness calls the program once per operation in one process: load index.js afresh each time, as
  // each `pulumi` command does.
  fs.writeFileSync(
    path.join(projectDir, 'quick-start-entry.js'),
    "exports.program = () => { const file = require.resolve('./bin/index.js'); delete require.cache[file]; return require(file); };\n",
  );

  sim = await startSimulator({ fixture: fixturePath(simulator.fixture) });
  const readmeUrl = `http://127.0.0.1:${simulator.port}`;
  const config = Object.fromEntries(
    steps.config.map(({ key, value, secret }) => [
      key.includes(':') ? key : `${projectName}:${key}`,
      { value: value.replace(readmeUrl, sim!.baseUrl), secret },
    ]),
  );
  const result = await runEngine(
    {
      workDir: dir.path,
      projectName,
      stackName,
      program: { module: path.join(projectDir, 'quick-start-entry.js'), exportName: 'program' },
      config,
      operations: steps.operations,
    },
    { timeoutMs: 10 * MINUTE },
  );
  expectOperationsOk(result);
  expect(result.secretFindings).toEqual([]);
  const [preview, up, second] = result.operations as [OperationResult, OperationResult, OperationResult];
  expect(steps.operations.map((o) => o.kind)).toEqual(['preview', 'up', 'preview']);

  // The preview lists deletions: the two images older than 14 days beyond the newest 3 tagged, each whole.
  const planned = plannedChanges(resourceSteps(preview));
  expect(planned.length).toBe(6);
  expect(new Set(planned.map((c) => c.action))).toEqual(new Set(['delete']));
  // up --strict did exactly that, and nothing is left to do.
  expect(appliedChanges(sim.log).map(changeKey).sort()).toEqual(planned.map(changeKey).sort());
  expect(up.outputs?.deleting?.value).toEqual({ web: { listed: 15, kept: 9, deleting: 6 } }); // every listed version accounted for
  expect(second.summary).toEqual({ same: 2 }); // the stack and the policy

  const sample = blockById('generated', 'quickstart-preview');
  if (process.env.UPDATE_DOC_OUTPUT === '1') rewriteBlock(sample, preview.stdout ?? '');
  else expect(comparable(sample.code)).toBe(comparable(preview.stdout ?? ''));
});
