/**
 * `PackageVersionRetention`: a retention policy whose preview is the exact, binding list of deletions.
 *
 * check   validates the rules, lists every selected package once (100 per page, never one GET per version),
 *         plans with the pure planner, and renders the plan into the checked inputs (`pendingDeletions`,
 *         `planSummary`, `remainingForNextRun`, `planWarnings`): that is what the reviewer sees and what a saved
 *         plan holds `up` to. A plan over `maxShareOfPackage` fails here, and so does one a run guard stops (a
 *         changed policy or live data that changed since the last run; run-guards.ts): `olds` holds the last rules.
 * update  lists each package with pending deletions once more, confirms each reviewed deletion against live data
 *         and today's rules (confirmDeletions), and deletes the confirmed ones serially, oldest first. Refusals
 *         (5,000 downloads, last version) and changes since the preview are skipped and reported; other failures
 *         do not stop the rest, and fail the update at the end with what was done recorded in state.
 *         After the deletions each package is listed once more: only deletions that listing shows are counted
 *         (`deletedCount`, `lastRun`); a version still listed as active fails the update, named (verify-effects).
 *         The outputs keep the reviewed plan unchanged (the engine showed the checked inputs as outputs at
 *         preview, and `up --strict` / `up --plan` hold stack outputs to that); what was done goes to `lastRun`.
 * read    refreshes the summary; resets the pending list in the inputs, so the next preview shows every pending
 *         deletion as an addition.
 * delete  never calls the API: `pulumi destroy` deletes nothing, and nothing is ever restored by a policy.
 */
import type * as pulumi from '@pulumi/pulumi';
import { boundedMap } from '../client/bounded-map';
import type { PackagesClient } from '../client/packages-client';
import { DownloadLimitError, LastVersionError, NotFoundOrNoAccessError } from '../errors';
import { isFatal, isServerFailure, MAX_SERVER_FAILURES_IN_A_ROW, PartialApplyError } from './apply-failure';
import { confirmDeletions, type ReviewedDeletion, type SkippedDeletion } from '../planner/confirm-deletions';
import { matchesList, type PatternList } from '../planner/patterns';
import { planRetention } from '../planner/plan-retention';
import { mergeReconciliations, type AttemptedDeletion, type DeletionReconciliation } from '../planner/reconcile-deletions';
import type { RetentionPlan } from '../planner/plan-types';
import { resolveRetentionOptions, type ResolvedRetentionOptions } from '../planner/retention-options';
import { changedRuleProperties, decideRunGuards } from '../planner/run-guards';
import { TAGGED_TYPES, type PackageRef, type PackageVersionInfo } from '../types';
import type { CheckFailure } from '../validation/check-failure';
import { unknownInputFailures } from '../validation/unknown-inputs';
import { validatePackageName } from '../validation/validate-package-inputs';
import { UnusablePackageNameError, usableListedNames } from './listed-package-names';
import type { ProviderContext } from './provider-context';
import { ownerPath } from './resource-id';
import { pickProperties } from './resource-inputs';
import { reviewedDeletions, reviewedPlan, viewPlan } from './retention-plan-view';
import {
  RETENTION_INPUT_KEYS,
  RETENTION_OUTPUT_KEYS,
  RETENTION_RESULT_KEYS,
  type PendingDeletions,
  type RetentionPackageReport,
  type RetentionPlanOutputs,
  type RetentionResultOutputs,
} from '../contracts/retention-contract';
import {
  fallbackWarning,
  holdMembersOfSkippedRoots,
  ImageRootGuard,
  imageRoots,
  inPlanOrder,
  planImages,
  readManifests,
  usesImageGraph,
  viewImages,
} from './image-graph-plan';
import { activeVersionIds, verifyDeletions, verifyPace } from './verify-effects';

/** Checked inputs: the rules as written and the plan check rendered (values not known here are `unknown`). */
type Inputs = Record<string, unknown> & Partial<RetentionPlanOutputs>;
/** Stored outputs. */
type Outputs = Inputs & Partial<RetentionResultOutputs>;

