/**
 * GitHub's rules for deleting and restoring packages and versions.
 * https://docs.github.com/en/packages/learn-github-packages/deleting-and-restoring-a-package
 */
import type { PackageRecord, VersionRecord } from './types';
import { GitHubApiError, notFound } from './github-error';
import { RESTORE_WINDOW_MS, activeVersions, packageDownloads } from './simulator-state';

/** Public packages/versions downloaded more than this many times cannot be deleted through the API. */
export const MAX_DELETABLE_DOWNLOADS = 5000;

/**
 * GitHub documents the 5,000-download rule but not the API's wording; we answer 400 with the wording of
 * GitHub's web UI (assumed, see simulator/README.md).
 */
export const DOWNLOADS_MESSAGE =
  'Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance.';
export const LAST_VERSION_MESSAGE = 'You cannot delete the last version of a package. You must delete the package instead.';
/** Observed wording for containers (the last *tagged* version). */
export const LAST_TAGGED_VERSION_MESSAGE = 'You cannot delete the last tagged version of a package. You must delete the package instead.';
export const NAME_IN_USE_MESSAGE = 'A package with the same name and type now exists. Delete that package first, then restore this one.';

const TAGGED = new Set(['container', 'docker']);

export function checkVersionDeletable(pkg: PackageRecord, version: VersionRecord): void {
  if (pkg.visibility === 'public' && version.downloads > MAX_DELETABLE_DOWNLOADS) {
    throw new GitHubApiError(400, DOWNLOADS_MESSAGE);
  }
  const active = activeVersions(pkg);
  const tagged = TAGGED.has(pkg.packageType);
  if (active.length <= 1) {
    throw new GitHubApiError(400, tagged ? LAST_TAGGED_VERSION_MESSAGE : LAST_VERSION_MESSAGE);
  }
  if (tagged && version.tags.length > 0 && !active.some((v) => v !== version && v.tags.length > 0)) {
    throw new GitHubApiError(400, LAST_TAGGED_VERSION_MESSAGE);
  }
}

export function checkPackageDeletable(pkg: PackageRecord): void {
  const downloads = Math.max(packageDownloads(pkg), ...pkg.versions.map((v) => v.downloads));
  if (pkg.visibility === 'public' && downloads > MAX_DELETABLE_DOWNLOADS) {
    throw new GitHubApiError(400, DOWNLOADS_MESSAGE.replace('package versions', 'packages'));
  }
}

/** Restorable for 30 days after deletion; after that the version is gone (404, as for any unknown version). */
export function checkWithinRestoreWindow(deletedAt: number | undefined, nowMs: number): void {
  if (deletedAt === undefined || nowMs - deletedAt > RESTORE_WINDOW_MS) throw notFound();
}

export function deleteVersion(version: VersionRecord, nowMs: number): void {
  version.deletedAt = nowMs;
  version.deletedWithPackage = false;
}

export function restoreVersion(pkg: PackageRecord, version: VersionRecord, nowMs: number): void {
  // Tags moved to other manifests while this one was deleted stay where they are now.
  const taken = new Set(activeVersions(pkg).flatMap((v) => v.tags));
  version.tags = version.tags.filter((t) => !taken.has(t));
  version.deletedAt = undefined;
  version.deletedWithPackage = false;
  version.updatedAt = nowMs;
}

/** Deleting a package deletes all its versions; restoring it brings back those deleted with it. */
export function deletePackage(pkg: PackageRecord, nowMs: number): void {
  pkg.deletedAt = nowMs;
  for (const v of pkg.versions) {
    if (v.deletedAt === undefined) {
      v.deletedAt = nowMs;
      v.deletedWithPackage = true;
    }
  }
}

export function restorePackage(pkg: PackageRecord): void {
  pkg.deletedAt = undefined;
  for (const v of pkg.versions) {
    if (v.deletedWithPackage) {
      v.deletedAt = undefined;
      v.deletedWithPackage = false;
    }
  }
}
