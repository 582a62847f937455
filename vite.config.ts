import { defineConfig } from 'vitest/config';

/**
 * `vite build` writes the self-contained widget (Lit inside) to dist/widget/org-danger-zone.js.
 * `--mode lit-external` writes the variant that imports `lit` (for apps that already ship it), and
 * `--mode react` the React wrapper on top of that variant. `npm run build` runs all three.
 * The `test` block is vitest's (the BFF tests).
 */
const bareLit = [/^lit($|\/)/, /^@lit\//];
const builds = {
  production: { entry: 'widget/index.ts', file: 'org-danger-zone.js', external: [] as (RegExp | string)[] },
  'lit-external': { entry: 'widget/index.ts', file: 'org-danger-zone.lit-external.js', external: bareLit },
  // The wrapper imports the element from the lit-external file beside it instead of bundling it.
  react: { entry: 'widget/react.ts', file: 'react.js', external: [...bareLit, /^react($|\/)/, /^\.\/index\.js$/] },
};

export default defineConfig(({ mode }) => {
  const build = builds[mode as keyof typeof builds] ?? builds.production;
  return {
    build: {
      outDir: 'dist/widget',
      emptyOutDir: build === builds.production,
      target: 'es2022',
      sourcemap: true,
      lib: { entry: build.entry, formats: ['es'], fileName: () => build.file },
      rolldownOptions: {
        external: build.external,
        output: {
          minify: true,
          paths: (id: string) => (/(^|\/)index\.js$/.test(id) ? './org-danger-zone.lit-external.js' : id),
        },
      },
    },
    test: {
      include: ['test/bff/**/*.test.ts', 'shared/**/*.test.ts', 'bff/**/*.test.ts'],
      // Each test file opens its own libSQL file; scrypt sign-ins are CPU-bound, so two at a time.
      maxWorkers: 2,
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
});
