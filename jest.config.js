// Jest runs the TypeScript sources through ts-jest (no type check here: `npm run build` type-checks first).
//
// @octokit/rest 21+ and its helpers are ESM-only. The provider runs in plain Node >= 20.19, which can
// require() ESM natively, but Jest's module system on Node 20 cannot (it can from Node 24.9). So, for tests
// only, ts-jest also compiles those few ESM packages to CommonJS. See README "Why the jest config
// transforms @octokit".
const esmOnlyPackages = ['@octokit', 'universal-user-agent', 'before-after-hook', 'fast-content-type-parse', 'content-type', 'json-with-bigint'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
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
  testTimeout: 30000,
};
