#!/usr/bin/env node
// `pulumi` as a workflow step calls it, where the Node.js language host cannot be installed (it is not served to
// these machines): `node dist/scripts/engine/cli-with-program-host.js <pulumi arguments>` runs the real CLI
// ($PULUMI_GH_REAL_CLI) with the same arguments, in the same directory, with the same environment and stdio. For
// a command that runs the program (`preview`, `up`), it first serves the project's program the way the language
// host would, through the SDK's own language server (the one `up-with-preview.ts` uses for `up --strict`), and
// adds `--client=127.0.0.1:<port> --exec-kind auto.inline`: the program is the project's `main` from Pulumi.yaml
// (TypeScript compiled on load with the project's `typescript`, as the language host does with ts-node), and its
// exports are the stack outputs. Everything else the CLI does is its own.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const PROGRAM_COMMANDS = ['preview', 'up', 'update'];

async function main(): Promise<number> {
  const real = process.env.PULUMI_GH_REAL_CLI;
  if (!real) throw new Error('PULUMI_GH_REAL_CLI must name the real pulumi binary');
  const args = process.argv.slice(2);
  const command = args.find((a) => !a.startsWith('-'));
  if (!command || !PROGRAM_COMMANDS.includes(command)) return run(real, args);

  const project = process.cwd();
  const main = projectMain(project);
  const sdk = (name: string) => require.resolve(name, { paths: [project] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the project's own SDK, found at run time
  const { LanguageServer } = require(sdk('@pulumi/pulumi/automation/server')) as {
    LanguageServer: new (program: () => Promise<unknown>) => { onPulumiExit(hasError: boolean): void };
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const langrpc = require(sdk('@pulumi/pulumi/proto/language_grpc_pb')) as { LanguageRuntimeService: unknown };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const grpc = require(
    require.resolve('@grpc/grpc-js', { paths: [path.dirname(sdk('@pulumi/pulumi/package.json'))] }),
  ) as typeof import('@grpc/grpc-js');

  registerTypeScript(project);
  const languageServer = new LanguageServer(async () => {
    // `up` runs the program twice (its preview, then the update): each run loads the program's own files afresh.
    for (const file of Object.keys(require.cache))
      if (file.startsWith(project + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[file];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the user's program, as the language host loads it
    const exported = require(main) as Record<string, unknown> & { default?: unknown };
    const outputs = exported.default !== undefined && Object.keys(exported).length === 1 ? exported.default : exported;
    return typeof outputs === 'function' ? (outputs as () => unknown)() : outputs;
  });
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 400 * 1024 * 1024 });
  server.addService(langrpc.LanguageRuntimeService as never, languageServer as never);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  let code = 1;
  try {
    code = await run(real, [...args, `--client=127.0.0.1:${port}`, '--exec-kind', 'auto.inline']);
  } finally {
    languageServer.onPulumiExit(code !== 0);
    server.forceShutdown();
  }
  return code;
}

/** Pulumi.yaml's `main` (a file or a directory with index.ts/index.js), as the Node.js language host reads it. */
function projectMain(project: string): string {
  const manifest = fs.readFileSync(path.join(project, 'Pulumi.yaml'), 'utf8');
  const main = /^main:\s*(\S+)\s*$/m.exec(manifest)?.[1] ?? '.';
  const target = path.resolve(project, main);
  if (fs.existsSync(target) && fs.statSync(target).isFile()) return target;
  for (const index of ['index.ts', 'index.js']) if (fs.existsSync(path.join(target, index))) return path.join(target, index);
  throw new Error(`no program at ${main} (Pulumi.yaml main) in ${project}`);
}

/** `.ts` files compiled on load with the project's TypeScript and tsconfig options (CommonJS). */
function registerTypeScript(project: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(require.resolve('typescript', { paths: [project] })) as typeof import('typescript');
  const configFile = path.join(project, 'tsconfig.json');
  const options = fs.existsSync(configFile)
    ? ts.parseJsonConfigFileContent(ts.readConfigFile(configFile, (file) => ts.sys.readFile(file)).config, ts.sys, project).options
    : {};
  const extensions = require.extensions as Record<string, (m: NodeJS.Module & { _compile(code: string, file: string): void }, file: string) => void>;
  extensions['.ts'] = (module, file) => {
    const source = fs.readFileSync(file, 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { ...options, module: ts.ModuleKind.CommonJS }, fileName: file });
    module._compile(outputText, file);
  };
}

function run(binary: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cli-with-program-host: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
