/**
 * Entry point the SDK's serialized provider stubs load at run time (`require('pulumi-github-packages/dist/provider')`).
 * One provider process serves every resource of a stack: one context (settings, client) shared by all kinds.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { ResourceKind } from './resource-kind';
import { createPackageProvider } from './resources/package-provider';
import { createPackageVersionProvider } from './resources/package-version-provider';
import { createPackageVersionSetProvider } from './resources/package-version-set-provider';
import { createProviderContext, ProviderContext } from './resources/provider-context';
import { createRetentionProvider } from './resources/retention-provider';
import { listingConfigReader, type ConfigReader } from './settings/provider-settings';
import { withRedaction } from './resources/with-redaction';

type Implementation = Required<Omit<pulumi.dynamic.ResourceProvider, 'configure'>>;

let context: ProviderContext | undefined;
const implementations = new Map<ResourceKind, Implementation>();

/** Called by each stub's `configure` hook with the stack's config; the first call wins (same config for all). */
export async function configure(config: ConfigReader): Promise<void> {
  if (!context) context = createProviderContext({ config: listingConfigReader(config) });
}

export function resourceProvider(kind: ResourceKind): Implementation {
  if (!context) context = createProviderContext({ config: { get: () => undefined } });
  let implementation = implementations.get(kind);
  if (!implementation) {
    implementation = withRedaction(createImplementation(kind, context));
    implementations.set(kind, implementation);
  }
  return implementation;
}

function createImplementation(kind: ResourceKind, ctx: ProviderContext): Implementation {
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
