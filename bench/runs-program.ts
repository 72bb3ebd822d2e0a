// The engine runs' Pulumi program: one retention policy over one package, as a user's program declares it.
import type { ProgramContext } from '../scripts/engine/engine-job';
import { PackageVersionRetention } from 'pulumi-github-packages';

export interface RunsProgramParams {
  org: string;
  packageName: string;
  keepNewest: number;
}

export function runsProgram(context: ProgramContext): Record<string, unknown> {
  const p = context.params as unknown as RunsProgramParams;
  const policy = new PackageVersionRetention('policy', { org: p.org, packageType: 'npm', packages: [p.packageName], keepNewest: p.keepNewest });
  return { planSummary: policy.planSummary };
}
