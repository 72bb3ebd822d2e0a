/**
 * Container clean-up: every image older than 14 days beyond the 10 newest tagged ones goes, whole (its index,
 * platform manifests, attestations and signature), never touching `latest` or a release tag (`v*`).
 */
import * as pulumi from '@pulumi/pulumi';
import { PackageVersionRetention } from 'pulumi-github-packages';

export function containerCleanup() {
  const config = new pulumi.Config();
  const org = config.require('org');
  const image = config.require('image');

  // Container packages are planned as images (the image graph, read from the registry): an untagged platform
  // manifest, attestation or signature goes with its image and never on its own, so nothing here is about them.
  const policy = new PackageVersionRetention('image-retention', {
    org,
    packageType: 'container',
    packages: [image],
    // Nothing younger than 14 days goes; beyond that, the 10 newest tagged images stay, whatever their age.
    olderThan: '14d',
    keepNewestTagged: 10,
    // Replaces the default ["latest"]; a protected tag protects its whole image.
    protectTags: ['latest', 'v*'],
  });

  return {
    deletedCount: policy.deletedCount,
    lastRun: policy.lastRun,
    warnings: policy.planWarnings,
  };
}
