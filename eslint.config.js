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
    // The database seam (ARCHITECTURE.md): what differs between a libSQL file, a remote libSQL
    // server and PostgreSQL is decided in bff/db/ only. Elsewhere in the BFF, tables come from the
    // handle (`tablesOf(db)`), statements go through `readBatch`/`runBatch`/`writer.batch`/`rows`,
    // and engine-specific SQL through `sqlFor(db)`.
    files: ['bff/**/*.ts'],
    ignores: ['bff/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['@libsql/client', 'libsql', 'pg', 'drizzle-orm/libsql', 'drizzle-orm/node-postgres', 'drizzle-orm/sqlite-core', 'drizzle-orm/pg-core'].map(
            (name) => ({ name, message: 'Engine-specific: only bff/db/ may import it.' }),
          ),
          patterns: [
            {
              group: ['**/db/tables.js', '**/db/schema.js', '**/db/auth-schema.js', '**/db/pg-*.js'],
              allowTypeImports: true,
              message: "Tables come from the handle (`tablesOf(db)` from db/handle.js): a PostgreSQL handle's are not SQLite's.",
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // The `Db` type has none of these; this catches a cast around it.
          selector:
            "CallExpression[callee.property.name=/^(all|get|run|values|batch|execute|transaction)$/]:matches([callee.object.name=/^(db|tx|reads|writes|handle)$/], [callee.object.property.name='db'])",
          message: 'Dialect-only call: use readBatch/runBatch/rows (db/batch.js), writer.batch or writer.transaction.',
        },
        {
          // A query builder's own runners (`select(…).get()`, `.all()`): SQLite's only.
          selector: "CallExpression[arguments.length=0][callee.property.name=/^(all|get|run|values)$/][callee.object.type='CallExpression']",
          message: 'Dialect-only call: await the builder (or put it in readBatch) and take the rows.',
        },
        {
          selector: "MemberExpression[property.name='$client']",
          message: "The driver's client is bff/db/'s to use.",
        },
        {
          selector:
            'TemplateElement[value.raw=/sqlite_master|pragma_|\\browid\\b|changes\\(\\)|json_group_array|json_object\\(|json_set|json_extract|unixepoch/i]',
          message: 'SQLite-only SQL: ask bff/db/ (sqlFor, purgeBatch, listTableColumns).',
        },
      ],
    },
  },
  {
    // Tests run on every engine (ODZ_TEST_DATABASE): the tables of the run's engine come from one place.
    files: ['test/**/*.ts'],
    ignores: ['test/helpers/tables.ts', 'test/bff/remote.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/bff/db/tables.js', '**/bff/db/schema.js', '**/bff/db/auth-schema.js'],
              allowTypeImports: true,
              message: "Take the run's tables from test/helpers/tables.js: under ODZ_TEST_DATABASE=postgres they are PostgreSQL's.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and benchmarks assert with non-null assertions on data they just created.
    files: ['test/**/*.ts', '**/*.test.ts', 'bench/**/*.ts'],
    // Chai's property assertions (`expect(x).to.be.true`) are expressions on purpose.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
