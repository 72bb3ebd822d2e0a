/**
 * One provider planning pass (what `pulumi preview` runs for a PackageVersionRetention: check), timed, with the
 * size of the checked inputs it produces (what state and saved plans hold).
 */
import { reviewedDeletions } from '../provider/resources/retention-plan-view';
import { benchRetentionProvider } from './provider-runner';

export interface PlanOnceInput {
  baseUrl: string;
  token: string;
  inputs: Record<string, unknown>;
}

export interface PlanOnceResult {
  wallMs: number;
  failures: Array<{ property: string; reason: string }>;
  pendingCount: number;
  remainingForNextRun: number;
  /** Bytes of JSON of the checked inputs (user inputs + the plan view). */
  checkedInputsBytes: number;
  warnings: string[];
  /** The checked inputs themselves (what `up` receives); omitted by the child process. */
  checkedInputs?: Record<string, unknown>;
}

export async function planOnce(input: PlanOnceInput): Promise<PlanOnceResult> {
  const warnings: string[] = [];
  const provider = benchRetentionProvider({ baseUrl: input.baseUrl, token: input.token, warnings });
  const started = performance.now();
  const { inputs, failures } = (await provider.check({}, input.inputs)) as { inputs: Record<string, unknown>; failures?: unknown[] };
  const wallMs = performance.now() - started;
  return {
    wallMs,
    failures: (failures ?? []) as PlanOnceResult['failures'],
    pendingCount: reviewedDeletions(inputs.pendingDeletions as Record<string, unknown> | undefined).length,
    remainingForNextRun: Number(inputs.remainingForNextRun ?? 0),
    checkedInputsBytes: Buffer.byteLength(JSON.stringify(inputs)),
    warnings,
    checkedInputs: inputs,
  };
}
