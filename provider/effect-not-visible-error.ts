/**
 * A mutation GitHub answered as done whose effect its reads do not show, even after the bounded re-reads
 * (`github-packages:verifyAttempts`, `verifyDelayMs`). Nothing is reported as done.
 */
import { GitHubPackagesError } from './errors';
import { describeTarget } from './error-wording';
import type { PackageRef, VersionState } from './types';

export interface MissingEffect {
  ref: PackageRef;
  /** Absent for a whole package. */
  versionId?: number;
  /** What the last read showed. */
  readsAs: VersionState;
  reads: number;
}

export class EffectNotVisibleError extends GitHubPackagesError {
  readonly code = 'effect-not-visible';
  constructor(effect: MissingEffect) {
    const what = effect.versionId === undefined ? 'package' : 'version';
    const target = describeTarget({
      owner: effect.ref.owner,
      packageType: effect.ref.packageType,
      packageName: effect.ref.name,
      ...(effect.versionId !== undefined ? { versionId: effect.versionId } : {}),
    });
    super(
      `GitHub accepted the request but the ${what} still reads as ${effect.readsAs} (${target}; read ${effect.reads} ` +
        `time${effect.reads === 1 ? '' : 's'} after the request). Nothing is recorded as done: run \`pulumi up\` again; if it ` +
        'persists, check https://www.githubstatus.com or contact GitHub Support.',
    );
  }
}
