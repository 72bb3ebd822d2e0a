/** `PackageVersion`: the desired state of one package version. */
import type { PackageType, VersionState } from '../types';
import type { AssertNever, KeysMissing, PlannedAction } from './contract-types';

/** What a program writes: the package, one of `versionId` / `versionName`, and the desired state. */
export interface PackageVersionInputs {
  org?: string;
  user?: string;
  packageType: PackageType;
  packageName: string;
  versionId?: number;
  versionName?: string;
  state: VersionState;
}

/** The version a plan is about, as check resolved it: stable data only (a saved plan compares it). */
export interface ReviewedVersion {
  versionId: number;
  versionName: string;
  /** Sorted. */
  tags: string[];
  createdAt: string;
  /** Kept once known: GitHub purges a version 30 days after deletion, and then only this says when. */
  deletedAt?: string;
}

/**
 * What the provider adds (documented on the SDK class `PackageVersion`). `versionId` and `versionName` are also
 * inputs: check replaces the selector the program gave (an id, a name or a tag) with the version it resolves to.
 */
export interface PackageVersionOutputs {
  version: ReviewedVersion;
  plannedAction: PlannedAction;
  versionId: number;
  versionName: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  deletedAt?: string;
  htmlUrl?: string;
  currentState: VersionState;
}

/** The stored outputs: the inputs as check resolved them, and what the provider adds. */
export type PackageVersionState = Omit<PackageVersionInputs, keyof PackageVersionOutputs> & PackageVersionOutputs;

export const PACKAGE_VERSION_INPUT_KEYS = [
  'org',
  'user',
  'packageType',
  'packageName',
  'versionId',
  'versionName',
  'state',
] as const satisfies readonly (keyof PackageVersionInputs)[];
export const PACKAGE_VERSION_OUTPUT_KEYS = [
  'version',
  'plannedAction',
  'versionId',
  'versionName',
  'tags',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'htmlUrl',
  'currentState',
] as const satisfies readonly (keyof PackageVersionOutputs)[];

export type PackageVersionInputKeysComplete = AssertNever<KeysMissing<PackageVersionInputs, typeof PACKAGE_VERSION_INPUT_KEYS>>;
export type PackageVersionOutputKeysComplete = AssertNever<KeysMissing<PackageVersionOutputs, typeof PACKAGE_VERSION_OUTPUT_KEYS>>;
