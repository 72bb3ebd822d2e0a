/**
 * The one implementation of each resource kind, as both doors serve it: the dynamic provider (`provider/index.ts`,
 * reached through the SDK's stubs) and the provider plugin (`provider/plugin/`, for YAML, Go, Python and .NET).
 * Whatever either door hands the engine passes through redaction first (`with-redaction.ts`).
 */
import type * as pulumi from '@pulumi/pulumi';
import type { ResourceKind } from '../resource-kind';
import { createPackageProvider } from './package-provider';
import { createPackageVersionProvider } from './package-version-provider';
import { createPackageVersionSetProvider } from './package-version-set-provider';
import type { ProviderContext } from './provider-context';
import { createRetentionProvider } from './retention-provider';
import { withRedaction } from './with-redaction';

export type ResourceImplementation = Required<Omit<pulumi.dynamic.ResourceProvider, 'configure'>>;

export function createResourceImplementation(kind: ResourceKind, ctx: ProviderContext): ResourceImplementation {
  return withRedaction(createImplementation(kind, ctx));
}

function createImplementation(kind: ResourceKind, ctx: ProviderContext): ResourceImplementation {
  switch (kind) {
    case 'PackageVersion':
      return createPackageVersionProvider(ctx);
    case 'PackageVersionSet':
      return createPackageVersionSetProvider(ctx);
    case 'Package':
      return createPackageProvider(ctx);
    case 'PackageVersionRetention':
      return createRetentionProvider(ctx);
  }
}
