/**
 * `Package`: the desired state (`active` | `deleted`) of a whole package.
 *
 * The API shows deleted packages nowhere (unlike versions, which `state=deleted` lists), so a package that reads
 * as 404 is "deleted, never existed, or not visible": a desired `active` plans a restore, and the restore call
 * itself tells which (its error says what to check). Otherwise the same shape as `PackageVersion`.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { PackagesClient } from '../client/packages-client';
import { NotFoundOrNoAccessError } from '../errors';
import { describeOwner } from '../error-wording';
import { closestName } from '../validation/closest-name';
import { decidePackageAction, StateAction } from '../planner/decide-state-action';
import type { PackageInfo, PackageRef } from '../types';
import type { CheckFailure } from '../validation/check-failure';
import { unknownInputFailures } from '../validation/unknown-inputs';
import { unknownPropertyFailures } from '../validation/unknown-properties';
import { validateOwner, validatePackageName, validatePackageType, validateState } from '../validation/validate-package-inputs';
import { PACKAGE_INPUT_KEYS, type PackageInputs, type PackageState } from '../contracts/package-contract';
import { noticeApplyScopes } from './apply-scope-notice';
import type { ProviderContext } from './provider-context';
import { packageResourceId } from './resource-id';
import { packageRefOf, pickProperties } from './resource-inputs';
import { EffectNotVisibleError } from '../effect-not-visible-error';
import { readUntil, verifyPace } from './verify-effects';

/** The inputs after check: what the program wrote, and the action the preview showed. */
type CheckedInputs = PackageInputs & { plannedAction?: StateAction };

const USER_PROPERTIES = PACKAGE_INPUT_KEYS;

type LivePackage = { state: 'active'; info: PackageInfo } | { state: 'deleted' };

async function readLive(client: PackagesClient, ref: PackageRef): Promise<LivePackage> {
  try {
    return { state: 'active', info: await client.getPackage(ref) };
  } catch (err) {
    if (err instanceof NotFoundOrNoAccessError) return { state: 'deleted' };
    throw err;
  }
}

/**
 * A package to restore that GitHub does not show is deleted (restorable for 30 days), purged, or never existed:
 * the API shows deleted packages nowhere, so only a restore could tell. When an active package of the owner has
 * a name a typo away (not a sibling that differs in digits only), the name is the likelier mistake: the preview
 * fails with it (one listing, on this path only, for a resource not created yet).
 */
async function misspeltPackage(client: PackagesClient, ref: PackageRef): Promise<string | undefined> {
  const names = (await client.listPackages(ref.owner, ref.packageType)).map((p) => p.name).filter((n) => n !== ref.name);
  const closest = closestName(ref.name, names);
  // Siblings that differ in digits only (`api-v1` deleted, `api-v2` active) are two packages, not a typo.
  if (!closest || closest.replace(/\d/g, '') === ref.name.replace(/\d/g, '')) return undefined;
  return (
    `no ${ref.packageType} package "${ref.name}" of ${describeOwner(ref.owner)} is active or visible to this token; did you mean "${closest}"? ` +
    `GitHub shows deleted packages nowhere, so "${ref.name}" can be restored only if it was deleted in the last 30 days under exactly ` +
    `this name; if so, check the name letter by letter (a package purged after 30 days, or never published, cannot be restored).`
  );
}

function userInputs(news: Record<string, unknown>): PackageInputs {
  return pickProperties(news, USER_PROPERTIES) as unknown as PackageInputs;
}

const refFromInputs = packageRefOf;

function outputs(inputs: PackageInputs, live: LivePackage, plannedAction: StateAction): PackageState {
  const base: PackageState = { ...userInputs(inputs as unknown as Record<string, unknown>), currentState: live.state, plannedAction };
  if (live.state === 'deleted') return base;
  const { info } = live;
  return {
    ...base,
    packageId: info.id,
    visibility: info.visibility,
    versionCount: info.versionCount,
    ...(info.repository ? { repository: info.repository } : {}),
    ...(info.htmlUrl ? { htmlUrl: info.htmlUrl } : {}),
  };
}

