/**
 * `PackageVersion`: the desired state (`active` | `deleted`) of one package version.
 *
 * check  validates, reads the live version and records in the checked inputs what `up` will do (`plannedAction`)
 *        and to which version (`version`): dynamic providers reach the preview only through checked inputs.
 *        Refusals known in advance (last version, restore window closed, missing scopes) fail here, at preview.
 * diff   changes when an action is planned or the desired properties changed.
 * create/update  re-read the version and act only if it is still in the state the plan expected (idempotent).
 *        Success only once a read of the version shows the desired state (bounded re-reads, verify-effects).
 * read   refreshes the live state; recomputes `plannedAction` so drift shows in the next preview.
 * delete never calls the API: removing the resource only stops managing the version.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { PackagesClient } from '../client/packages-client';
import { decideVersionAction, PackageFacts, StateAction } from '../planner/decide-state-action';
import type { PackageRef, PackageVersionInfo, VersionState } from '../types';
import { quote } from '../describe-value';
import { CheckFailure, isUnknown } from '../validation/check-failure';
import { unknownInputFailures } from '../validation/unknown-inputs';
import { unknownPropertyFailures } from '../validation/unknown-properties';
import { validateOwner, validatePackageName, validatePackageType, validateState } from '../validation/validate-package-inputs';
import {
  PACKAGE_VERSION_INPUT_KEYS,
  type PackageVersionInputs,
  type PackageVersionState,
  type ReviewedVersion,
} from '../contracts/package-version-contract';
import { noticeApplyScopes } from './apply-scope-notice';
import type { ProviderContext } from './provider-context';
import { versionResourceId } from './resource-id';
import { packageRefOf, pickProperties } from './resource-inputs';
import { deletedNamesakes, findVersion, VersionLookupFailure, VersionSelector } from './find-version';
import { EffectNotVisibleError } from '../effect-not-visible-error';
import { readUntil, verifyPace } from './verify-effects';

/** The inputs after check: the selector resolved (`versionId`, `versionName`), the version and the action the
 * preview showed. */
type CheckedInputs = PackageVersionInputs & { version?: ReviewedVersion; plannedAction?: StateAction };

interface ParsedInputs {
  ref: PackageRef;
  selector: VersionSelector;
  desired: VersionState;
}

const USER_PROPERTIES = PACKAGE_VERSION_INPUT_KEYS;

function parseInputs(news: Record<string, unknown>, failures: CheckFailure[]): ParsedInputs | undefined {
  // What check itself adds (`version`, `plannedAction`) comes back as input on an import or a read: not the user's.
  failures.push(...unknownPropertyFailures(news, USER_PROPERTIES, 'PackageVersion', ['version', 'plannedAction']));
  const owner = validateOwner(news, failures);
  const packageType = validatePackageType(news.packageType, failures);
  const name = validatePackageName(news.packageName, packageType, failures);
  const desired = validateState(news.state, failures);
  const { versionId, versionName } = news;
  let selector: VersionSelector | undefined;
  const hasId = versionId !== undefined && versionId !== null;
  const hasName = versionName !== undefined && versionName !== null;
  if (hasId && hasName) {
    failures.push({ property: 'versionId', reason: 'give `versionId` or `versionName`, not both.' });
  } else if (!hasId && !hasName) {
    failures.push({ property: 'versionId', reason: 'give `versionId` (a number) or `versionName` (a name, digest or tag).' });
  } else if (hasId && !isUnknown(versionId)) {
    if (typeof versionId !== 'number' || !Number.isSafeInteger(versionId) || versionId <= 0) {
      failures.push({ property: 'versionId', reason: `${quote(versionId)} is not a version id (a positive whole number).` });
    } else {
      selector = { kind: 'id', id: versionId };
    }
  } else if (hasName && !isUnknown(versionName)) {
    if (typeof versionName !== 'string' || versionName.length === 0 || versionName.length > 255 || /[\x00-\x1f\x7f]/.test(versionName)) {
      failures.push({ property: 'versionName', reason: `${quote(versionName)} is not a version name (1 to 255 printable characters).` });
    } else {
      selector = { kind: 'name', name: versionName };
    }
  }
  if (failures.length > 0 || !owner || !packageType || name === undefined || !desired || !selector) return undefined;
  return { ref: { owner, packageType, name }, selector, desired };
}

