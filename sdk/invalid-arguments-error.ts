/**
 * The error of the read functions' arguments. The class is the provider's (`provider/validation/invalid-arguments-error.ts`),
 * thrown by the one implementation of the read functions that the SDK and the provider plugin share; it is declared
 * here in the SDK's own types, an interface and its constructor (as TypeScript's lib declares `Error`), so that the
 * SDK's declaration files import nothing of the provider. `contract-conformance.ts` proves the two the same.
 */
import { InvalidArgumentsError as ProviderInvalidArgumentsError } from '../provider/validation/invalid-arguments-error';

/** One rejected argument and what is allowed (the shape of a resource's check failure). */
export interface ArgumentFailure {
  readonly property: string;
  readonly reason: string;
}

/**
 * Arguments of a read function (`getPackage`, `listPackages`, `listPackageVersions`) that no request is sent for:
 * each failure names the argument and says what is allowed, as a resource's check failure would.
 * `err instanceof InvalidArgumentsError` tells it apart.
 */
export interface InvalidArgumentsError extends Error {
  readonly code: 'invalid_arguments';
  /** `getPackage`, `listPackages` or `listPackageVersions`. */
  readonly functionName: string;
  readonly failures: readonly ArgumentFailure[];
}

/** The class of the read functions' argument errors (for `instanceof`). */
export const InvalidArgumentsError: {
  new (functionName: string, failures: readonly ArgumentFailure[]): InvalidArgumentsError;
  readonly prototype: InvalidArgumentsError;
} = ProviderInvalidArgumentsError;
