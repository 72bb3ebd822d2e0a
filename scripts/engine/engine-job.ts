// The contract between the parent (`run-engine.ts`, used by jest tests and the demo) and the child process
// (`run-stack.ts`) that drives the real Pulumi engine. Everything here is plain JSON: the job goes to the child
// as a file, the results come back as a file.
import type { EngineEvent, OpMap } from '@pulumi/pulumi/automation';

/** What a program module's export receives. `params` are the job's params merged with the operation's. */
export interface ProgramContext {
  readonly projectName: string;
  readonly stackName: string;
  /** The job's work directory (scratch space the program may use, e.g. for files a fake provider writes). */
  readonly workDir: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Index of the operation currently running (0-based) and its kind. */
  readonly operationIndex: number;
  readonly operationKind: OperationKind;
}

/** The shape a program module must export: an inline Pulumi program, optionally reading its context. */
export type EngineProgram = (context: ProgramContext) => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;

export type OperationKind = 'preview' | 'up' | 'refresh' | 'destroy' | 'cancel' | 'exportStack';

interface OperationBase {
  /** Params merged over the job's params for this operation only (e.g. to change the program between preview and up). */
  readonly params?: Record<string, unknown>;
  /** When true, a failure of this operation is recorded and the next operations still run. Default false: stop. */
  readonly mayFail?: boolean;
}

export interface PreviewOperation extends OperationBase {
  readonly kind: 'preview';
  readonly diff?: boolean;
  /** `pulumi preview --save-plan <path>`; relative paths are resolved against the job's work dir. */
  readonly savePlan?: string;
  readonly expectNoChanges?: boolean;
  readonly refresh?: boolean;
  /**
   * `pulumi preview --json`: the operation's `stdout` is then the engine's machine-readable preview (what CI
   * tools and the review report read) instead of its display text.
   */
  readonly json?: boolean;
}

export interface UpOperation extends OperationBase {
  readonly kind: 'up';
  readonly diff?: boolean;
  /** `pulumi up --plan <path>`; relative paths are resolved against the job's work dir. */
  readonly plan?: string;
  readonly expectNoChanges?: boolean;
  readonly refresh?: boolean;
  /**
   * Run `up` with its preview phase, as at a terminal (`up-with-preview.ts`; the Automation API always skips it):
   * `'plain'` is `pulumi up --yes` (the update phase runs check again, not held to the preview), `'strict'` is
   * `pulumi up --strict --yes` (the update phase is held to the plan of the preview phase). Only `diff` and `plan`
   * apply with it; events of both phases stream as usual, preview-phase steps first (`planning: true`).
   */
  readonly previewPhase?: 'plain' | 'strict';
}

export interface RefreshOperation extends OperationBase {
  readonly kind: 'refresh';
  readonly expectNoChanges?: boolean;
}

export interface DestroyOperation extends OperationBase {
  readonly kind: 'destroy';
  readonly refresh?: boolean;
}

export interface CancelOperation extends OperationBase {
  readonly kind: 'cancel';
}

export interface ExportStackOperation extends OperationBase {
  readonly kind: 'exportStack';
}

export type EngineOperation = PreviewOperation | UpOperation | RefreshOperation | DestroyOperation | CancelOperation | ExportStackOperation;

export interface ConfigEntry {
  readonly value: string;
  /** Secret values never reach job.json, the results or the log: they travel to the program host over IPC. */
  readonly secret?: boolean;
}

