// Reading engine results in tests: the resource steps of an operation, and failures explained in full.
import * as fs from 'node:fs';
import type { OperationResult, ResourceStep } from './engine-job';
import type { EngineRunResult } from './run-engine';

/** Engine-internal resources (the stack itself, default providers), left out of `changedResources` by default. */
export function isInternalResource(type: string): boolean {
  return type === 'pulumi:pulumi:Stack' || type.startsWith('pulumi:providers:');
}

/**
 * The steps an operation announced (phase 'pre') for user resources, e.g. `[{ op: 'create', urn, ... }]`.
 * Use `phase: 'outputs'` for completed steps, and `includeSame` to include the unchanged ones.
 */
export function resourceSteps(
  op: OperationResult,
  options: { phase?: ResourceStep['phase']; includeSame?: boolean; includeInternal?: boolean } = {},
): ResourceStep[] {
  const phase = options.phase ?? 'pre';
  return op.steps.filter(
    (s) => s.phase === phase && (options.includeInternal || !isInternalResource(s.type)) && (options.includeSame || s.op !== 'same'),
  );
}

/** Throws, with every error, diagnostic and the log's tail, unless the whole run succeeded. */
export function assertEngineOk(result: EngineRunResult): void {
  if (result.ok) return;
  throw new Error(`engine run failed:\n${explainEngineRun(result)}`);
}

/** A readable account of a run for failure messages. */
export function explainEngineRun(result: EngineRunResult): string {
  const lines: string[] = [`exit code ${result.exitCode}, signal ${result.signal}, timed out ${result.timedOut}, ${result.durationMs} ms`];
  if (result.error) lines.push(`run error: ${result.error.name}: ${result.error.message}`);
  for (const op of result.operations) {
    lines.push(`#${op.index} ${op.kind}: ${op.skipped ? 'skipped' : op.ok ? 'ok' : 'FAILED'} (${op.durationMs} ms)`);
    if (op.error) lines.push(`  ${op.error.name}: ${op.error.message}`);
    for (const d of op.diagnostics.filter((d) => d.severity !== 'info')) lines.push(`  [${d.severity}] ${d.message.trim()}`);
  }
  try {
    const log = fs.readFileSync(result.files.log, 'utf8').trimEnd().split('\n').slice(-40).join('\n');
    lines.push(`--- last lines of ${result.files.log}`, log);
  } catch {
    // no log
  }
  return lines.join('\n');
}
