/**
 * Undo a clean-up: restore every version of a package deleted since a given time. GitHub keeps deleted versions
 * restorable for 30 days. The list is read during preview, so `pulumi preview --diff` shows each version `up`
 * will restore. Stop the policy that deleted them from selecting them first, or its next run deletes them again.
 */
import * as pulumi from '@pulumi/pulumi';
import { listPackageVersions, PackageVersionSet, type PackageType } from 'pulumi-github-packages';

export function undoCleanup() {
  const config = new pulumi.Config();
  const org = config.require('org');
  const packageType = config.get<PackageType>('packageType') ?? 'container';
  const packageName = config.require('package');
  const deletedSince = config.require('deletedSince');
  const since = Date.parse(deletedSince);
  if (Number.isNaN(since)) throw new Error(`deletedSince: "${deletedSince}" is not an ISO 8601 time (e.g. 2026-11-28T09:00:00Z)`);

  // Deleted versions with their deletion times (GitHub lists them for organizations and your own account).
  const deleted = listPackageVersions({ org, packageType, packageName, state: 'deleted' });
  const versionIds = deleted.then((versions) =>
    versions.filter((v) => v.deletedAt !== undefined && Date.parse(v.deletedAt) >= since).map((v) => v.id),
  );

  const undo = new PackageVersionSet('undo-cleanup', { org, packageType, packageName, versionIds, state: 'active' });
  return { restoring: undo.pendingChanges, restored: undo.lastRun };
}
