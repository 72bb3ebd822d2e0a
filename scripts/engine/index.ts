// The engine harness's public API: run Pulumi programs through the real engine from tests and the demo.
export type {
  ConfigEntry,
  EngineDiagnostic,
  EngineJob,
  EngineOperation,
  EngineProgram,
  OperationKind,
  OperationResult,
  ProgramContext,
  ResourceStep,
  SecretFinding,
  StackRunResults,
} from './engine-job';
export {
  createEngineEnvironment,
  installDynamicProviderPlugin,
  resolvePulumiBinary,
  PulumiCliUnavailableError,
  TEST_STACK_PASSPHRASE,
  type EngineEnvironment,
} from './engine-environment';
export { assertEngineOk, explainEngineRun, isInternalResource, resourceSteps } from './engine-results';
export { createEngineWorkDir, listFilesRecursively, KEEP_WORK_DIRS_VAR, type EngineWorkDir } from './engine-work-dir';
export { processesOfRun, RUN_MARKER_VAR } from './process-tree';
export { REDACTED } from './redactor';
export { builtFile, MissingBuildError, repoRoot } from './repo-paths';
export {
  DEFAULT_ENGINE_TIMEOUT_MS,
  runEngine,
  startEngine,
  type EngineRun,
  type EngineRunFiles,
  type EngineRunOptions,
  type EngineRunResult,
} from './run-engine';
export { ensureSelfLink } from './self-link';
