// Mutation testing of the planner (CONTRIBUTING.md, "Mutation testing"): `npm run test:mutation`, or one file
// while iterating: `npm run test:mutation -- --mutate provider/planner/holds.ts`. Not part of `npm test`.
// One test process at a time (the machine's cores are shared); the planner's unit and property tests only.
import { createRequire } from 'node:module';

// jest.config.js is split into projects (quick, engine); Stryker's jest runner merges its config over the file's,
// so a testMatch of its own would be ignored beside `projects` (every test, the engine's too, would run per mutant).
// The run takes the quick project's settings (transform, environment) as one config, `projects` emptied.
const { projects, ...jestGlobal } = createRequire(import.meta.url)('./jest.config.js');
// (displayName and the quick project's ignore list do not apply to one config.)
const { displayName, testPathIgnorePatterns, ...quick } = projects.find((project) => project.displayName === 'quick');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: { ...jestGlobal, ...quick, projects: [], testMatch: ['<rootDir>/tests/unit/planner/**/*.test.ts'] },
    enableFindRelatedTests: false,
  },
  mutate: ['provider/planner/**/*.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
