/**
 * The package types GitHub's packages API knows: the `package_type` enum of its API description
 * (simulator/openapi/github-packages-openapi.json; tests/simulator/contract.test.ts keeps the two equal).
 * The simulator keeps its own list rather than the provider's: it stands for GitHub, not for our code.
 */
export const PACKAGE_TYPES = ['npm', 'maven', 'rubygems', 'docker', 'nuget', 'container'] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

export function isPackageType(value: unknown): value is PackageType {
  return typeof value === 'string' && (PACKAGE_TYPES as readonly string[]).includes(value);
}
