import type { CheckFailure } from './check-failure';

/**
 * Arguments of a read function (`getPackage`, `listPackages`, `listPackageVersions`) that no request is sent for:
 * each failure names the argument and says what is allowed, as a resource's check failure would. Thrown by the one
 * implementation of the read functions (`provider/resources/read-functions.ts`); the SDK exports this class under
 * its own declaration (`sdk/invalid-arguments-error.ts`), and the provider plugin answers an invoke with its failures.
 */
export class InvalidArgumentsError extends Error {
  readonly code = 'invalid_arguments';
  constructor(
    readonly functionName: string,
    readonly failures: readonly CheckFailure[],
  ) {
    super(`${functionName}: ${failures.map((f) => `${f.property} ${f.reason}`).join('; ')}. Fix the arguments; nothing was requested.`);
    this.name = 'InvalidArgumentsError';
  }
}
