// Captures what the real engine writes for the review report: the stdout of `pulumi preview --json` and the
// file of `pulumi preview --save-plan`, from one preview of an example against the simulator, and optionally
// applies that plan (`pulumi up --plan`) so a test can compare the report with what GitHub received.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunningSimulator } from '../../simulator';
import {
  assertEngineOk,
  createEngineWorkDir,
  resourceSteps,
  runEngine,
  type EngineJob,
  type EngineOperation,
  type OperationResult,
} from '../../scripts/engine';
import { appliedChanges, type AppliedChange } from '../../scripts/demo/applied-changes';
import { plannedChanges, type PlannedChange } from '../../scripts/demo/planned-changes';
import { exampleJob, type ExampleSpec } from '../examples/run-example';

export interface CapturedEngineOutput {
  /** `pulumi preview --json` stdout. */
  readonly previewJson: string;
  /** The `--save-plan` file. */
  readonly planJson: string;
  /** What the same preview announced, read from the engine's structured events (an independent reading). */
  readonly planned: PlannedChange[];
  /** Deletions and restores the simulator received (empty unless applied). */
  readonly applied: AppliedChange[];
  /** The preview operation itself (its structured events). */
  readonly preview: OperationResult;
  readonly up?: OperationResult;
  /** With `previewAfter`: `pulumi preview --json` stdout after the apply. */
  readonly previewAfterJson?: string;
}

export interface CaptureOptions {
  /** Run `pulumi up --plan` of the saved plan after the preview. */
  readonly apply?: boolean;
  /** Operations before the captured preview (e.g. an `up` that creates the stack, so the preview is an update). */
  readonly before?: EngineOperation[];
  /** Params of the captured preview and its apply (merged over the job's). */
  readonly params?: Record<string, unknown>;
  /** After the apply, preview again with `--json` (a converged stack: nothing to do). */
  readonly previewAfter?: boolean;
  /** A job other than an example's (e.g. the end-to-end program with its own params). */
  readonly job?: (workDir: string, operations: EngineOperation[]) => EngineJob;
  readonly timeoutMs?: number;
}

export async function captureEngineOutput(
  sim: RunningSimulator,
  spec: ExampleSpec | undefined,
  options: CaptureOptions = {},
): Promise<CapturedEngineOutput> {
  const dir = createEngineWorkDir(`report-${spec?.name ?? 'job'}`);
  sim.clearLog();
  try {
    const makeJob = (operations: EngineOperation[]) =>
      options.job ? options.job(dir.path, operations) : exampleJob(sim, spec!, dir.path, operations);
    const timeoutMs = options.timeoutMs ?? 4 * 60_000;
    const params = options.params ? { params: options.params } : {};
    // `before` runs first in the same job, on the same stack (one program host and stack set-up, not two); the
    // simulator's log starts again when the captured preview starts, so its requests are not captured.
    const before = options.before ?? [];
    const operations: EngineOperation[] = [
      ...before,
      { kind: 'preview', json: true, savePlan: 'plan.json', ...params },
      ...(options.apply ? [{ kind: 'up' as const, plan: 'plan.json', ...params }] : []),
      ...(options.apply && options.previewAfter ? [{ kind: 'preview' as const, json: true, ...params }] : []),
    ];
    const result = await runEngine(makeJob(operations), {
      timeoutMs,
      onOperationStart: (index) => {
        if (index === before.length && before.length > 0) sim.clearLog();
      },
    });
    assertEngineOk(result);
    expect(result.secretFindings).toEqual([]);
    const [preview, up, after] = result.operations.slice(before.length) as [
      OperationResult,
      OperationResult | undefined,
      OperationResult | undefined,
    ];
    return {
      previewJson: preview.stdout,
      planJson: fs.readFileSync(path.join(dir.path, 'plan.json'), 'utf8'),
      planned: plannedChanges(resourceSteps(preview)),
      applied: appliedChanges(sim.log),
      preview,
      ...(up ? { up } : {}),
      ...(after ? { previewAfterJson: after.stdout } : {}),
    };
  } finally {
    await dir.cleanup();
  }
}
