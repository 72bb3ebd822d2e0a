/**
 * `PackageVersionSet`: the desired state (`active` | `deleted`) of a list of versions of one package, by id or name.
 *
 * check   validates, lists the package once as active and once as deleted (100 per page, never a GET per
 *         version), resolves every id and name, and renders what `up` will do into the checked inputs
 *         (`pendingChanges`, one line per version; `planSummary`; `planEstimate`). Refusals known in advance
 *         (an id or name that matches nothing, a restore after GitHub's 30 days, deleting the package's last
 *         version) fail here, at preview.
 * update  lists the package once more, makes only the reviewed changes live data still calls for
 *         (confirmVersionSet), one at a time, then lists it again: only what that listing shows is counted
 *         (`lastRun`, `changedCount`; bounded re-reads, verify-effects). The outputs keep the reviewed plan.
 * diff    changes when something is pending, or the package or desired state changed (not for a list change alone).
 * read    refreshes the plan; resets the pending list in the inputs, so the next preview shows it as a change.
 * delete  never calls the API: removing the resource only stops managing the versions.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { PackagesClient } from '../client/packages-client';
import { NotFoundOrNoAccessError } from '../errors';
import type { AttemptedDeletion } from '../planner/reconcile-deletions';
import { confirmVersionSet, planVersionSet, type SetChange, type VersionSetPlan } from '../planner/plan-version-set';
import { TAGGED_TYPES, type PackageRef, type PackageVersionInfo, type VersionState } from '../types';
import { quote } from '../describe-value';
import { isUnknown, type CheckFailure } from '../validation/check-failure';
import { unknownInputFailures } from '../validation/unknown-inputs';
import { unknownPropertyFailures } from '../validation/unknown-properties';
import { validateOwner, validatePackageName, validatePackageType, validateState } from '../validation/validate-package-inputs';
import { noticeApplyScopes } from './apply-scope-notice';
import { PartialApplyError } from './apply-failure';
import { FailureStreak } from './failure-streak';
import { sendMutation } from './send-mutation';
import type { ProviderContext } from './provider-context';
import { packageResourceId } from './resource-id';
import { packageRefOf, pickProperties } from './resource-inputs';
import { activeVersionIds, verifyDeletions, verifyPace, verifyRestores } from './verify-effects';
import { reviewedChanges, viewVersionSet } from './version-set-view';
import {
  VERSION_SET_INPUT_KEYS,
  VERSION_SET_OUTPUT_KEYS,
  VERSION_SET_PLAN_KEYS,
  type VersionSetInputs,
  type VersionSetPlanOutputs,
  type VersionSetReport,
  type VersionSetResultOutputs,
} from '../contracts/version-set-contract';

/** Checked inputs: what the program wrote and the plan check rendered. */
type CheckedInputs = VersionSetInputs & Partial<VersionSetPlanOutputs>;
/** Stored outputs. */
type StoredOutputs = CheckedInputs & Partial<VersionSetResultOutputs>;

const USER_PROPERTIES = VERSION_SET_INPUT_KEYS;
/** Which package, and the desired state: a change of these is an update even when nothing is pending. */
const IDENTITY_PROPERTIES = ['org', 'user', 'packageType', 'packageName', 'state'] as const;
const ADDED_PROPERTIES: readonly string[] = VERSION_SET_OUTPUT_KEYS;
/** Versions a set may name: each is one line of the preview and one request of `up`. */
const MAX_VERSIONS = 5_000;

interface Parsed {
  ref: PackageRef;
  ids: number[];
  names: string[];
  desired: VersionState;
}

function userInputs(all: Record<string, unknown>): Record<string, unknown> {
  return pickProperties(all, USER_PROPERTIES);
}

function listOf<T>(value: unknown, property: string, valid: (item: unknown) => item is T, what: string, failures: CheckFailure[]): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    failures.push({ property, reason: `must be a list (got ${quote(value)}).` });
    return [];
  }
  const bad = value.filter((item) => !valid(item));
  if (bad.length > 0) failures.push({ property, reason: `${bad.slice(0, 3).map(quote).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not ${what}.` });
  return value.filter(valid);
}

const isVersionId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const isVersionName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 255 && !/[\x00-\x1f\x7f]/.test(v);

