/**
 * The decisions behind `PackageVersionSet` (the desired state of a list of versions of one package). Pure: the
 * package's listings and "now" are arguments.
 *
 * planVersionSet   (check) resolves each id or name against one active and one deleted listing, decides per
 *                  version what `up` must do, and fails what GitHub is known to refuse: a restore after the
 *                  30-day window, deleting the package's last (container: last tagged) version.
 * confirmVersionSet (apply) keeps of the reviewed changes only those live data still calls for, with the version
 *                  still as the reviewer saw it (same name and tags).
 */
import type { PackageType, PackageVersionInfo, VersionState } from '../types';
import { decideVersionAction } from './decide-state-action';
import { sameTags } from './version-decision';

export type SetAction = 'delete' | 'restore';

/** One version the set changes, as the preview shows it. */
export interface SetChange {
  id: number;
  name: string;
  tags: string[];
  createdAt: string;
  deletedAt?: string;
  action: SetAction;
}

export interface SetFailure {
  property: 'versionIds' | 'versionNames' | 'state';
  reason: string;
}

export interface VersionSetInput {
  packageType: PackageType;
  desired: VersionState;
  ids: readonly number[];
  names: readonly string[];
  active: readonly PackageVersionInfo[];
  /** Undefined where GitHub lists no deleted versions (`/users/{user}` owners). */
  deleted: readonly PackageVersionInfo[] | undefined;
  /**
   * Ids and names the set held when last checked. With `desired: 'deleted'`, one of these no listing shows any
   * more is as wanted: GitHub purges deleted versions after 30 days, and `/users/{user}` never lists deleted ones.
   * Anything else that matches nothing fails (a typo must not pass as "already gone").
   */
  previous?: { ids: readonly number[]; names: readonly string[] };
  /** How the package is named in messages: `npm package "ui" of acme`. */
  describe: string;
  now: Date;
}

export interface VersionSetPlan {
  /** By id (the order the preview shows them in: the engine lists numeric keys in ascending order). */
  changes: SetChange[];
  /** Versions of the set already in the desired state. */
  unchanged: number;
  failures: SetFailure[];
}

const PURGE_HINT = 'GitHub purges deleted versions 30 days after deletion; they cannot be restored after that.';
const USER_HINT = " Deleted versions of another user's packages are not listed by /users/{user}: for your own packages, omit `user`.";

function matches(version: PackageVersionInfo, name: string): boolean {
  return version.name === name || version.tags.includes(name);
}

function listShort(items: readonly (string | number)[]): string {
  const shown = items.slice(0, 10).map((i) => (typeof i === 'number' ? String(i) : JSON.stringify(i)));
  return items.length > 10 ? `${shown.join(', ')} and ${items.length - 10} more` : shown.join(', ');
}

function resolveName(name: string, input: VersionSetInput): { version?: PackageVersionInfo; ambiguous?: string } {
  for (const [state, list] of [
    ['active', input.active],
    ['deleted', input.deleted ?? []],
  ] as const) {
    const found = list.filter((v) => matches(v, name));
    if (found.length === 1) return { version: found[0] };
    if (found.length > 1)
      return { ambiguous: `${JSON.stringify(name)} matches ${found.length} ${state} versions (ids ${found.map((v) => v.id).join(', ')})` };
  }
  return {};
}