/** The properties the user wrote (everything but what check and apply add). */
function userInputs(all: Record<string, unknown>): Record<string, unknown> {
  return pickProperties(all, RETENTION_INPUT_KEYS);
}

function isLiteral(list: PatternList): boolean {
  return list.excludes.length === 0 && list.includes.length > 0 && list.includes.every((p) => p.kind === 'glob' && !/[*?]/.test(p.source));
}

function refOf(options: ResolvedRetentionOptions, name: string): PackageRef {
  return { owner: options.owner, packageType: options.packageType, name };
}

/** Which packages the policy covers: the literal names as given, or the owner's packages of the type that match. */
async function selectedPackages(client: PackagesClient, options: ResolvedRetentionOptions): Promise<string[]> {
  if (isLiteral(options.packages)) return [...new Set(options.packages.includes.map((p) => p.source))].sort();
  const all = await client.listPackages(options.owner, options.packageType);
  const selected = all
    .map((p) => p.name)
    .filter((name) => matchesList(options.packages, name))
    .sort();
  return [...usableListedNames(selected, options.packageType, 'listing')];
}

/** Packages listed at once; each listing fetches its later pages `readConcurrency` at a time (at most 16 requests in
 * flight for one policy by default). Policies planned in parallel share the process's request budget for the token
 * (client/request-budget.ts): at most 32 in flight together, far under the 100 concurrent requests GitHub allows. */
const PACKAGE_CONCURRENCY = 4;

async function listActive(client: PackagesClient, options: ResolvedRetentionOptions, names: readonly string[]) {
  const lists = await boundedMap(names, PACKAGE_CONCURRENCY, (name) => client.listVersions(refOf(options, name), { state: 'active' }));
  return new Map(names.map((name, i) => [name, lists[i]] as const));
}

/**
 * Container packages (unless `imageGraph: 'off'`): manifests from the registry, images planned whole. A registry
 * that gives no access falls back to the version-level rules for the run, and the preview says so.
 */
async function planLive(
  context: ProviderContext,
  client: PackagesClient,
  options: ResolvedRetentionOptions,
  live: ReadonlyMap<string, readonly PackageVersionInfo[]>,
  now: Date,
) {
  if (!usesImageGraph(options)) return { plan: plan(options, live, now), images: undefined };
  if (!context.registry) throw new Error('internal error: imageGraph needs a provider context with a registry client');
  const read = await readManifests(client, context.registry(), options, live);
  if (read.unreachable.length > 0) {
    const fallback = plan(options, live, now);
    return { plan: { ...fallback, warnings: [fallbackWarning(options, read.unreachable), ...fallback.warnings] }, images: undefined };
  }
  const graph = planImages(options, live, read.manifests, now);
  return { plan: graph as RetentionPlan, images: graph };
}

function plan(options: ResolvedRetentionOptions, live: ReadonlyMap<string, readonly PackageVersionInfo[]>, now: Date): RetentionPlan {
  return planRetention({ packages: [...live].map(([name, versions]) => ({ name, versions })), options, now });
}

/**
 * The run guards (run-guards.ts) against the state's inputs (`olds`, which hold the rules of the last run): none
 * for a new policy; for a changed one the previous rules are planned over the same listing to see what they keep.
 */
async function guardFailures(
  context: ProviderContext,
  client: PackagesClient,
  olds: Record<string, unknown>,
  current: Record<string, unknown>,
  options: ResolvedRetentionOptions,
  live: ReadonlyMap<string, readonly PackageVersionInfo[]>,
  p: RetentionPlan,
  now: Date,
): Promise<CheckFailure[]> {
  const previous = userInputs(olds);
  const isNew = previous.packageType === undefined;
  const changed = isNew ? [] : changedRuleProperties(previous, current);
  let previousRulesPlan: RetentionPlan | undefined;
  const old = changed.length > 0 ? resolve(previous).options : undefined;
  if (old)
    previousRulesPlan = (await planLive(context, client, { ...old, maxDeletionsPerRun: Number.MAX_SAFE_INTEGER, maxShareOfPackage: 1 }, live, now))
      .plan;
  const reviewedBefore = new Map<string, Set<number>>();
  for (const d of isNew ? [] : reviewedDeletions(olds.pendingDeletions as PendingDeletions | undefined)) {
    let ids = reviewedBefore.get(d.package);
    if (!ids) reviewedBefore.set(d.package, (ids = new Set()));
    ids.add(d.id);
  }
  const stops = decideRunGuards({ plan: p, isNew, changed, previousRulesPlan, maxShareOfKept: options.maxShareOfKept, reviewedBefore });
  return stops.map((stop) => ({ property: 'maxShareOfKept', reason: stop.message }));
}

