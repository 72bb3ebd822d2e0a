/**
 * The decision behind `PackageVersion` and `Package`: given the desired state and what the API shows, what must
 * `up` do, and is it possible? Pure: no I/O, "now" is an argument.
 */
import type { PackageType, VersionState } from '../types';

export type StateAction = 'delete' | 'restore' | 'none';

/** GitHub keeps deleted packages and versions restorable for 30 days.
 * https://docs.github.com/en/packages/learn-github-packages/deleting-and-restoring-a-package */
export const RESTORE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export type Refusal =
  | { code: 'last-version'; message: string }
  | { code: 'last-tagged-version'; message: string }
  | { code: 'restore-window-closed'; message: string; closedAt: string };

export interface StateDecision {
  action: StateAction;
  /** Set when GitHub is known in advance to refuse the action: the preview fails with this. */
  refusal?: Refusal;
}

export interface VersionFacts {
  state: VersionState;
  deletedAt?: string;
  tags: string[];
}

export interface PackageFacts {
  packageType: PackageType;
  /** Active versions of the package, this one included (when it is active). */
  activeVersionCount: number;
  /** Active tagged versions (container packages only: GitHub refuses to delete the last tagged one). */
  activeTaggedVersionCount?: number;
}

export function restoreWindowClosesAt(deletedAt: string): Date {
  return new Date(Date.parse(deletedAt) + RESTORE_WINDOW_MS);
}

function restoreRefusal(deletedAt: string | undefined, now: Date, what: string): Refusal | undefined {
  if (!deletedAt || Number.isNaN(Date.parse(deletedAt))) return undefined;
  const closes = restoreWindowClosesAt(deletedAt);
  if (closes.getTime() > now.getTime()) return undefined;
  return {
    code: 'restore-window-closed',
    closedAt: closes.toISOString(),
    message:
      `${what} was deleted at ${deletedAt}; GitHub's 30-day restore window closed at ${closes.toISOString()}, ` +
      'so it cannot be restored. Publish it again, or set state to "deleted" to stop asking for it.',
  };
}

/** What to do with one version. */
export function decideVersionAction(desired: VersionState, version: VersionFacts, pkg: PackageFacts, now: Date): StateDecision {
  if (desired === version.state) return { action: 'none' };
  if (desired === 'active') {
    const refusal = restoreRefusal(version.deletedAt, now, 'This version');
    return refusal ? { action: 'restore', refusal } : { action: 'restore' };
  }
  if (pkg.activeVersionCount <= 1) {
    return {
      action: 'delete',
      refusal: {
        code: 'last-version',
        message:
          "This is the last version of the package, and GitHub refuses to delete a package's last version. " +
          'Manage the whole package instead: `new Package(..., { state: "deleted" })`.',
      },
    };
  }
  if (pkg.packageType === 'container' && version.tags.length > 0 && (pkg.activeTaggedVersionCount ?? 2) <= 1) {
    return {
      action: 'delete',
      refusal: {
        code: 'last-tagged-version',
        message:
          'This is the last tagged version of the container package, and GitHub refuses to delete it. ' +
          'Manage the whole package instead: `new Package(..., { state: "deleted" })`.',
      },
    };
  }
  return { action: 'delete' };
}

/** What to do with a whole package. `deletedAt` is known only where the API shows deleted packages. */
export function decidePackageAction(desired: VersionState, live: { state: VersionState; deletedAt?: string }, now: Date): StateDecision {
  if (desired === live.state) return { action: 'none' };
  if (desired === 'active') {
    const refusal = restoreRefusal(live.deletedAt, now, 'This package');
    return refusal ? { action: 'restore', refusal } : { action: 'restore' };
  }
  return { action: 'delete' };
}
