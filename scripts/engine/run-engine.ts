// The parent side of the engine harness, used by jest tests and the demo: writes the job, runs it on a program host
// (`run-stack.js --serve`, its own process group, kept for the next job: program-host-pool.ts), writes its output to
// the job's log file, enforces a timeout, and returns the structured results. Secrets go to the host over IPC and
// never touch the disk.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineEvent } from '@pulumi/pulumi/automation';
import { createEngineEnvironment, scrubbedParentEnv, type EngineEnvironment } from './engine-environment';
import type { ChildSecrets, EngineJob, OperationKind, ResolvedEngineJob, SecretFinding, StackRunResults } from './engine-job';
import { runOnHost } from './program-host-pool';
import { RUN_MARKER_VAR, processesOfRunAfter, signalRun } from './process-tree';
import { Redactor, StreamRedactor } from './redactor';
import { builtFile } from './repo-paths';
import { ensureSelfLink } from './self-link';

export const DEFAULT_ENGINE_TIMEOUT_MS = 10 * 60_000;
/** After a timeout's SIGINT, how long the engine gets to cancel cleanly before everything is SIGKILLed. */
const INTERRUPT_GRACE_MS = 15_000;

export interface EngineRunOptions {
  /** Whole-run timeout; on expiry the run gets SIGINT, then SIGKILL for every process. Default 10 minutes. */
  readonly timeoutMs?: number;
  /** Engine events as they happen (e.g. to interrupt an apply midway). */
  readonly onEvent?: (operationIndex: number, event: EngineEvent) => void;
  readonly onOperationStart?: (operationIndex: number, kind: OperationKind) => void;
  /** Also copy the (redacted) engine output here, e.g. process.stdout for the demo. */
  readonly tee?: NodeJS.WritableStream;
}

export interface EngineRunFiles {
  readonly job: string;
  readonly results: string;
  readonly log: string;
}

export interface EngineRunResult extends StackRunResults {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** The signal a caller (or the timeout) sent through `kill`, if any. */
  readonly killedWith?: NodeJS.Signals;
  readonly durationMs: number;
  readonly files: EngineRunFiles;
  /** Processes of the run still alive after the child exited (killed by the harness); a plugin that outlived the engine shows up here. */
  readonly leftoverProcesses: number[];
  readonly environment: EngineEnvironment;
}

export interface EngineRun {
  readonly pid: number;
  readonly runId: string;
  readonly files: EngineRunFiles;
  /**
   * Signals the run. `scope: 'group'` signals the child's process group (the harness and the Pulumi CLI, like a
   * terminal's Ctrl-C); `'all'` also every plugin process of the run. Default: 'group' for SIGINT, 'all' otherwise.
   */
  kill(signal?: NodeJS.Signals, options?: { scope?: 'group' | 'all' }): void;
  readonly result: Promise<EngineRunResult>;
}

/** Runs a job to the end (or the timeout) and returns its results. */
export async function runEngine(job: EngineJob, options: EngineRunOptions = {}): Promise<EngineRunResult> {
  return (await startEngine(job, options)).result;
}

