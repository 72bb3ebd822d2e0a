// The path a real user takes, as far as these machines allow: the package as `npm pack` ships it, installed in a
// project's node_modules beside @pulumi/pulumi (no self-link, no repo paths), and a plain JavaScript program that
// `require`s it by name. The engine's dynamic-provider process resolves the serialized stub's
// `require('pulumi-github-packages/dist/provider')` from that project, so this proves the shipped files suffice.
// (The standard CLI's Node language host is not available here; the program runs through the Automation API,
// hosted by the @pulumi/pulumi the project installed.)
//
// Used by tests/e2e/user-project.test.ts (the repo's own dependencies, linked) and tests/compat/ (a real
// `npm install` of the tarball with other @pulumi/pulumi versions, on other Node versions).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EngineJob } from '../../scripts/engine/engine-job';
import { resourceSteps } from '../../scripts/engine/engine-results';
import { repoRoot } from '../../scripts/engine/repo-paths';
import type { EngineRunResult } from '../../scripts/engine/run-engine';
import { FIXTURE_TOKENS, type RunningSimulator } from '../../simulator';
import { expectOperationsOk } from './e2e-helpers';

/** The engine's project directory inside a work dir: the user's project is installed there. */
export function userProjectDir(workDir: string): string {
  return path.join(workDir, 'project');
}

/**
 * `npm pack` of the repository (dist/ must be built); returns the tarball's path. Five test files install the packed
 * package and a pack costs about 2.7 s of CPU, so the tarball is kept in the system's temp directory and shared,
 * keyed by what it packs (package.json's `files`: each file's path, size and time): a rebuild packs again.
 */
export function packPackage(): string {
  const root = repoRoot();
  const cacheRoot = path.join(os.tmpdir(), 'pulumi-github-packages-pack');
  const key = packKey(root);
  const dir = path.join(cacheRoot, key);
  const cached = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.endsWith('.tgz')) : undefined;
  if (cached) return path.join(dir, cached);
  fs.mkdirSync(cacheRoot, { recursive: true });
  pruneOlderThanADay(cacheRoot);
  const packDir = fs.mkdtempSync(path.join(cacheRoot, 'packing-'));
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' });
  const [{ filename }] = JSON.parse(output) as Array<{ filename: string }>;
  try {
    fs.renameSync(packDir, dir);
  } catch {
    // Another test file packed the same content first: use its tarball.
    fs.rmSync(packDir, { recursive: true, force: true });
  }
  return path.join(dir, filename);
}

function packKey(root: string): string {
  const manifestText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const manifest = JSON.parse(manifestText) as { files: string[] };
  const entries: string[] = [manifestText];
  const walk = (rel: string): void => {
    const full = path.join(root, rel);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const name of fs.readdirSync(full).sort()) walk(path.join(rel, name));
    else entries.push(`${rel} ${stat.size} ${stat.mtimeMs}`);
  };
  for (const entry of manifest.files) if (!entry.startsWith('!')) walk(entry);
  return createHash('sha256').update(root).update(entries.join('\n')).digest('hex').slice(0, 32);
}

function pruneOlderThanADay(cacheRoot: string): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of fs.readdirSync(cacheRoot)) {
    const full = path.join(cacheRoot, name);
    if (fs.statSync(full).mtimeMs < dayAgo) fs.rmSync(full, { recursive: true, force: true });
  }
}

/**
 * Unpacks the tarball into `<project>/node_modules/pulumi-github-packages` and links every other package the repo
 * has installed, as npm would hoist them (offline and fast; the SDK is the repo's pinned @pulumi/pulumi).
 */
export function installWithRepoDependencies(projectDir: string, tarball: string): void {
  const root = repoRoot();
  const modules = path.join(projectDir, 'node_modules');
  const installed = path.join(modules, 'pulumi-github-packages');
  fs.mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  for (const entry of fs.readdirSync(path.join(root, 'node_modules'))) {
    if (entry === 'pulumi-github-packages' || entry === '.bin' || entry.startsWith('.')) continue;
    if (entry === '@types') {
      linkUserTypes(path.join(root, 'node_modules', '@types'), path.join(modules, '@types'));
      continue;
    }
    fs.symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry), 'dir');
  }
}

