/**
 * The widget's figures (issue 11), measured in Chromium against the bench's BFF in one run:
 *
 * - First load: the widget's files Chromium fetches before the element has rendered the BFF's
 *   answer (`section[aria-busy="false"]` in its shadow root), each compressed with gzip -9 and
 *   brotli 11, summed; and, apart, what it fetches after (the lazy chunks, asked for in the task
 *   after that render).
 * - The loading skeleton: the element's height while it shows (the zone's three rows in outline)
 *   and once the state is rendered; the page should not jump when the state arrives.
 * - The same for two baselines built by vite in the same run into a temp dir with the widget's own
 *   build settings: a minimal Lit element (one `@property`, a button that opens a `<dialog>`) and
 *   Lit's hello-world page (lit.dev's `simple-greeting`); the first load is also a ratio to each.
 * - Click → dialog painted: from the trusted click's `timeStamp` to the second animation frame
 *   after the `<dialog>` is open, i.e. once the frame that shows it has been painted. Cold is the
 *   first click as soon as the actions are shown (the lazy chunk may still be on its way); warm,
 *   the next clicks on the same page. Pages alternate between the widget and the baseline element.
 * - First render: module load → the BFF's answer rendered (median of 20), and the state request alone.
 *
 * Sizes are of the files as built, compressed here; times are medians. Nothing here asserts a time;
 * `npm run bench` exits non-zero when a figure is over its budget (below, issue 22).
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, type InlineConfig } from 'vite';
import { chromiumArgs, findChromium } from '../test/chromium.mjs';
import type { ServerProcess } from '../test/helpers/server-process.js';
import { median, round } from './stats.js';

/** The budgets (issue 22): what loads before the first render, self-contained, Lit included; */
export const BUDGET_GZIP_BYTES = 10_240;
/** how far the element's height may move when the state replaces the skeleton; */
export const BUDGET_SKELETON_SHIFT_PX = 2;
/** and click → delete dialog painted, cold, as a multiple of the minimal Lit element's. */
export const BUDGET_COLD_CLICK_RATIO = 1.3;
const PAGE_LOADS = 20;
const CLICK_PAGES = Number(process.env.BENCH_CLICK_PAGES ?? 20);
const WARM_CLICKS_PER_PAGE = 3;

