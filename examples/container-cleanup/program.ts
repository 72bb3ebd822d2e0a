/**
 * Container clean-up: delete untagged images older than 14 days and all but the 10 newest tagged images,
 * never touching `latest` or a release tag (`v*`).
 */
import * as pulumi from '@pulumi/pulumi';
import { PackageVersionRetention } from 'pulumi-github-packages';

export function containerCleanup() {
  const config = new pulumi.Config();
  const org = config.require('org');
  const image = config.require('image');

  const policy = new PackageVersionRetention('image-retention', {
    org,
    packageType: 'container',
    packages: [image],
    // Both groups: nothing younger than 14 days goes. Tagged images also keep their 10 newest, whatever their age.
    olderThan: '14d',
    keepNewestTagged: 10,
    // Untagged versions can be the platform manifests of a multi-arch image: they are protected unless you opt
    // in, and the preview then warns. Opt in only for single-platform images.
    untaggedContainers: 'delete',
    // Replaces the default ["latest"].
    protectTags: ['latest', 'v*'],
    // A first clean-up of a neglected image removes most of it: the default guard (50% of a package per run)
    // would refuse the plan, so it is raised here, knowingly.
    maxShareOfPackage: 0.7,
  });

  return {
    deletedCount: policy.deletedCount,
    lastRun: policy.lastRun,
    warnings: policy.planWarnings,
  };
}
