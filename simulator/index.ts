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