function parse(news: Record<string, unknown>, failures: CheckFailure[]): Parsed | undefined {
  // A misspelt property (`versionID`) would silently select nothing, or the wrong versions; what check and apply
  // add comes back as input on an import or a read: not the user's.
  failures.push(...unknownPropertyFailures(news, USER_PROPERTIES, 'PackageVersionSet', ADDED_PROPERTIES));
  const owner = validateOwner(news, failures);
  const packageType = validatePackageType(news.packageType, failures);
  const name = validatePackageName(news.packageName, packageType, failures);
  const desired = validateState(news.state, failures);
  const ids = listOf(news.versionIds, 'versionIds', isVersionId, 'version ids (positive whole numbers)', failures);
  const names = listOf(news.versionNames, 'versionNames', isVersionName, 'version names (1 to 255 printable characters)', failures);
  if (news.versionIds === undefined && news.versionNames === undefined) {
    failures.push({ property: 'versionIds', reason: 'give `versionIds` (numbers), `versionNames` (names, digests or tags), or both.' });
  }
  if (ids.length + names.length > MAX_VERSIONS) {
    failures.push({ property: 'versionIds', reason: `${ids.length + names.length} versions: a set holds at most ${MAX_VERSIONS}; split it.` });
  }
  if (failures.length > 0 || !owner || !packageType || name === undefined || !desired) return undefined;
  return { ref: { owner, packageType, name }, ids: [...new Set(ids)], names: [...new Set(names)], desired };
}

function describe(ref: PackageRef): string {
  const owner = ref.owner.kind === 'authenticated' ? 'your account' : ref.owner.login;
  return `${ref.packageType} package "${ref.name}" of ${owner}`;
}

/** One active listing, and one deleted listing where GitHub offers it (not for `/users/{user}`). */
async function listPackage(client: PackagesClient, ref: PackageRef): Promise<{ active: PackageVersionInfo[]; deleted?: PackageVersionInfo[] }> {
  const active = await client.listVersions(ref, { state: 'active' });
  if (ref.owner.kind === 'user') return { active };
  return { active, deleted: await client.listVersions(ref, { state: 'deleted' }) };
}

/** `olds`: the inputs the set had when last checked (or refreshed); its ids and names may since have been purged. */
async function planLive(context: ProviderContext, ref: PackageRef, parsed: Parsed, olds: Record<string, unknown> = {}): Promise<VersionSetPlan> {
  const live = await listPackage(context.client(), ref);
  const previous = { ids: Array.isArray(olds.versionIds) ? olds.versionIds : [], names: Array.isArray(olds.versionNames) ? olds.versionNames : [] };
  return planVersionSet({
    packageType: ref.packageType,
    desired: parsed.desired,
    ids: parsed.ids,
    names: parsed.names,
    active: live.active,
    deleted: live.deleted,
    previous,
    describe: describe(ref),
    now: context.now(),
  });
}

function reviewedPlan(inputs: Record<string, unknown>): Partial<VersionSetPlanOutputs> {
  return pickProperties(inputs, VERSION_SET_PLAN_KEYS);
}

