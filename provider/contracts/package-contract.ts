/** `Package`: the desired state of a whole package. */
import type { PackageType, VersionState, Visibility } from '../types';
import type { AssertNever, KeysMissing, PlannedAction } from './contract-types';

/** What a program writes. */
export interface PackageInputs {
  org?: string;
  user?: string;
  packageType: PackageType;
  packageName: string;
  state: VersionState;
}

/** What the provider adds (documented on the SDK class `Package`). Absent while the package reads as deleted. */
export interface PackageOutputs {
  plannedAction: PlannedAction;
  currentState: VersionState;
  packageId?: number;
  visibility?: Visibility;
  versionCount?: number;
  repository?: string;
  htmlUrl?: string;
}

/** The stored outputs: the inputs as written, and what the provider adds. */
export type PackageState = PackageInputs & PackageOutputs;

export const PACKAGE_INPUT_KEYS = ['org', 'user', 'packageType', 'packageName', 'state'] as const satisfies readonly (keyof PackageInputs)[];
export const PACKAGE_OUTPUT_KEYS = [
  'plannedAction',
  'currentState',
  'packageId',
  'visibility',
  'versionCount',
  'repository',
  'htmlUrl',
] as const satisfies readonly (keyof PackageOutputs)[];

export type PackageInputKeysComplete = AssertNever<KeysMissing<PackageInputs, typeof PACKAGE_INPUT_KEYS>>;
export type PackageOutputKeysComplete = AssertNever<KeysMissing<PackageOutputs, typeof PACKAGE_OUTPUT_KEYS>>;
