// The load scenario's Pulumi program: `policies` retention policies in one stack, policy i over the packages
// `pkg-i0…` to `pkg-i9…` of the bench org (ten each for 500 packages), as a user's program declares them (imported by
// package name; the engine's one provider process serves them all).
import type { ProgramContext } from '../scripts/engine/engine-job';
import { PackageVersionRetention } from 'pulumi-github-packages';

export interface LoadProgramParams {
  org: string;
  policies: number;
  keepNewest: number;
}

/** Policy i's package pattern: `pkg-07*` for i = 7 (two digits, so 50 policies split `pkg-000`…`pkg-499`). */
export function loadPolicyPattern(i: number): string {
  return `pkg-${String(i).padStart(2, '0')}*`;
}

export function loadProgram(context: ProgramContext): Record<string, unknown> {
  const p = context.params as unknown as LoadProgramParams;
  const outputs: Record<string, unknown> = {};
  for (let i = 0; i < p.policies; i++) {
    const r = new PackageVersionRetention(`policy-${i}`, {
      org: p.org,
      packageType: 'npm',
      packages: [loadPolicyPattern(i)],
      keepNewest: p.keepNewest,
    });
    outputs[`policy-${i}`] = r.planSummary;
  }
  return outputs;
}