export function createPackageProvider(context: ProviderContext): Required<Omit<pulumi.dynamic.ResourceProvider, 'configure'>> {
  async function apply(inputs: CheckedInputs): Promise<PackageState> {
    // The outputs keep the reviewed `plannedAction` (what the preview showed; a saved or strict plan refuses
    // outputs that differ); `currentState` says what happened.
    const outs = await act(inputs);
    return inputs.plannedAction ? { ...outs, plannedAction: inputs.plannedAction } : outs;
  }

  async function act(inputs: CheckedInputs): Promise<PackageState> {
    const client = context.client();
    const ref = refFromInputs(inputs);
    // Re-read right before acting, so a re-run or a change made by hand never causes a second mutation.
    const live = await readLive(client, ref);
    const decision = decidePackageAction(inputs.state, live, context.now());
    if (decision.action !== 'none' && decision.action !== inputs.plannedAction) {
      // Live data changed since the preview: an action the reviewer never saw waits for the next preview.
      return outputs(inputs, live, decision.action);
    }
    if (decision.action === 'none') return outputs(inputs, live, 'none');
    try {
      if (decision.action === 'delete') await client.deletePackage(ref);
      else await client.restorePackage(ref);
    } catch (err) {
      // A mutation whose answer was lost and whose retry was refused: the live state says whether it happened.
      const after = await readLive(client, ref).catch(() => undefined);
      if (after?.state !== inputs.state) throw err;
      return outputs(inputs, after, 'none');
    }
    // The answer alone proves nothing (GitHub may accept a request and not apply it): read the package back.
    const after = await readUntil(
      verifyPace(context),
      () => readLive(client, ref),
      (l) => l.state === inputs.state,
    );
    if (!after.done) throw new EffectNotVisibleError({ ref, readsAs: after.value.state, reads: after.reads });
    return outputs(inputs, after.value, 'none');
  }

  return {
    async check(_olds: Partial<PackageState>, news: Record<string, unknown>) {
      const misspelt = unknownPropertyFailures(news, USER_PROPERTIES, 'Package', ['plannedAction']);
      const unknown = unknownInputFailures(news, USER_PROPERTIES, 'delete or restore');
      if (unknown.length > 0) return { inputs: userInputs(news), failures: [...misspelt, ...unknown] };
      const failures: CheckFailure[] = misspelt;
      const owner = validateOwner(news, failures);
      const packageType = validatePackageType(news.packageType, failures);
      const name = validatePackageName(news.packageName, packageType, failures);
      const desired = validateState(news.state, failures);
      const inputs = userInputs(news);
      if (failures.length > 0 || !owner || !packageType || name === undefined || !desired) return { inputs, failures };
      const ref: PackageRef = { owner, packageType, name };
      const client = context.client();
      await client.preflight(ref, 'read');
      const live = await readLive(client, ref);
      if (desired === 'active' && live.state === 'deleted' && _olds.currentState === undefined) {
        const typo = await misspeltPackage(client, ref);
        if (typo) return { inputs, failures: [{ property: 'packageName', reason: typo }] };
      }
      const decision = decidePackageAction(desired, live, context.now());
      if (decision.refusal) return { inputs, failures: [{ property: 'state', reason: decision.refusal.message }] };
      if (decision.action !== 'none') await noticeApplyScopes(context, client, ref, [decision.action]);
      return { inputs: { ...inputs, plannedAction: decision.action } };
    },

    async diff(_id, olds: PackageState, news: CheckedInputs) {
      const desiredChanged = USER_PROPERTIES.some((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
      const identity = ['org', 'user', 'packageType', 'packageName'] as const;
      const identityChanged = identity.some((key) => olds[key] !== news[key]);
      // Live state that differs from the desired one (a change made by hand, found by `read`) is drift, for `refresh` too.
      const drifted = olds.currentState !== undefined && news.state !== undefined && olds.currentState !== news.state;
      return {
        changes: desiredChanged || drifted || news.plannedAction !== 'none',
        replaces: identityChanged ? identity.filter((key) => olds[key] !== news[key]) : [],
        deleteBeforeReplace: false,
      };
    },

    async create(inputs: CheckedInputs) {
      return { id: packageResourceId(refFromInputs(inputs)), outs: await apply(inputs) };
    },

    async update(_id, _olds, news: CheckedInputs) {
      return { outs: await apply(news) };
    },

    async read(id, props: PackageState) {
      const live = await readLive(context.client(), refFromInputs(props));
      const decision = decidePackageAction(props.state, live, context.now());
      // Refreshed inputs record nothing pending, so the next preview shows any needed action as a change.
      const inputs: CheckedInputs = { ...userInputs(props as unknown as Record<string, unknown>), plannedAction: 'none' };
      // Never an empty id, even when the package is gone: that would silently drop it from state.
      return { id, props: outputs(props, live, decision.action), inputs };
    },

    async delete() {
      // Deliberately nothing: `pulumi destroy` and removing the resource never delete or restore anything.
    },
  };
}
