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
 *         After the deletions each package is read back once more (its listing, conditionally, or a GET per deleted
 *         version when that costs fewer requests; verify-effects.ts): only deletions that read shows are counted
 *         (`deletedCount`, `lastRun`); a version still listed as active fails the update, named (verify-effects).
 *         The outputs keep the reviewed plan unchanged (the engine showed the checked inputs as outputs at
 *         preview, and `up --strict` / `up --plan` hold stack outputs to that); what was done goes to `lastRun`.
 *         (apply-retention.ts, which sends through run-deletions.ts.)
 * read    refreshes the summary; resets the pending list in the inputs, so the next preview shows every pending
 *         deletion as an addition.
 * delete  never calls the API: `pulumi destroy` deletes nothing, and nothing is ever restored by a policy.
 *
 * This file holds the resource protocol only. Which packages: selected-packages.ts; the plan, by versions or by
 * images: plan-live.ts (image-graph-plan.ts); the run guards: retention-run-guards.ts; stored properties:
 * retention-inputs.ts; what reaches the preview: retention-plan-view.ts.
 */
import type * as pulumi from '@pulumi/pulumi';
import { NotFoundOrNoAccessError } from '../errors';
import { TAGGED_TYPES, type PackageVersionInfo } from '../types';
import { unknownInputFailures } from '../validation/unknown-inputs';
import { RETENTION_INPUT_KEYS, RETENTION_RESULT_KEYS } from '../contracts/retention-contract';
import { applyRetention } from './apply-retention';
import { noticeApplyScopes } from './apply-scope-notice';
import { viewImages } from './image-graph-plan';
import { UnusablePackageNameError } from './listed-package-names';
import { planLive } from './plan-live';
import type { ProviderContext } from './provider-context';
import { pickProperties } from './resource-inputs';
import { resolveForCheck, resolveStored, userInputs, type RetentionInputs, type RetentionStoredOutputs } from './retention-inputs';
import { keptSummary, viewPlan } from './retention-plan-view';
import { isFirstPlan, runGuardFailures } from './retention-run-guards';
import { firstRunWarnings } from '../planner/run-guards';
import { listActiveVersions, selectedPackages, type PackageSelection } from './selected-packages';

type Inputs = RetentionInputs;
type Outputs = RetentionStoredOutputs;

export function createRetentionProvider(context: ProviderContext): Required<Omit<pulumi.dynamic.ResourceProvider, 'configure'>> {
  return {
    async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
      const inputs = userInputs(news);
      // Every rule decides what is deleted: a value not known until apply fails the preview (no unreviewed plan).
      const unknown = unknownInputFailures(inputs, RETENTION_INPUT_KEYS, 'delete');
      if (unknown.length > 0) return { inputs, failures: unknown };
      const { options, failures, warnings } = resolveForCheck(news);
      if (!options) return { inputs, failures };
      const client = context.client();
      await client.preflight({ owner: options.owner, packageType: options.packageType }, 'read');
      let selection: PackageSelection;
      let live: Map<string, PackageVersionInfo[]>;
      try {
        selection = await selectedPackages(client, options);
        live = await listActiveVersions(client, options, selection.names);
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
      const stopped = await runGuardFailures(context, client, olds, inputs, options, live, p, now);
      if (stopped.length > 0) return { inputs, failures: stopped };
      // A read-only token previews in full; the apply's scope is a notice, outside the plan (apply-scope-notice.ts).
      if (p.deletions.length > 0) await noticeApplyScopes(context, client, { owner: options.owner, packageType: options.packageType }, ['delete']);
      // A first run that deletes most of a package comes first, then the package selection (a pattern that matches
      // no package is why the plan is smaller than meant, or empty) and the rules as written, then the plan's.
      const firstRun = isFirstPlan(olds) ? firstRunWarnings(p, options.maxShareOfPackage) : [];
      const reviewed = { ...p, warnings: [...firstRun, ...selection.warnings, ...warnings, ...p.warnings] };
      return {
        inputs: {
          ...inputs,
          ...viewPlan(reviewed, options, TAGGED_TYPES.includes(options.packageType), context.settings()),
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
      return applyRetention(context, undefined, inputs);
    },

    async update(id, _olds, news: Inputs) {
      return { outs: (await applyRetention(context, id, news)).outs };
    },

    async read(id, props: Outputs) {
      const { options, warnings } = resolveStored(props);
      if (!options) return { id, props };
      const client = context.client();
      const selection = await selectedPackages(client, options);
      const live = await listActiveVersions(client, options, selection.names);
      const { plan: p, images } = await planLive(context, client, options, live, context.now());
      const view = viewPlan(
        { ...p, warnings: [...selection.warnings, ...warnings, ...p.warnings] },
        options,
        TAGGED_TYPES.includes(options.packageType),
        context.settings(),
      );
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
