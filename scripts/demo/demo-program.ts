/**
 * The demo program (the root `Pulumi.yaml` runs it through `index.ts`; `npm run demo` runs it against the
 * simulator). Three things a team typically declares for its GitHub Packages:
 *   - a clean-up policy for a container image that CI has filled with 60 versions,
 *   - an npm pre-release clean-up,
 *   - a release image deleted by mistake a week ago, restored (GitHub keeps deleted versions for 30 days).
 * Defaults match the demo fixture (simulator/fixtures/demo.json); set the config keys to point it elsewhere.
 */
import * as pulumi from '@pulumi/pulumi';
import { PackageVersion, PackageVersionRetention } from 'pulumi-github-packages';

export function demoProgram() {
  const config = new pulumi.Config();
  const org = config.get('org') ?? 'demo-org';
  const image = config.get('image') ?? 'app';
  const npmPackages = config.getObject<string[]>('npmPackages') ?? ['sdk', 'cli'];
  const restoreVersionId = config.getNumber('restoreVersionId') ?? 9001001;

  const restored = new PackageVersion('restored-release', {
    org,
    packageType: 'container',
    packageName: image,
    versionId: restoreVersionId,
    state: 'active',
  });

  const images = new PackageVersionRetention(
    'image-retention',
    {
      org,
      packageType: 'container',
      packages: [image],
      olderThan: '14d',
      keepNewestTagged: 10,
      protectTags: ['latest', 'v*'],
      // The first clean-up of a neglected image removes most of it; the default guard (50%) would refuse it.
      maxShareOfPackage: 0.7,
    },
    // Planned after the restore, so the policy sees the restored release (protected by `v*`) as it will be.
    { dependsOn: [restored] },
  );

  const prereleases = new PackageVersionRetention('npm-prereleases', {
    org,
    packageType: 'npm',
    packages: npmPackages,
    prerelease: 'only',
    keepNewest: 5,
  });

  return {
    restoredVersion: { id: restored.versionId, tags: restored.tags, state: restored.currentState },
    imageDeletions: images.lastRun,
    prereleaseDeletions: prereleases.lastRun,
    deletedCount: pulumi.all([images.deletedCount, prereleases.deletedCount]).apply(([a, b]) => (a ?? 0) + (b ?? 0)),
  };
}
