/**
 * The resource kinds this package implements: the SDK's stubs name one, the provider's entry point serves it.
 * It lives in provider/ so that the entry point needs nothing from the SDK above it.
 */
export type ResourceKind = 'PackageVersion' | 'PackageVersionSet' | 'Package' | 'PackageVersionRetention';
