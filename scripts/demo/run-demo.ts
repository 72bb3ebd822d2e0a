/**
 * `npm run demo`: the root program (Pulumi.yaml → index.ts → demo-program.ts) through the real Pulumi engine,
 * against the GitHub Packages simulator started here with the demo fixture, on a local file backend:
 * preview (shown as the reviewer reads it), up, a second preview that must show no changes, then a summary of
 * what was deleted and restored, checked against what the preview announced.
 *
 * Options: `--verbose` also prints the engine's own output; `--keep` keeps the work directory (state, logs).
 */
import type { EngineEvent } from '@pulumi/pulumi/automation';
import { FIXTURE_PATHS, FIXTURE_TOKENS, startSimulator, type RunningSimulator } from '../../simulator';
import {
  createEngineWorkDir,
  explainEngineRun,
  resolvePulumiBinary,
  startEngine,
  type EngineRunResult,
  type OperationKind,
  type OperationResult,
  type ResourceStep,
} from '../engine';
import { extractSteps } from '../engine/run-stack';
import { appliedChanges } from './applied-changes';
import { renderPreview, renderSummary, summarize, type PreviewView } from './demo-report';
import { changeKey, plannedChanges, RESOURCE_TYPES, type PlannedChange } from './planned-changes';
import { Progress } from './progress';

const PROJECT = 'pulumi-github-packages-demo';
const ORG = 'demo-org';
const OPERATION_TITLES: Record<number, string> = {
  0: 'pulumi preview --diff',
  1: 'pulumi up',
  2: 'pulumi preview --expect-no-changes',
};

interface DemoOptions {
  readonly verbose: boolean;
  readonly keep: boolean;
}

