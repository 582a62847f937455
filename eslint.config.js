/**
 * ESLint (flat config): typescript-eslint everywhere; for the widget also eslint-plugin-lit (Lit's
 * template rules), eslint-plugin-lit-a11y (accessibility in templates) and eslint-plugin-wc
 * (custom-element lifecycle rules). `npm run lint`; formatting is Prettier's (`npm run format:check`).
 */
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', '.tmp/', 'bff/db/migrations/index.ts', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['widget/**/*.ts', 'demo/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['widget/**/*.ts', 'demo/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['widget/**/*.ts', 'demo/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    files: ['widget/**/*.ts', 'demo/**/*.ts'],
    rules: {
      // In a modal <dialog>, `autofocus` is how the platform picks the first focus when it opens
      // (the WAI-ARIA dialog pattern); the rule is about autofocus on page load.
      'lit-a11y/no-autofocus': 'off',
    },
  },
  {
    // Tests and benchmarks assert with non-null assertions on data they just created.
    files: ['test/**/*.ts', '**/*.test.ts', 'bench/**/*.ts'],
    // Chai's property assertions (`expect(x).to.be.true`) are expressions on purpose.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
