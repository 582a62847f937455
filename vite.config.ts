import { resolve } from 'node:path';
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

/** `--mode demo`: the QA page and the embedding examples, served by the BFF under /demo/. */
// The plain-HTML and cross-origin examples live in demo/public and are copied as they are: they
// load the widget the way a page without a build step does, from the BFF's /widget/ URL.
const demoPages = {
  index: 'demo/index.html',
  react: 'demo/examples/react/index.html',
  vue: 'demo/examples/vue/index.html',
};

export default defineConfig(({ mode }) => {
  if (mode === 'demo') {
    return {
      root: 'demo',
      base: '/demo/',
      resolve: { alias: { vue: 'vue/dist/vue.esm-bundler.js' } },
      define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
      build: {
        outDir: '../dist/demo',
        emptyOutDir: true,
        target: 'es2022',
        rolldownOptions: { input: Object.fromEntries(Object.entries(demoPages).map(([k, v]) => [k, resolve(v)])) },
      },
    };
  }
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
