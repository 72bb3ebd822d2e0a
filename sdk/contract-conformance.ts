/**
 * The compiler's proof that the SDK's public declarations say what the provider does. The SDK declares its own
 * public types (`public-types.ts`) so that a user's compiler never reads the provider's declarations; these
 * assertions refuse any drift between them and the contracts in `provider/contracts/` (the single source of truth),
 * in both directions. Type-only and imported by nothing: it is compiled with the SDK and never shipped to a
 * user's compiler through `index.d.ts`.
 */
import type * as contracts from '../provider/contracts';
import type * as provider from '../provider/types';
import type { ProviderSettingsInput } from '../provider/settings/provider-settings';
import type { CheckFailure } from '../provider/validation/check-failure';
import type { InvalidArgumentsError as ProviderInvalidArgumentsError } from '../provider/validation/invalid-arguments-error';
import type {
  GetPackageArgs,
  GetPackageOutputArgs,
  ListPackagesArgs,
  ListPackagesOutputArgs,
  ListPackageVersionsArgs,
  ListPackageVersionsOutputArgs,
  ProviderConfig,
} from './functions';
import type { ArgumentFailure, InvalidArgumentsError } from './invalid-arguments-error';
import type { ArgsDrift, AssertNever, OutputDrift } from './output-declarations';
import type { Package, PackageArgs } from './package';
import type { PackageVersion, PackageVersionArgs } from './package-version';
import type { PackageVersionRetention, PackageVersionRetentionArgs } from './package-version-retention';
import type { PackageVersionSet, PackageVersionSetArgs } from './package-version-set';
import type * as sdk from './public-types';
import type { PackageResult, PackageVersionResult } from './read-results';

/** `never` only when `A` and `B` are the same type (then `AssertNever` compiles). */
type Differs<A, B> = [A] extends [B] ? ([B] extends [A] ? never : 'differs') : 'differs';

/** Each public type equals the provider's. */
export type PublicTypesMatchProvider = [
  AssertNever<Differs<typeof sdk.PACKAGE_TYPES, typeof provider.PACKAGE_TYPES>>,
  AssertNever<Differs<sdk.PackageType, provider.PackageType>>,
  AssertNever<Differs<sdk.VersionState, provider.VersionState>>,
  AssertNever<Differs<sdk.PackageVisibility, provider.Visibility>>,
  AssertNever<Differs<sdk.PlannedAction, contracts.PlannedAction>>,
  AssertNever<Differs<sdk.ReviewedVersion, contracts.ReviewedVersion>>,
  AssertNever<Differs<sdk.PendingDeletions, contracts.PendingDeletions>>,
  AssertNever<Differs<sdk.PendingImages, contracts.PendingImages>>,
  AssertNever<Differs<sdk.PendingChanges, contracts.PendingChanges>>,
  AssertNever<Differs<sdk.RetentionVersionRef, contracts.RetentionVersionRef>>,
  AssertNever<Differs<sdk.RetentionPackageReport, contracts.RetentionPackageReport>>,
  AssertNever<Differs<sdk.VersionSetReport, contracts.VersionSetReport>>,
  AssertNever<Differs<ArgumentFailure, Readonly<CheckFailure>>>,
];

/** Each resource class and its args equal its contract. */
export type ResourcesMatchContracts = [
  AssertNever<OutputDrift<Package, contracts.PackageOutputs>>,
  AssertNever<ArgsDrift<PackageArgs, contracts.PackageInputs>>,
  AssertNever<OutputDrift<PackageVersion, contracts.PackageVersionOutputs>>,
  AssertNever<ArgsDrift<PackageVersionArgs, contracts.PackageVersionInputs>>,
  AssertNever<OutputDrift<PackageVersionSet, contracts.VersionSetOutputs>>,
  AssertNever<ArgsDrift<PackageVersionSetArgs, contracts.VersionSetInputs>>,
  AssertNever<OutputDrift<PackageVersionRetention, contracts.RetentionOutputs>>,
  AssertNever<ArgsDrift<PackageVersionRetentionArgs, contracts.RetentionInputs>>,
];

/** The `…OutputArgs` equal the plain args, and a read function's configuration equals the provider settings. */
export type ReadArgsMatch = [
  AssertNever<ArgsDrift<GetPackageOutputArgs, GetPackageArgs>>,
  AssertNever<ArgsDrift<ListPackagesOutputArgs, ListPackagesArgs>>,
  AssertNever<ArgsDrift<ListPackageVersionsOutputArgs, ListPackageVersionsArgs>>,
  AssertNever<ArgsDrift<ProviderConfig, ProviderSettingsInput>>,
];

/**
 * The read functions take and return what their one implementation (`provider/resources/read-functions.ts`, which
 * the provider plugin's invokes share) takes and returns, and throw the error it throws.
 */
export type ReadFunctionsMatchContract = [
  AssertNever<Differs<GetPackageArgs, contracts.GetPackageArgs>>,
  AssertNever<ArgsDrift<GetPackageArgs, contracts.GetPackageArgs>>,
  AssertNever<Differs<ListPackagesArgs, contracts.ListPackagesArgs>>,
  AssertNever<ArgsDrift<ListPackagesArgs, contracts.ListPackagesArgs>>,
  AssertNever<Differs<ListPackageVersionsArgs, contracts.ListPackageVersionsArgs>>,
  AssertNever<ArgsDrift<ListPackageVersionsArgs, contracts.ListPackageVersionsArgs>>,
  AssertNever<Differs<PackageResult, contracts.PackageResult>>,
  AssertNever<ArgsDrift<PackageResult, contracts.PackageResult>>,
  AssertNever<Differs<PackageVersionResult, contracts.PackageVersionResult>>,
  AssertNever<ArgsDrift<PackageVersionResult, contracts.PackageVersionResult>>,
  AssertNever<Differs<sdk.PackageVisibility, contracts.PackageVisibility>>,
  AssertNever<Differs<InvalidArgumentsError, ProviderInvalidArgumentsError>>,
  AssertNever<Differs<ConstructorParameters<typeof InvalidArgumentsError>, ConstructorParameters<typeof ProviderInvalidArgumentsError>>>,
];
