/** The GitHub Packages API simulator: public API (wiring only). See simulator/README.md. */
export { startSimulator, type RunningSimulator } from './start-simulator';
export { createSimulatorHandler } from './create-simulator-handler';
export { SimulatorRuntime } from './simulator-runtime';
export { SimulatorControl, SimulatorControlError, type VersionView, type PublishVersionInput } from './simulator-control';
export { FIXTURE_PATHS } from './fixture-loader';
export { GITHUB_RATE_LIMITS } from './rate-limiter';
export { generatePackage } from './large-package-generator';
export { FIXTURE_TOKENS, type FixtureTokenLabel } from './fixture-tokens';
export * from './types';
export { RegistryStore, sha256Digest } from './registry/registry-store';
export {
  generateMultiArchRepository,
  withRepository,
  DEFAULT_PLATFORMS,
  type MultiArchRepositorySpec,
  type GeneratedRepository,
  type GeneratedImage,
} from './registry/multi-arch-generator';
export * from './registry/media-types';
export type { FixtureManifest, FixtureRegistry } from './registry/types';
export { publishManifest, type PublishManifestInput } from './registry/registry-control';
export { expandGeneratedRepositories } from './registry/multi-arch-generator';
