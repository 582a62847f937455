/**
 * Host 1: a brand-new Vite + TypeScript app (hosts/vite) that installs the package from the
 * tarball, imports the element and the React wrapper, type-checks under strict flags (skipLibCheck
 * off, exactOptionalPropertyTypes on), builds with vite, and renders both in Chromium against a
 * real BFF (the repository's server process, demo data set), its /api proxied by `vite preview`.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumArgs, findChromium } from '../chromium.mjs';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { startProcess, type StartedProcess } from '../helpers/process.js';
import { hostEnv, installHost, run, type RunResult } from './helpers.js';

const host = join(inject('workDir'), 'host-vite');
let install: RunResult;
let bff: ServerProcess | undefined;
let preview: StartedProcess | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  install = await installHost('vite', host, inject('tarball'));
  console.log(`[package] vite host: npm install took ${(install.ms / 1000).toFixed(1)} s`);
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
  await bff?.stop();
});

describe('a Vite + TypeScript app, installed from the tarball', () => {
  it('type-checks the element, its events and the React wrapper under strict flags', async () => {
    const result = await run('npm', ['run', '--silent', 'typecheck'], { cwd: host, allowFailure: true });
    expect(result.stdout.split('\n').filter((line) => /error TS/.test(line))).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('builds with vite, with one copy of Lit', async () => {
    const result = await run('npm', ['run', 'build'], { cwd: host });
    expect(result.stdout).toMatch(/built in/);
    const assets = join(host, 'dist', 'assets');
    const code = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(assets, f), 'utf8'))
      .join('\n');
    // Each copy of Lit's ReactiveElement announces itself once.
    expect(code.match(/reactiveElementVersions/g)?.length).toBe(1);
  });

  it('renders the element and the React wrapper in Chromium against the BFF', async () => {
    // Each step says when it ends, so a run that stops at the test's ceiling shows where it stopped.
    const started = performance.now();
    const step = (what: string) => console.log(`[package] vite host, Chromium: ${what} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const previewPort = await freePort();
    const previewOrigin = `http://127.0.0.1:${previewPort}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'odz-vite-host-bff-'));
    bff = await startServerProcess({
      DEMO: '1',
      DEMO_HOST_PORT: '0',
      DATABASE_URL: `file:${join(dataDir, 'bff.db')}`,
      TRUSTED_ORIGINS: previewOrigin,
    });
    step(`BFF ready at ${bff.url}`);
    // vite's own bin, not through npx, so that stopping it stops the server itself.
    const vite = join(host, 'node_modules/vite/bin/vite.js');
    preview = await startProcess('node', [vite, 'preview', '--host', '127.0.0.1', '--port', String(previewPort), '--strictPort'], {
      cwd: host,
      env: hostEnv({ BFF_URL: bff.url }),
      ready: new RegExp(`127\\.0\\.0\\.1:${previewPort}`),
    });
    step(`vite preview ready at ${previewOrigin}`);

    browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${previewOrigin}/`);
    step('host page loaded');
    // Sign in on the host's origin (through its proxy), the way the host's own login page would.
    const orgId = await page.evaluate(async () => {
      // A ceiling on each request through vite's proxy: a hang fails with its name, not at the test's timeout.
      const signal = () => AbortSignal.timeout(60_000);
      const signIn = await fetch('/api/auth/sign-in/email', {
        signal: signal(),
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'olivia@example.com', password: 'danger-zone-demo' }),
      });
      if (!signIn.ok) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
      const orgs = (await (await fetch('/api/auth/organization/list', { signal: signal() })).json()) as { id: string; slug: string }[];
      return orgs.find((o) => o.slug === 'acme-robotics')!.id;
    });
    step('signed in through the proxy');
    await page.goto(`${previewOrigin}/?org=${orgId}`);

    for (const scope of ['#plain org-danger-zone', '#react-element']) {
      await expect.poll(() => page.locator(`${scope} [part~="delete-button"]`).count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => page.locator(`${scope} [part~="leave-button"]`).getAttribute('aria-disabled')).toBe('true');
      step(`${scope} rendered`);
    }
    const [registered, reactOrgId] = await page.evaluate(() => [
      customElements.get('org-danger-zone') !== undefined,
      (document.querySelector('#react-element') as HTMLElement & { orgId: string }).orgId,
    ]);
    expect([registered, reactOrgId]).toEqual([true, orgId]);
    expect(pageErrors).toEqual([]);
  });
});
