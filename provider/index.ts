/**
 * Entry point the SDK's serialized provider stubs load at run time (`require('pulumi-github-packages/dist/provider')`).
 * One provider process serves every resource of a stack: one context (settings, client) shared by all kinds.
 * The provider plugin (`provider/plugin/`) serves the same implementations to the other languages.
 */
import type { ResourceKind } from './resource-kind';
import { createProviderContext, ProviderContext } from './resources/provider-context';
import { createResourceImplementation, type ResourceImplementation } from './resources/resource-implementation';
import { listingConfigReader, type ConfigReader } from './settings/provider-settings';

let context: ProviderContext | undefined;
const implementations = new Map<ResourceKind, ResourceImplementation>();

/** Called by each stub's `configure` hook with the stack's config; the first call wins (same config for all). */
export async function configure(config: ConfigReader): Promise<void> {
  if (!context) context = createProviderContext({ config: listingConfigReader(config) });
}

export function resourceProvider(kind: ResourceKind): ResourceImplementation {
  if (!context) context = createProviderContext({ config: { get: () => undefined } });
  let implementation = implementations.get(kind);
  if (!implementation) {
    implementation = createResourceImplementation(kind, context);
    implementations.set(kind, implementation);
  }
  return implementation;
}
