// Every fenced block of README.md and docs/*.md says what it is for (tests/docs/markdown-code-blocks.ts), every
// TypeScript block compiles as a user's program under the `pulumi new typescript` tsconfig with `skipLibCheck`
// off, and every `run docs-…` program previews through the real engine against the simulator's demo data. The
// Quick start's blocks (`run quickstart-…`, `generated quickstart-preview`) are followed by quick-start.test.ts.
// README's links are absolute (npm shows the README without the repository) and name files that exist.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { builtFile, repoRoot } from '../../scripts/engine/repo-paths';
import { runEngine } from '../../scripts/engine/run-engine';
import { FIXTURE_PATHS, FIXTURE_TOKENS, startSimulator } from '../../simulator';
import { expectOperationsOk, MINUTE, requireBuiltProgramAndCli } from '../e2e/e2e-helpers';
import { installWithRepoDependencies, packPackage, userProjectDir } from '../e2e/user-project-scenario';
import { typecheckProject, writeTemplateProject, writeTemplateTsconfig } from '../compat/pulumi-template';
import { documentationBlocks, documentationFiles, type CodeBlock } from './markdown-code-blocks';

jest.setTimeout(20 * MINUTE);

/** The ids each test owns; a block naming another id, or an id no block names, fails. */
const OWNED_IDS = {
  run: ['quickstart-project', 'quickstart-program', 'quickstart-simulator', 'quickstart-config', 'quickstart-apply'],
  generated: ['quickstart-preview'],
};
/** `run docs-…` blocks: programs this file previews against the simulator's demo fixture. */
const DOCS_PROGRAM = /^docs-[a-z0-9-]+$/;
/** The demo fixture dates versions relative to the simulator's clock: a fixed clock gives the examples' dates. */
const SIMULATOR_NOW = '2026-12-06T12:00:00Z';

const blocks = documentationBlocks();
const where = (b: CodeBlock) => `${b.file}:${b.line}`;
const isTypeScript = (b: CodeBlock) => b.lang === 'ts' || b.lang === 'typescript';

test('every code block says what it is for, and the ids it names are owned by a test', () => {
  expect(blocks.filter((b) => !b.role).map(where)).toEqual([]);
  expect(blocks.filter((b) => (b.role === 'typecheck' || b.role === 'not-run') && (b.detail ?? '').length < 10).map(where)).toEqual([]);
  const unowned = blocks.filter(
    (b) => (b.role === 'run' && !OWNED_IDS.run.includes(b.detail!) && !DOCS_PROGRAM.test(b.detail!)) || (b.role === 'generated' && !OWNED_IDS.generated.includes(b.detail!)),
  );
  expect(unowned.map((b) => `${where(b)} ${b.role} ${b.detail}`)).toEqual([]);
  for (const [role, ids] of Object.entries(OWNED_IDS)) {
    for (const id of ids) expect([id, blocks.filter((b) => b.role === role && b.detail === id).length]).toEqual([id, 1]);
  }
  // Programs are TypeScript, and TypeScript blocks are compiled (run or typecheck).
  expect(blocks.filter((b) => b.role === 'run' && DOCS_PROGRAM.test(b.detail!) && !isTypeScript(b)).map(where)).toEqual([]);
  expect(blocks.filter((b) => isTypeScript(b) && b.role !== 'run' && b.role !== 'typecheck').map(where)).toEqual([]);
});

test("README's links are absolute, and each link into the repository names a file that exists", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { repository?: { url?: string } };
  const repository = /^git\+(https:\/\/github\.com\/[^/]+\/[^/.]+)\.git$/.exec(manifest.repository?.url ?? '')?.[1];
  expect(repository).toBeDefined();
  const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  expect(links.length).toBeGreaterThan(10);
  expect(links.filter((l) => !/^(https:\/\/|#)/.test(l))).toEqual([]);
  const anchors = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
  expect(links.filter((l) => l.startsWith('#') && !anchors.has(l.slice(1)))).toEqual([]);
  const own = links.filter((l) => l.startsWith(`${repository}/`));
  expect(own.length).toBeGreaterThan(10);
  const missing = own.filter((l) => {
    const file = /\/blob\/main\/([^#]+)/.exec(l)?.[1];
    return !file || !fs.existsSync(path.join(repoRoot(), file));
  });
  expect(missing).toEqual([]);
});

test('relative links in docs/ and CONTRIBUTING.md name files that exist', () => {
  const pages = [...documentationFiles().filter((f) => f !== 'README.md'), 'CONTRIBUTING.md'];
  const broken = pages.flatMap((page) => {
    const text = fs.readFileSync(path.join(repoRoot(), page), 'utf8');
    return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1].split('#')[0])
      .filter((target) => target && !/^[a-z]+:/.test(target))
      .filter((target) => !fs.existsSync(path.join(repoRoot(), path.dirname(page), target)))
      .map((target) => `${page} → ${target}`);
  });
  expect(broken).toEqual([]);
});

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
    installWithRepoDependencies(projectDir, packPackage(dir.path));
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
