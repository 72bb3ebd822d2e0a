/**
 * A policy's `up` (create and update): the reviewed deletions in the checked inputs, confirmed against one more
 * listing of each package and today's rules (confirmDeletions: a reviewed deletion goes only if it would still be
 * deleted now), then sent and verified (run-deletions.ts). Refusals (5,000 downloads, last version) and changes
 * since the preview are skipped and reported; failures fail the update at the end, with what was done recorded
 * in state. The outputs keep the reviewed plan unchanged (the engine showed the checked inputs as outputs at
 * preview, and `up --strict` / `up --plan` hold stack outputs to that); what was done goes to `lastRun`.
 */
import type { PackagesClient } from '../client/packages-client';
import { confirmDeletions, type ReviewedDeletion, type SkippedDeletion } from '../planner/confirm-deletions';
import type { ResolvedRetentionOptions } from '../planner/retention-options';
import type { RetentionPackageReport } from '../contracts/retention-contract';
import { PartialApplyError } from './apply-failure';
import { holdMembersOfSkippedRoots, ImageRootGuard, imageRoots, inPlanOrder } from './image-graph-plan';
import { usableListedNames } from './listed-package-names';
import { planLive } from './plan-live';
import type { ProviderContext } from './provider-context';
import { ownerPath } from './resource-id';
import { resolveStored, userInputs, type RetentionInputs, type RetentionStoredOutputs } from './retention-inputs';
import { keptSummary, reviewedDeletions, reviewedPlan } from './retention-plan-view';
import { runDeletions } from './run-deletions';
import { listActiveVersions, packageRef } from './selected-packages';
import { stillActiveIds, verifyDeletions, verifyPace } from './verify-effects';

/** A failed apply that still records, in state, what it did. */
class RetentionApplyError extends PartialApplyError<RetentionStoredOutputs> {
  override readonly name = 'RetentionApplyError';
}

/** A readable, stable id: `orgs/acme/container/retention/app*` (cut at 512 characters). */
function retentionResourceId(options: ResolvedRetentionOptions): string {
  const id = `${ownerPath(options.owner)}/${options.packageType}/retention/${options.packages.sources.map(encodeURIComponent).join(',')}`;
  return id.length > 512 ? id.slice(0, 512) : id;
}

interface Confirmed {
  confirmed: ReviewedDeletion[];
  /** Each package's active ids in GitHub's order, as the confirming listing showed them (to price the read-back). */
  listed: Map<string, number[]>;
  roots: ReviewedDeletion[];
  skipped: SkippedDeletion[];
  guard?: ImageRootGuard;
  summary?: Record<string, Record<string, number>>;
}

/** One more listing of each package (never one GET per version), then today's rules, uncapped. */
async function confirmReviewed(
  context: ProviderContext,
  client: PackagesClient,
  options: ResolvedRetentionOptions,
  reviewed: readonly ReviewedDeletion[],
): Promise<Confirmed> {
  if (reviewed.length === 0) return { confirmed: [], listed: new Map(), roots: [], skipped: [] };
  await client.preflight({ owner: options.owner, packageType: options.packageType }, 'delete');
  const packages = [...usableListedNames([...new Set(reviewed.map((d) => d.package))].sort(), options.packageType, 'plan')];
  const live = await listActiveVersions(client, options, packages);
  const { plan: fresh, images } = await planLive(context, client, { ...options, maxDeletionsPerRun: Number.MAX_SAFE_INTEGER }, live, context.now());
  const { confirmed, skipped } = confirmDeletions(reviewed, live, fresh);
  const summary = keptSummary(fresh);
  const listed = new Map([...live].map(([pkg, versions]) => [pkg, versions.map((v) => v.id)] as const));
  if (!images) return { confirmed, listed, roots: [], skipped, summary };
  // With the image graph: a member goes only with its root, roots before members.
  const kept = holdMembersOfSkippedRoots(confirmed, images);
  const ordered = inPlanOrder(kept.confirmed, images);
  return {
    confirmed: ordered,
    listed,
    roots: imageRoots(ordered, images),
    skipped: [...skipped, ...kept.held],
    guard: new ImageRootGuard(images),
    summary,
  };
}

export async function applyRetention(
  context: ProviderContext,
  id: string | undefined,
  news: RetentionInputs,
): Promise<{ id: string; outs: RetentionStoredOutputs }> {
  const { options, failures } = resolveStored(news);
  if (!options) throw new Error(failures.map((f) => `${f.property}: ${f.reason}`).join('; '));
  const rid = id ?? retentionResourceId(options);
  const client = context.client();
  const lastRun: Record<string, RetentionPackageReport> = {};
  const report = (pkg: string) => (lastRun[pkg] ??= { deleted: [], skipped: [] });
  const errors: string[] = [];

  const { confirmed, listed, roots, skipped, guard, summary } = await confirmReviewed(
    context,
    client,
    options,
    reviewedDeletions(news.pendingDeletions),
  );
  for (const s of skipped) report(s.package).skipped.push({ versionId: s.id, versionName: s.name, reason: s.reason });
  const verified = await runDeletions({
    confirmed,
    roots,
    guard,
    remove: (d) => client.deleteVersion(packageRef(options, d.package), d.id),
    // Count only what GitHub shows as done: per package, its listing read conditionally or a GET per deleted version,
    // whichever costs fewer primary-limit requests (bounded re-reads).
    verify: (attempts) =>
      verifyDeletions(attempts, (pkg, ids) => stillActiveIds(client, packageRef(options, pkg), ids, listed.get(pkg)), verifyPace(context)),
    skipped: (d, reason, failure) => {
      if (failure !== undefined) errors.push(`${d.package} version ${d.id} (${d.name}): ${failure}`);
      report(d.package).skipped.push({ versionId: d.id, versionName: d.name, reason });
    },
  });
  for (const d of verified.deleted) report(d.package).deleted.push({ versionId: d.id, versionName: d.name });
  for (const d of verified.alreadyGone) report(d.package).skipped.push({ versionId: d.id, versionName: d.name, reason: 'already gone' });
  for (const d of verified.missing) {
    errors.push(`${d.package} version ${d.id} (${d.name}): ${d.reason}`);
    report(d.package).skipped.push({ versionId: d.id, versionName: d.name, reason: `failed: ${d.reason}` });
  }
  const deletedCount = verified.deleted.length;

  const outs: RetentionStoredOutputs = {
    ...userInputs(news),
    // The plan as reviewed (what the preview showed as outputs); what was done is in lastRun.
    ...reviewedPlan(news),
    lastRun,
    deletedCount,
    ...(summary ? { keptSummary: summary } : {}),
  };
  if (errors.length > 0) {
    throw new RetentionApplyError(
      `${errors.length} of ${confirmed.length} deletions failed (${deletedCount} done; the next \`pulumi up\` continues from live data):\n` +
        errors.map((e) => `  - ${e}`).join('\n'),
      rid,
      outs,
      errors,
    );
  }
  return { id: rid, outs };
}