export function createPackageVersionSetProvider(context: ProviderContext): Required<Omit<pulumi.dynamic.ResourceProvider, 'configure'>> {
  const tagged = (ref: PackageRef) => TAGGED_TYPES.includes(ref.packageType);

  async function apply(inputs: CheckedInputs): Promise<{ id: string; outs: StoredOutputs }> {
    const ref = packageRefOf(inputs);
    const id = `${packageResourceId(ref)}/version-set`;
    const reviewed = reviewedChanges(inputs.pendingChanges);
    const lastRun: VersionSetReport = { changed: [], skipped: [] };
    const errors: string[] = [];
    const attempted: (AttemptedDeletion & { action: SetChange['action'] })[] = [];
    const client = context.client();
    if (reviewed.length > 0) {
      for (const action of new Set(reviewed.map((c) => c.action))) await client.preflight(ref, action);
      // One more listing (never a GET per version): only what live data still calls for goes.
      const live = await listPackage(client, ref);
      const { confirmed, skipped } = confirmVersionSet(reviewed, live.active, live.deleted);
      lastRun.skipped.push(...skipped.map(({ id, name, reason }) => ({ versionId: id, versionName: name, reason })));
      const streak = new FailureStreak('changes');
      for (const c of confirmed) {
        if (streak.stopReason) {
          lastRun.skipped.push({ versionId: c.id, versionName: c.name, reason: `not attempted: ${streak.stopReason}` });
          continue;
        }
        const outcome = await sendMutation(() =>
          c.action === 'delete' ? client.deleteVersion(ref, c.id) : client.restoreVersion(ref, c.id, c.deletedAt ? { deletedAt: c.deletedAt } : {}),
        );
        if (outcome.kind === 'accepted' || outcome.kind === 'not-found') {
          // A 404 is done already only if the verification listing agrees (a token that lost access also reads 404).
          attempted.push({ package: ref.name, id: c.id, name: c.name, answer: outcome.kind, action: c.action });
          if (outcome.kind === 'accepted') streak.succeeded();
        } else if (outcome.kind === 'refused') {
          lastRun.skipped.push({ versionId: c.id, versionName: c.name, reason: outcome.reason });
        } else {
          errors.push(`version ${c.id} (${c.name}): ${outcome.message}`);
          lastRun.skipped.push({ versionId: c.id, versionName: c.name, reason: `failed: ${outcome.message}` });
          streak.failed(outcome.error, outcome.message);
        }
      }
      // Count only what GitHub shows as done: one active listing after the changes (bounded re-reads).
      const listIds = () => activeVersionIds(client, ref);
      const verifyAll = async (action: SetChange['action']) => {
        const of = attempted.filter((a) => a.action === action);
        if (of.length === 0) return;
        const result = await (action === 'delete' ? verifyDeletions : verifyRestores)(of, listIds, verifyPace(context));
        for (const d of result.deleted) lastRun.changed.push({ versionId: d.id, versionName: d.name, action });
        for (const d of result.alreadyGone)
          lastRun.skipped.push({ versionId: d.id, versionName: d.name, reason: action === 'delete' ? 'already deleted' : 'already active' });
        for (const d of result.missing) {
          errors.push(`version ${d.id} (${d.name}): ${d.reason}`);
          lastRun.skipped.push({ versionId: d.id, versionName: d.name, reason: `failed: ${d.reason}` });
        }
      };
      await verifyAll('delete');
      await verifyAll('restore');
    }
    const outs: StoredOutputs = {
      ...(userInputs(inputs as unknown as Record<string, unknown>) as unknown as CheckedInputs),
      // The plan as reviewed (what the preview showed as outputs); what was done is in lastRun.
      ...reviewedPlan(inputs as unknown as Record<string, unknown>),
      lastRun,
      changedCount: lastRun.changed.length,
    };
    if (errors.length > 0) {
      throw new PartialApplyError(
        `${errors.length} of ${reviewed.length} changes failed (${lastRun.changed.length} done; the next \`pulumi up\` continues from live data):\n` +
          errors.map((e) => `  - ${e}`).join('\n'),
        id,
        outs,
        errors,
      );
    }
    return { id, outs };
  }

  return {
    async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
      const inputs = userInputs(news);
      const unknown = unknownInputFailures(news, USER_PROPERTIES, 'delete or restore');
      if (unknown.length > 0) return { inputs, failures: unknown };
      const failures: CheckFailure[] = [];
      const parsed = parse(news, failures);
      if (!parsed) return { inputs, failures };
      const client = context.client();
      await client.preflight(parsed.ref, 'read');
      let plan: VersionSetPlan;
      try {
        // The same package only: ids of another package say nothing about this one.
        const sameTarget = IDENTITY_PROPERTIES.every((key) => JSON.stringify(olds[key]) === JSON.stringify(news[key]));
        plan = await planLive(context, parsed.ref, parsed, sameTarget ? olds : {});
      } catch (err) {
        if (err instanceof NotFoundOrNoAccessError) return { inputs, failures: [{ property: 'packageName', reason: err.message }] };
        throw err;
      }
      if (plan.failures.length > 0) return { inputs, failures: plan.failures };
      await noticeApplyScopes(
        context,
        client,
        parsed.ref,
        plan.changes.map((c) => c.action),
      );
      return { inputs: { ...inputs, ...viewVersionSet(plan, tagged(parsed.ref), context.settings()) } };
    },

    async diff(_id, olds: StoredOutputs, news: CheckedInputs) {
      // A list that changes without calling for any delete or restore is no update: removing a version from the
      // set only stops managing it, and a version added that is already as wanted needs nothing. So a program
      // whose list comes from live data (the undo program: versions deleted since a time) converges once applied.
      const changed = IDENTITY_PROPERTIES.some((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
      const pending = Object.keys(news.pendingChanges ?? {}).length > 0;
      return { changes: changed || pending, replaces: [], deleteBeforeReplace: false };
    },

    async create(inputs: CheckedInputs) {
      return apply(inputs);
    },

    async update(_id, _olds, news: CheckedInputs) {
      return { outs: (await apply(news)).outs };
    },

    async read(id, props: StoredOutputs) {
      const failures: CheckFailure[] = [];
      const raw = userInputs(props as unknown as Record<string, unknown>);
      const parsed = parse(raw, failures);
      if (!parsed || Object.values(raw).some(isUnknown)) return { id, props };
      const plan = await planLive(context, parsed.ref, parsed, raw);
      const view = viewVersionSet(plan, tagged(parsed.ref), context.settings());
      // Nothing pending in the refreshed inputs: the next preview shows every pending change as an addition.
      return { id, props: { ...props, ...view }, inputs: { ...raw, pendingChanges: {}, planSummary: {} } };
    },

    async delete() {
      // Deliberately nothing: removing the resource neither deletes nor restores anything.
    },
  };
}
