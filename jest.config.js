// Jest runs the TypeScript sources through ts-jest (no type check here: `npm run build` type-checks first).
//
// @octokit/rest 21+ and its helpers are ESM-only. The provider runs in plain Node >= 20.19, which can
// require() ESM natively, but Jest's module system on Node 20 cannot (it can from Node 24.9). So, for tests
// only, ts-jest also compiles those few ESM packages to CommonJS. See README "Why the jest config
// transforms @octokit".
const esmOnlyPackages = ['@octokit', 'universal-user-agent', 'before-after-hook', 'fast-content-type-parse', 'content-type', 'json-with-bigint'];

/** Each project's settings. */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: {
    '^.+\\.[tj]s$': [
      'ts-jest',
      {
        // Transpile only (no type check: `npm run build` type-checks first).
        tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true, isolatedModules: true },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
};

/**
 * The tiers that run the real Pulumi engine (they need dist/ and the Pulumi CLI, and take most of the time): the end
 * to end tests, and the examples, the review report, the GitHub Actions workflows and the SDK compatibility run, each
 * kept with its subject. Everything else is `quick` (`npm run test:quick`, the edit loop).
 */
const engineTests = [
  '<rootDir>/tests/e2e/**/*.test.ts',
  '<rootDir>/tests/examples/**/*.test.ts',
  '<rootDir>/tests/report/**/*.test.ts',
  '<rootDir>/tests/github-actions/**/*.test.ts',
  '<rootDir>/tests/compat/sdk-compat.test.ts',
];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'quick',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/tests/(e2e|examples|report|github-actions)/', '/tests/compat/sdk-compat\\.test\\.ts$'],
    },
    { ...common, displayName: 'engine', testMatch: engineTests },
  ],
  // Two test files at a time (jest's default on a 2-core machine is one): an engine test spends most of its wall time
  // waiting on the Pulumi CLI and the provider processes it starts, so a second file runs in that time. Jest starts
  // the files that took longest last time first, so the long engine files overlap the many short ones.
  maxWorkers: 2,
  // A global option: inside a project jest ignores it.
  testTimeout: 30000,
};
