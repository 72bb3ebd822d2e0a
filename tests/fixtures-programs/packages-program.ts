// The end-to-end tests' inline program: the product's own resources, declared from the job's params, imported
// by package name as a user's program does. Type-checking maps the name to `sdk/` (tsconfig `paths`); at run time
// `require('pulumi-github-packages')` finds the built `dist/sdk` through the harness's self-link in node_modules,
// and the serialized provider stubs load `pulumi-github-packages/dist/provider` in the engine's provider process. Settings come from stack config
// (`github-packages:baseUrl`, `:token`, `:mutationIntervalMs`), as in a user's project.
import * as pulumi from '@pulumi/pulumi';
import type { ProgramContext } from '../../scripts/engine/engine-job';
import {
  Package,
  PackageVersion,
  PackageVersionRetention,
  PackageVersionSet,
  type PackageArgs,
  type PackageVersionArgs,
  type PackageVersionSetArgs,
  type PackageVersionRetentionArgs,
} from 'pulumi-github-packages';

/** `params` of a job running `packagesProgram`: resource name → plain args. */
export interface PackagesProgramParams {
  versions?: Record<string, PackageVersionArgs>;
  packages?: Record<string, PackageArgs>;
  versionSets?: Record<string, PackageVersionSetArgs>;
  retentions?: Record<string, PackageVersionRetentionArgs>;
  /** Policy name → PackageVersion name: the policy's `protectIds` is `[that version's versionId]` (an Output). */
  protectIdsFrom?: Record<string, string>;
  /** Policy name → PackageVersion name: the policy's `protectNames` is `[that version's name]`, read together with
   * its `currentState` (a live output, unknown while the version resource is to be created; the resolved
   * `versionName` alone is known at preview, like `versionId`). */
  protectNamesFrom?: Record<string, string>;
  /** Also export each resource's plan outputs (pendingDeletions, …, plannedAction, version), as a user might. */
  exportPlan?: boolean;
}

export function packagesProgram(context: ProgramContext): Record<string, unknown> {
  const params = context.params as PackagesProgramParams;
  const outputs: Record<string, unknown> = {};
  const versions: Record<string, PackageVersion> = {};
  for (const [name, args] of Object.entries(params.versions ?? {})) {
    const v = (versions[name] = new PackageVersion(name, args));
    outputs[name] = { versionId: v.versionId, versionName: v.versionName, tags: v.tags, currentState: v.currentState };
    if (params.exportPlan) outputs[`${name}Plan`] = { plannedAction: v.plannedAction, version: v.version };
  }
  for (const [name, args] of Object.entries(params.packages ?? {})) {
    const p = new Package(name, args);
    outputs[name] = { currentState: p.currentState, versionCount: p.versionCount };
    if (params.exportPlan) outputs[`${name}Plan`] = { plannedAction: p.plannedAction };
  }
  for (const [name, args] of Object.entries(params.versionSets ?? {})) {
    const set = new PackageVersionSet(name, args);
    outputs[name] = { lastRun: set.lastRun, changedCount: set.changedCount, planSummary: set.planSummary };
  }
  for (const [name, given] of Object.entries(params.retentions ?? {})) {
    const args: PackageVersionRetentionArgs = { ...given };
    const idsFrom = params.protectIdsFrom?.[name];
    if (idsFrom) args.protectIds = [versions[idsFrom].versionId];
    const namesFrom = params.protectNamesFrom?.[name];
    if (namesFrom) args.protectNames = [pulumi.all([versions[namesFrom].versionName, versions[namesFrom].currentState]).apply(([n]) => n)];
    const r = new PackageVersionRetention(name, args);
    outputs[name] = { lastRun: r.lastRun, deletedCount: r.deletedCount, planSummary: r.planSummary, planWarnings: r.planWarnings };
    if (params.exportPlan) {
      outputs[`${name}Plan`] = { pendingDeletions: r.pendingDeletions, remainingForNextRun: r.remainingForNextRun, planEstimate: r.planEstimate };
    }
  }
  return outputs;
}
