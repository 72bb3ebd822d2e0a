/**
 * Holds: rules that keep a version whatever selects it, applied once to every deletion either planner decides —
 * a plain version, or a whole image with all its members (an image is never split). Today: a time in the future
 * (future-times.ts); younger than `minAge`.
 */
import type { PackageVersionInfo } from '../types';
import { isFutureDated } from './future-times';
import type { KeepReason } from './plan-types';
import type { ResolvedRetentionOptions } from './retention-options';
import { versionTime } from './version-order';

export interface Hold {
  reason: KeepReason;
  text: string;
}

/** Why `versions` (one version, or an image's present members) may not be deleted now, if a hold applies. */
export function holdOf(versions: readonly PackageVersionInfo[], options: ResolvedRetentionOptions, now: Date): Hold | undefined {
  const future = versions.find((v) => isFutureDated(v, options.timeBasis, now));
  if (future)
    return {
      reason: 'time-in-future',
      text: `kept: ${describe(future, versions)}dated in the future, so its age is unknown (check the registry data)`,
    };
  if (options.minAge) {
    const floor = now.getTime() - options.minAge.ms;
    const young = versions.find((v) => versionTime(v, options.timeBasis) > floor);
    if (young)
      return {
        reason: 'younger-than-minAge',
        text: `kept: ${describe(young, versions)}${options.timeBasis} less than ${options.minAge.text} ago (minAge)`,
      };
  }
  return undefined;
}

function describe(version: PackageVersionInfo, of: readonly PackageVersionInfo[]): string {
  return of.length > 1 ? `version ${version.id} of the image is ` : '';
}
