// The TypeScript blocks of README.md and docs/*.md as a user compiles and runs them: each compiles under the
// `pulumi new typescript` tsconfig with `skipLibCheck` off, and every `run docs-…` program previews through the real
// engine against the simulator's demo data (engine tier: jest.config.js). What each block is for, and the links, are
// checked by code-blocks.test.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { builtFile } from '../../scripts/engine/repo-paths';
import { runEngine } from '../../scripts/engine/run-engine';
import { FIXTURE_PATHS, FIXTURE_TOKENS, startSimulator } from '../../simulator';
import { expectOperationsOk, MINUTE, requireBuiltProgramAndCli } from '../e2e/e2e-helpers';
import { installWithRepoDependencies, packPackage, userProjectDir } from '../e2e/user-project-scenario';
import { typecheckProject, writeTemplateProject, writeTemplateTsconfig } from '../compat/pulumi-template';
import { documentationBlocks, DOCS_PROGRAM, isTypeScript, type CodeBlock } from './markdown-code-blocks';

jest.setTimeout(20 * MINUTE);

/** The demo fixture dates versions relative to the simulator's clock: a fixed clock gives the examples' dates. */
const SIMULATOR_NOW = '2026-12-06T12:00:00Z';

const blocks = documentationBlocks();

describe('the TypeScript blocks, as a user compiles and runs them', () => {
  let dir: EngineWorkDir;
  let projectDir: string;
  const typescript = blocks.filter(isTypeScript);
  const fileOf = (b: CodeBlock) => `${b.file.replace(/[^a-zA-Z0-9]+/g, '-')}-${b.line}.ts`;
  beforeAll(() => {
    builtFile('sdk/index.ts');
    dir = createEngineWorkDir('code-blocks');
    projectDir = userProjectDir(dir.path);
    writeTemplateProject(projectDir, 'code-blocks');
    installWithRepoDependencies(projectDir, packPackage());
    for (const b of typescript) fs.writeFileSync(path.join(projectDir, fileOf(b)), b.code);
  });
  afterAll(async () => {
    await dir?.cleanup();
  });

  test('each compiles under the `pulumi new typescript` tsconfig, skipLibCheck off (a CommonJS program: no top-level await)', () => {
    expect(typescript.length).toBeGreaterThan(3);
    writeTemplateTsconfig(projectDir, typescript.map(fileOf), 'current', true);
    const result = typecheckProject(projectDir);
    expect(result.output).toBe('');
  });

  const programs = typescript.filter((b) => b.role === 'run' && DOCS_PROGRAM.test(b.detail!));
  test.each(programs.map((b) => [b.detail!, b] as const))('%s previews against the simulator with no error', async (_id, block) => {
    await requireBuiltProgramAndCli(); // instant once cached (a cold machine builds the Pulumi CLI: the file's timeout allows it)
    const sim = await startSimulator({ fixture: FIXTURE_PATHS.demo, clock: { now: SIMULATOR_NOW } });
    try {
      const entry = path.join(projectDir, `${block.detail}-entry.js`);
      fs.writeFileSync(entry, `exports.program = () => require('./bin/${fileOf(block).replace(/\.ts$/, '.js')}');\n`);
      const result = await runEngine(
        {
          workDir: path.join(dir.path),
          projectName: 'code-blocks',
          stackName: block.detail!,
          program: { module: entry, exportName: 'program' },
          config: {
            'github-packages:baseUrl': { value: sim.baseUrl },
            'github-packages:registryUrl': { value: sim.baseUrl },
            'github-packages:token': { value: FIXTURE_TOKENS.admin, secret: true },
          },
          operations: [{ kind: 'preview', diff: true }],
        },
        { timeoutMs: 5 * MINUTE },
      );
      expectOperationsOk(result);
      expect(result.operations[0].diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(sim.mutations()).toEqual([]);
    } finally {
      await sim.stop();
    }
  });
});
