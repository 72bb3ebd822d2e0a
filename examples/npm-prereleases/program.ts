/**
 * npm pre-release clean-up: in every npm package of the organization, keep the 5 newest pre-releases
 * (`1.2.0-beta.1`, `2.0.0-rc.1`, ...) and delete older ones. Releases are never selected.
 */
import * as pulumi from '@pulumi/pulumi';
import { PackageVersionRetention } from 'pulumi-github-packages';

export function npmPrereleases() {
  const config = new pulumi.Config();
  const org = config.require('org');
  // Names or globs; `*` = every npm package of the org.
  const packages = config.getObject<string[]>('packages') ?? ['*'];

  const policy = new PackageVersionRetention('npm-prereleases', {
    org,
    packageType: 'npm',
    packages,
    // Semver 2: a pre-release has `-` after MAJOR.MINOR.PATCH. Counts are per package.
    prerelease: 'only',
    keepNewest: 5,
  });

  return {
    deletedCount: policy.deletedCount,
    lastRun: policy.lastRun,
  };
}
