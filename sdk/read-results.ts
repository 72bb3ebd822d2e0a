/**
 * What the read functions return: readonly public types in the vocabulary of the resources. They live in the
 * provider's contracts (`provider/contracts/read-function-contract.ts`), which the provider plugin's invokes share.
 */
export type { PackageResult, PackageVersionResult, PackageVisibility } from '../provider/contracts/read-function-contract';
