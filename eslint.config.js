// One lint configuration for every layer. Beyond the recommended rules, it enforces the architecture:
// the renderer and browser-side shared code reach no Node, Electron or SQLite; only the store speaks SQL
// drivers; the CLI writes to the terminal through terminal-output.ts.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_ONLY = [
  {
    group: ['node:*', 'electron', 'electron/*', 'better-sqlite3'],
    message: 'Browser-side code: no Node built-ins, Electron or SQLite (see README, Architecture).',
  },
  {
    group: ['fs', 'path', 'os', 'child_process', 'crypto', 'worker_threads', 'http', 'https', 'url', 'stream', 'util'],
    message: 'Browser-side code: no Node built-ins.',
  },
];
const NO_STORE = {
  group: ['**/store/*', '**/importers/*', '**/core/*', '**/core/methods/*', '**/cli/*', '**/http/*'],
  message: 'The renderer reaches the core through the contract client only.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'docs/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // The codebase narrows `unknown` at boundaries with zod; `any` is allowed only where a library forces it.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // CommonJS on purpose: a stand-in module loaded through require() by the Electron shell's tests.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'no-restricted-imports': ['error', { patterns: [...NODE_ONLY, NO_STORE] }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['shared/domain/**/*.ts', 'shared/contract/**/*.ts', 'shared/client/**/*.ts', 'shared/metrics/**/*.ts'],
    ignores: ['shared/metrics/dora.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NODE_ONLY }] },
  },
  {
    files: ['shared/cli/**/*.ts'],
    ignores: ['shared/cli/terminal-output.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'console', property: 'log', message: 'CLI output goes through terminal-output.ts (escapes control characters).' },
        { object: 'console', property: 'error', message: 'CLI output goes through terminal-output.ts (escapes control characters).' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['shared/store/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['better-sqlite3'], allowTypeImports: true, message: 'SQL lives in shared/store.' }] }] },
  },
);