export interface FileSize {
  file: string;
  minifiedBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export interface Load {
  files: FileSize[];
  minifiedBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export interface ClickTimes {
  coldMedianMs: number;
  warmMedianMs: number;
  coldRuns: number;
  warmRuns: number;
}

export interface WidgetFigures {
  firstLoad: Load & { budgetGzipBytes: number; withinBudget: boolean };
  /** The element's height (CSS px) while the skeleton shows and once the state is rendered. */
  skeleton: { skeletonPx: number; loadedPx: number; shiftPx: number; budgetPx: number; withinBudget: boolean };
  afterFirstRender: Load;
  litExternal: FileSize;
  baselines: {
    litElement: { description: string; firstLoad: Load };
    litHelloWorld: { description: string; firstLoad: Load };
  };
  /** Our first load ÷ each baseline's, gzip. */
  ratios: { toLitElement: number; toLitHelloWorld: number };
  firstRender: { pageLoads: number; medianFirstRenderMs: number; medianStateRequestMs: number };
  clickToDialog: {
    widget: ClickTimes;
    baseline: ClickTimes;
    coldRatio: number;
    warmRatio: number;
    dialog: string;
    budgetColdRatio: number;
    withinBudget: boolean;
  };
}

/** What is over its budget, one line each; none when all are within. */
export function overBudget(w: WidgetFigures): string[] {
  return [
    w.firstLoad.withinBudget ? '' : `the widget loads ${w.firstLoad.gzipBytes} B gzip before its first render, over ${BUDGET_GZIP_BYTES} B`,
    w.skeleton.withinBudget
      ? ''
      : `the element's height moves ${w.skeleton.shiftPx} px when the state replaces the skeleton, over ${BUDGET_SKELETON_SHIFT_PX} px`,
    w.clickToDialog.withinBudget
      ? ''
      : `click → dialog painted, cold, is ×${w.clickToDialog.coldRatio} the minimal Lit element's, over ×${BUDGET_COLD_CLICK_RATIO}`,
  ].filter(Boolean);
}

/** Who the pages sign in as: the existing first-render page (an owner of Globex) and an owner who may delete. */
export interface WidgetSessions {
  firstRender: { orgId: string; cookie: string };
  click: { orgId: string; cookie: string };
}

function measure(path: string, file = path): FileSize {
  const content = readFileSync(path);
  return {
    file,
    minifiedBytes: content.length,
    gzipBytes: gzipSync(content, { level: 9 }).length,
    brotliBytes: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function load(files: FileSize[]): Load {
  const sum = (key: 'minifiedBytes' | 'gzipBytes' | 'brotliBytes') => files.reduce((total, f) => total + f[key], 0);
  return { files, minifiedBytes: sum('minifiedBytes'), gzipBytes: sum('gzipBytes'), brotliBytes: sum('brotliBytes') };
}

/** `npm run build`: the widget the BFF serves at /widget/, as the package ships it. */
export function buildWidget(): void {
  execSync('npm run build', { stdio: 'ignore' });
}

// ---------------------------------------------------------------- baselines

const baselineTsconfig = { compilerOptions: { target: 'ES2022', experimentalDecorators: true, useDefineForClassFields: false } };

/** A button and the modal dialog it opens: the least a Lit element needs to do what the zone's buttons do. */
const baselineElement = `import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';

export class BaselineDialog extends LitElement {
  @property({ type: Boolean }) open = false;

  override render() {
    return html\`<button type="button" @click=\${() => (this.open = true)}>Delete</button>\${
      this.open ? html\`<dialog @close=\${() => (this.open = false)}><p>Delete it?</p><form method="dialog"><button>Cancel</button></form></dialog>\` : nothing
    }\`;
  }

  override updated() {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }
}

customElements.define('baseline-dialog', BaselineDialog);
`;

/** lit.dev's hello world, as its page shows it. */
const helloWorldElement = `import { html, css, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';

@customElement('simple-greeting')
export class SimpleGreeting extends LitElement {
  static styles = css\`p { color: blue }\`;

  @property()
  name = 'Somebody';

  render() {
    return html\`<p>Hello, \${this.name}!</p>\`;
  }
}
`;

const helloWorldPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Lit hello world</title>
    <script type="module" src="./simple-greeting.ts"></script>
  </head>
  <body>
    <simple-greeting name="World"></simple-greeting>
  </body>
</html>
`;

interface Baselines {
  dir: string;
  /** Where each baseline's built files are, served under /bench-baseline/<name>/. */
  element: string;
  hello: string;
}

/**
 * Builds both baselines with vite into a temp dir, with the widget's build settings (ES2022, terser
 * then oxc's minifier, no comments, source maps linked): the ratios compare code, not settings.
 * Vite's module-preload polyfill is left out of the page, as it is no part of Lit.
 */
async function buildBaselines(): Promise<Baselines> {
  const dir = mkdtempSync(join(tmpdir(), 'odz-bench-baselines-'));
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(baselineTsconfig));
  mkdirSync(join(dir, 'element'));
  mkdirSync(join(dir, 'hello'));
  writeFileSync(join(dir, 'element', 'baseline-dialog.ts'), baselineElement);
  writeFileSync(join(dir, 'hello', 'simple-greeting.ts'), helloWorldElement);
  writeFileSync(join(dir, 'hello', 'index.html'), helloWorldPage);
  const common = (root: string, base: string): InlineConfig => ({
    configFile: false,
    root,
    base,
    logLevel: 'warn',
    build: {
      outDir: join(root, 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      minify: 'terser',
      terserOptions: { compress: { passes: 2 } },
      modulePreload: { polyfill: false },
      rolldownOptions: { output: { minify: true, comments: false } },
    },
  });
  const element = join(dir, 'element');
  const elementConfig = common(element, '/bench-baseline/element/');
  elementConfig.build!.lib = { entry: join(element, 'baseline-dialog.ts'), formats: ['es'], fileName: () => 'baseline-dialog.js' };
  await build(elementConfig);
  const hello = join(dir, 'hello');
  await build(common(hello, '/bench-baseline/hello/'));
  return { dir, element: join(element, 'dist'), hello: join(hello, 'dist') };
}

// ---------------------------------------------------------------- pages

/**
 * The widget on a page of the BFF's origin, loaded the way a page without a build step loads it.
 * With `heights`, the element's height is read while the skeleton shows and once rendered (a
 * forced layout each, so not on the pages that time the first render).
 */
const widgetPage = (orgId: string, heights = false) => `<!doctype html><html lang="en"><body><org-danger-zone id="el" org-id="${orgId}"></org-danger-zone>
<script type="module">
  const el = document.getElementById('el');
  window.__heights = {};
  const height = (when) => ${heights} && (window.__heights[when] ??= el.getBoundingClientRect().height);
  window.__rendered = new Promise((resolve) => {
    const check = () => {
      if (el.shadowRoot?.querySelector('.skeleton')) height('skeleton');
      if (!el.shadowRoot?.querySelector('section[aria-busy="false"]')) return;
      height('loaded');
      resolve(performance.now());
    };
    // Observed, not polled: the moment is exact, before anything idle can start.
    customElements.whenDefined('org-danger-zone').then(() => {
      new MutationObserver(check).observe(el.shadowRoot, { subtree: true, childList: true, attributes: true });
      check();
    });
  });
  window.__importStarted = performance.now();
  await import('/widget/org-danger-zone.js');
</script></body></html>`;

const elementPage = `<!doctype html><html lang="en"><body><baseline-dialog id="el"></baseline-dialog>
<script type="module">
  const el = document.getElementById('el');
  window.__rendered = new Promise((resolve) => {
    const check = () => el.shadowRoot?.querySelector('button') && resolve(performance.now());
    customElements.whenDefined('baseline-dialog').then(() => {
      new MutationObserver(check).observe(el.shadowRoot, { subtree: true, childList: true });
      check();
    });
  });
  await import('/bench-baseline/element/baseline-dialog.js');
</script></body></html>`;

/**
 * The hello-world page is vite's output as it is; its render is found frame by frame (it loads
 * nothing later). In-page scripts are strings: tsx would wrap named functions in a helper the page lacks.
 */
const helloRendered = `window.__rendered = new Promise((resolve) => {
  const check = () => (document.querySelector('simple-greeting')?.shadowRoot?.querySelector('p') ? resolve(performance.now()) : requestAnimationFrame(check));
  check();
});`;

/** The page's script resources under a prefix, split at the render: [before, after]. */
async function scripts(page: Page, prefix: string): Promise<[string[], string[]]> {
  const rendered = await page.evaluate(() => (window as unknown as { __rendered: Promise<number> }).__rendered);
  const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: e.name, startTime: e.startTime })));
  const ours = entries.filter((e) => new URL(e.name).pathname.startsWith(prefix) && e.name.endsWith('.js'));
  const path = (name: string) => new URL(name).pathname.slice(prefix.length);
  return [ours.filter((e) => e.startTime < rendered).map((e) => path(e.name)), ours.filter((e) => e.startTime >= rendered).map((e) => path(e.name))];
}

async function newPage(browser: Browser, server: ServerProcess, baselines: Baselines, cookie?: string) {
  const context = await browser.newContext();
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
  }
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[bench] page error:', error.message));
  await page.route(`${server.url}/bench-baseline/**`, (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/bench-baseline\//, '');
    const [name, ...rest] = path.split('/');
    const root = name === 'element' ? baselines.element : baselines.hello;
    return route.fulfill({ path: join(root, rest.join('/') || 'index.html') });
  });
  return { context, page };
}

/** A fresh context on one of the pages above, served at /bench.html on the BFF's origin. */
async function openPage(browser: Browser, server: ServerProcess, baselines: Baselines, html: string, cookie?: string) {
  const opened = await newPage(browser, server, baselines, cookie);
  await opened.page.route(`${server.url}/bench.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await opened.page.goto(`${server.url}/bench.html`);
  return opened;
}

async function firstLoads(browser: Browser, server: ServerProcess, baselines: Baselines, session: WidgetSessions['click']) {
  // The widget: what loads before its first render, and what loads once it is idle.
  const widget = await openPage(browser, server, baselines, widgetPage(session.orgId, true), session.cookie);
  await widget.page.waitForFunction(() =>
    performance.getEntriesByType('resource').some((e) => /\/odz-interactions-[\w-]+\.js$/.test(new URL(e.name).pathname)),
  );
  await widget.page.waitForLoadState('networkidle');
  const [before, after] = await scripts(widget.page, '/widget/');
  const heights = await widget.page.evaluate(() => (window as unknown as { __heights: { skeleton?: number; loaded?: number } }).__heights);
  await widget.context.close();

  const element = await openPage(browser, server, baselines, elementPage);
  await element.page.waitForLoadState('networkidle');
  const [elementFiles] = await scripts(element.page, '/bench-baseline/element/');
  await element.context.close();

  const hello = await newPage(browser, server, baselines);
  await hello.page.addInitScript({ content: helloRendered });
  await hello.page.goto(`${server.url}/bench-baseline/hello/index.html`);
  await hello.page.waitForLoadState('networkidle');
  const [helloFiles] = await scripts(hello.page, '/bench-baseline/hello/');
  await hello.context.close();

  return {
    widget: load(before.map((f) => measure(join('dist/widget', f), f))),
    heights: { skeleton: heights.skeleton ?? Number.NaN, loaded: heights.loaded ?? Number.NaN },
    widgetAfter: load(after.map((f) => measure(join('dist/widget', f), f))),
    element: load(elementFiles.map((f) => measure(join(baselines.element, f), f))),
    hello: load(helloFiles.map((f) => measure(join(baselines.hello, f), f))),
  };
}

// ---------------------------------------------------------------- click → dialog painted

/**
 * Arms the page: the next trusted click's `timeStamp`, then the moment the element's `<dialog>` is
 * open (observed as `showModal()` sets it), then two animation frames: the first runs before the
 * frame that shows the dialog is painted, the second once it has been. Resolves the milliseconds between.
 */
const armClick = (tag: string) => `{
  const root = document.querySelector(${JSON.stringify(tag)}).shadowRoot;
  window.__clickToDialog = new Promise((resolve) => {
    let clicked = 0;
    addEventListener('click', (event) => (clicked ||= event.timeStamp), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (!root.querySelector('dialog')?.open) return;
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - clicked)));
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['open'] });
  });
  // The block's value is what page.evaluate returns and awaits: not the promise, which settles only after the click.
  null;
}`;

async function clickToDialog(page: Page, tag: string, button: string): Promise<number> {
  await page.evaluate(armClick(tag));
  await page.locator(`${tag} ${button}`).click();
  const ms = await page.evaluate(() => (window as unknown as { __clickToDialog: Promise<number> }).__clickToDialog);
  // Escape closes the dialog; the next click starts from the page as it was.
  await page.keyboard.press('Escape');
  await page.waitForFunction((t) => !document.querySelector(t)?.shadowRoot?.querySelector('dialog'), tag);
  return ms;
}

async function clicks(browser: Browser, server: ServerProcess, baselines: Baselines, session: WidgetSessions['click']) {
  const times = { widget: { cold: [] as number[], warm: [] as number[] }, baseline: { cold: [] as number[], warm: [] as number[] } };
  for (let i = 0; i < CLICK_PAGES; i++) {
    // The widget's delete dialog (an owner who may delete), then the baseline element's, alternating.
    const widget = await openPage(browser, server, baselines, widgetPage(session.orgId), session.cookie);
    await widget.page.evaluate(() => (window as unknown as { __rendered: Promise<number> }).__rendered);
    times.widget.cold.push(await clickToDialog(widget.page, 'org-danger-zone', '[part~="delete-button"]'));
    for (let w = 0; w < WARM_CLICKS_PER_PAGE; w++) times.widget.warm.push(await clickToDialog(widget.page, 'org-danger-zone', '[part~="delete-button"]'));
    await widget.context.close();

    const element = await openPage(browser, server, baselines, elementPage);
    await element.page.evaluate(() => (window as unknown as { __rendered: Promise<number> }).__rendered);
    times.baseline.cold.push(await clickToDialog(element.page, 'baseline-dialog', 'button'));
    for (let w = 0; w < WARM_CLICKS_PER_PAGE; w++) times.baseline.warm.push(await clickToDialog(element.page, 'baseline-dialog', 'button'));
    await element.context.close();
  }
  const summary = (t: { cold: number[]; warm: number[] }): ClickTimes => ({
    coldMedianMs: round(median(t.cold)),
    warmMedianMs: round(median(t.warm)),
    coldRuns: t.cold.length,
    warmRuns: t.warm.length,
  });
  const widget = summary(times.widget);
  const baseline = summary(times.baseline);
  return {
    widget,
    baseline,
    coldRatio: round(widget.coldMedianMs / baseline.coldMedianMs, 2),
    warmRatio: round(widget.warmMedianMs / baseline.warmMedianMs, 2),
    dialog: 'the delete dialog, as an owner who may delete',
    budgetColdRatio: BUDGET_COLD_CLICK_RATIO,
    withinBudget: widget.coldMedianMs / baseline.coldMedianMs <= BUDGET_COLD_CLICK_RATIO,
  };
}

// ---------------------------------------------------------------- first render

/**
 * Module load → rendered (the widget page's own marks), in a fresh context each time: no HTTP
 * cache, the module is fetched and compiled every load. Then the state request alone, from the page.
 */
async function firstRender(browser: Browser, server: ServerProcess, baselines: Baselines, session: WidgetSessions['firstRender']) {
  const renders: number[] = [];
  const states: number[] = [];
  for (let i = 0; i < PAGE_LOADS + 2; i++) {
    const { context, page } = await openPage(browser, server, baselines, widgetPage(session.orgId), session.cookie);
    const { render, state } = await page.evaluate(async (orgId) => {
      const w = window as unknown as { __rendered: Promise<number>; __importStarted: number };
      const render = (await w.__rendered) - w.__importStarted;
      const started = performance.now();
      await (await fetch(`/api/orgs/${orgId}/danger-zone`, { credentials: 'include' })).json();
      return { render, state: performance.now() - started };
    }, session.orgId);
    // The first two loads warm the server and the browser.
    if (i >= 2) {
      renders.push(render);
      states.push(state);
    }
    await context.close();
  }
  return { pageLoads: PAGE_LOADS, medianFirstRenderMs: round(median(renders)), medianStateRequestMs: round(median(states)) };
}

// ---------------------------------------------------------------- all of it

/** Everything above, against a running bench server whose dist/widget is built. */
export async function widgetFigures(server: ServerProcess, sessions: WidgetSessions, log: (line: string) => void): Promise<WidgetFigures> {
  log('widget: building the baselines…');
  const baselines = await buildBaselines();
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    log('widget: first load in Chromium, beside the baselines…');
    const loads = await firstLoads(browser, server, baselines, sessions.click);
    log(`widget: click → dialog painted (${CLICK_PAGES} pages, each a cold click and ${WARM_CLICKS_PER_PAGE} warm ones)…`);
    const clickToDialog = await clicks(browser, server, baselines, sessions.click);
    log('widget: first render in Chromium…');
    const render = await firstRender(browser, server, baselines, sessions.firstRender);
    const shiftPx = round(Math.abs(loads.heights.loaded - loads.heights.skeleton), 1);
    return {
      firstLoad: { ...loads.widget, budgetGzipBytes: BUDGET_GZIP_BYTES, withinBudget: loads.widget.gzipBytes <= BUDGET_GZIP_BYTES },
      skeleton: {
        skeletonPx: round(loads.heights.skeleton, 1),
        loadedPx: round(loads.heights.loaded, 1),
        shiftPx,
        budgetPx: BUDGET_SKELETON_SHIFT_PX,
        // NaN (a skeleton never seen) is not within.
        withinBudget: shiftPx <= BUDGET_SKELETON_SHIFT_PX,
      },
      afterFirstRender: loads.widgetAfter,
      litExternal: measure('dist/widget/org-danger-zone.lit-external.js', 'org-danger-zone.lit-external.js'),
      baselines: {
        litElement: { description: 'a LitElement with one @property, rendering a button that opens a <dialog>', firstLoad: loads.element },
        litHelloWorld: { description: "lit.dev's hello world (simple-greeting) as a vite page", firstLoad: loads.hello },
      },
      ratios: {
        toLitElement: round(loads.widget.gzipBytes / loads.element.gzipBytes, 2),
        toLitHelloWorld: round(loads.widget.gzipBytes / loads.hello.gzipBytes, 2),
      },
      firstRender: render,
      clickToDialog,
    };
  } finally {
    await browser.close();
    rmSync(baselines.dir, { recursive: true, force: true });
  }
}

/** The bench table's widget rows. */
export function widgetTable(w: WidgetFigures): string[] {
  const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  const bytes = (n: number) => n.toLocaleString('en');
  const { firstLoad: f, afterFirstRender: a, baselines: b, clickToDialog: c, firstRender: r, skeleton: s } = w;
  const within = (ok: boolean) => (ok ? 'within' : 'EXCEEDED');
  const files = (l: Load) => l.files.map((x) => x.file.replace(/-[\w-]{8}\.js$/, '-….js')).join(', ');
  return [
    `| widget, self-contained, first load: what Chromium fetches before the first render (min / gzip / brotli) | ${kB(f.minifiedBytes)} / **${bytes(f.gzipBytes)} B** / ${bytes(f.brotliBytes)} B (${files(f)}; budget ${bytes(f.budgetGzipBytes)} B gzip: ${within(f.withinBudget)}) |`,
    `| loading skeleton → state rendered: the element's height | ${s.skeletonPx} → ${s.loadedPx} px (moves ${s.shiftPx} px; budget ${s.budgetPx} px: ${within(s.withinBudget)}) |`,
    `| widget, after the first render, asked for in the next task (min / gzip / brotli) | ${kB(a.minifiedBytes)} / ${bytes(a.gzipBytes)} B / ${bytes(a.brotliBytes)} B (${files(a)}) |`,
    `| widget's first load ÷ a minimal Lit element (one @property, a button opening a <dialog>), built in the same run | **×${w.ratios.toLitElement}** (${bytes(b.litElement.firstLoad.gzipBytes)} B gzip, ${bytes(b.litElement.firstLoad.brotliBytes)} B brotli) |`,
    `| widget's first load ÷ Lit's hello-world page (simple-greeting), built in the same run | **×${w.ratios.toLitHelloWorld}** (${bytes(b.litHelloWorld.firstLoad.gzipBytes)} B gzip, ${bytes(b.litHelloWorld.firstLoad.brotliBytes)} B brotli) |`,
    `| widget, Lit external (min / gzip / brotli) | ${kB(w.litExternal.minifiedBytes)} / ${bytes(w.litExternal.gzipBytes)} B / ${bytes(w.litExternal.brotliBytes)} B |`,
    `| first render in Chromium, module load to actions shown (median of ${r.pageLoads}) | ${r.medianFirstRenderMs} ms (the state request alone: ${r.medianStateRequestMs} ms) |`,
    `| click → delete dialog painted, cold (first click once the actions show) / warm (medians of ${c.widget.coldRuns} / ${c.widget.warmRuns}) | **${c.widget.coldMedianMs} / ${c.widget.warmMedianMs} ms** |`,
    `| the same for the minimal Lit element's dialog, same pages in turn | ${c.baseline.coldMedianMs} / ${c.baseline.warmMedianMs} ms: widget ÷ baseline **×${c.coldRatio}** cold (budget ×${c.budgetColdRatio}: ${within(c.withinBudget)}), **×${c.warmRatio}** warm |`,
  ];
}
