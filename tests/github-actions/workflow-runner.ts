/**
 * Runs a workflow file's jobs the way a GitHub-hosted runner does, as far as a test can: jobs in `needs` order
 * with their `if:`, each `run:` step as written with `bash --noprofile --norc -eo pipefail` in its
 * `working-directory`, with the workflow's, job's and step's `env`, every `${{ … }}` filled from the contexts
 * (a table of test values for `github`, `vars`, `secrets`; `steps`, `needs`, `env`, `runner` as the run goes),
 * and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY as files. Secrets: repository secrets for every job, an environment's
 * secrets only for a job that names that environment (as GitHub gives them). `uses:` steps are replaced by their
 * documented effect (`actions` below); an action the table does not know fails the run, so a new one is noticed.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { condition, evaluate, interpolate, text, truthy, type Contexts } from './workflow-expressions';

// js-yaml comes with @pulumi/pulumi (one of its dependencies); only the workflow tests read YAML.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

export interface WorkflowStep {
  name?: string;
  id?: string;
  if?: string | boolean;
  run?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  'working-directory'?: string;
}

export interface WorkflowJob {
  if?: string | boolean;
  needs?: string | string[];
  environment?: string | { name: string };
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  steps: WorkflowStep[];
}

export interface Workflow {
  name: string;
  env?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, WorkflowJob>;
}

export function readWorkflow(file: string): Workflow {
  return yaml.load(fs.readFileSync(file, 'utf8')) as Workflow;
}

/** What a `uses:` step stands for, given its `with:` (expressions filled) and the job's state. */
export type ActionEffect = (inputs: Record<string, string>, job: JobRun) => void | Promise<void>;

export interface RunnerOptions {
  /** The job's workspace is a fresh copy of this directory (what `actions/checkout` checks out). */
  readonly repository: string;
  /** Where runs put workspaces, temp dirs and artifacts. */
  readonly root: string;
  readonly github: Record<string, unknown>;
  readonly vars: Record<string, string>;
  readonly secrets: Record<string, string>;
  /** Per environment name: its secrets (GitHub gives them only to jobs that name the environment). */
  readonly environments: Record<string, Record<string, string>>;
  /** The runner's own environment (PATH, HOME, tool settings). */
  readonly env: Record<string, string>;
  /** `uses:` without the `@version` → its effect. */
  readonly actions: Record<string, ActionEffect>;
}

export interface StepRecord {
  readonly name: string;
  readonly outcome: 'success' | 'failure' | 'skipped';
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode?: number;
}

export interface JobRun {
  readonly name: string;
  readonly workspace: string;
  readonly temp: string;
  /** Directories put on PATH by actions (`setup-node`, the Pulumi CLI), first wins. */
  readonly path: string[];
  readonly steps: StepRecord[];
  readonly contexts: Record<string, unknown>;
  summary: string;
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  readonly uses: string[];
}

export interface WorkflowRun {
  readonly jobs: Record<string, JobRun>;
  /** Uploaded artifacts by name → directory. */
  readonly artifacts: string;
}

/** Runs every job of the workflow in `needs` order (one at a time). */
export async function runWorkflow(
  workflow: Workflow,
  options: RunnerOptions,
  artifacts = path.join(options.root, 'artifacts'),
): Promise<WorkflowRun> {
  fs.mkdirSync(artifacts, { recursive: true });
  const runs: Record<string, JobRun> = {};
  const pending = Object.keys(workflow.jobs);
  while (pending.length > 0) {
    const ready = pending.find((name) => needsOf(workflow.jobs[name]).every((n) => runs[n]));
    if (!ready) throw new Error(`jobs ${pending.join(', ')} need jobs that never run`);
    pending.splice(pending.indexOf(ready), 1);
    runs[ready] = await runJob(workflow, ready, runs, options, artifacts);
  }
  return { jobs: runs, artifacts };
}

function needsOf(job: WorkflowJob): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

