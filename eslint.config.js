// Lint with zero warnings (npm run check). Module boundaries are a rule, not a hope:
// code outside a module imports only its index.ts, on the server (src/, bench/, e2e/, scripts/) and in the web app.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'db/migrations/', 'data/', 'coverage/', 'test-results/', 'bench/results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/modules/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(\\.\\./)*modules/[^/]+/(?!index\\.ts$)', message: 'Import a module through its index.ts.' }] },
      ],
    },
  },
  {
    files: ['src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(?!\\.\\./)[^/]+/(?!index\\.ts$)', message: 'Import another module through its index.ts.' }] },
      ],
    },
  },
  {
    // Tests may also use another module's test factories (its fixtures.ts: gridWorld, smartWorld), never production code.
    files: ['src/modules/**/*.test.ts', 'src/modules/**/fixtures.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)[^/]+/(?!(index|fixtures)\\.ts$)',
              message: 'Import another module through its index.ts (tests: or its fixtures.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // Benches, browser tests and scripts are outside every server module too.
    files: ['bench/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+src/modules/[^/]+/(?!index\\.ts$)', message: 'Import a server module through its index.ts.' }] },
      ],
    },
  },
  {
    // The web mirrors the server: app code imports a web module only through its index.ts, or its manifest
    // (module.tsx: pages and menu entries, for the app's module list) ...
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/modules/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\./|(\\.\\./)+)modules/[^/]+/(?!(index\\.ts|module\\.tsx)$)',
              message: 'Import a web module through its index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // ... and web modules import each other only through theirs.
    files: ['web/src/modules/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(?!\\.\\./)[^/]+/(?!index\\.ts$)', message: 'Import another web module through its index.ts.' }] },
      ],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'bin/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
