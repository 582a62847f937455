/**
 * The end-to-end harness: the production server entry (`bff/server.ts`, DEMO=1) as its own
 * process on a temp database, Debian's Chromium through playwright-core, and screenshots of each
 * journey's key states under test-results/screenshots/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { chromiumArgs, findChromium } from '../chromium.mjs';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export interface Server extends ServerProcess {
  otherOrigin: string;
}

export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'odz-e2e-'));
  const otherPort = await freePort();
  const server = await startServerProcess({
    DEMO: '1',
    DEMO_HOST_PORT: String(otherPort),
    DATABASE_URL: `file:${join(dir, 'e2e.db')}`,
    DELETION_COOLDOWN_SECONDS: '4',
    // The journeys sign in many times from one address; the sign-in limit has tests of its own.
    SIGN_IN_RATE_LIMIT: '100000',
    SIGN_IN_ACCOUNT_RATE_LIMIT: '100000',
    ...env,
  });
  return {
    ...server,
    otherOrigin: `http://127.0.0.1:${otherPort}`,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
}

/** A page of its own context: a desktop by default; `touch`, a phone's screen that takes taps and has no hover. */
export async function newPage(
  browser: Browser,
  options: { colorScheme?: 'light' | 'dark'; touch?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const screen = options.touch ? { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } : { viewport: { width: 1360, height: 900 } };
  const context = await browser.newContext({ ...screen, colorScheme: options.colorScheme ?? 'light' });
  // No per-action budget: every wait is for an element's state or a request's answer, however
  // long a busy machine takes; the test's own timeout is the only ceiling.
  context.setDefaultTimeout(0);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  return { context, page };
}

/** Waits until the locator (any of its matches) shows the text. */
export async function shows(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}

/** Waits until the locator's first match has the attribute value. */
export async function hasAttribute(locator: Locator, name: string, value: string): Promise<void> {
  await locator
    .and(locator.page().locator(`[${name}="${value}"]`))
    .first()
    .waitFor();
}

/** Saves a screenshot as a test artifact: test-results/screenshots/<journey>/<step>.png. */
export async function screenshot(page: Page, journey: string, step: string): Promise<void> {
  const dir = join(SCREENSHOTS, journey);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${step}.png`), fullPage: true });
}

export const widget = (page: Page) => page.locator('org-danger-zone');
export const part = (page: Page, name: string) => page.locator(`org-danger-zone [part~="${name}"]`);

/**
 * In the open delete dialog: confirm with the password. The demo's better-auth offers an emailed
 * code first (step-up's order of preference), so the password is chosen among the ways offered.
 */
export async function usePassword(page: Page): Promise<void> {
  await page.locator('org-danger-zone input[name="step-up"][value="password"]').check();
  await part(page, 'password-input').waitFor();
}

/** On the QA page: sign in as a seeded user by name, and pick one of their orgs. */
export async function qaSignIn(page: Page, name: string, orgName?: string): Promise<void> {
  // The page mounts a new element once the sign-in has answered: wait for that one, or a sign-in
  // as the user already signed in (whose name is on the page before it answers) would let the
  // steps below act on the element about to be replaced.
  const previous = await page.evaluateHandle(() => document.querySelector('org-danger-zone'));
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.locator('#session').filter({ hasText: name }).waitFor();
  await page.waitForFunction((old) => {
    const current = document.querySelector('org-danger-zone');
    return current !== null && current !== old;
  }, previous);
  if (orgName) await selectOrg(page, orgName);
  await waitForWidget(page);
}

export async function selectOrg(page: Page, orgName: string): Promise<void> {
  const option = page.locator('#org option', { hasText: orgName }).first();
  await page.locator('#org').selectOption((await option.getAttribute('value'))!);
}

/** Waits until the widget has rendered what the BFF answered. */
export async function waitForWidget(page: Page): Promise<void> {
  await page.locator('org-danger-zone section[aria-busy="false"]').waitFor();
}

export async function resetDemo(page: Page, server: Server): Promise<void> {
  const res = await page.request.post(`${server.url}/api/demo/reset`);
  if (!res.ok()) throw new Error(`reset failed: ${res.status()}`);
  await page.goto(`${server.url}/demo/`);
  await page.locator('#users button').first().waitFor();
}

export async function openTab(page: Page, name: 'Mailbox' | 'Org audit log' | 'Platform audit log' | 'State JSON') {
  await page.getByRole('tab', { name }).click();
}