async function main(argv: readonly string[]): Promise<number> {
  const options: DemoOptions = { verbose: argv.includes('--verbose'), keep: argv.includes('--keep') };
  const started = Date.now();
  const say = (line = ''): void => void process.stdout.write(`${line}\n`);

  say('pulumi-github-packages demo: the root program through the real Pulumi engine, against a local GitHub Packages simulator');
  say('');
  const progress = new Progress(process.stdout);

  progress.start('starting the GitHub Packages simulator');
  const sim = await startSimulator({ fixture: FIXTURE_PATHS.demo });
  progress.done(`simulator at ${sim.baseUrl} with the demo fixture`);
  say(describeFixture(sim));

  progress.start('locating the Pulumi CLI');
  const pulumi = await resolvePulumiBinary();
  progress.done(`Pulumi CLI ${pulumi}`);

  const workDir = createEngineWorkDir('demo');
  if (options.keep) process.env.PULUMI_GH_KEEP_ENGINE_WORKDIRS = '1';
  const events: EngineEvent[][] = [[], [], []];
  const opStarted: number[] = [];
  let mutationsBeforeUp = 0;
  let planned: PlannedChange[] = [];
  let result: EngineRunResult | undefined;

  const finishOperation = (index: number): void => {
    if (index < 0 || opStarted[index] === undefined) return;
    const seconds = ((Date.now() - opStarted[index]) / 1000).toFixed(1);
    const failed = events[index].some((e) => e.diagnosticEvent?.severity === 'error');
    if (failed) {
      progress.fail(`${OPERATION_TITLES[index]} failed after ${seconds} s`);
      return;
    }
    if (index === 0) {
      const steps = extractSteps(events[0]);
      planned = plannedChanges(steps);
      progress.done(`${OPERATION_TITLES[0]} (${seconds} s): ${describeCounts(planned)} planned; nothing has changed yet`);
      say('');
      say(indent(renderPreview(previewView(steps, planned), Date.now()), '  '));
      say('');
    } else if (index === 1) {
      const done = sim.mutations().length - mutationsBeforeUp;
      progress.done(`${OPERATION_TITLES[1]} (${seconds} s): ${done} deletions and restores sent to the API`);
    } else {
      const changes = summaryOf(events[index]);
      const pending = Object.entries(changes).filter(([op, n]) => op !== 'same' && n > 0);
      if (pending.length === 0) progress.done(`${OPERATION_TITLES[2]} (${seconds} s): no changes, the stack matches GitHub`);
      else progress.fail(`${OPERATION_TITLES[2]} (${seconds} s): still pending ${JSON.stringify(Object.fromEntries(pending))}`);
    }
  };

  try {
    progress.start('preparing the stack (local file backend, private PULUMI_HOME)');
    const run = await startEngine(
      {
        workDir: workDir.path,
        projectName: PROJECT,
        stackName: 'demo',
        program: { module: 'scripts/demo/demo-program.ts', exportName: 'demoProgram' },
        config: {
          [`${PROJECT}:org`]: { value: ORG },
          'github-packages:baseUrl': { value: sim.baseUrl },
          'github-packages:registryUrl': { value: sim.baseUrl },
          // GitHub asks for a second between mutations; the local simulator does not need it.
          'github-packages:mutationIntervalMs': { value: '0' },
          'github-packages:token': { value: FIXTURE_TOKENS.admin, secret: true },
        },
        operations: [{ kind: 'preview', diff: true }, { kind: 'up' }, { kind: 'preview', expectNoChanges: true }],
      },
      {
        timeoutMs: 5 * 60_000,
        ...(options.verbose ? { tee: process.stdout } : {}),
        onEvent: (index, event) => events[index]?.push(event),
        onOperationStart: (index: number, kind: OperationKind) => {
          finishOperation(index - 1);
          if (index === 0) progress.done('stack ready');
          if (kind === 'up') mutationsBeforeUp = sim.mutations().length;
          opStarted[index] = Date.now();
          progress.start(OPERATION_TITLES[index] ?? kind, () => activity(sim, index, planned.length, mutationsBeforeUp));
        },
      },
    );
    const interrupt = (): void => run.kill('SIGINT');
    process.once('SIGINT', interrupt);
    result = await run.result;
    process.off('SIGINT', interrupt);
    finishOperation(result.operations.length - 1);
  } finally {
    progress.stop();
    await sim.stop();
  }

  if (!result.ok) {
    say('');
    say('The demo stopped: the engine reported an error.');
    for (const line of engineErrors(result)) say(`  ${line}`);
    say(`Details: ${result.files.log}${options.keep ? '' : ' (run with --keep to keep it)'}`);
    await workDir.cleanup();
    return 1;
  }

  const up = result.operations[1];
  const applied = appliedChanges(sim.log);
  const plannedKeys = planned.map(changeKey).sort();
  const appliedKeys = applied.map(changeKey).sort();
  const same = JSON.stringify(plannedKeys) === JSON.stringify(appliedKeys);

  say('');
  say("What changed (from the simulator's request log):");
  say(renderSummary(summarize(planned, applied, skippedByResource(up))));
  say('');
  say(
    same
      ? `Preview = apply: the API received exactly the ${appliedKeys.length} deletions and restores the preview listed, and nothing else.`
      : `MISMATCH: the preview listed ${plannedKeys.length} changes, the API received ${appliedKeys.length}.`,
  );
  const restored = up.outputs?.restoredVersion?.value as { id?: number; tags?: string[]; state?: string } | undefined;
  if (restored) say(`Restored version ${restored.id} (${(restored.tags ?? []).join(', ') || 'untagged'}) is ${restored.state}.`);
  say(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.${options.keep ? ` State and logs: ${workDir.path}` : ''}`);
  await workDir.cleanup();
  return same ? 0 : 1;
}

function describeFixture(sim: RunningSimulator): string {
  const versions = (packageType: 'container' | 'npm', packageName: string) => sim.control.listVersions({ owner: ORG, packageType, packageName });
  const app = versions('container', 'app');
  const deleted = app.filter((v) => v.state === 'deleted');
  const line = (label: string, text: string): string => `    ${label.padEnd(15)} ${text}`;
  return [
    `  org ${ORG}:`,
    line(
      'container app',
      `${app.length - deleted.length} versions, plus ${deleted.map((v) => `${v.tags.join(', ')} (id ${v.id})`).join(', ')} deleted ${deletedAgo(deleted[0]?.deletedAt)}`,
    ),
    line(
      'npm sdk',
      `${versions('npm', 'sdk').length} versions, ${versions('npm', 'sdk').filter((v) => v.name.includes('-')).length} of them pre-releases`,
    ),
    line(
      'npm cli',
      `${versions('npm', 'cli').length} versions, ${versions('npm', 'cli').filter((v) => v.name.includes('-')).length} of them pre-releases`,
    ),
  ].join('\n');
}

function describeCounts(changes: readonly PlannedChange[]): string {
  const deletes = changes.filter((c) => c.action === 'delete').length;
  const restores = changes.length - deletes;
  return `${deletes} deletion${deletes === 1 ? '' : 's'} and ${restores} restore${restores === 1 ? '' : 's'}`;
}

function deletedAgo(iso: string | undefined): string {
  if (!iso) return '';
  return `${Math.round((Date.now() - Date.parse(iso)) / 86_400_000)} days ago`;
}

function previewView(steps: readonly ResourceStep[], planned: PlannedChange[]): PreviewView {
  const ours = new Set<string>(Object.values(RESOURCE_TYPES));
  const resources = new Map<string, { type: string; op: string }>();
  const warnings = new Map<string, string[]>();
  for (const step of steps) {
    if (step.phase !== 'pre' || !ours.has(step.type)) continue;
    const name = step.urn.split('::').pop() ?? step.urn;
    resources.set(name, { type: step.type, op: step.op });
    const w = step.newInputs?.planWarnings;
    if (Array.isArray(w) && w.length > 0) warnings.set(name, w.map(String));
  }
  return { planned, warnings, steps: resources };
}

/** Per resource and `type/name`: versions the last up skipped (from the `lastRun` outputs). */
function skippedByResource(up: OperationResult): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const step of up.steps) {
    if (step.phase !== 'outputs' || step.type !== RESOURCE_TYPES.retention) continue;
    const lastRun = (step.newOutputs?.lastRun ?? {}) as Record<string, { skipped?: unknown[] }>;
    const packageType = step.newOutputs?.packageType;
    const type = typeof packageType === 'string' ? packageType : '';
    const name = step.urn.split('::').pop() ?? step.urn;
    out.set(name, Object.fromEntries(Object.entries(lastRun).map(([pkg, r]) => [`${type}/${pkg}`, r.skipped?.length ?? 0])));
  }
  return out;
}

function summaryOf(events: readonly EngineEvent[]): Record<string, number> {
  const summary = [...events].reverse().find((e) => e.summaryEvent)?.summaryEvent;
  return summary?.resourceChanges ?? {};
}

/** The progress line's detail while an operation runs: what the simulator has seen so far. */
function activity(sim: RunningSimulator, index: number, plannedCount: number, mutationsBeforeUp: number): string {
  if (index === 1) return `${sim.mutations().length - mutationsBeforeUp}/${plannedCount} deletions and restores`;
  return `${sim.log.length} API requests so far`;
}

function engineErrors(result: EngineRunResult): string[] {
  const lines: string[] = [];
  for (const op of result.operations) {
    for (const d of op.diagnostics) if (d.severity === 'error') lines.push(...d.message.trim().split('\n'));
  }
  if (lines.length === 0) lines.push(...explainEngineRun(result).split('\n').slice(0, 20));
  return lines;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => (l ? prefix + l : l))
    .join('\n');
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
