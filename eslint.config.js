import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'public/mockServiceWorker.js', 'test-results', 'playwright-report', '.data'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The architecture's import rules (docs/architecture.md, "Boundaries"): each part may import only what is listed.
    files: ['src/**', 'server/**', 'e2e/**', 'scripts/**'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      'boundaries/elements': [
        { type: 'app', pattern: 'src/app' },
        { type: 'feature', pattern: 'src/features/*', capture: ['feature'] },
        { type: 'lib', pattern: 'src/lib' },
        { type: 'api', pattern: 'src/api' },
        { type: 'graph', pattern: 'src/graph' },
        { type: 'scenario', pattern: 'src/scenario' },
        { type: 'mocks', pattern: 'src/mocks' },
        { type: 'entry', pattern: 'src/main.tsx', mode: 'file' },
        { type: 'server', pattern: 'server' },
        { type: 'e2e', pattern: 'e2e' },
        { type: 'scripts', pattern: 'scripts' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: '{{ from.type }} may not import {{ to.type }} (docs/architecture.md, "Boundaries")',
          rules: [
            { from: { type: 'entry' }, allow: { to: { type: ['app', 'feature', 'lib', 'mocks'] } } },
            { from: { type: 'app' }, allow: { to: { type: ['app', 'feature', 'lib', 'graph', 'scenario'] } } },
            // Features never import each other: only their own folder, and the shared layers.
            { from: { type: 'feature' }, allow: { to: { type: 'feature', captured: { feature: '{{ from.captured.feature }}' } } } },
            { from: { type: 'feature' }, allow: { to: { type: ['lib', 'graph', 'scenario'] } } },
            { from: { type: 'lib' }, allow: { to: { type: ['lib', 'graph'] } } },
            { from: { type: 'scenario' }, allow: { to: { type: ['scenario', 'graph'] } } },
            // src/graph is the one model of Graph: it imports nothing of the UI, the server or the mocks.
            { from: { type: 'graph' }, allow: { to: { type: 'graph' } } },
            { from: { type: 'api' }, allow: { to: { type: ['api', 'graph'] } } },
            { from: { type: 'mocks' }, allow: { to: { type: ['mocks', 'api', 'graph'] } } },
            // The server never imports the UI or the mocks.
            { from: { type: 'server' }, allow: { to: { type: ['server', 'api', 'graph', 'e2e'] } } },
            { from: { type: 'e2e' }, allow: { to: { type: ['e2e', 'graph', 'scenario', 'server'] } } },
            { from: { type: 'scripts' }, allow: { to: { type: ['scripts', 'graph', 'scenario', 'server', 'e2e'] } } },
          ],
        },
      ],
    },
  },
);
