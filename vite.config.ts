import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin, type UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import { shortLitMessages } from './widget/lit-messages.js';
import { minifyTemplates } from './widget/minify-templates.js';

/**
 * `vite build` writes everything a host installs to dist/widget/: the self-contained module (Lit
 * inside) as `org-danger-zone.js`, then, from its `closeBundle`, the Lit-external module
 * (`--mode lit-external`), the React wrapper (`--mode react`), the `.d.ts` files
 * (`tsc -p widget/tsconfig.build.json`) and the custom-elements manifest with the editors' data
 * derived from it, and last it imports the self-contained module the way a server would (no DOM).
 * Each `--mode` also builds its variant alone.
 *
 * Each element module is one file for its first render; what it loads later (the reasons and the
 * dialogs, the languages) are content-hashed chunks beside it, imported by relative URL, so they
 * resolve against the module's own URL wherever it is served from. The entry may export, under
 * short internal names, what those chunks import from it (`preserveEntrySignatures`): otherwise the
 * bundler would split Lit and the shared modules into a chunk of their own and the first render
 * would wait for two requests. The `.d.ts` declares only the public names.
 * The `test` block is vitest's (the BFF tests).
 */
const bareLit = [/^lit($|\/)/, /^@lit\//];
const builds = {
  production: { entry: 'widget/index.ts', file: 'org-danger-zone.js', chunks: 'odz-[name]-[hash].js', external: [] as RegExp[] },
  'lit-external': {
    entry: 'widget/index.ts',
    file: 'org-danger-zone.lit-external.js',
    chunks: 'odz-lit-external-[name]-[hash].js',
    external: bareLit,
  },
  // The wrapper imports the element from the lit-external file beside it instead of bundling it.
  react: { entry: 'widget/react.ts', file: 'react.js', chunks: 'odz-react-[name]-[hash].js', external: [...bareLit, /^react($|\/)/, /^\.\/index\.js$/] },
};

/**
 * The self-contained module must be importable where there is no DOM (a server rendering the host
 * page): Lit's browser build extends `HTMLElement` and calls `document.createTreeWalker` as its
 * module evaluates. These module-scoped stand-ins (globals are not touched) let it evaluate there;
 * `index.ts` registers the element only where `customElements` exists, so nothing is registered on
 * a server. In a browser they are the page's own `HTMLElement` and `document`.
 */
const domStandIns = 'const{HTMLElement=class{},document={createTreeWalker(){}}}=globalThis;';

/** The `.d.ts` entries beside the modules they describe; tsc writes the declarations under types/. */
const typeEntries = {
  // Both element modules have the same API (the self-contained one is index.ts with Lit inside).
  'index.d.ts': './types/widget/index.js',
  'react.d.ts': './types/widget/react.js',
};

/** The promise of the self-contained module: a server without a DOM imports it and nothing happens. */
async function checkServerImport() {
  const module = (await import(`${pathToFileURL(resolve('dist/widget/org-danger-zone.js')).href}?server-check`)) as Record<string, unknown>;
  if (typeof module['OrgDangerZone'] !== 'function' || 'customElements' in globalThis) {
    throw new Error('dist/widget/org-danger-zone.js: importing it without a DOM must give its exports and register nothing');
  }
}

/** After the self-contained build: the other variants, the declarations and the manifest. */
function widgetCompanions(): Plugin {
  return {
    name: 'odz-widget-companions',
    apply: 'build',
    async closeBundle() {
      for (const mode of ['lit-external', 'react']) await build({ configFile: resolve('vite.config.ts'), mode, logLevel: 'warn' });
      execFileSync(resolve('node_modules/.bin/tsc'), ['-p', 'widget/tsconfig.build.json'], { stdio: 'inherit' });
      for (const [file, source] of Object.entries(typeEntries)) writeFileSync(`dist/widget/${file}`, `export * from '${source}';\n`);
      // The frameworks' template types: declarations only, beside an empty module for each entry.
      for (const framework of ['vue', 'svelte']) {
        copyFileSync(`widget/frameworks/${framework}.d.ts`, `dist/widget/${framework}.d.ts`);
        writeFileSync(`dist/widget/${framework}.js`, 'export {};\n');
      }
      execFileSync(resolve('node_modules/.bin/cem'), ['analyze', '--config', 'widget/custom-elements-manifest.config.mjs'], { stdio: 'inherit' });
      await checkServerImport();
    },
  };
}

function widgetBuild(mode: string): UserConfig {
  const variant = builds[mode as keyof typeof builds] ?? builds.production;
  const selfContained = variant === builds.production;
  return {
    plugins: [minifyTemplates(), shortLitMessages(), ...(selfContained ? [widgetCompanions()] : [])],
    build: {
      outDir: 'dist/widget',
      emptyOutDir: selfContained,
      target: 'es2022',
      sourcemap: true,
      // Two minifiers, one after the other: terser (on each chunk as rendered) inlines what is
      // used once and folds constants across modules; oxc (below)
      // then prints the result more compactly than terser would. Together they take about 100
      // bytes of gzip off the first chunk that either alone leaves in.
      minify: 'terser',
      terserOptions: { compress: { passes: 2 } },
      lib: { entry: variant.entry, formats: ['es'], fileName: () => variant.file },
      rolldownOptions: {
        external: variant.external,
        preserveEntrySignatures: 'allow-extension',
        output: {
          minify: true,
          // Nothing downstream tree-shakes inside these chunks, and Lit's licence is the package's
          // notice to carry: comments are dead weight in the browser.
          comments: false,
          chunkFileNames: variant.chunks,
          // What both lazy chunks (the dialogs', the rare states' view) share is one chunk, which the
          // first chunk asks for beside either: never a file found only once a lazy chunk has loaded.
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [{ name: 'lazy-common', test: /widget[\\/](localization[\\/]formatting|org-danger-zone[\\/]lazy-styles|translations[\\/]en-rare)\.ts$/ }],
          },
          intro: (chunk: { isEntry: boolean }) => (selfContained && chunk.isEntry ? domStandIns : ''),
          // React Server Components (Next.js's App Router): the wrapper is a client component, so a
          // server component may render it; the directive must open the module.
          postBanner: (chunk: { isEntry: boolean }) => (variant === builds.react && chunk.isEntry ? "'use client';" : ''),
          paths: (id: string) => (/(^|\/)index\.js$/.test(id) ? './org-danger-zone.lit-external.js' : id),
        },
      },
    },
  };
}

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
  return {
    ...widgetBuild(mode),
    test: {
      include: ['test/bff/**/*.test.ts', 'shared/**/*.test.ts', 'bff/**/*.test.ts'],
      // ODZ_TEST_DATABASE=postgres: one throwaway PostgreSQL server for the run, a database per file.
      globalSetup: ['test/helpers/postgres-global-setup.ts'],
      // Each test file opens its own libSQL file; scrypt sign-ins are CPU-bound, so two at a time.
      maxWorkers: 2,
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
});