export function planVersionSet(input: VersionSetInput): VersionSetPlan {
  const failures: SetFailure[] = [];
  const resolved = new Map<number, PackageVersionInfo>();
  const byId = new Map([...(input.deleted ?? []), ...input.active].map((v) => [v.id, v] as const));
  let gone = 0;
  const goneIfDeleted = <T>(list: readonly T[] | undefined, key: T) => {
    const wasHeld = input.desired === 'deleted' && (list ?? []).includes(key);
    if (wasHeld) gone++;
    return wasHeld;
  };
  const missingIds = input.ids.filter((id) => {
    const v = byId.get(id);
    if (v) resolved.set(id, v);
    return !v && !goneIfDeleted(input.previous?.ids, id);
  });
  const missingNames: string[] = [];
  const ambiguous: string[] = [];
  for (const name of input.names) {
    const r = resolveName(name, input);
    if (r.version) resolved.set(r.version.id, r.version);
    else if (r.ambiguous) ambiguous.push(r.ambiguous);
    else if (!goneIfDeleted(input.previous?.names, name)) missingNames.push(name);
  }
  const hint = input.deleted === undefined ? `${PURGE_HINT}${USER_HINT}` : PURGE_HINT;
  if (missingIds.length > 0) {
    failures.push({
      property: 'versionIds',
      reason: `no version ${listShort(missingIds)} in the ${input.describe}, or not visible to this token. ${hint}`,
    });
  }
  if (missingNames.length > 0) {
    failures.push({
      property: 'versionNames',
      reason: `no version named or tagged ${listShort(missingNames)} in the ${input.describe}, or not visible to this token. ${hint}`,
    });
  }
  if (ambiguous.length > 0) {
    failures.push({ property: 'versionNames', reason: `${ambiguous.join('; ')} of the ${input.describe}: give \`versionIds\` instead.` });
  }

  const changes: SetChange[] = [];
  let unchanged = gone;
  const closed: string[] = [];
  for (const v of resolved.values()) {
    if (v.state === input.desired) {
      unchanged++;
      continue;
    }
    // Package counts matter only for deletions, which are judged together below.
    const decision = decideVersionAction(
      input.desired,
      v,
      { packageType: input.packageType, activeVersionCount: Number.MAX_SAFE_INTEGER },
      input.now,
    );
    if (decision.refusal) closed.push(`${v.id} (${v.name}): ${decision.refusal.message}`);
    const change: SetChange = {
      id: v.id,
      name: v.name,
      tags: [...v.tags].sort(),
      createdAt: v.createdAt,
      action: decision.action === 'restore' ? 'restore' : 'delete',
    };
    if (v.deletedAt) change.deletedAt = v.deletedAt;
    changes.push(change);
  }
  if (closed.length > 0)
    failures.push({
      property: 'state',
      reason: `cannot restore ${closed.length} version(s): ${closed.slice(0, 5).join(' ')}${closed.length > 5 ? ` … and ${closed.length - 5} more.` : ''}`,
    });
  failures.push(...lastVersionFailures(input, changes));
  changes.sort((a, b) => a.id - b.id);
  return { changes, unchanged, failures };
}

/** GitHub refuses to delete a package's last version, and a container package's last tagged version. */
function lastVersionFailures(input: VersionSetInput, changes: readonly SetChange[]): SetFailure[] {
  const deleting = changes.filter((c) => c.action === 'delete');
  if (deleting.length === 0) return [];
  if (deleting.length >= input.active.length) {
    return [
      {
        property: 'state',
        reason:
          `the set deletes all ${input.active.length} active versions of the ${input.describe}, and GitHub refuses to delete a package's last version. ` +
          'Leave one out, or manage the whole package instead: `new Package(..., { state: "deleted" })`.',
      },
    ];
  }
  if (input.packageType !== 'container') return [];
  const taggedDeleting = deleting.filter((c) => c.tags.length > 0).length;
  const taggedActive = input.active.filter((v) => v.tags.length > 0).length;
  if (taggedDeleting > 0 && taggedDeleting >= taggedActive) {
    return [
      {
        property: 'state',
        reason:
          `the set deletes all ${taggedActive} tagged versions of the ${input.describe}, and GitHub refuses to delete a container package's last tagged version. ` +
          'Leave one out, or manage the whole package instead: `new Package(..., { state: "deleted" })`.',
      },
    ];
  }
  return [];
}

/** Why a reviewed change is not made. */
export interface SkippedChange {
  id: number;
  name: string;
  reason: string;
}

/**
 * Of the reviewed changes, those live data still calls for: a deletion only of a version still active, a restore
 * only of one still listed as deleted, each with the name and tags the reviewer saw. Nothing outside the reviewed
 * list is ever returned.
 */
export function confirmVersionSet(
  reviewed: readonly SetChange[],
  active: readonly PackageVersionInfo[],
  deleted: readonly PackageVersionInfo[] | undefined,
): { confirmed: SetChange[]; skipped: SkippedChange[] } {
  const activeById = new Map(active.map((v) => [v.id, v] as const));
  const deletedById = new Map((deleted ?? []).map((v) => [v.id, v] as const));
  const confirmed: SetChange[] = [];
  const skipped: SkippedChange[] = [];
  for (const change of reviewed) {
    const skip = (reason: string) => skipped.push({ id: change.id, name: change.name, reason });
    const now = change.action === 'delete' ? activeById.get(change.id) : deletedById.get(change.id);
    const other = change.action === 'delete' ? deletedById.get(change.id) : activeById.get(change.id);
    if (!now) {
      if (other) skip(change.action === 'delete' ? 'already deleted' : 'already active');
      else skip(`no longer listed (${change.action === 'restore' ? 'purged, or ' : ''}its package is gone or not visible)`);
    } else if (now.name !== change.name || !sameTags(now.tags, change.tags)) {
      skip(`changed since the preview (now ${now.name} [${now.tags.join(',')}]); the next preview shows it`);
    } else {
      confirmed.push(change);
    }
  }
  return { confirmed, skipped };
}
