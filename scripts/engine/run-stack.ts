// Child-process entry: `node dist/scripts/engine/run-stack.js --serve` is a program host that runs job after job, one
// at a time, as its parent (program-host-pool.ts) sends them over IPC, so the Automation API and the programs load
// once.
//
// A job runs one stack's operations through the real Pulumi engine with the Automation API and an inline program,
// and writes structured results to the job's results file. It runs on built JavaScript in plain Node because
// Pulumi's closure serialization breaks on code transformed by jest (pulumi/pulumi#3799).
// Its own stdout/stderr (engine progress) go to the parent's log file; the results never go to stdout.
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import type { EngineEvent, LocalWorkspace, OpMap, OutputMap, PulumiCommand, Stack, UpdateSummary } from '@pulumi/pulumi/automation';
import { fileBackendDir, readLatestUpdate, readStackOutputs, stackExists } from './backend-state';
import type {
  ChildSecrets,
  EngineDiagnostic,
  EngineOperation,
  EngineProgram,
  OperationResult,
  ProgramContext,
  ResolvedEngineJob,
  ResourceStep,
  StackRunResults,
} from './engine-job';
import { HOST_IDLE_EXIT_MS, JOB_CRASHED, type HostJobMessage, type HostReply } from './host-protocol';
import { Redactor } from './redactor';
import { configIsCurrent, recordConfig, stackConfigFile } from './stack-config-marker';
import { upWithPreview } from './up-with-preview';

async function main(): Promise<number> {
  if (process.argv[2] !== '--serve' || !process.send) {
    process.stderr.write('usage: node dist/scripts/engine/run-stack.js --serve (started by program-host-pool.ts, with an IPC channel)\n');
    return 2;
  }
  return serve();
}

/** Runs the job in `jobFile`, writes its results file, and returns 0 when every operation went as asked, else 1. */
async function runJobFile(jobFile: string, secrets: ChildSecrets): Promise<number> {
  const job = JSON.parse(fs.readFileSync(jobFile, 'utf8')) as ResolvedEngineJob;
  const redactor = new Redactor([...Object.values(secrets.config), ...Object.values(secrets.env), ...secrets.redact]);
  const results = await runJob(job, secrets);
  const clean = redactor.redactJson(results, '');
  const withFindings: StackRunResults = {
    ...clean.value,
    secretFindings: [...clean.value.secretFindings, ...clean.findings.map((where) => ({ where: `results${where}` }))],
  };
  writeAtomically(job.resultsFile, JSON.stringify(withFindings, null, 2));
  return results.ok ? 0 : 1;
}

/**
 * Program host mode: each job message gets the environment and working directory it would have had as a process
 * of its own (the previous job's environment is gone), runs, ends its output with the job's end marker on stdout
 * and stderr, and is answered with `done`. A host that was interrupted, or whose job crashed, exits after the job;
 * one left idle exits after HOST_IDLE_EXIT_MS (its parent retires idle hosts sooner) or when its parent goes.
 */
