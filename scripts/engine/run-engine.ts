// The parent side of the engine harness, used by jest tests and the demo: writes the job, starts
// `run-stack.js` in its own process group, streams its output to a log file, enforces a timeout, and returns
// the structured results. Secrets go to the child over stdin and never touch the disk.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineEvent } from '@pulumi/pulumi/automation';
import { createEngineEnvironment, scrubbedParentEnv, type EngineEnvironment } from './engine-environment';
import type { ChildSecrets, EngineJob, OperationKind, ResolvedEngineJob, SecretFinding, StackRunResults } from './engine-job';
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
  const child = spawn(environment.node, [runStackJs, files.job], {
    cwd: job.workDir,
    detached: true, // its own process group, so it can be killed as a whole
    stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
    env: { ...scrubbedParentEnv(), ...environment.env, [RUN_MARKER_VAR]: runId },
  });
  if (child.pid === undefined) throw new Error(`could not start ${runStackJs}`);
  const pid = child.pid;
  child.stdin!.end(JSON.stringify(secrets));

  const allSecrets = [...Object.values(secrets.config), ...Object.values(secrets.env), ...secrets.redact];
  const redactor = new Redactor(allSecrets);
  const logDone = pipeToLog(child, files.log, redactor, allSecrets, options.tee);

  child.on('message', (message: unknown) => {
    const m = message as { type?: string; index?: number; event?: EngineEvent; kind?: OperationKind };
    if (m.type === 'event' && m.event && m.index !== undefined) options.onEvent?.(m.index, m.event);
    if (m.type === 'operation-start' && m.kind && m.index !== undefined) options.onOperationStart?.(m.index, m.kind);
  });

  let killedWith: NodeJS.Signals | undefined;
  let timedOut = false;
  let exited = false;
  const kill = (signal: NodeJS.Signals = 'SIGKILL', opts: { scope?: 'group' | 'all' } = {}): void => {
    if (exited) return;
    killedWith ??= signal;
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

  const result = new Promise<EngineRunResult>((resolve) => {
    child.on('exit', (exitCode, signal) => {
      exited = true;
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      // Anything of this run still alive (a provider plugin in its own process group) must not go on working.
      const leftoverProcesses = processesOfRunAfter(runId, 1000);
      if (leftoverProcesses.length > 0) signalRun(undefined, runId, 'SIGKILL');
      void logDone.then((logHadSecret) => {
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
        resolve({
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
        });
      });
    });
  });

  return { pid, runId, files, kill, result };
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

/** Streams the child's stdout and stderr, secrets masked, to the log; resolves to whether a secret was seen. */
function pipeToLog(
  child: ChildProcess,
  logFile: string,
  redactor: Redactor,
  secrets: readonly string[],
  tee: NodeJS.WritableStream | undefined,
): Promise<boolean> {
  const out = fs.createWriteStream(logFile, { flags: 'a' });
  let found = false;
  let open = 2;
  return new Promise((resolve) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      const masker = new StreamRedactor(redactor, secrets);
      const write = (text: string): void => {
        if (!text) return;
        out.write(text);
        tee?.write(text);
      };
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => write(masker.push(chunk)));
      stream.on('end', () => {
        write(masker.end());
        found ||= masker.found;
        open -= 1;
        if (open === 0) out.end(() => resolve(found));
      });
    }
  });
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
