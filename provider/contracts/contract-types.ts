/** Compile-time helpers the contracts use to prove that a key list names every property of a type. */

/** Compiles only when `T` is `never`: `AssertNever<Exclude<keyof X, K>>` proves that the list `K` covers `X`. */
export type AssertNever<T extends never> = T;

/** The keys of `T` that the list `K` leaves out (`never` when it covers them all). */
export type KeysMissing<T, K extends readonly PropertyKey[]> = Exclude<keyof T, K[number]>;

/** What `pulumi preview` shows for a resource that will act, and what the stored outputs keep after `up`. */
export type PlannedAction = 'delete' | 'restore' | 'none';
