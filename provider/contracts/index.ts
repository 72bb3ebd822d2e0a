/**
 * One contract per resource: the properties a program writes (inputs), the properties the provider adds (outputs,
 * what `pulumi preview` and the state show), and the list of output keys. It is the single source of truth that the
 * SDK's resource classes (`sdk/`), the provider implementations (`provider/resources/`) and the review report
 * (`report/`) derive from; the compiler refuses a class, an implementation or a list that drifts from it
 * (`satisfies` and the assertions in each module), and `tests/provider/output-keys.test.ts` checks the stored
 * outputs after create, update, read and refresh against the lists.
 *
 * Why here, in `provider/contracts/`: the provider must not import the SDK above it, while the SDK already imports
 * the provider's shared types (type-only; resources reach the provider only through the stub). So the contracts
 * sit under both: they import nothing but the shared domain types (`provider/types.ts`) and the planner's types,
 * hold no code beyond constant key lists, and everything that describes a resource imports them.
 *
 * Names follow one vocabulary (docs/resources.md "Names"): `packageName`, `packageType`, `packageId`, `versionId`,
 * `versionName`, `state` (desired) and `currentState` (live).
 */
export * from './package-contract';
export * from './package-version-contract';
export * from './retention-contract';
export * from './version-set-contract';
export * from './contract-types';
export * from './read-function-contract';
