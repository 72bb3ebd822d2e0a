/**
 * The provider plugin through the real engine, as a user runs it: the `pulumi` CLI on a project directory (or the
 * Go program of tests/go-program), the plugin installed with `pulumi plugin install resource github-packages
 * <version> --file <launcher>` (docs/plugin.md), the YAML language host built from its Go module
 * (scripts/ensure-language-yaml.sh) installed beside it. Offline and isolated like scripts/engine: a private
 * PULUMI_HOME, a file backend, no plugin downloads, nothing from PATH but what the test puts there.
 */
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { resolvePulumiBinary, scrubbedParentEnv, TEST_STACK_PASSPHRASE } from '../../scripts/engine/engine-environment';
import { builtFile, repoRoot } from '../../scripts/engine/repo-paths';
import type { RunningSimulator } from '../../simulator';

const execFileAsync = promisify(execFile);

export const PLUGIN_VERSION: string = (JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;

/** Runs a script of scripts/ that prints a path on its last line (building into the cache on first use). */
export async function cachedBuild(script: string): Promise<string> {
  const { stdout } = await execFileAsync('bash', [path.join(repoRoot(), 'scripts', script)], { maxBuffer: 64 << 20, timeout: 40 * 60_000 });
  return stdout.trim().split('\n').pop()!.trim();
}

export interface PluginEngine {
  pulumi: string;
  home: string;
  env: Record<string, string>;
  /** Runs the CLI; never throws (the result says how it went). */
  run(args: string[], options?: { cwd?: string; stdin?: string; env?: Record<string, string> }): Promise<CliResult>;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface PluginEngineOptions {
  /** Install the YAML language host too. */
  yaml?: boolean;
  /**
   * How the plugin is installed (docs/plugin.md): `file` (default) with `pulumi plugin install … --file`, or
   * `npm-global` with `npm install -g` (here: of this repository, into a private prefix), which puts the bin
   * `pulumi-resource-github-packages` on PATH, where the engine finds it.
   */
  install?: 'file' | 'npm-global';
}

/** A private engine environment under `workDir` with the plugin (and the YAML host) installed. */
export async function pluginEngine(workDir: string, options: PluginEngineOptions = {}): Promise<PluginEngine> {
  builtFile('provider/plugin/main.ts');
  const pulumi = await resolvePulumiBinary();
  const home = path.join(workDir, 'pulumi-home');
  const backend = path.join(workDir, 'backend');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(backend, { recursive: true });
  const env: Record<string, string> = {
    ...scrubbedParentEnv(),
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: TEST_STACK_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: 'true',
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
    PULUMI_IGNORE_AMBIENT_PLUGINS: 'true',
    PULUMI_SELF_MANAGED_STATE_NO_LEGACY_WARNING: 'true',
    NO_COLOR: '1',
    PATH: [path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter),
  };
  const run: PluginEngine['run'] = (args, o = {}) =>
    new Promise((resolve) => {
      const child = spawn(pulumi, [...args, '--non-interactive'], { cwd: o.cwd ?? workDir, env: { ...env, ...o.env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(o.stdin ?? '');
    });
  if (options.install === 'npm-global') {
    const prefix = path.join(workDir, 'npm-global');
    await execFileAsync('npm', ['install', '--global', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', repoRoot()], {
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
    // As in a user's shell after `npm install -g`: the bin on PATH, and the engine looking there.
    env.PATH = [path.join(prefix, 'bin'), env.PATH].join(path.delimiter);
    delete env.PULUMI_IGNORE_AMBIENT_PLUGINS;
  } else {
    await installFromFile(workDir, run);
  }
  if (options.yaml) {
    // The YAML language host, as `pulumi` finds its own language plugins: in PULUMI_HOME's plugin directory.
    const yamlDir = await cachedBuild('ensure-language-yaml.sh');
    const dest = path.join(home, 'plugins', 'language-yaml-v1.25.0');
    fs.mkdirSync(dest, { recursive: true });
    fs.copyFileSync(path.join(yamlDir, 'pulumi-language-yaml'), path.join(dest, 'pulumi-language-yaml'));
    fs.chmodSync(path.join(dest, 'pulumi-language-yaml'), 0o755);
  }
  return { pulumi, home, env, run };
}

/** A copy of a project directory of the repository (e.g. examples/yaml) with a stack on the simulator. */
export async function stackOn(
  engine: PluginEngine,
  sim: RunningSimulator,
  o: { from: string; to: string; stack: string; token: string; config: Record<string, string> },
): Promise<void> {
  fs.cpSync(path.join(repoRoot(), o.from), o.to, { recursive: true });
  const must = async (args: string[], stdin?: string) => {
    const r = await engine.run(args, { cwd: o.to, ...(stdin !== undefined ? { stdin } : {}) });
    if (r.code !== 0) throw new Error(`pulumi ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  };
  await must(['stack', 'init', o.stack]);
  const config = {
    ...o.config,
    'github-packages:baseUrl': sim.baseUrl,
    'github-packages:registryUrl': sim.baseUrl,
    'github-packages:mutationIntervalMs': '0',
    'github-packages:verifyDelayMs': '0',
  };
  for (const [key, value] of Object.entries(config)) await must(['config', 'set', key, value]);
  // The token goes in on stdin, as a secret: never on a command line.
  await must(['config', 'set', '--secret', 'github-packages:token'], o.token);
}

/** The documented way to install a plugin from a file: a launcher that runs the package's plugin on this Node. */
async function installFromFile(workDir: string, run: PluginEngine['run']): Promise<void> {
  const launcher = path.join(workDir, 'pulumi-resource-github-packages');
  const main = path.join(repoRoot(), 'dist', 'provider', 'plugin', 'main.js');
  fs.writeFileSync(launcher, `#!/bin/sh\nexec '${process.execPath}' '${main}' "$@"\n`, { mode: 0o755 });
  const installed = await run(['plugin', 'install', 'resource', 'github-packages', PLUGIN_VERSION, '--file', launcher]);
  if (installed.code !== 0) throw new Error(`pulumi plugin install failed:\n${installed.stdout}\n${installed.stderr}`);
}
