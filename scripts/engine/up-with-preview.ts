// `pulumi up` with its preview phase, as a person runs it at a terminal, for an inline program: `up --yes` (plain:
// the update phase runs check again and is not held to the preview) or `up --strict --yes` (the preview phase
// builds a plan and the update phase is held to it).
//
// The Automation API's `stack.up()` always passes `--skip-preview`, which the CLI refuses together with `--strict`
// ("--strict cannot be used with --skip-preview"). So this starts the CLI itself, the way `stack.up()` does for an
// inline program (pinned: @pulumi/pulumi 3.276's automation/stack.js, CLI v3.274.1): the SDK's internal language
// server (`@pulumi/pulumi/automation/server`, class `LanguageServer`, not in its typed API) serves the program over
// grpc on loopback, and the CLI runs, in the workspace's directory and with its environment,
//   pulumi up [--strict] --yes --client=127.0.0.1:<port> --exec-kind auto.inline --event-log <file> --stack <stack>
// (`PulumiCommand.run` adds --non-interactive). Engine events of both phases stream to the SDK's own events server
// (`Stack.setupEventLog`, also untyped: for CLIs after 3.205 `--event-log tcp://…`; a file would be truncated by
// the update phase, losing the preview phase's events).
import * as grpc from '@grpc/grpc-js';
import type { EngineEvent, LocalWorkspace, OutputMap, Stack, UpdateSummary } from '@pulumi/pulumi/automation';

/** The SDK's internal language server: untyped (its .d.ts is empty), so its shape is declared here. */
interface LanguageServerInstance {
  onPulumiExit(hasError: boolean): void;
}
type LanguageServerClass = new (program: () => Promise<Record<string, unknown> | void>) => LanguageServerInstance;

/** `Stack.setupEventLog` (untyped): for CLIs after 3.205, a loopback grpc server the CLI streams events to. */
interface EventLogSetup {
  setupEventLog(
    command: string,
    onEvent: (event: EngineEvent) => void,
    pulumiVersion: string,
  ): Promise<{ logFile: string; logPromise?: unknown; server?: grpc.Server }>;
}

/** The CLI runner the workspace uses (`PulumiCommand.run` is @internal in the SDK's typings). */
interface CommandRunner {
  run(
    args: string[],
    cwd: string,
    env: Record<string, string>,
    onOutput?: (text: string) => void,
    onError?: (text: string) => void,
  ): Promise<{ stdout: string; stderr: string; code: number }>;
}

export interface UpWithPreviewOptions {
  /** `--strict`: hold the update phase to the plan of the preview phase. */
  readonly strict: boolean;
  readonly onOutput: (text: string) => void;
  readonly onError: (text: string) => void;
  readonly onEvent: (event: EngineEvent) => void;
  readonly diff?: boolean;
  readonly color?: 'never';
  /** `--plan <file>` as well (a saved plan): the CLI allows both. */
  readonly plan?: string;
}

export interface UpWithPreviewResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly summary: UpdateSummary;
  readonly outputs: OutputMap;
}

export async function upWithPreview(stack: Stack, options: UpWithPreviewOptions): Promise<UpWithPreviewResult> {
  const workspace = stack.workspace as LocalWorkspace;
  const program = workspace.program;
  if (!program) throw new Error('upWithPreview needs a workspace with an inline program');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LanguageServer } = require('@pulumi/pulumi/automation/server') as { LanguageServer: LanguageServerClass };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const langrpc = require('@pulumi/pulumi/proto/language_grpc_pb') as { LanguageRuntimeService: grpc.ServiceDefinition };

  const server = new grpc.Server({ 'grpc.max_receive_message_length': 400 * 1024 * 1024 });
  const languageServer = new LanguageServer(program);
  server.addService(langrpc.LanguageRuntimeService, languageServer as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const events = await (stack as unknown as EventLogSetup).setupEventLog('up', options.onEvent, workspace.pulumiVersion);
  if (!events.server) {
    server.forceShutdown();
    throw new Error(`up with its preview phase needs a Pulumi CLI after 3.205 (streamed events); this is ${workspace.pulumiVersion}`);
  }
  const eventLog = events.logFile;
  const args = [
    'up',
    ...(options.strict ? ['--strict'] : []),
    '--yes',
    `--client=127.0.0.1:${port}`,
    '--exec-kind',
    'auto.inline',
    '--event-log',
    eventLog,
  ];
  if (options.diff) args.push('--diff');
  if (options.color) args.push('--color', options.color);
  if (options.plan) args.push('--plan', options.plan);
  args.push('--stack', stack.name);

  const env: Record<string, string> = { PULUMI_DEBUG_COMMANDS: 'true', ...(workspace.envVars ?? {}) };
  if (workspace.pulumiHome) env.PULUMI_HOME = workspace.pulumiHome;
  let failed = false;
  let run: { stdout: string; stderr: string };
  try {
    run = await (workspace.pulumiCommand as unknown as CommandRunner).run(args, workspace.workDir, env, options.onOutput, options.onError);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    languageServer.onPulumiExit(failed);
    server.forceShutdown();
    events.server.forceShutdown();
  }
  const summary = await stack.info();
  if (!summary) throw new Error('`pulumi up` left no update in the stack history');
  return { stdout: run.stdout, stderr: run.stderr, summary, outputs: await stack.outputs() };
}
