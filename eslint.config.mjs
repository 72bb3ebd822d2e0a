// ESLint: the checks the compiler does not make (floating promises, `any` leaking into typed code, unsafe
// template values...). Base: ESLint's recommended rules + typescript-eslint's recommendedTypeChecked, which reads
// types from tsconfig.json. Formatting is Prettier's job (.prettierrc): no style rules here.
// `npm run lint` checks; `npm run format` fixes what can be fixed mechanically.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'docs/', 'sdk/go/', 'sdk/python/', 'coverage/', '.pulumi-state/', '**/node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } } },
  {
    rules: {
      // Provider methods are async by contract (Pulumi's ResourceProvider); `async` also turns a throw into a rejection.
      '@typescript-eslint/require-await': 'off',
      // Control characters in our regexes are the point: input validation and redaction look for exactly them.
      'no-control-regex': 'off',
      // `const { dropped: _, ...rest } = x` is how we omit a property.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Provider stubs Pulumi serializes into state: each method require()s the real provider by name at run time.
    files: ['sdk/provider-stub.ts', 'tests/fixtures-programs/smoke-program.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Tests read JSON bodies, engine outputs and mocks as `any` on purpose: the assertion is the type check.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // Plain JavaScript config files are outside tsconfig.json: lint them without type information.
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } } },
);
