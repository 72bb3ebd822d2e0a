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
 * The tests that run the real Pulumi engine (they need dist/ and the Pulumi CLI, and take most of the time): the end
 * to end tests under tests/e2e, and, each kept with the subject it proves (so a change to that subject finds its test
 * beside it): the examples, the review report, the GitHub Actions workflows, the SDK compatibility run, the
 * documentation's programs and Quick start, and the programs through the provider plugin (YAML, Go). Everything
 * else is `quick` (`npm run test:quick`, the edit loop): no engine, no Pulumi CLI.
 */
const engineTests = [
  'tests/e2e/**/*.test.ts',
  'tests/examples/**/*.test.ts',
  'tests/report/**/*.test.ts',
  'tests/github-actions/**/*.test.ts',
  'tests/compat/sdk-compat.test.ts',
  'tests/docs/code-block-programs.test.ts',
  'tests/docs/quick-start.test.ts',
  'tests/plugin/yaml-program.test.ts',
  'tests/plugin/go-program.test.ts',
];

/** A glob of `engineTests` as a testPathIgnorePatterns entry (a regular expression over the file's path). */
function globAsPattern(glob) {
  const escape = (text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const pattern = glob
    .split('**/')
    .map((part) => part.split('*').map(escape).join('[^/]*'))
    .join('(?:.*/)?');
  return `/${pattern}$`;
}

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'quick',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...engineTests.map(globAsPattern)],
    },
    { ...common, displayName: 'engine', testMatch: engineTests.map((glob) => `<rootDir>/${glob}`) },
  ],
  // Two test files at a time (jest's default on a 2-core machine is one): an engine test spends most of its wall time
  // waiting on the Pulumi CLI and the provider processes it starts, so a second file runs in that time. Jest starts
  // the files that took longest last time first, so the long engine files overlap the many short ones.
  maxWorkers: 2,
  // A global option: inside a project's settings Jest ignores it (and every test would get its default 5 s).
  testTimeout: 30000,
};
