// Lint config. The layer rules are the point: src/core and src/shared stay free of
// 'vscode' so they run under plain Node, and webview/ reaches the host only
// through src/shared/protocol.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export const coreRestrictions = {
  patterns: [
    { group: ['vscode'], message: 'src/core and src/shared must not import vscode: put VS Code calls in src/vscode.' },
    { group: ['**/vscode/*', '**/src/vscode/**'], message: 'src/core must not depend on the VS Code adapters.' },
  ],
};

export const webviewRestrictions = {
  patterns: [
    { group: ['vscode'], message: 'The webview cannot import vscode: talk to the host through src/shared/protocol.ts.' },
    {
      group: ['**/src/core/**', '**/src/vscode/**', '**/src/extension*'],
      message: 'The webview may import only src/shared and browser packages.',
    },
    {
      group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'crypto', 'openai'],
      message: 'The webview runs in a browser: Node modules and the API client are host-only.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.cache/', '.test-runs/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreRestrictions] },
  },
  {
    files: ['webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', webviewRestrictions] },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs', 'test/**/*.ts', 'src/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // Test launchers load tools from the on-demand cache by absolute path.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['webview/**/*.ts', 'test/ui/page/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
);