/** A job as callers write it. */
export interface EngineJob {
  /** A directory owned by this test/run (see `createEngineWorkDir`); the stack's backend and PULUMI_HOME live in it. */
  readonly workDir: string;
  readonly projectName: string;
  readonly stackName: string;
  /** The program: a built JavaScript module (absolute path, or relative to the repo root) and its export. */
  readonly program: { readonly module: string; readonly exportName?: string };
  readonly params?: Record<string, unknown>;
  /** Stack config, keys as `pulumi config set` takes them (`namespace:key`). */
  readonly config?: Record<string, ConfigEntry>;
  /** Extra environment for the engine and the program (e.g. a simulator URL). Not secret: written to job.json. */
  readonly env?: Record<string, string>;
  /** Environment that must not be written anywhere (e.g. GITHUB_TOKEN); sent over IPC, redacted from results. */
  readonly secretEnv?: Record<string, string>;
  /** Further strings to keep out of every artifact the harness writes (found ones are reported, then masked). */
  readonly redact?: readonly string[];
  readonly operations: readonly EngineOperation[];
  /**
   * The Node.js binary that runs the program and the dynamic provider plugin (e.g. one from
   * scripts/ensure-node.sh). Default: the Node running the caller. The @pulumi/pulumi used (Automation API,
   * runtime, provider server) is always the one the project directory resolves.
   */
  readonly node?: string;
  /** Passed to the engine as `--logflow -v=N --logtostderr` when set (for debugging, and for secret-leak tests). */
  readonly logVerbosity?: number;
}

/** The resource step the engine announced (from `resourcePreEvent`) or finished (from `resOutputsEvent`). */
export interface ResourceStep {
  readonly phase: 'pre' | 'outputs' | 'failed';
  /** True for a step of a preview (also the preview phase of `up --strict`). */
  readonly planning?: boolean;
  readonly op: string;
  readonly urn: string;
  readonly type: string;
  readonly diffs?: readonly string[];
  readonly detailedDiff?: Record<string, { diffKind: string; inputDiff: boolean }>;
  readonly oldInputs?: Record<string, unknown>;
  readonly newInputs?: Record<string, unknown>;
  readonly oldOutputs?: Record<string, unknown>;
  readonly newOutputs?: Record<string, unknown>;
}

export interface EngineDiagnostic {
  readonly severity: string;
  readonly message: string;
  readonly urn?: string;
}

export interface OperationResult {
  readonly index: number;
  readonly kind: OperationKind;
  readonly ok: boolean;
  readonly skipped?: boolean;
  readonly durationMs: number;
  /** Change counts: `changeSummary` of a preview, `summary.resourceChanges` of up/refresh/destroy. */
  readonly summary?: OpMap;
  /** Result of the update (`succeeded`, `failed`, ...) for up/refresh/destroy. */
  readonly updateResult?: string;
  readonly stdout: string;
  readonly stderr: string;
  /** Every engine event, as the Automation API delivered it. */
  readonly events: EngineEvent[];
  /** Resource steps extracted from the events, in order. */
  readonly steps: ResourceStep[];
  readonly diagnostics: EngineDiagnostic[];
  /** Stack outputs after `up` (secret outputs are shown as `[secret]` unless plain). */
  readonly outputs?: Record<string, { value: unknown; secret: boolean }>;
  /** The deployment, for `exportStack`. */
  readonly deployment?: unknown;
  readonly error?: { readonly name: string; readonly message: string };
}

export interface SecretFinding {
  /** Where a secret was found before it was masked, e.g. `operations[2].stdout`, `engine.log`. */
  readonly where: string;
}

/** What the child writes to the results file. */
export interface StackRunResults {
  readonly ok: boolean;
  readonly setupMs: number;
  readonly operations: OperationResult[];
  /** Where a secret showed up in engine output. A leak is a bug in the product under test: assert this is empty. */
  readonly secretFindings: SecretFinding[];
  readonly error?: { readonly name: string; readonly message: string };
}

/** What the child reads: the caller's job without its secrets, plus the engine environment. */
export interface ResolvedEngineJob extends Omit<EngineJob, 'secretEnv' | 'config' | 'redact'> {
  readonly config: Record<string, { value?: string; secret: boolean }>;
  readonly programModule: string;
  readonly resultsFile: string;
  readonly pulumiRoot: string;
  /** `pulumi version` of the CLI in pulumiRoot, run once per process by the parent (the child then does not). */
  readonly pulumiVersion?: string;
  readonly projectDir: string;
  readonly engineEnv: Record<string, string>;
}

/** Sent to the program host over IPC, never written to disk. */
export interface ChildSecrets {
  readonly config: Record<string, string>;
  readonly env: Record<string, string>;
  readonly redact: string[];
}