function userInputs(news: Record<string, unknown>): Record<string, unknown> {
  return pickProperties(news, USER_PROPERTIES);
}

function planned(version: PackageVersionInfo): ReviewedVersion {
  const out: ReviewedVersion = { versionId: version.id, versionName: version.name, tags: [...version.tags].sort(), createdAt: version.createdAt };
  if (version.state === 'deleted' && version.deletedAt) out.deletedAt = version.deletedAt;
  return out;
}

/**
 * A version no listing shows any more may have been purged after GitHub's 30-day window. When an earlier run
 * recorded its deletion time, say when the window closed instead of just "not found".
 */
function purgedRefusal(olds: Partial<CheckedInputs>, selector: VersionSelector, desired: VersionState, now: Date): CheckFailure | undefined {
  const known = olds.version;
  if (!known?.deletedAt || desired !== 'active') return undefined;
  const same = selector.kind === 'id' ? selector.id === known.versionId : selector.name === known.versionName || known.tags.includes(selector.name);
  if (!same) return undefined;
  const decision = decideVersionAction(
    'active',
    { state: 'deleted', deletedAt: known.deletedAt, tags: known.tags },
    { packageType: 'npm', activeVersionCount: 0 },
    now,
  );
  return decision.refusal ? { property: 'state', reason: decision.refusal.message } : undefined;
}

const refFromInputs = packageRefOf;

/**
 * Counts GitHub's deletion rules need: active versions (from the package's `version_count`, one request), and
 * for a tagged container version whether another active version is tagged (a listing, stopped at nothing
 * smaller: the API has no filter for it).
 */
async function packageFacts(client: PackagesClient, ref: PackageRef, version: PackageVersionInfo): Promise<PackageFacts> {
  const { versionCount } = await client.getPackage(ref);
  if (ref.packageType !== 'container' || version.tags.length === 0) {
    return { packageType: ref.packageType, activeVersionCount: versionCount };
  }
  const active = await client.listVersions(ref, { state: 'active' });
  return {
    packageType: ref.packageType,
    activeVersionCount: active.length,
    activeTaggedVersionCount: active.filter((v) => v.tags.length > 0).length,
  };
}

async function decide(client: PackagesClient, ref: PackageRef, version: PackageVersionInfo, desired: VersionState, now: Date) {
  const needsCounts = desired === 'deleted' && version.state === 'active';
  const facts: PackageFacts = needsCounts
    ? await packageFacts(client, ref, version)
    : { packageType: ref.packageType, activeVersionCount: Number.MAX_SAFE_INTEGER };
  return decideVersionAction(desired, version, facts, now);
}

function outputs(inputs: PackageVersionInputs, version: PackageVersionInfo, plannedAction: StateAction): PackageVersionState {
  return {
    ...(pickProperties(inputs as unknown as Record<string, unknown>, USER_PROPERTIES) as unknown as PackageVersionInputs),
    version: planned(version),
    plannedAction,
    versionId: version.id,
    versionName: version.name,
    tags: version.tags,
    createdAt: version.createdAt,
    updatedAt: version.updatedAt,
    ...(version.deletedAt ? { deletedAt: version.deletedAt } : {}),
    ...(version.htmlUrl ? { htmlUrl: version.htmlUrl } : {}),
    currentState: version.state,
  };
}

/**
 * The outputs of an apply keep what the preview showed (`version`, `plannedAction`: the engine shows checked
 * inputs as outputs during preview, and a saved or strict plan refuses outputs that differ); `currentState` and
 * the other live fields report what happened.
 */
