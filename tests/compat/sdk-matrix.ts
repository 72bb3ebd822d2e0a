// Which Node.js and @pulumi/pulumi versions the compatibility run covers, and how a user's project gets them.
//
// - floor: the oldest versions package.json promises (`engines.node`, `peerDependencies['@pulumi/pulumi']`),
//   read from package.json so the promise and the test cannot drift apart.
// - node24, node22: what most users run: Node 24 or 22 and the newest @pulumi/pulumi, looked up on the registry
//   at run time (a pinned fallback when the registry does not answer, said so in the output).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import currentNodes from '../../scripts/current-nodes.json';
import { repoRoot } from '../../scripts/engine/repo-paths';

/**
 * The Node releases users run with the newest SDK (24 and 22): pinned in scripts/current-nodes.json, so a Node update
 * is a reviewed change (`npm test` runs on the Node 22 there, scripts/test.sh).
 */
export const CURRENT_NODES: readonly string[] = currentNodes;

export interface SdkMatrixRow {
  /** `floor`, or `node24`, `node22`: what users run. */
  readonly label: string;
  readonly node: string;
  readonly sdk: string;
  /** Where `sdk` came from, printed with the results. */
  readonly sdkSource: string;
  /** Packages whose `engines` may exclude this Node, each with the reason it is accepted (see FLOOR_ENGINE_WARNINGS). */
  readonly toleratedEngineWarnings: Readonly<Record<string, string>>;
}

/**
 * On Node 20, npm warns that `content-type` 3.x (a dependency of Octokit's @octokit/request 10.0.16+) declares
 * `engines.node >=22`. It runs on Node 20 (this row proves it, as does `npm run test:quick` on Node 20); the warning
 * is a user's only sign of it. Any other package that drops Node 20 fails this row, which is when the floor should move.
 */
export const FLOOR_ENGINE_WARNINGS: Readonly<Record<string, string>> = {
  'content-type': "Octokit's dependency; declares node >=22 but runs on Node 20",
};

/** `>=20.19` → `20.19.0`, `^3.248.0` → `3.248.0`: the lowest version a simple range admits. */
export function lowestVersionOf(range: string): string {
  const match = /^\s*(?:>=|\^|~)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range);
  if (!match) throw new Error(`cannot take the lowest version of the range "${range}": use >=X.Y.Z or ^X.Y.Z in package.json`);
  return `${match[1]}.${match[2] ?? 0}.${match[3] ?? 0}`;
}

interface Manifest {
  engines: { node: string };
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

function repoManifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as Manifest;
}

/**
 * The newest @pulumi/pulumi on the registry or, when it cannot be asked, the pinned fallback (with the reason): the SDK
 * this repository's own tests run on (its devDependency, kept at the newest: CONTRIBUTING.md), the newest seen to pass.
 */
export function newestSdk(manifest: Manifest = repoManifest()): { version: string; source: string } {
  try {
    const version = execFileSync('npm', ['view', '@pulumi/pulumi@latest', 'version'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: npmEnv(),
    }).trim();
    if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`unexpected answer "${version}"`);
    return { version, source: 'newest on the npm registry' };
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    return { version: manifest.devDependencies['@pulumi/pulumi'], source: `pinned fallback: the registry did not say which is newest (${reason})` };
  }
}

export function sdkMatrix(): SdkMatrixRow[] {
  const manifest = repoManifest();
  const peerRange = manifest.peerDependencies['@pulumi/pulumi'];
  if (!peerRange) throw new Error('package.json has no peerDependencies entry for @pulumi/pulumi');
  const newest = newestSdk(manifest);
  return [
    {
      label: 'floor',
      node: lowestVersionOf(manifest.engines.node),
      sdk: lowestVersionOf(peerRange),
      sdkSource: `lowest of peerDependencies ${peerRange}`,
      toleratedEngineWarnings: FLOOR_ENGINE_WARNINGS,
    },
    ...CURRENT_NODES.map((node) => ({
      label: `node${node.split('.')[0]}`,
      node,
      sdk: newest.version,
      sdkSource: newest.source,
      toleratedEngineWarnings: {},
    })),
  ];
}

/** The `node` binary of that version, from PATH or the cache, downloaded once (scripts/ensure-node.sh). */
export function ensureNode(version: string): string {
  const out = execFileSync('bash', [path.join(repoRoot(), 'scripts', 'ensure-node.sh'), version], {
    encoding: 'utf8',
    timeout: 10 * 60_000,
    env: npmEnv(),
  });
  return out.trim().split('\n').pop()!.trim();
}

/**
 * Environment for npm outside the repository: `npm test` exports its own settings as npm_* variables (its
 * local prefix is the repository, node-gyp's headers are the test runner's Node), which must not steer an
 * install into a user's project. npm reads the npmrc files (registry, cache, CA) again by itself.
 */
export function npmEnv(node?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) env[key] = value;
  }
  if (node) env.PATH = [path.dirname(node), process.env.PATH ?? ''].join(path.delimiter);
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

/**
 * A user's install: `npm install <tarball> @pulumi/pulumi@<sdk>` in a project made like `pulumi new typescript` (its
 * devDependencies `devDependencies` already in package.json, installed by the same command), with npm running on
 * `node`. `--strict-peer-deps` turns a peer-dependency conflict into a failure; `engines` mismatches stay warnings, as
 * a user sees them (read them with `engineWarnings`). Returns npm's output (stdout and stderr).
 */
export function npmInstallUserProject(
  projectDir: string,
  node: string,
  tarball: string,
  sdk: string,
  devDependencies: Readonly<Record<string, string>>,
): string {
  fs.mkdirSync(projectDir, { recursive: true });
  fs.writeFileSync(
    path.join(projectDir, 'package.json'),
    JSON.stringify({ name: 'user-project', version: '1.0.0', private: true, main: 'index.js', devDependencies }, null, 2),
  );
  return runNpm(projectDir, node, ['install', '--strict-peer-deps', '--no-package-lock', tarball, `@pulumi/pulumi@${sdk}`]);
}

/** npm with `args` in the user's project, running on `node`; returns its output (stdout and stderr), throws on failure. */
function runNpm(projectDir: string, node: string, args: readonly string[]): string {
  const run = spawnSync('npm', args, {
    cwd: projectDir,
    encoding: 'utf8',
    timeout: 10 * 60_000,
    env: { ...npmEnv(node), npm_config_loglevel: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.status !== 0) {
    throw new Error(`npm ${args.join(' ')} on Node ${node} failed (${run.error?.message ?? `exit ${run.status}`}):\n${output}`);
  }
  return output;
}

/** The packages npm's `EBADENGINE` warnings name (`npm warn EBADENGINE   package: 'content-type@3.1.1',`). */
export function engineWarnings(npmOutput: string): string[] {
  const names = [...npmOutput.matchAll(/EBADENGINE\s+package: '((?:@[^/']+\/)?[^@']+)@[^']*'/g)].map((m) => m[1]);
  return [...new Set(names)].sort();
}
