/**
 * The demo server (DEMO=1), in Chromium:
 * - 18.8: the cross-origin example loads the widget only from a BFF on the page's own host: a
 *   `?bff=` naming a `data:` URL or another site runs nothing and fetches nothing;
 * - 18.11: the demo pages carry a Content-Security-Policy (with `frame-ancestors`) that the pages
 *   themselves respect (no violation while the QA page and the examples run);
 * - 18.12: a malformed percent-encoding in a path answers with the spec's body, never a 500.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, startServer, type Server } from '../e2e/harness.js';

let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens a page, keeps every request it made and every CSP violation it reported. */
async function open(url: string) {
  const { context, page } = await newPage(browser);
  const requests: string[] = [];
  const violations: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(url);
  return { context, page, requests, violations };
}

describe('the cross-origin example (18.8)', () => {
  it('runs no module named by ?bff= outside its own host: a data: URL, another site', async () => {
    for (const bff of ['data:text/javascript,window.pwned=1;//', 'https://evil.example', 'http://127.0.0.1.evil.example:8787', '//evil.example']) {
      const { context, page, requests } = await open(`${server.otherOrigin}/demo/examples/cross-origin.html?org=x&bff=${encodeURIComponent(bff)}`);
      await page.waitForFunction(() => (window as { pwned?: number }).pwned === 1 || document.querySelector('[data-bff-refused]') !== null);
      expect([bff, await page.evaluate(() => (window as { pwned?: number }).pwned)]).toEqual([bff, undefined]);
      expect([bff, requests.filter((u) => new URL(u).hostname.endsWith('evil.example'))]).toEqual([bff, []]);
      await context.close();
    }
  });

  it('still loads the widget from the demo’s own BFF', async () => {
    const { context, page, violations } = await open(`${server.otherOrigin}/demo/examples/cross-origin.html?org=x&bff=${encodeURIComponent(server.url)}`);
    await page.waitForFunction(() => customElements.get('org-danger-zone') !== undefined);
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe('the demo pages’ headers (18.11)', () => {
  it('carry a CSP with frame-ancestors and nosniff, and the QA page runs without a violation', async () => {
    for (const path of ['/demo/', '/demo/examples/plain.html', '/demo/examples/cross-origin.html', '/demo/examples/react/', '/demo/examples/vue/']) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect([path, /frame-ancestors 'none'/.test(csp), /script-src /.test(csp), /object-src 'none'/.test(csp)]).toEqual([path, true, true, true]);
      expect([path, res.headers.get('x-content-type-options')]).toEqual([path, 'nosniff']);
    }
    const { context, page, violations } = await open(`${server.url}/demo/`);
    await page.locator('org-danger-zone').first().waitFor({ state: 'attached' });
    await page.waitForFunction(() => customElements.get('org-danger-zone') !== undefined);
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe('malformed paths in demo mode (18.12)', () => {
  it('a malformed percent-encoding answers with the spec’s body: 400 invalid_uri where a file is looked up', async () => {
    for (const path of ['/demo/%', '/demo/%E0%A4%A']) {
      const res = await fetch(`${server.url}${path}`);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect([path, res.status, body.error.code]).toEqual([path, 400, 'invalid_uri']);
    }
    const api = await fetch(`${server.url}/api/demo/%`);
    expect([api.status, ((await api.json()) as { error: { code: string } }).error.code]).toEqual([404, 'not_found']);
  });
});