async function runJob(workflow: Workflow, name: string, done: Record<string, JobRun>, options: RunnerOptions, artifacts: string): Promise<JobRun> {
  const job = workflow.jobs[name];
  const dir = path.join(options.root, `job-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const workspace = path.join(dir, 'workspace');
  const temp = path.join(dir, 'temp');
  fs.mkdirSync(workspace, { recursive: true });
  fs.mkdirSync(temp, { recursive: true });
  const environment = typeof job.environment === 'string' ? job.environment : job.environment?.name;
  const needs = Object.fromEntries(needsOf(job).map((n) => [n, { result: done[n].result, outputs: done[n].outputs }]));
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const contexts: Record<string, unknown> = {
    github: { ...options.github, workspace, job: name },
    vars: options.vars,
    secrets: { ...options.secrets, ...(environment ? (options.environments[environment] ?? {}) : {}) },
    runner: { temp, os: 'Linux', arch: 'X64' },
    needs,
    steps,
    env: {},
  };
  const run: JobRun = { name, workspace, temp, path: [], steps: [], contexts, summary: '', result: 'success', outputs: {}, uses: [] };
  // Workflow env, then job env: each value may use contexts (not `env` itself at workflow level).
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(workflow.env ?? {})) env[k] = interpolate(String(v), contexts);
  contexts.env = env;
  for (const [k, v] of Object.entries(job.env ?? {})) env[k] = interpolate(String(v), contexts);

  const needsOk = needsOf(job).every((n) => done[n].result === 'success');
  if (!condition(job.if, contexts, { success: needsOk })) {
    run.result = 'skipped';
    return run;
  }
  let ok = true;
  for (const [i, step] of job.steps.entries()) {
    const label = step.name ?? step.uses ?? `step ${i + 1}`;
    if (!condition(step.if, contexts, { success: ok })) {
      run.steps.push({ name: label, outcome: 'skipped', stdout: '', stderr: '' });
      if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    const record = step.uses ? await useAction(step, run, options, artifacts, contexts) : await runStep(step, label, run, env, options, contexts);
    run.steps.push(record);
    if (record.outcome === 'failure') ok = false;
  }
  run.result = ok ? 'success' : 'failure';
  for (const [k, v] of Object.entries(job.outputs ?? {})) run.outputs[k] = interpolate(String(v), contexts);
  return run;
}

async function runStep(
  step: WorkflowStep,
  label: string,
  run: JobRun,
  jobEnv: Record<string, string>,
  options: RunnerOptions,
  contexts: Record<string, unknown>,
): Promise<StepRecord> {
  const stepEnv: Record<string, string> = { ...jobEnv };
  for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = interpolate(String(v), contexts);
  const files = {
    GITHUB_OUTPUT: path.join(run.temp, `output-${run.steps.length}`),
    GITHUB_STEP_SUMMARY: path.join(run.temp, `summary-${run.steps.length}`),
  };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');
  const cwd = step['working-directory'] ? path.resolve(run.workspace, interpolate(step['working-directory'], contexts)) : run.workspace;
  // GitHub fills `${{ }}` in the script before the shell sees it.
  const script = path.join(run.temp, `step-${run.steps.length}.sh`);
  fs.writeFileSync(script, interpolate(step.run!, contexts));
  // Asynchronously: the simulator the steps talk to runs in this process.
  const result = await new Promise<{ status: number | null; stdout: string; stderr: string; error?: Error }>((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      env: {
        ...options.env,
        PATH: [...run.path, options.env.PATH].join(path.delimiter),
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: run.workspace,
        RUNNER_TEMP: run.temp,
        ...stepEnv,
        ...files,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error) => resolve({ status: null, stdout, stderr, error }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  const outputs = readOutputs(fs.readFileSync(files.GITHUB_OUTPUT, 'utf8'));
  run.summary += fs.readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
  const outcome = result.status === 0 ? 'success' : 'failure';
  if (step.id) (contexts.steps as Record<string, unknown>)[step.id] = { outputs, outcome, conclusion: outcome };
  return {
    name: label,
    outcome,
    stdout: result.stdout,
    stderr: result.stderr + (result.error ? String(result.error) : ''),
    exitCode: result.status ?? -1,
  };
}

async function useAction(step: WorkflowStep, run: JobRun, options: RunnerOptions, artifacts: string, contexts: Contexts): Promise<StepRecord> {
  const [action] = step.uses!.split('@');
  const effect = options.actions[action];
  if (!effect) throw new Error(`no stand-in for ${step.uses}: add its documented effect to the test`);
  run.uses.push(step.uses!);
  const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), contexts)]));
  try {
    await effect({ ...inputs, __artifacts: artifacts }, run);
    return { name: step.name ?? step.uses!, outcome: 'success', stdout: '', stderr: '' };
  } catch (error) {
    return { name: step.name ?? step.uses!, outcome: 'failure', stdout: '', stderr: String(error) };
  }
}

/** `name=value` lines and `name<<DELIMITER` blocks (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-output-parameter). */
export function readOutputs(textOut: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = textOut.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const eq = lines[i].indexOf('=');
    if (eq > 0) out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1);
  }
  return out;
}

/** Evaluates a workflow-level expression (e.g. `concurrency.group`) with the given contexts. */
export function workflowValue(source: string, contexts: Contexts): string {
  return interpolate(source, contexts);
}

export { evaluate, text, truthy };