function serve(): Promise<number> {
  return new Promise((resolve) => {
    let idle: NodeJS.Timeout | undefined;
    const waitIdle = (): void => {
      idle = setTimeout(() => resolve(0), HOST_IDLE_EXIT_MS);
      idle.unref();
    };
    process.on('disconnect', () => resolve(0));
    process.on('message', (raw: unknown) => {
      const message = raw as HostJobMessage;
      if (message.type !== 'job') return;
      clearTimeout(idle);
      jobRunning = true;
      void Promise.resolve()
        .then(() => {
          replaceEnvironment(message.env);
          process.chdir(message.cwd);
          return runJobFile(message.jobFile, message.secrets);
        })
        .catch((error: unknown) => {
          process.stderr.write(`[run-stack] crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
          return JOB_CRASHED;
        })
        .then((code) => {
          jobRunning = false;
          flushCompileCache();
          process.stdout.write(message.endMarker);
          process.stderr.write(message.endMarker);
          const reply: HostReply = { type: 'done', code };
          process.send?.(reply, () => (interrupted || code === JOB_CRASHED ? resolve(code) : waitIdle()));
        });
    });
    waitIdle();
  });
}

/**
 * With NODE_COMPILE_CACHE set (`npm test` sets it, scripts/test.sh), Node 22+ keeps V8's compiled code of every module
 * on disk, but writes it only when the process exits: written after each job, it serves the provider plugins the
 * engine starts from then on (they load the same @pulumi/pulumi, and are killed rather than left to exit).
 */
function flushCompileCache(): void {
  (nodeModule as { flushCompileCache?: () => void }).flushCompileCache?.();
}

/** The process environment becomes exactly `env` (what a process of the job's own would have been started with). */
function replaceEnvironment(env: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
}

/**
 * The Automation API of the @pulumi/pulumi that the project resolves, as a user's program would load it: the
 * program's resources register with that SDK's runtime, so the host must be the same copy (for most runs the
 * project's node_modules links to the repo's; tests/compat/ installs other SDK versions there).
 */
function loadAutomation(projectDir: string): typeof import('@pulumi/pulumi/automation') {
  const sdkManifest = require.resolve('@pulumi/pulumi/package.json', { paths: [projectDir] });
  const { version } = JSON.parse(fs.readFileSync(sdkManifest, 'utf8')) as { version: string };
  // In the run's log, so a test can tell which Node and SDK hosted the program.
  log(`program host: Node ${process.version}, @pulumi/pulumi ${version} (${path.dirname(sdkManifest)})`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK copy the project resolves, found at run time
  return require(require.resolve('@pulumi/pulumi/automation', { paths: [projectDir] })) as typeof import('@pulumi/pulumi/automation');
}

/** SIGINT (the parent's kill('SIGINT') reaches the whole group): let the engine cancel, record, stop. */
let interrupted = false;
/** Whether a job is running: a SIGINT between jobs (its job just ended) has nothing to cancel, so the host exits. */
let jobRunning = false;
function watchInterrupts(): void {
  process.on('SIGINT', () => {
    if (interrupted || !jobRunning) process.exit(130);
    interrupted = true;
    log('SIGINT received: letting the engine cancel the current operation, then stopping');
  });
}

async function runJob(job: ResolvedEngineJob, secrets: ChildSecrets): Promise<StackRunResults> {
  const setupStart = Date.now();
  // The program runs in this process: give it the same environment the engine and provider plugin get.
  Object.assign(process.env, job.engineEnv, job.env ?? {}, secrets.env);

  let current: { index: number; op: EngineOperation } = { index: -1, op: job.operations[0] ?? { kind: 'preview' } };
  let stack: Stack;
  try {
    const userProgram = loadProgram(job.programModule, job.program.exportName);
    const program = async (): Promise<Record<string, unknown> | void> => {
      const context: ProgramContext = {
        projectName: job.projectName,
        stackName: job.stackName,
        workDir: job.workDir,
        params: { ...(job.params ?? {}), ...(current.op.params ?? {}) },
        operationIndex: current.index,
        operationKind: current.op.kind,
      };
      return userProgram(context);
    };
    const automation = loadAutomation(job.projectDir);
    const pulumiCommand = withJsonPreviews(await pulumiCommandOf(automation, job), () => current.op);
    const workspace = await automation.LocalWorkspace.create({
      program,
      workDir: job.projectDir,
      pulumiHome: job.engineEnv.PULUMI_HOME,
      pulumiCommand,
      envVars: { ...job.engineEnv, ...(job.env ?? {}), ...secrets.env },
      projectSettings: {
        name: job.projectName,
        runtime: 'nodejs',
        backend: { url: job.engineEnv.PULUMI_BACKEND_URL },
      },
    });
    stack = await openStack(automation, workspace, job);
    const config: Record<string, { value: string; secret: boolean }> = {};
    for (const [key, entry] of Object.entries(job.config)) {
      const value = entry.secret ? secrets.config[key] : entry.value;
      if (value === undefined) throw new Error(`no value for config key ${key}`);
      config[key] = { value, secret: entry.secret };
    }
    const configFile = stackConfigFile(job.projectDir, job.stackName);
    if (Object.keys(config).length > 0 && !configIsCurrent(configFile, config)) {
      await stack.setAllConfig(config);
      recordConfig(configFile, config);
    }
  } catch (error) {
    return { ok: false, setupMs: Date.now() - setupStart, operations: [], secretFindings: [], error: describe(error) };
  }
  const setupMs = Date.now() - setupStart;

  const operations: OperationResult[] = [];
  let stopped = false;
  for (const [index, op] of job.operations.entries()) {
    if (stopped || interrupted) {
      operations.push({ ...emptyResult(index, op), ok: false, skipped: true });
      continue;
    }
    current = { index, op };
    log(`operation ${index + 1}/${job.operations.length}: ${op.kind}`);
    const result = await runOperation(stack, job, index, op);
    log(`operation ${index + 1}/${job.operations.length}: ${op.kind} ${result.ok ? 'ok' : 'FAILED'} in ${result.durationMs} ms`);
    operations.push(result);
    if (!result.ok && !op.mayFail) stopped = true;
  }
  const ok = operations.every((o) => o.ok || (!o.skipped && job.operations[o.index]?.mayFail === true));
  return { ok: ok && !interrupted, setupMs, operations, secretFindings: [] };
}

/**
 * The Automation API has no option for `pulumi preview --json`, so the command it runs gets the flag added when
 * the running operation asks for it (`json: true`). Everything else (the inline program's `--client`, the event
 * log) is unchanged, so the JSON comes from the same engine run as the structured events.
 */
function withJsonPreviews(command: PulumiCommand, currentOp: () => EngineOperation): PulumiCommand {
  type Run = (args: string[], ...rest: unknown[]) => unknown;
  const target = command as unknown as { run: Run };
  const run = target.run.bind(command);
  target.run = (args: string[], ...rest: unknown[]) => {
    const op = currentOp();
    const json = args[0] === 'preview' && op.kind === 'preview' && op.json === true;
    return run(json ? [...args, '--json'] : args, ...rest);
  };
  return command;
}

type Automation = typeof import('@pulumi/pulumi/automation');

/**
 * The CLI for the workspace. `PulumiCommand.get` runs `pulumi version` on every call (even with
 * `skipVersionCheck`); the parent ran it once for the whole test file (`job.pulumiVersion`), so the command is built
 * from that. Without it, or if this SDK's constructor takes other arguments, `PulumiCommand.get` as before.
 */
async function pulumiCommandOf(automation: Automation, job: ResolvedEngineJob): Promise<PulumiCommand> {
  const command = path.resolve(job.pulumiRoot, 'bin', 'pulumi');
  if (job.pulumiVersion) {
    const sdkDir = path.dirname(require.resolve('@pulumi/pulumi/package.json', { paths: [job.projectDir] }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's own semver, so its version checks compare like with like
    const semver = require(require.resolve('semver', { paths: [sdkDir] })) as { parse(v: string): { version: string } | null };
    const version = semver.parse(job.pulumiVersion);
    const Command = automation.PulumiCommand as unknown as new (
      command: string,
      version: unknown,
    ) => PulumiCommand & {
      command?: string;
      version?: { version: string } | null;
    };
    const built = version ? new Command(command, version) : undefined;
    if (built?.command === command && built.version?.version === version?.version) return built;
  }
  return automation.PulumiCommand.get({ root: job.pulumiRoot, skipVersionCheck: true });
}

/**
 * The stack, with no more CLI calls than needed. `createOrSelectStack` runs `pulumi stack select` and, for a new
 * stack, `pulumi stack init` after it failed; every operation of `Stack` passes `--stack <name>` anyway, so an
 * existing stack (its checkpoint is in the file backend) needs no call and a new one just `stack init`.
 * After an operation the SDK asks the CLI for the outputs and the summary: those come from the backend's files
 * (backend-state.ts), the CLI only if they hold something unexpected. `ENGINE_HARNESS_VERIFY_BACKEND_READS=1`
 * asks the CLI as well and fails the operation if the two differ (how the reads were checked).
 */
async function openStack(automation: Automation, workspace: LocalWorkspace, job: ResolvedEngineJob): Promise<Stack> {
  const backendDir = fileBackendDir(job.engineEnv.PULUMI_BACKEND_URL);
  if (!backendDir) return automation.Stack.createOrSelect(job.stackName, workspace);
  const where = { backendDir, projectName: job.projectName, stackName: job.stackName };
  let stack: Stack;
  if (stackExists(where)) {
    // Stack.select's only CLI call is `stack select`, which sets the workspace's current stack: nothing reads that.
    const selectStack = workspace.selectStack.bind(workspace);
    workspace.selectStack = () => Promise.resolve();
    stack = await automation.Stack.select(job.stackName, workspace);
    workspace.selectStack = selectStack;
  } else {
    // A stack this layout check does not see (another backend layout): `stack init` refuses, select it as before.
    stack = await automation.Stack.create(job.stackName, workspace).catch((error: unknown) =>
      automation.Stack.select(job.stackName, workspace).catch(() => Promise.reject(error instanceof Error ? error : new Error(String(error)))),
    );
  }
  const verify = process.env.ENGINE_HARNESS_VERIFY_BACKEND_READS === '1';
  const cliOutputs = stack.outputs.bind(stack);
  const cliInfo = stack.info.bind(stack);
  stack.outputs = async () => {
    const fromFiles = readStackOutputs(where);
    if (!fromFiles) {
      log('stack outputs: asking the CLI (the checkpoint holds a value only the CLI renders)');
      return cliOutputs();
    }
    if (verify) {
      sameOrThrow('outputs', fromFiles, maskSecretOutputs(await cliOutputs()));
      log(`stack outputs: the backend's ${Object.keys(fromFiles).length} equal the CLI's`);
    }
    return fromFiles;
  };
  stack.info = async (showSecrets?: boolean) => {
    const fromFiles = readLatestUpdate(where);
    if (!fromFiles) {
      log('update summary: asking the CLI (no history file in the backend)');
      return cliInfo(showSecrets);
    }
    if (verify) {
      const cli = await cliInfo(showSecrets);
      sameOrThrow('summary', fromFiles, {
        kind: cli?.kind,
        result: cli?.result,
        ...(cli?.resourceChanges ? { resourceChanges: cli.resourceChanges } : {}),
      });
      log(`update summary: the backend's equals the CLI's (${fromFiles.kind} ${fromFiles.result})`);
    }
    return fromFiles as unknown as UpdateSummary;
  };
  return stack;
}

function sameOrThrow(what: string, fromFiles: unknown, fromCli: unknown): void {
  const a = JSON.stringify(fromFiles, Object.keys(flatKeys(fromFiles)).sort());
  const b = JSON.stringify(fromCli, Object.keys(flatKeys(fromCli)).sort());
  if (a !== b) throw new Error(`backend read of the ${what} differs from the CLI's: ${a} vs ${b}`);
}

function flatKeys(value: unknown, into: Record<string, true> = {}): Record<string, true> {
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      into[k] = true;
      flatKeys(v, into);
    }
  }
  return into;
}

function loadProgram(modulePath: string, exportName = 'default'): EngineProgram {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a program module named at run time
  const mod = require(modulePath) as Record<string, unknown>;
  const fn = mod[exportName];
  if (typeof fn !== 'function') {
    const available = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
    throw new Error(`${modulePath} has no function export "${exportName}" (functions: ${available.join(', ') || 'none'})`);
  }
  return fn as EngineProgram;
}

function emptyResult(index: number, op: EngineOperation): OperationResult {
  return { index, kind: op.kind, ok: true, durationMs: 0, stdout: '', stderr: '', events: [], steps: [], diagnostics: [] };
}

async function runOperation(stack: Stack, job: ResolvedEngineJob, index: number, op: EngineOperation): Promise<OperationResult> {
  const events: EngineEvent[] = [];
  let stdout = '';
  let stderr = '';
  const streams = {
    onEvent: (event: EngineEvent) => {
      events.push(event);
      process.send?.({ type: 'event', index, event });
    },
    onOutput: (text: string) => {
      stdout += text;
      process.stdout.write(text);
    },
    onError: (text: string) => {
      stderr += text;
      process.stderr.write(text);
    },
  };
  const global = {
    color: 'never' as const,
    ...(job.logVerbosity !== undefined ? { logFlow: true, logVerbosity: job.logVerbosity, logToStdErr: true } : {}),
  };
  const planPath = (p: string | undefined): string | undefined => (p ? path.resolve(job.workDir, p) : undefined);
  process.send?.({ type: 'operation-start', index, kind: op.kind });
  const start = Date.now();
  const base = { ...emptyResult(index, op), events };
  try {
    switch (op.kind) {
      case 'preview': {
        const r = await stack.preview({
          ...streams,
          ...global,
          diff: op.diff,
          expectNoChanges: op.expectNoChanges,
          refresh: op.refresh,
          plan: planPath(op.savePlan),
        });
        return finish(base, start, { summary: r.changeSummary, stdout: r.stdout || stdout, stderr: r.stderr || stderr });
      }
      case 'up': {
        if (op.previewPhase) {
          if (op.expectNoChanges || op.refresh) throw new Error('the harness runs `up` with its preview phase with diff and plan only');
          const r = await upWithPreview(stack, {
            ...streams,
            strict: op.previewPhase === 'strict',
            color: 'never',
            diff: op.diff,
            plan: planPath(op.plan),
          });
          return finish(base, start, {
            summary: r.summary.resourceChanges,
            updateResult: r.summary.result,
            outputs: maskSecretOutputs(r.outputs),
            stdout: r.stdout || stdout,
            stderr: r.stderr || stderr,
          });
        }
        const r = await stack.up({
          ...streams,
          ...global,
          diff: op.diff,
          expectNoChanges: op.expectNoChanges,
          refresh: op.refresh,
          plan: planPath(op.plan),
        });
        return finish(base, start, {
          summary: r.summary.resourceChanges,
          updateResult: r.summary.result,
          outputs: maskSecretOutputs(r.outputs),
          stdout: r.stdout || stdout,
          stderr: r.stderr || stderr,
        });
      }
      case 'refresh': {
        const r = await stack.refresh({ ...streams, ...global, expectNoChanges: op.expectNoChanges });
        return finish(base, start, {
          summary: r.summary.resourceChanges,
          updateResult: r.summary.result,
          stdout: r.stdout || stdout,
          stderr: r.stderr || stderr,
        });
      }
      case 'destroy': {
        const r = await stack.destroy({ ...streams, ...global, refresh: op.refresh });
        return finish(base, start, {
          summary: r.summary.resourceChanges,
          updateResult: r.summary.result,
          stdout: r.stdout || stdout,
          stderr: r.stderr || stderr,
        });
      }
      case 'cancel': {
        await stack.cancel();
        return finish(base, start, {});
      }
      case 'exportStack': {
        const deployment = await stack.exportStack();
        return finish(base, start, { deployment });
      }
    }
  } catch (error) {
    return finish(base, start, { ok: false, stdout, stderr, error: describe(error) });
  }
}

function finish(base: OperationResult, start: number, extra: Partial<OperationResult> & { summary?: OpMap }): OperationResult {
  return {
    ...base,
    ...extra,
    durationMs: Date.now() - start,
    steps: extractSteps(base.events),
    diagnostics: extractDiagnostics(base.events),
  };
}

export function extractSteps(events: readonly EngineEvent[]): ResourceStep[] {
  const steps: ResourceStep[] = [];
  for (const event of events) {
    const entry = event.resourcePreEvent
      ? { phase: 'pre' as const, metadata: event.resourcePreEvent.metadata, planning: event.resourcePreEvent.planning }
      : event.resOutputsEvent
        ? { phase: 'outputs' as const, metadata: event.resOutputsEvent.metadata, planning: event.resOutputsEvent.planning }
        : event.resOpFailedEvent
          ? { phase: 'failed' as const, metadata: event.resOpFailedEvent.metadata }
          : undefined;
    if (!entry) continue;
    const m = entry.metadata;
    steps.push({
      phase: entry.phase,
      ...('planning' in entry && entry.planning !== undefined ? { planning: entry.planning } : {}),
      op: m.op,
      urn: m.urn,
      type: m.type,
      diffs: m.diffs,
      detailedDiff: m.detailedDiff,
      oldInputs: m.old?.inputs,
      newInputs: m.new?.inputs,
      oldOutputs: m.old?.outputs,
      newOutputs: m.new?.outputs,
    });
  }
  return steps;
}

function extractDiagnostics(events: readonly EngineEvent[]): EngineDiagnostic[] {
  return (
    events
      // The SDK's own debug logging arrives as 'debug' diagnostics (not in the event typings): keep those only in events.
      .filter((e) => e.diagnosticEvent && (e.diagnosticEvent.severity as string) !== 'debug')
      .map((e) => {
        const d = e.diagnosticEvent!;
        return { severity: d.severity, message: d.message, ...(d.urn ? { urn: d.urn } : {}) };
      })
  );
}

function maskSecretOutputs(outputs: OutputMap): Record<string, { value: unknown; secret: boolean }> {
  const out: Record<string, { value: unknown; secret: boolean }> = {};
  for (const [key, { value, secret }] of Object.entries(outputs)) {
    out[key] = { value: secret ? '[secret]' : value, secret };
  }
  return out;
}

function describe(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name || error.constructor.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function log(message: string): void {
  process.stdout.write(`[run-stack ${new Date().toISOString()}] ${message}\n`);
}

if (require.main === module) {
  watchInterrupts();
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`[run-stack] crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(3);
    },
  );
}
