/**
 * The plugin's names: package `github-packages`, one module `index`. Resource tokens
 * (`github-packages:index:PackageVersionRetention`) name the resource kinds of `provider/resource-kind.ts`;
 * function tokens name the read functions. The schema generator writes the same tokens from this list.
 */
import { PACKAGE_INPUT_KEYS, PACKAGE_VERSION_INPUT_KEYS, RETENTION_INPUT_KEYS, VERSION_SET_INPUT_KEYS } from '../contracts';
import type { ResourceKind } from '../resource-kind';

export const PACKAGE_NAME = 'github-packages';

export const RESOURCE_KINDS = [
  'PackageVersionRetention',
  'PackageVersion',
  'PackageVersionSet',
  'Package',
] as const satisfies readonly ResourceKind[];

export const FUNCTION_NAMES = ['getPackage', 'listPackages', 'listPackageVersions'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** The properties a program writes, per kind (the rest of a checked input bag is what check added: the plan). */
export const INPUT_KEYS: Record<ResourceKind, readonly string[]> = {
  PackageVersionRetention: RETENTION_INPUT_KEYS,
  PackageVersion: PACKAGE_VERSION_INPUT_KEYS,
  PackageVersionSet: VERSION_SET_INPUT_KEYS,
  Package: PACKAGE_INPUT_KEYS,
};

export function resourceToken(kind: ResourceKind): string {
  return `${PACKAGE_NAME}:index:${kind}`;
}

export function functionToken(name: FunctionName): string {
  return `${PACKAGE_NAME}:index:${name}`;
}

/** The kind a URN names (`urn:pulumi:stack::project::[parent$]github-packages:index:Kind::name`), if ours. */
export function kindOfUrn(urn: string): ResourceKind | undefined {
  const type = urn.split('::')[2]?.split('$').pop();
  return RESOURCE_KINDS.find((kind) => resourceToken(kind) === type);
}

export function functionOfToken(token: string): FunctionName | undefined {
  return FUNCTION_NAMES.find((name) => functionToken(name) === token);
}
