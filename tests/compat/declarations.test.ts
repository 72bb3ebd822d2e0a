// The declarations a user's compiler reads: the package as `npm pack` ships it, installed beside the repo's own
// dependencies (offline), in a project made like `pulumi new typescript` (its tsconfig, no `skipLibCheck`).
// tests/compat/sdk-compat.test.ts does the same with a real `npm install` of the template's devDependencies on
// Node 24 and the newest @pulumi/pulumi.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngineWorkDir, type EngineWorkDir } from '../../scripts/engine/engine-work-dir';
import { builtFile } from '../../scripts/engine/repo-paths';
import { installWithRepoDependencies, packPackage } from '../e2e/user-project-scenario';
import { typecheckProject, writeTemplateTsconfig, type TemplateVariant } from './pulumi-template';
import { declarationClosure, TYPED_USER_PROGRAM } from './user-typescript';

jest.setTimeout(5 * 60_000);

let dir: EngineWorkDir;
let installed: string;
let projectDir: string;
beforeAll(() => {
  builtFile('sdk/index.ts');
  dir = createEngineWorkDir('declarations');
  projectDir = path.join(dir.path, 'project');
  installWithRepoDependencies(projectDir, packPackage());
  installed = path.join(projectDir, 'node_modules', 'pulumi-github-packages');
});
afterAll(async () => {
  await dir?.cleanup();
});

function shippedDeclarations(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(installed);
  return out;
}

test('no shipped declaration file names a path into node_modules/ (it would not resolve in a user project)', () => {
  const files = shippedDeclarations();
  expect(files.length).toBeGreaterThan(10);
  const offenders = files.filter((f) => /["'][./]*\/?node_modules\//.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(installed, f));
  expect(offenders).toEqual([]);
});

test("the SDK's public declarations reach only the SDK's own files and @pulumi/pulumi: no provider internals, no Octokit types", () => {
  const closure = declarationClosure(path.join(installed, 'dist', 'sdk', 'index.d.ts'));
  const outside = closure.files.map((f) => path.relative(installed, f)).filter((f) => !f.startsWith(`dist${path.sep}sdk${path.sep}`));
  expect(outside).toEqual([]);
  expect(closure.packages).toEqual(['@pulumi/pulumi']);
});

test.each<TemplateVariant>(['current', 'commonjs'])(
  "a user's TypeScript program and every declaration file the package ships compile under the `pulumi new typescript` tsconfig (%s), skipLibCheck off",
  (variant) => {
    fs.writeFileSync(path.join(projectDir, 'index.ts'), TYPED_USER_PROGRAM);
    // The program reaches the public declarations; listing every shipped one also checks those a user may import directly.
    const all = shippedDeclarations().map((f) => path.relative(projectDir, f));
    writeTemplateTsconfig(projectDir, ['index.ts', ...all], variant);
    const result = typecheckProject(projectDir);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  },
);
