export { PackagesClient, DEFAULT_MUTATION_INTERVAL_MS, DEFAULT_READ_CONCURRENCY, PER_PAGE, MAX_LIST_PAGES } from './packages-client';
export { MAX_RESPONSE_BYTES } from './guarded-fetch';
export type { PackagesClientOptions, ListProgress, ListVersionsOptions, RestoreOptions, PreflightTarget } from './packages-client';
export { realClock } from './clock';
export type { Clock } from './clock';
export { DEFAULT_RETRY_POLICY } from './create-octokit';
export type { ClientLogger, RetryPolicy } from './create-octokit';
export { requiredScopes, missingScopes, parseScopesHeader, effectiveScopes, REPO_SCOPE_TYPES, PACKAGE_ACTIONS } from './required-scopes';
export type { PackageAction } from './required-scopes';
