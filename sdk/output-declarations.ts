/**
 * How the SDK's resource classes derive from the contracts in `provider/contracts/`: the compiler refuses a class
 * whose declared outputs or whose args differ from its contract (`AssertNever<OutputDrift<…>>` in each class's
 * module), and the constructor registers exactly the contract's output keys.
 */
import type * as pulumi from '@pulumi/pulumi';

/** The outputs a resource class declares (its `pulumi.Output` properties but `id` and `urn`), unwrapped. */
type Declared<R> = {
  [K in keyof R as K extends 'id' | 'urn' ? never : R[K] extends pulumi.OutputInstance<unknown> ? K : never]: R[K] extends pulumi.OutputInstance<
    infer T
  >
    ? T
    : never;
};

/** `O` with optional properties as `T | undefined` (how a class declares an output that may be absent). */
type Settled<O> = { [K in keyof O & string]: O[K] };

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The keys where a class's declared outputs and its contract's outputs differ (missing, extra or another type). */
export type OutputDrift<R, O> = {
  [K in keyof Declared<R> | keyof O]: K extends keyof O
    ? K extends keyof Declared<R>
      ? Same<Declared<R>[K], Settled<O>[K & keyof Settled<O>]> extends true
        ? never
        : K
      : K
    : K;
}[keyof Declared<R> | keyof O];

/** The keys where resource args and the contract's inputs differ (missing, extra, or another type once unwrapped). */
export type ArgsDrift<A, I> = {
  [K in keyof A | keyof I]: K extends keyof I
    ? K extends keyof A
      ? Same<pulumi.Unwrap<Exclude<A[K], undefined>>, Exclude<I[K], undefined>> extends true
        ? never
        : K
      : K
    : K;
}[keyof A | keyof I];

/** Compiles only when `T` is `never`: `AssertNever<OutputDrift<Package, PackageOutputs>>`. */
export type AssertNever<T extends never> = T;

/** Every output key of a contract, unset: the engine then reports them as the resource's outputs. */
export function outputPlaceholders(keys: readonly string[]): Record<string, undefined> {
  return Object.fromEntries(keys.map((key) => [key, undefined]));
}
