/**
 * One version deleted, another restored, and a whole package restored, each declared as the state you want.
 * `pulumi up` deletes or restores to match; `pulumi destroy` (or removing a resource) only stops managing it.
 */
import * as pulumi from '@pulumi/pulumi';
import { Package, PackageVersion } from 'pulumi-github-packages';

export function packageVersion() {
  const config = new pulumi.Config();
  const org = config.require('org');
  const image = config.require('image');
  const restorePackage = config.require('restorePackage');

  // A container version can be named by a tag (or its digest); the name must resolve to exactly one version.
  const prImage = new PackageVersion('unwanted-image', {
    org,
    packageType: 'container',
    packageName: image,
    versionName: config.require('deleteTag'),
    state: 'deleted',
  });

  // Deleted by mistake a few days ago: GitHub restores a version for 30 days after its deletion.
  const release = new PackageVersion('restored-release', {
    org,
    packageType: 'container',
    packageName: image,
    versionId: config.requireNumber('restoreVersionId'),
    state: 'active',
  });

  // A whole package, with all its versions, restored (same 30-day window, and only while the name is free).
  const client = new Package('restored-package', {
    org,
    packageType: 'npm',
    packageName: restorePackage,
    state: 'active',
  });

  return {
    deletedVersion: { id: prImage.versionId, versionName: prImage.versionName, state: prImage.currentState },
    restoredVersion: { id: release.versionId, tags: release.tags, state: release.currentState },
    restoredPackage: { name: restorePackage, versions: client.versionCount, state: client.currentState },
  };
}
