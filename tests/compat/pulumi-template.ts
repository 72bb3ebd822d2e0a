// A TypeScript project as `pulumi new typescript` makes it, and `tsc` over it as a user runs it: the template's
// tsconfig.json and package.json, copied from pulumi/templates (typescript/), with nothing loosened: no
// `skipLibCheck`, so every declaration file the program reaches is checked, ours included.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/engine/repo-paths';

/**
 * The template's compiler options. `current`: pulumi/templates since 81e65225 (2026-03-25, "Use moduleResolution:
 * nodenext"). `commonjs`: a3029400 (2024-04) until then, what most existing projects still have.
 */
const CURRENT_TEMPLATE_OPTIONS = {
  strict: true,
  outDir: 'bin',
  target: 'es2020',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  sourceMap: true,
  experimentalDecorators: true,
  pretty: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
} as const;

export const TEMPLATE_COMPILER_OPTIONS = {
  current: CURRENT_TEMPLATE_OPTIONS,
  commonjs: { ...CURRENT_TEMPLATE_OPTIONS, module: 'commonjs', moduleResolution: 'node' },
} as const;

export type TemplateVariant = keyof typeof TEMPLATE_COMPILER_OPTIONS;

/** The template's devDependencies (its `dependencies` are `@pulumi/pulumi`, which a row of the compat run picks). */
export const TEMPLATE_DEV_DEPENDENCIES = { '@types/node': '^18', typescript: '^5.0.0' } as const;

/**
 * Writes the template's tsconfig.json (its `files` list: the program's own files) into `projectDir`; `emit`: also
 * write JavaScript into `bin/` as the template does (default: type check only).
 */
export function writeTemplateTsconfig(projectDir: string, files: readonly string[], variant: TemplateVariant = 'current', emit = false): void {
  const tsconfig = { compilerOptions: { ...TEMPLATE_COMPILER_OPTIONS[variant], ...(emit ? {} : { noEmit: true }) }, files };
  fs.writeFileSync(path.join(projectDir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 4)}\n`);
}

/** The template's Pulumi.yaml and package.json (`${PROJECT}` replaced), as `pulumi new typescript` writes them. */
export function writeTemplateProject(projectDir: string, projectName: string, sdkRange = '^3.113.0'): void {
  fs.mkdirSync(projectDir, { recursive: true });
  fs.writeFileSync(path.join(projectDir, 'Pulumi.yaml'), `name: ${projectName}\ndescription: A minimal TypeScript Pulumi program\nruntime: nodejs\n`);
  const manifest = { name: projectName, main: 'index.ts', devDependencies: TEMPLATE_DEV_DEPENDENCIES, dependencies: { '@pulumi/pulumi': sdkRange } };
  fs.writeFileSync(path.join(projectDir, 'package.json'), `${JSON.stringify(manifest, null, 4)}\n`);
}

export interface TypecheckResult {
  readonly ok: boolean;
  /** tsc's diagnostics, one per line, without colours. */
  readonly output: string;
}

/**
 * `tsc -p projectDir` (type check only: `noEmit`), with `tsc` from the project's node_modules when it has one (a
 * user's install), else the repository's. `node`: the Node binary to run it on (default: the test's).
 */
export function typecheckProject(projectDir: string, node: string = process.execPath): TypecheckResult {
  const own = path.join(projectDir, 'node_modules', 'typescript', 'bin', 'tsc');
  const tsc = fs.existsSync(own) ? own : path.join(repoRoot(), 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(node, [tsc, '-p', projectDir, '--pretty', 'false'], { encoding: 'utf8', timeout: 5 * 60_000, maxBuffer: 64 * 1024 * 1024 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
  return { ok: run.status === 0, output: run.error ? `${run.error.message}\n${output}` : output };
}