/**
 * The `@types` packages a user's install has: not the repository's own test-only ones (`@types/jest`,
 * `@types/markdown-it` and what they bring), which `tsc` would include by default (every `@types` package is), and
 * which a user's project never installs.
 */
function linkUserTypes(from: string, to: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const testOnly = new Set<string>();
  for (const name of Object.keys(manifest.devDependencies ?? {})) {
    if (!name.startsWith('@types/') || name === '@types/node') continue;
    testOnly.add(name.slice('@types/'.length));
    const own = path.join(from, name.slice('@types/'.length), 'package.json');
    const deps = fs.existsSync(own)
      ? (JSON.parse(fs.readFileSync(own, 'utf8')) as { dependencies?: Record<string, string> }).dependencies
      : undefined;
    for (const dep of Object.keys(deps ?? {})) if (dep.startsWith('@types/') && dep !== '@types/node') testOnly.add(dep.slice('@types/'.length));
  }
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from)) {
    if (!testOnly.has(entry)) fs.symlinkSync(path.join(from, entry), path.join(to, entry), 'dir');
  }
}

/** The user's program: index.js, requiring the package by name. */
export function writeUserProgram(projectDir: string): string {
  const file = path.join(projectDir, 'index.js');
  fs.writeFileSync(
    file,
    `const { PackageVersion } = require('pulumi-github-packages');
exports.program = () => {
  const v = new PackageVersion('pr-123', { org: 'acme', packageType: 'container', packageName: 'web', versionName: 'pr-123', state: 'deleted' });
  return { state: v.currentState, id: v.versionId };
};
`,
  );
  return file;
}

/** Preview, up, a second preview that must show no changes, and the exported state. */
export function userProjectJob(workDir: string, sim: RunningSimulator, node?: string): EngineJob {
  return {
    workDir,
    projectName: 'user-project',
    stackName: 'dev',
    program: { module: path.join(userProjectDir(workDir), 'index.js'), exportName: 'program' },
    config: {
      'github-packages:baseUrl': { value: sim.baseUrl },
      'github-packages:registryUrl': { value: sim.baseUrl },
      'github-packages:token': { value: FIXTURE_TOKENS.admin, secret: true },
      'github-packages:mutationIntervalMs': { value: '0' },
    },
    operations: [{ kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'preview', expectNoChanges: true }, { kind: 'exportStack' }],
    ...(node ? { node } : {}),
  };
}

/**
 * What the user sees: the preview plans the delete, up performs exactly it through the installed package, the
 * second preview has converged, and the state holds a small stub that loads the package by name, with no token.
 */
export function expectUserProjectOutcome(result: EngineRunResult, sim: RunningSimulator): void {
  expectOperationsOk(result);
  const [preview, , second, exported] = result.operations;
  const planned = resourceSteps(preview).find((s) => s.urn.endsWith('::pr-123'));
  expect(planned?.op).toBe('create');
  expect(planned?.newInputs).toMatchObject({ plannedAction: 'delete', version: { versionId: 100110, tags: ['pr-123'] } });
  expect(sim.mutations().map((e) => `${e.method} ${e.path}`)).toEqual(['DELETE /orgs/acme/packages/container/web/versions/100110']);
  expect(resourceSteps(second)).toEqual([]);

  const resources = (exported.deployment as { deployment: { resources: Array<{ urn: string; outputs?: Record<string, unknown> }> } }).deployment
    .resources;
  const version = resources.find((r) => r.urn.endsWith('::pr-123'));
  expect(version?.outputs).toMatchObject({ currentState: 'deleted', versionId: 100110 });
  const stub = String(version?.outputs?.__provider);
  expect(stub).toContain("require('pulumi-github-packages/dist/provider')");
  expect(stub.length).toBeLessThan(4096);
  expect(JSON.stringify(exported.deployment)).not.toContain(FIXTURE_TOKENS.admin);
}
