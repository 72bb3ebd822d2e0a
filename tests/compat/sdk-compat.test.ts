// The SDK versions users actually have: the user-project scenario (tests/e2e/user-project-scenario.ts) with a
// real `npm install` of the packed package, on
//   - the floor package.json promises (Node `engines.node`, the lowest `@pulumi/pulumi` of peerDependencies), and
//   - what most users run (Node 24 and 22, with the newest @pulumi/pulumi on the registry, resolved now).
// Each row downloads its Node once into ~/.cache/pulumi-github-packages/node/ (scripts/ensure-node.sh), and every
// JavaScript process of the engine run (the program's host and the dynamic provider plugin) runs on it, with the
// @pulumi/pulumi the project installed. The Pulumi CLI is the repo's pinned one for every row.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { startEngine } from '../../scripts/engine/run-engine';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { MINUTE, requireBuiltProgramAndCli } from '../e2e/e2e-helpers';
import { expectUserProjectOutcome, packPackage, userProjectDir, userProjectJob, writeUserProgram } from '../e2e/user-project-scenario';
import { runProcesses, type RunProcess } from './run-processes';
import { engineWarnings, ensureNode, npmInstallUserProject, sdkMatrix } from './sdk-matrix';
import { TEMPLATE_DEV_DEPENDENCIES, typecheckProject, writeTemplateTsconfig } from './pulumi-template';
import { TYPED_USER_PROGRAM } from './user-typescript';

jest.setTimeout(20 * MINUTE);

const rows = sdkMatrix();
for (const row of rows) {
  // Shown in every run's output: which versions this run covered.
  console.log(`SDK compatibility (${row.label}): Node ${row.node} + @pulumi/pulumi ${row.sdk} (${row.sdkSource})`);
}

// The packed package is the same for every row (and every file that installs it: packPackage keeps one per content).
let tarball: string;
beforeAll(() => {
  tarball = packPackage();
});

describe.each(rows)('a user project on Node $node with @pulumi/pulumi $sdk ($label)', (row) => {
  let sim: RunningSimulator;
  let dir: EngineWorkDir;
  let node: string;
  beforeAll(async () => {
    await requireBuiltProgramAndCli();
    node = ensureNode(row.node);
    sim = await startSimulator({});
    dir = createEngineWorkDir(`compat-${row.label}`);
  });
  afterAll(async () => {
    await sim?.stop();
    await dir?.cleanup();
  });

  test('npm installs it with no peer-dependency or (untolerated) engines warning; preview, up and a converged preview run on that Node and SDK', async () => {
    const projectDir = userProjectDir(dir.path);
    // Into a project as `pulumi new typescript` makes it: its devDependencies are installed by the same command.
    const npmOutput = npmInstallUserProject(projectDir, node, tarball, row.sdk, TEMPLATE_DEV_DEPENDENCIES);
    expect(npmOutput).not.toMatch(/peer dep|ERESOLVE/i);
    const untolerated = engineWarnings(npmOutput).filter((name) => !(name in row.toleratedEngineWarnings));
    expect(untolerated).toEqual([]);
    const sdkManifest = path.join(projectDir, 'node_modules', '@pulumi', 'pulumi', 'package.json');
    expect((JSON.parse(fs.readFileSync(sdkManifest, 'utf8')) as { version: string }).version).toBe(row.sdk);
    writeUserProgram(projectDir);

    // Every process of the run, sampled at each engine event of `up` (the provider plugin lives during it).
    const seen = new Map<number, RunProcess>();
    const run = await startEngine(userProjectJob(dir.path, sim, node), {
      timeoutMs: 5 * MINUTE,
      onEvent: (index) => {
        if (index !== 1) return;
        for (const p of runProcesses(run.runId)) seen.set(p.pid, p);
      },
    });
    const result = await run.result;
    expectUserProjectOutcome(result, sim);

    const sdkDir = fs.realpathSync(path.join(projectDir, 'node_modules', '@pulumi', 'pulumi'));
    // The program's host (the harness child, Automation API) and the dynamic provider plugin: this Node, this SDK.
    expect(fs.readFileSync(result.files.log, 'utf8')).toContain(`program host: Node v${row.node}, @pulumi/pulumi ${row.sdk} (${sdkDir})`);
    const javascript = [...seen.values()].filter((p) => p.exe !== fs.realpathSync(result.environment.pulumiBinary));
    expect(new Set(javascript.map((p) => p.exe))).toEqual(new Set([fs.realpathSync(node)]));
    const provider = javascript.filter((p) => p.argv.some((a) => a.startsWith(path.join(sdkDir, 'cmd', 'dynamic-provider'))));
    expect(provider.length).toBeGreaterThan(0);
  });

  test('a TypeScript program made like `pulumi new typescript` (its tsconfig and devDependencies, skipLibCheck off) compiles with this SDK on this Node', () => {
    // The project the first test installed, with the template's TypeScript and @types/node.
    const projectDir = userProjectDir(dir.path);
    expect(fs.existsSync(path.join(projectDir, 'node_modules', 'typescript', 'package.json'))).toBe(true);
    fs.writeFileSync(path.join(projectDir, 'index.ts'), TYPED_USER_PROGRAM);
    writeTemplateTsconfig(projectDir, ['index.ts']);
    const result = typecheckProject(projectDir, node);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });
});
