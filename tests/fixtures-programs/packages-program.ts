// The end-to-end tests' inline program: the product's own resources, declared from the job's params, imported
// by package name as a user's program does. Type-checking maps the name to `sdk/` (tsconfig `paths`); at run time
// `require('pulumi-github-packages')` finds the built `dist/sdk` through the harness's self-link in node_modules,
// and the serialized provider stubs load `pulumi-github-packages/dist/provider` in the engine's provider process. Settings come from stack config
// (`github-packages:baseUrl`, `:token`, `:mutationIntervalMs`), as in a user's project.
import type { ProgramContext } from '../../scripts/engine/engine-job';
import {
  Package,
  PackageVersion,
  PackageVersionRetention,
  type PackageArgs,
  type PackageVersionArgs,
  type PackageVersionRetentionArgs,
} from 'pulumi-github-packages';

/** `params` of a job running `packagesProgram`: resource name → plain args. */
export interface PackagesProgramParams {
  versions?: Record<string, PackageVersionArgs>;
  packages?: Record<string, PackageArgs>;
  retentions?: Record<string, PackageVersionRetentionArgs>;
}

export function packagesProgram(context: ProgramContext): Record<string, unknown> {
  const params = context.params as PackagesProgramParams;
  const outputs: Record<string, unknown> = {};
  for (const [name, args] of Object.entries(params.versions ?? {})) {
    const v = new PackageVersion(name, args);
    outputs[name] = { versionId: v.versionId, name: v.name, tags: v.tags, currentState: v.currentState };
  }
  for (const [name, args] of Object.entries(params.packages ?? {})) {
    const p = new Package(name, args);
    outputs[name] = { currentState: p.currentState, versionCount: p.versionCount };
  }
  for (const [name, args] of Object.entries(params.retentions ?? {})) {
    const r = new PackageVersionRetention(name, args);
    outputs[name] = { lastRun: r.lastRun, deletedCount: r.deletedCount, planSummary: r.planSummary, planWarnings: r.planWarnings };
  }
  return outputs;
}
