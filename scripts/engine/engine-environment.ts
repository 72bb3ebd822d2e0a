// Everything the real Pulumi engine needs to run offline and in isolation, for one work directory:
// the CLI (resolved or built by scripts/ensure-pulumi.sh), a private PULUMI_HOME, a file backend, and the
// Node.js dynamic provider plugin.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './repo-paths';

const execFileAsync = promisify(execFile);

/** Not a product secret: it only encrypts the throwaway test stacks' config. */
export const TEST_STACK_PASSPHRASE = 'engine-harness-passphrase';

/** The version of the `pulumi-nodejs` plugin directory we create; the engine accepts any when none is asked for. */
const DYNAMIC_PLUGIN_NAME = 'pulumi-resource-pulumi-nodejs';

export class PulumiCliUnavailableError extends Error {
  override readonly name = 'PulumiCliUnavailableError';
}

export interface EngineEnvironment {
  /** The real `pulumi` binary. */
  readonly pulumiBinary: string;
  /** A directory with `bin/pulumi` for `PulumiCommand.get({ root })`. */
  readonly pulumiRoot: string;
  /** What `pulumi version` prints (e.g. `v3.274.1`), asked once per process. */
  readonly pulumiVersion: string;
  readonly pulumiHome: string;
  readonly backendDir: string;
  /** The Pulumi project directory (Pulumi.yaml, Pulumi.<stack>.yaml). */
  readonly projectDir: string;
  /** The Node.js binary that runs the harness child, the program and the dynamic provider plugin. */
  readonly node: string;
  /** Environment for the engine: offline, isolated, no prompts, no plugin downloads. */
  readonly env: Record<string, string>;
}

let binaryPromise: Promise<string> | undefined;

/**
 * The absolute path of the real `pulumi` CLI: from scripts/ensure-pulumi.sh (PATH at the pinned version, the
 * cache, or a build from the Go module, which takes minutes the first time). Memoized per process.
 */
export function resolvePulumiBinary(): Promise<string> {
  binaryPromise ??= (async () => {
    const script = path.join(repoRoot(), 'scripts', 'ensure-pulumi.sh');
    try {
      const { stdout } = await execFileAsync('bash', [script], { maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60_000 });
      const binary = stdout.trim().split('\n').pop()?.trim() ?? '';
      if (!binary || !fs.existsSync(binary)) throw new Error(`scripts/ensure-pulumi.sh printed no binary path`);
      return binary;
    } catch (error) {
      binaryPromise = undefined;
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new PulumiCliUnavailableError(
        `The Pulumi CLI is not available: \`bash scripts/ensure-pulumi.sh\` failed (${(error as Error).message.split('\n')[0]}).` +
          (stderr ? `\n${stderr.trim().split('\n').slice(-10).join('\n')}` : ''),
      );
    }
  })();
  return binaryPromise;
}

const versions = new Map<string, Promise<string>>();

/** `pulumi version` of a binary, memoized per process: the engine children get it from the job. */
export function resolvePulumiVersion(pulumiBinary: string): Promise<string> {
  let version = versions.get(pulumiBinary);
  if (!version) {
    version = execFileAsync(pulumiBinary, ['version'], { env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: 'true' } }).then(({ stdout }) =>
      stdout.trim(),
    );
    version.catch(() => versions.delete(pulumiBinary));
    versions.set(pulumiBinary, version);
  }
  return version;
}

/**
 * The provider server (`@pulumi/pulumi/cmd/dynamic-provider`) of the @pulumi/pulumi that the project directory
 * resolves, as the stock launcher does: the project's own SDK, whichever version it installed.
 */
export function dynamicProviderEntry(projectDir: string): string {
  return require.resolve('@pulumi/pulumi/cmd/dynamic-provider', { paths: [projectDir] });
}

/**
 * Installs the dynamic provider plugin into `<pulumiHome>/plugins/resource-pulumi-nodejs-v<sdk version>/`.
 *
 * The stock launcher (`@pulumi/pulumi/pulumi-resource-pulumi-nodejs`) runs `node` from PATH on the provider
 * server that `require.resolve` finds from its working directory, the project directory. We do not put it on
 * PATH: the engine then warns "using pulumi-resource-pulumi-nodejs from $PATH". Our launcher does the same as
 * the stock one with both resolved up front: the project's SDK (`dynamicProviderEntry`) and the run's Node
 * binary by absolute path, so the provider runs on the Node the run asked for, never on another one on PATH.
 */
