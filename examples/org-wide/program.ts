/**
 * Org-wide policy over a name pattern: in every container image whose name matches `svc-*`, delete pull-request
 * images (every tag `pr-*`) older than 30 days. Images tagged with anything else (`v2.0.0`, `latest`) are not
 * selected, and packages outside the pattern are never touched.
 */
import * as pulumi from '@pulumi/pulumi';
import { PackageVersionRetention } from 'pulumi-github-packages';

export function orgWide() {
  const config = new pulumi.Config();
  const org = config.require('org');
  const pattern = config.get('pattern') ?? 'svc-*';

  const policy = new PackageVersionRetention('pr-images', {
    org,
    packageType: 'container',
    // Globs over the org's container packages, listed when the policy is planned: a service added later is
    // covered by the next preview. `!name` excludes.
    packages: [pattern],
    // A version is selected only if every one of its tags matches: an image tagged `pr-12` and `v1.0` stays.
    tags: ['pr-*'],
    olderThan: '30d',
  });

  return {
    deletedCount: policy.deletedCount,
    lastRun: policy.lastRun,
  };
}
