/**
 * What a resource that mutates many versions in one `up` does when some fail: record in state what it did (when
 * it stops sending requests: failure-streak.ts).
 */

/** A failed apply that still records, in state, what it did (the engine keeps `properties` for the resource). */
export class PartialApplyError<T> extends Error {
  override readonly name: string = 'PartialApplyError';
  constructor(
    message: string,
    readonly id: string,
    readonly properties: T,
    readonly reasons: string[],
  ) {
    super(message);
  }
}