/** Starts a job and returns a handle as soon as the child runs (for interruption tests). */
export async function startEngine(job: EngineJob, options: EngineRunOptions = {}): Promise<EngineRun> {
  const runStackJs = builtFile('scripts/engine/run-stack.ts');
  const programModule = resolveProgramModule(job.program.module);
  ensureSelfLink();
  fs.mkdirSync(job.workDir, { recursive: true });
  const environment = await createEngineEnvironment(job.workDir, { node: job.node });

  const n = nextRunNumber(job.workDir);
  const files: EngineRunFiles = {
    job: path.join(job.workDir, `job-${n}.json`),
    results: path.join(job.workDir, `results-${n}.json`),
    log: path.join(job.workDir, `engine-${n}.log`),
  };
  const secrets: ChildSecrets = {
    config: Object.fromEntries(
      Object.entries(job.config ?? {})
        .filter(([, e]) => e.secret)
        .map(([k, e]) => [k, e.value]),
    ),
    env: { ...(job.secretEnv ?? {}) },
    redact: [...(job.redact ?? [])],
  };
  const resolved: ResolvedEngineJob = {
    workDir: job.workDir,
    projectName: job.projectName,
    stackName: job.stackName,
    program: job.program,
    params: job.params,
    env: job.env,
    operations: job.operations,
    node: environment.node,
    logVerbosity: job.logVerbosity,
    config: Object.fromEntries(
      Object.entries(job.config ?? {}).map(([k, e]) => [k, e.secret ? { secret: true } : { value: e.value, secret: false }]),
    ),
    programModule,
    resultsFile: files.results,
    pulumiRoot: environment.pulumiRoot,
    pulumiVersion: environment.pulumiVersion,
    projectDir: environment.projectDir,
    engineEnv: environment.env,
  };
  fs.writeFileSync(files.job, JSON.stringify(resolved, null, 2));

  const runId = randomUUID();
  const started = Date.now();
  const allSecrets = [...Object.values(secrets.config), ...Object.values(secrets.env), ...secrets.redact];
  const log = openJobLog(files.log, new Redactor(allSecrets), allSecrets, options.tee);
  const processEnv = { ...scrubbedParentEnv(), ...environment.env };
  const hosted = runOnHost(
    { node: environment.node, script: runStackJs, sdkDir: sdkDirOf(environment.projectDir), nodeOptions: processEnv.NODE_OPTIONS ?? '' },
    processEnv,
    { jobFile: files.job, secrets, env: { ...processEnv, [RUN_MARKER_VAR]: runId }, cwd: job.workDir },
    {
      stdout: log.stdout,
      stderr: log.stderr,
      message: (message: unknown) => {
        const m = message as { type?: string; index?: number; event?: EngineEvent; kind?: OperationKind };
        if (m.type === 'event' && m.event && m.index !== undefined) options.onEvent?.(m.index, m.event);
        if (m.type === 'operation-start' && m.kind && m.index !== undefined) options.onOperationStart?.(m.index, m.kind);
      },
    },
  );
  const pid = hosted.pid;

  let killedWith: NodeJS.Signals | undefined;
  let timedOut = false;
  let exited = false;
  const kill = (signal: NodeJS.Signals = 'SIGKILL', opts: { scope?: 'group' | 'all' } = {}): void => {
    if (exited) return;
    killedWith ??= signal;
    hosted.retire();
    const scope = opts.scope ?? (signal === 'SIGINT' ? 'group' : 'all');
    if (scope === 'group') {
      try {
        process.kill(-pid, signal);
      } catch {
        // already gone
      }
    } else {
      signalRun(pid, runId, signal);
    }
  };
  const timeoutMs = options.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS;
  let graceTimer: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    kill('SIGINT');
    graceTimer = setTimeout(() => kill('SIGKILL'), INTERRUPT_GRACE_MS);
  }, timeoutMs);

  const result = hosted.end.then(async (end): Promise<EngineRunResult> => {
    exited = true;
    clearTimeout(timer);
    if (graceTimer) clearTimeout(graceTimer);
    const exitCode = end.code;
    const signal = end.kind === 'exit' ? end.signal : null;
    // Anything of this run still alive (a provider plugin in its own process group) must not go on working.
    const leftoverProcesses = processesOfRunAfter(runId, 1000);
    if (leftoverProcesses.length > 0) signalRun(undefined, runId, 'SIGKILL');
    const logHadSecret = await log.close();
    const fromChild = readResults(files.results);
    const findings: SecretFinding[] = [...(fromChild?.secretFindings ?? [])];
    if (logHadSecret) findings.push({ where: path.basename(files.log) });
    const base: StackRunResults = fromChild ?? {
      ok: false,
      setupMs: 0,
      operations: [],
      secretFindings: [],
      error: {
        name: 'EngineRunAborted',
        message:
          `the engine run ended (exit code ${exitCode}, signal ${signal}${timedOut ? `, timed out after ${timeoutMs} ms` : ''}) ` +
          `before writing results; last lines of ${files.log}:\n${tail(files.log, 30)}`,
      },
    };
    return {
      ...base,
      ok: base.ok && !timedOut && exitCode === 0,
      secretFindings: findings,
      exitCode,
      signal,
      timedOut,
      ...(killedWith ? { killedWith } : {}),
      durationMs: Date.now() - started,
      files,
      leftoverProcesses,
      environment,
    };
  });

  return { pid, runId, files, kill, result };
}

/** The @pulumi/pulumi the project resolves (a host serves only jobs of the same SDK copy). */
function sdkDirOf(projectDir: string): string {
  return fs.realpathSync(path.dirname(require.resolve('@pulumi/pulumi/package.json', { paths: [projectDir] })));
}

function resolveProgramModule(module: string): string {
  if (path.isAbsolute(module) && module.endsWith('.js')) {
    if (!fs.existsSync(module)) return builtFile(module); // throws the "run npm run build" message
    return module;
  }
  return builtFile(module);
}

function nextRunNumber(workDir: string): number {
  const taken = fs
    .readdirSync(workDir)
    .map((f) => /^job-(\d+)\.json$/.exec(f)?.[1])
    .filter((x): x is string => x !== undefined)
    .map(Number);
  return taken.length === 0 ? 1 : Math.max(...taken) + 1;
}

/** A job's log: its stdout and stderr, secrets masked, appended as they come; `close` says whether a secret was seen. */
function openJobLog(
  logFile: string,
  redactor: Redactor,
  secrets: readonly string[],
  tee: NodeJS.WritableStream | undefined,
): { stdout: (text: string) => void; stderr: (text: string) => void; close: () => Promise<boolean> } {
  const out = fs.createWriteStream(logFile, { flags: 'a' });
  const write = (text: string): void => {
    if (!text) return;
    out.write(text);
    tee?.write(text);
  };
  const maskers = { stdout: new StreamRedactor(redactor, secrets), stderr: new StreamRedactor(redactor, secrets) };
  return {
    stdout: (text) => write(maskers.stdout.push(text)),
    stderr: (text) => write(maskers.stderr.push(text)),
    close: () =>
      new Promise((resolve) => {
        write(maskers.stdout.end());
        write(maskers.stderr.end());
        out.end(() => resolve(maskers.stdout.found || maskers.stderr.found));
      }),
  };
}

function readResults(file: string): StackRunResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as StackRunResults;
  } catch {
    return undefined;
  }
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