function keptSummary(p: RetentionPlan): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const pkg of p.packages)
    out[pkg.name] = { active: pkg.activeVersions, deleting: pkg.deleting, deferred: pkg.deferred, ...(pkg.keptByReason as Record<string, number>) };
  return out;
}

function resolve(raw: Record<string, unknown>): { options?: ResolvedRetentionOptions; failures: CheckFailure[] } {
  return resolveRetentionOptions(userInputs(raw));
}

/** What check and apply add to the inputs, and the outputs: everything else a program passes must be a rule. */
const PLAN_PROPERTIES: readonly string[] = RETENTION_OUTPUT_KEYS;

/**
 * Check-time resolution: like `resolve`, but an unknown property (a misspelt `keepNewset`) is a failure rather
 * than silently dropped — a policy missing the rule its author meant deletes more than they reviewed. Literal
 * package names go into request paths, so they must be package names (no `..`, `%`, look-alike letters).
 */
function resolveForCheck(raw: Record<string, unknown>): { options?: ResolvedRetentionOptions; failures: CheckFailure[] } {
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (value !== undefined && !PLAN_PROPERTIES.includes(key)) given[key] = value;
  const { options, failures } = resolveRetentionOptions(given);
  if (!options || !isLiteral(options.packages)) return { options, failures };
  const nameFailures: CheckFailure[] = [];
  for (const pattern of options.packages.includes) validatePackageName(pattern.source, options.packageType, nameFailures, 'packages');
  return nameFailures.length > 0 ? { failures: [...failures, ...nameFailures] } : { options, failures };
}

/** A failed apply that still records, in state, what it did. */
class RetentionApplyError extends PartialApplyError<Outputs> {
  override readonly name = 'RetentionApplyError';
}

function resourceId(options: ResolvedRetentionOptions): string {
  const id = `${ownerPath(options.owner)}/${options.packageType}/retention/${options.packages.sources.map(encodeURIComponent).join(',')}`;
  return id.length > 512 ? id.slice(0, 512) : id;
}

