/** Container registry side: manifests and referrers for the image graph (wiring only). */
export { RegistryClient, RepositoryReader, type RegistryClientOptions, type ManifestResult, type Referrer } from './registry-client';
export { parseManifest, type ParsedManifest, type ChildDescriptor, type Platform } from './manifest';
export { RegistryAuthError } from './registry-errors';
export * from './media-types';
export { GITHUB_COM_REGISTRY_URL, registryUrlBeside } from '../settings/provider-settings';