export function installDynamicProviderPlugin(pulumiHome: string, projectDir: string, node: string): string {
  const entry = dynamicProviderEntry(projectDir);
  const sdkManifest = path.join(path.dirname(entry), '..', '..', 'package.json');
  const { version } = JSON.parse(fs.readFileSync(sdkManifest, 'utf8')) as { version: string };
  const dir = path.join(pulumiHome, 'plugins', `resource-pulumi-nodejs-v${version}`);
  fs.mkdirSync(dir, { recursive: true });
  const launcher = path.join(dir, DYNAMIC_PLUGIN_NAME);
  const script = `#!/bin/sh\nexec ${shellQuote(node)} ${shellQuote(entry)} "$@"\n`;
  fs.writeFileSync(launcher, script, { mode: 0o755 });
  return launcher;
}

export interface EngineEnvironmentOptions {
  /**
   * The Node.js binary for everything of the run that is JavaScript: the harness child with the inline program
   * and the dynamic provider plugin. Default: the Node running the caller.
   */
  readonly node?: string;
}

/** Creates (or reuses) the engine environment rooted in `workDir`. */
export async function createEngineEnvironment(workDir: string, options: EngineEnvironmentOptions = {}): Promise<EngineEnvironment> {
  const node = options.node ?? process.execPath;
  const pulumiBinary = await resolvePulumiBinary();
  const pulumiVersion = await resolvePulumiVersion(pulumiBinary);
  const pulumiRoot = path.join(workDir, 'pulumi-root');
  const pulumiHome = path.join(workDir, 'pulumi-home');
  const backendDir = path.join(workDir, 'backend');
  const projectDir = path.join(workDir, 'project');
  for (const dir of [path.join(pulumiRoot, 'bin'), pulumiHome, backendDir, projectDir]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  // PulumiCommand.get({ root }) runs `<root>/bin/pulumi`; a symlink keeps the one cached binary.
  const binLink = path.join(pulumiRoot, 'bin', 'pulumi');
  if (!fs.existsSync(binLink)) fs.symlinkSync(pulumiBinary, binLink);
  linkProjectNodeModules(projectDir);
  installDynamicProviderPlugin(pulumiHome, projectDir, node);

  const env: Record<string, string> = {
    PULUMI_HOME: pulumiHome,
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: TEST_STACK_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: 'true',
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
    // Only the plugins we installed in PULUMI_HOME: nothing picked up from PATH (e.g. node_modules/.bin).
    PULUMI_IGNORE_AMBIENT_PLUGINS: 'true',
    PULUMI_SELF_MANAGED_STATE_NO_LEGACY_WARNING: 'true',
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: 'true',
    NO_COLOR: '1',
    // The run's Node is the `node` on PATH too, as in a user's shell.
    PATH: [path.dirname(node), process.env.PATH ?? ''].join(path.delimiter),
  };
  return { pulumiBinary, pulumiRoot, pulumiVersion, pulumiHome, backendDir, projectDir, node, env };
}

/**
 * Makes the project directory look like a user's Pulumi project: `node_modules` next to Pulumi.yaml.
 *
 * The engine starts the dynamic provider with the project directory as its working directory, and the provider
 * evaluates the serialized stub with require-from-string, which resolves package names from the working
 * directory's node_modules. In a user's project that holds @pulumi/pulumi and this package side by side; here
 * the project is a temporary directory, so we link the repo's node_modules (which holds the self-link), unless
 * the caller installed a project of its own there first (tests/e2e/user-project.test.ts, tests/compat/).
 */
export function linkProjectNodeModules(projectDir: string): void {
  const link = path.join(projectDir, 'node_modules');
  if (fs.existsSync(link)) return;
  fs.symlinkSync(path.join(repoRoot(), 'node_modules'), link, 'dir');
}

/** Variables inherited from the caller that must not steer the engine or leak a real credential into a test. */
export const SCRUBBED_ENV_PREFIXES = ['PULUMI_', 'GITHUB_TOKEN', 'GH_TOKEN', 'GH_ENTERPRISE_TOKEN'];

export function scrubbedParentEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (SCRUBBED_ENV_PREFIXES.some((prefix) => key.startsWith(prefix))) continue;
    out[key] = value;
  }
  return out;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
