// The path a real user takes, as far as these machines allow: the package as `npm pack` ships it, installed in a
// project's node_modules beside @pulumi/pulumi (no self-link, no repo paths), and a plain JavaScript program that
// `require`s it by name. The engine's dynamic-provider process resolves the serialized stub's
// `require('pulumi-github-packages/dist/provider')` from that project, so this proves the shipped files suffice.
// (The standard CLI's Node language host is not available here; the program runs through the Automation API.)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resourceSteps } from '../../scripts/engine/engine-results';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { repoRoot } from '../../scripts/engine/repo-paths';
import { runEngine } from '../../scripts/engine/run-engine';
import { FIXTURE_TOKENS, startSimulator, type RunningSimulator } from '../../simulator';
import { expectOperationsOk, MINUTE, requireBuiltProgramAndCli } from './e2e-helpers';

jest.setTimeout(10 * MINUTE);

/** A user's project: node_modules with the packed package and (links to) its dependencies, and index.js. */
function installPackedPackage(projectDir: string): void {
  const root = repoRoot();
  const packDir = fs.mkdtempSync(path.join(projectDir, '..', 'pack-'));
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' });
  const [{ filename }] = JSON.parse(output) as Array<{ filename: string }>;
  const modules = path.join(projectDir, 'node_modules');
  const installed = path.join(modules, 'pulumi-github-packages');
  fs.mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(packDir, filename), '-C', installed, '--strip-components=1']);
  // Dependencies as npm would hoist them: everything the repo has installed, except the package itself.
  for (const entry of fs.readdirSync(path.join(root, 'node_modules'))) {
    if (entry === 'pulumi-github-packages' || entry === '.bin' || entry.startsWith('.')) continue;
    fs.symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry), 'dir');
  }
  fs.writeFileSync(
    path.join(projectDir, 'index.js'),
    `const { PackageVersion } = require('pulumi-github-packages');
exports.program = () => {
  const v = new PackageVersion('pr-123', { org: 'acme', packageType: 'container', packageName: 'web', versionName: 'pr-123', state: 'deleted' });
  return { state: v.currentState, id: v.versionId };
};
`,
  );
}

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
    const projectDir = path.join(dir.path, 'project');
    installPackedPackage(projectDir);
    expect(fs.realpathSync(path.join(projectDir, 'node_modules', 'pulumi-github-packages'))).not.toBe(repoRoot());

    const result = await runEngine(
      {
        workDir: dir.path,
        projectName: 'user-project',
        stackName: 'dev',
        program: { module: path.join(projectDir, 'index.js'), exportName: 'program' },
        config: {
          'github-packages:baseUrl': { value: sim.baseUrl },
          'github-packages:token': { value: FIXTURE_TOKENS.admin, secret: true },
          'github-packages:mutationIntervalMs': { value: '0' },
        },
        operations: [{ kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'exportStack' }],
      },
      { timeoutMs: 5 * MINUTE },
    );
    expectOperationsOk(result);
    const [preview, , exported] = result.operations;
    const planned = resourceSteps(preview).find((s) => s.urn.endsWith('::pr-123'));
    expect(planned?.op).toBe('create');
    expect(planned?.newInputs).toMatchObject({ plannedAction: 'delete', version: { id: 100110, tags: ['pr-123'] } });
    expect(sim.mutations().map((e) => `${e.method} ${e.path}`)).toEqual(['DELETE /orgs/acme/packages/container/web/versions/100110']);

    const resources = (exported.deployment as { deployment: { resources: Array<{ urn: string; outputs?: Record<string, unknown> }> } }).deployment.resources;
    const version = resources.find((r) => r.urn.endsWith('::pr-123'));
    expect(version?.outputs).toMatchObject({ currentState: 'deleted', versionId: 100110 });
    const stub = String(version?.outputs?.__provider);
    expect(stub).toContain("require('pulumi-github-packages/dist/provider')");
    expect(stub.length).toBeLessThan(4096);
    expect(JSON.stringify(exported.deployment)).not.toContain(FIXTURE_TOKENS.admin);
  });
});
