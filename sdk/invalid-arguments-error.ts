/** One rejected argument and what is allowed (the shape of a resource's check failure). */
export interface ArgumentFailure {
  readonly property: string;
  readonly reason: string;
}

/**
 * Arguments of a read function (`getPackage`, `listPackages`, `listPackageVersions`) that no request is sent for:
 * each failure names the argument and says what is allowed, as a resource's check failure would.
 */
export class InvalidArgumentsError extends Error {
  readonly code = 'invalid_arguments';
  constructor(
    readonly functionName: string,
    readonly failures: readonly ArgumentFailure[],
  ) {
    super(`${functionName}: ${failures.map((f) => `${f.property} ${f.reason}`).join('; ')}. Fix the arguments; nothing was requested.`);
    this.name = 'InvalidArgumentsError';
  }
}
