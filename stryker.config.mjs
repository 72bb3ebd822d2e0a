// Mutation testing of the planner (CONTRIBUTING.md, "Mutation testing"): `npm run test:mutation`, or one file
// while iterating: `npm run test:mutation -- --mutate provider/planner/holds.ts`. Not part of `npm test`.
// One test process at a time (the machine's cores are shared); the planner's unit and property tests only.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: { testMatch: ['<rootDir>/tests/unit/planner/**/*.test.ts'] },
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