function asReviewed(inputs: CheckedInputs, outs: PackageVersionState): PackageVersionState {
  return {
    ...outs,
    ...(inputs.version ? { version: inputs.version } : {}),
    ...(inputs.plannedAction ? { plannedAction: inputs.plannedAction } : {}),
  };
}

/** A restore by a name that an active version and a deleted one share: which is meant is the user's to say. */
function namesakeMessage(name: string, active: PackageVersionInfo, deleted: readonly PackageVersionInfo[]): string {
  const which = deleted.map((v) => `${v.id}${v.deletedAt ? ` (deleted at ${v.deletedAt})` : ''}`).join(', ');
  return (
    `"${name}" names the active version ${active.id}, so state "active" restores nothing; the deleted version${deleted.length === 1 ? '' : 's'} ` +
    `${which} ${deleted.length === 1 ? 'has' : 'have'} the same name. To restore ${deleted.length === 1 ? 'it' : 'one'}, give versionId: ` +
    `${deleted[0].id} instead of versionName; to keep the active one as it is, give versionId: ${active.id}.`
  );
}

export function createPackageVersionProvider(context: ProviderContext): Required<Omit<pulumi.dynamic.ResourceProvider, 'configure'>> {
  async function apply(inputs: CheckedInputs): Promise<PackageVersionState> {
    return asReviewed(inputs, await act(inputs));
  }

  async function act(inputs: CheckedInputs): Promise<PackageVersionState> {
    const client = context.client();
    const ref = refFromInputs(inputs);
    const selector: VersionSelector = inputs.version
      ? { kind: 'id', id: inputs.version.versionId }
      : inputs.versionId
        ? { kind: 'id', id: inputs.versionId }
        : { kind: 'name', name: inputs.versionName! };
    // Re-read right before acting: act only if the version is still in the state the plan expected, so a
    // re-run after a crash, or a change made by hand in the meantime, never causes a second mutation.
    const version = await findVersion(client, ref, selector);
    const decision = await decide(client, ref, version, inputs.state, context.now());
    if (decision.action !== 'none' && decision.action !== inputs.plannedAction) {
      // Live data changed since the preview and now calls for an action the reviewer never saw: do nothing; the
      // next preview shows it.
      return outputs(inputs, version, decision.action);
    }
    if (decision.refusal) throw new Error(decision.refusal.message);
    if (decision.action === 'none') return outputs(inputs, version, 'none');
    try {
      if (decision.action === 'delete') await client.deleteVersion(ref, version.id);
      else await client.restoreVersion(ref, version.id, version.deletedAt ? { deletedAt: version.deletedAt } : {});
    } catch (err) {
      // A mutation whose answer was lost (GitHub applied it, the connection dropped) is retried by the client and
      // then refused ("not deleted", 404): the live state says whether it happened.
      const after = await findVersion(client, ref, { kind: 'id', id: version.id }).catch(() => undefined);
      if (after?.state !== inputs.state) throw err;
      return outputs(inputs, after, 'none');
    }
    // The answer alone proves nothing (GitHub may accept a request and not apply it): read the version back.
    const after = await readUntil(
      verifyPace(context),
      () => findVersion(client, ref, { kind: 'id', id: version.id }),
      (v) => v.state === inputs.state,
    );
    if (!after.done) throw new EffectNotVisibleError({ ref, versionId: version.id, readsAs: after.value.state, reads: after.reads });
    return outputs(inputs, after.value, 'none');
  }

  return {
    async check(olds: Partial<CheckedInputs>, news: Record<string, unknown>) {
      const inputs = userInputs(news) as unknown as CheckedInputs;
      const unknown = unknownInputFailures(news, USER_PROPERTIES, 'delete or restore');
      if (unknown.length > 0) return { inputs, failures: unknown };
      const failures: CheckFailure[] = [];
      const parsed = parseInputs(news, failures);
      if (!parsed) return { inputs, failures };
      const client = context.client();
      await client.preflight(parsed.ref, 'read');
      let version: PackageVersionInfo;
      try {
        version = await findVersion(client, parsed.ref, parsed.selector);
      } catch (err) {
        if (err instanceof VersionLookupFailure) {
          const purged = purgedRefusal(olds, parsed.selector, parsed.desired, context.now());
          return { inputs, failures: [purged ?? { property: err.property, reason: err.message }] };
        }
        throw err;
      }
      if (parsed.selector.kind === 'name' && parsed.desired === 'active' && version.state === 'active' && olds.version?.versionId !== version.id) {
        const namesakes = await deletedNamesakes(client, parsed.ref, parsed.selector.name);
        if (namesakes.length > 0)
          return { inputs, failures: [{ property: 'versionName', reason: namesakeMessage(parsed.selector.name, version, namesakes) }] };
      }
      const decision = await decide(client, parsed.ref, version, parsed.desired, context.now());
      if (decision.refusal) return { inputs, failures: [{ property: 'state', reason: decision.refusal.message }] };
      if (decision.action !== 'none') await noticeApplyScopes(context, client, parsed.ref, [decision.action]);
      // The resolved id and name go into the checked inputs too: the engine shows checked inputs as a new
      // resource's outputs during preview, so a policy's `protectIds: [pin.versionId]` is known, and planned, at
      // preview; and a version named by a tag compares by the version it resolves to.
      return { inputs: { ...inputs, versionId: version.id, versionName: version.name, version: planned(version), plannedAction: decision.action } };
    },

    async diff(_id, olds: PackageVersionState & Partial<CheckedInputs>, news: CheckedInputs) {
      // The outputs' `versionId` is the resolved id, also for a version the program names by `versionName`:
      // compare it only when the program gives an id, or such a resource would never converge.
      const desiredChanged = USER_PROPERTIES.some(
        (key) => !(key === 'versionId' && news.versionId === undefined) && JSON.stringify(olds[key]) !== JSON.stringify(news[key]),
      );
      const identityChanged = olds.version !== undefined && news.version !== undefined && olds.version.versionId !== news.version.versionId;
      // Live state that differs from the desired one (found by `read`: a change made by hand) is drift: `refresh`
      // calls this diff with the refreshed outputs as `olds` (and the stored inputs as `news`), and must see it.
      const drifted = olds.currentState !== undefined && news.state !== undefined && olds.currentState !== news.state;
      return {
        changes: desiredChanged || drifted || news.plannedAction !== 'none',
        // A different version is a different resource: replacing it creates the new one and only forgets the old.
        replaces: identityChanged ? ['version'] : [],
        deleteBeforeReplace: false,
      };
    },

    async create(inputs: CheckedInputs) {
      const outs = await apply(inputs);
      return { id: versionResourceId(refFromInputs(inputs), outs.versionId), outs };
    },

    async update(_id, _olds, news: CheckedInputs) {
      return { outs: await apply(news) };
    },

    async read(id, props: PackageVersionState) {
      const client = context.client();
      const ref = refFromInputs(props);
      let version: PackageVersionInfo;
      try {
        version = await findVersion(client, ref, { kind: 'id', id: props.versionId });
      } catch (err) {
        if (!(err instanceof VersionLookupFailure)) throw err;
        // Gone from every listing (purged after 30 days, or its package deleted): keep the id, report deleted.
        // An empty id would silently drop the resource from state.
        return { id, props: { ...props, currentState: 'deleted', plannedAction: props.state === 'deleted' ? 'none' : 'restore' } };
      }
      const decision = await decide(client, ref, version, props.state, context.now());
      const refreshed = outputs(props, version, decision.action);
      // Refreshed inputs record nothing pending: the next preview then shows any needed action as a change
      // (the engine displays old inputs against new ones).
      const inputs: CheckedInputs = {
        ...(userInputs(props as unknown as Record<string, unknown>) as unknown as PackageVersionInputs),
        version: planned(version),
        plannedAction: 'none',
      };
      return { id, props: refreshed, inputs };
    },

    async delete() {
      // Deliberately nothing: `pulumi destroy` and removing the resource never delete or restore anything.
    },
  };
}