export function createRetentionProvider(context: ProviderContext): Required<Omit<pulumi.dynamic.ResourceProvider, 'configure'>> {
  async function apply(id: string | undefined, news: Inputs): Promise<{ id: string; outs: Outputs }> {
    const { options, failures } = resolve(news);
    if (!options) throw new Error(failures.map((f) => `${f.property}: ${f.reason}`).join('; '));
    const rid = id ?? resourceId(options);
    const client = context.client();
    const reviewed = reviewedDeletions(news.pendingDeletions);
    const packages = [...usableListedNames([...new Set(reviewed.map((d) => d.package))].sort(), options.packageType, 'plan')];
    const lastRun: Record<string, RetentionPackageReport> = {};
    const report = (pkg: string) => (lastRun[pkg] ??= { deleted: [], skipped: [] });
    const errors: string[] = [];
    const attempted: AttemptedDeletion[] = [];

    let guard: ImageRootGuard | undefined;
    let confirmed: ReviewedDeletion[] = [];
    let rootPhase: ReviewedDeletion[] = [];
    let skipped: SkippedDeletion[] = [];
    let summary: Record<string, Record<string, number>> | undefined;
    if (reviewed.length > 0) {
      await client.preflight({ owner: options.owner, packageType: options.packageType }, 'delete');
      // One more listing of each package (never one GET per version), then today's rules, uncapped: a reviewed
      // deletion goes only if it would still be deleted now.
      const live = await listActive(client, options, packages);
      const { plan: fresh, images } = await planLive(
        context,
        client,
        { ...options, maxDeletionsPerRun: Number.MAX_SAFE_INTEGER },
        live,
        context.now(),
      );
      summary = keptSummary(fresh);
      ({ confirmed, skipped } = confirmDeletions(reviewed, live, fresh));
      if (images) {
        const kept = holdMembersOfSkippedRoots(confirmed, images);
        confirmed = inPlanOrder(kept.confirmed, images);
        rootPhase = imageRoots(confirmed, images);
        skipped = [...skipped, ...kept.held];
        guard = new ImageRootGuard(images);
      }
    }
    for (const s of skipped) report(s.package).skipped.push({ versionId: s.id, versionName: s.name, reason: s.reason });

    let stopped: string | undefined;
    let serverFailuresInARow = 0;
    // Count only what GitHub shows as done: one listing per package after its deletions (bounded re-reads).
    const verify = (attempts: readonly AttemptedDeletion[]) =>
      verifyDeletions(attempts, (pkg) => activeVersionIds(client, refOf(options, pkg)), verifyPace(context));
    // With the image graph the roots go, and are verified, before any member: a root GitHub accepted but did not
    // delete holds its image back whole.
    const inRootPhase = new Set(rootPhase);
    const ordered = [...rootPhase, ...confirmed.filter((d) => !inRootPhase.has(d))];
    let roots: DeletionReconciliation | undefined;
    for (const [i, d] of ordered.entries()) {
      if (i > 0 && i === rootPhase.length) {
        // The last root was sent: verify the roots before the first member.
        roots = await verify(attempted.splice(0));
        for (const root of roots.missing) guard?.notDeleted(root.package, root.id);
      }
      if (stopped) {
        report(d.package).skipped.push({ versionId: d.id, versionName: d.name, reason: `not attempted: ${stopped}` });
        continue;
      }
      const held = guard?.heldReason(d.package, d.id);
      if (held) {
        report(d.package).skipped.push({ versionId: d.id, versionName: d.name, reason: held });
        continue;
      }
      try {
        await client.deleteVersion(refOf(options, d.package), d.id);
        attempted.push({ package: d.package, id: d.id, name: d.name, answer: 'accepted' });
        serverFailuresInARow = 0;
      } catch (err) {
        // Not known to be deleted (a 404 may be a version still there): the rest of its image waits.
        guard?.notDeleted(d.package, d.id);
        if (err instanceof DownloadLimitError) {
          report(d.package).skipped.push({
            versionId: d.id,
            versionName: d.name,
            reason: 'GitHub refuses: public and downloaded more than 5,000 times (contact GitHub Support to remove it)',
          });
        } else if (err instanceof LastVersionError) {
          report(d.package).skipped.push({ versionId: d.id, versionName: d.name, reason: 'GitHub refuses: last (tagged) version of the package' });
        } else if (err instanceof NotFoundOrNoAccessError) {
          // "Already gone" only if the verification listing agrees (a token that lost access also reads 404).
          attempted.push({ package: d.package, id: d.id, name: d.name, answer: 'not-found' });
        } else {
          const message = err instanceof Error ? err.message : String(err);
          errors.push(`${d.package} version ${d.id} (${d.name}): ${message}`);
          report(d.package).skipped.push({ versionId: d.id, versionName: d.name, reason: `failed: ${message}` });
          if (isFatal(err)) stopped = message;
          // The client already retried each of these: GitHub is failing, so stop rather than hammer it.
          serverFailuresInARow = isServerFailure(err) ? serverFailuresInARow + 1 : 0;
          if (serverFailuresInARow >= MAX_SERVER_FAILURES_IN_A_ROW) {
            stopped = `GitHub failed ${serverFailuresInARow} deletions in a row (after retries); run again later`;
          }
        }
      }
    }

    const rest = await verify(attempted);
    const verified = roots ? mergeReconciliations(roots, rest) : rest;
    for (const d of verified.deleted) report(d.package).deleted.push({ versionId: d.id, versionName: d.name });
    for (const d of verified.alreadyGone) report(d.package).skipped.push({ versionId: d.id, versionName: d.name, reason: 'already gone' });
    for (const d of verified.missing) {
      errors.push(`${d.package} version ${d.id} (${d.name}): ${d.reason}`);
      report(d.package).skipped.push({ versionId: d.id, versionName: d.name, reason: `failed: ${d.reason}` });
    }
    const deletedCount = verified.deleted.length;

    const outs: Outputs = {
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

  return {
    async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
      const inputs = userInputs(news);
      // Every rule decides what is deleted: a value not known until apply fails the preview (no unreviewed plan).
      const unknown = unknownInputFailures(inputs, RETENTION_INPUT_KEYS, 'delete');
      if (unknown.length > 0) return { inputs, failures: unknown };
      const { options, failures } = resolveForCheck(news);
      if (!options) return { inputs, failures };
      const client = context.client();
      await client.preflight({ owner: options.owner, packageType: options.packageType }, 'read');
      let names: string[];
      let live: Map<string, PackageVersionInfo[]>;
      try {
        names = await selectedPackages(client, options);
        live = await listActive(client, options, names);
      } catch (err) {
        if (err instanceof NotFoundOrNoAccessError || err instanceof UnusablePackageNameError) {
          return { inputs, failures: [{ property: 'packages', reason: err.message }] };
        }
        throw err;
      }
      const now = context.now();
      const { plan: p, images } = await planLive(context, client, options, live, now);
      if (p.errors.length > 0) {
        // Over the share limit names its property; anything else (an unreadable listing) is about the packages.
        const failures = p.errors.map((reason) => ({ property: /maxShareOfPackage/.test(reason) ? 'maxShareOfPackage' : 'packages', reason }));
        return { inputs, failures };
      }
      const stopped = await guardFailures(context, client, olds, inputs, options, live, p, now);
      if (stopped.length > 0) return { inputs, failures: stopped };
      if (p.deletions.length > 0) await client.preflight({ owner: options.owner, packageType: options.packageType }, 'delete');
      return {
        inputs: {
          ...inputs,
          ...viewPlan(p, options, TAGGED_TYPES.includes(options.packageType), context.settings().mutationIntervalMs),
          ...(images ? viewImages(images) : {}),
        },
      };
    },

    async diff(_id, olds: Outputs, news: Inputs) {
      const changed = RETENTION_INPUT_KEYS.some((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
      const pending = Object.keys(news.pendingDeletions ?? {}).length > 0;
      return { changes: changed || pending, replaces: [], deleteBeforeReplace: false };
    },

    async create(inputs: Inputs) {
      return apply(undefined, inputs);
    },

    async update(id, _olds, news: Inputs) {
      return { outs: (await apply(id, news)).outs };
    },

    async read(id, props: Outputs) {
      const { options } = resolve(props);
      if (!options) return { id, props };
      const client = context.client();
      const live = await listActive(client, options, await selectedPackages(client, options));
      const { plan: p, images } = await planLive(context, client, options, live, context.now());
      const view = viewPlan(p, options, TAGGED_TYPES.includes(options.packageType), context.settings().mutationIntervalMs);
      // The plan outputs are replaced whole (an estimate or image trees of the old plan must not outlive it); the
      // results of the last run stay.
      const outputs: Outputs = {
        ...userInputs(props),
        ...pickProperties(props, RETENTION_RESULT_KEYS),
        ...view,
        ...(images ? viewImages(images) : {}),
        keptSummary: keptSummary(p),
      };
      // Nothing pending in the refreshed inputs: the next preview shows every pending deletion as an addition.
      const inputs: Inputs = { ...userInputs(props), pendingDeletions: {}, planSummary: {}, remainingForNextRun: 0, planWarnings: [] };
      return { id, props: outputs, inputs };
    },

    async delete() {
      // Deliberately nothing: destroying or removing a policy deletes and restores nothing.
    },
  };
}
