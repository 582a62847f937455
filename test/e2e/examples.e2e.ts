/**
 * The embedding examples as a user meets them: the React 19 and Vue 3 apps (leave, and
 * delete-then-cancel, with bearer tokens through getToken), the plain-HTML page, and the
 * cross-origin page (widget and BFF on different origins).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasAttribute, launchBrowser, newPage, part, screenshot, shows, startServer, usePassword, waitForWidget, type Server } from './harness.js';

let server: Server;
let browser: Browser;
let page: Page;
let orgs: Record<string, string>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
beforeEach(async () => {
  ({ page } = await newPage(browser));
  const res = await page.request.post(`${server.url}/api/demo/reset`);
  orgs = ((await res.json()) as { orgs: Record<string, string> }).orgs;
});

async function signInOnExample(p: Page, email: string) {
  await p.locator('input[name="email"]').fill(email);
  await p.locator('input[name="password"]').fill('danger-zone-demo');
  await p.getByRole('button', { name: 'Sign in' }).click();
  await waitForWidget(p);
}

/**
 * A mistyped password in the delete dialog: the dialog says so, and the host keeps the user signed
 * in (its odz-error handler reacts to `signedOut`, which a wrong password is not).
 */
async function mistypePassword(p: Page, name: string) {
  await part(p, 'delete-button').click();
  await part(p, 'dialog').waitFor();
  for (const box of await p.locator('org-danger-zone [part~="acknowledgement"] input').all()) await box.check();
  await usePassword(p);
  await part(p, 'password-input').fill('not-the-password');
  await part(p, 'confirm-input').fill(name);
  await hasAttribute(part(p, 'confirm-button'), 'aria-disabled', 'false');
  const answer = p.waitForResponse((r) => r.url().endsWith('/deletion') && r.request().method() === 'POST');
  await part(p, 'confirm-button').click();
  expect((await answer).status()).toBe(401);
  // Under the password field, where focus goes.
  await shows(p.locator('org-danger-zone #password-error'), 'That password is not correct.');
  // Still signed in: the widget and its dialog are there, the token is kept, no sign-in form.
  expect(await p.evaluate(() => sessionStorage.getItem('odz-example-token'))).toBeTruthy();
  expect(await p.locator('input[name="email"]:visible').count()).toBe(0);
  await p.keyboard.press('Escape');
  await part(p, 'dialog').waitFor({ state: 'detached' });
}

async function deleteOrg(p: Page, name: string) {
  await part(p, 'delete-button').click();
  await part(p, 'dialog').waitFor();
  for (const box of await p.locator('org-danger-zone [part~="acknowledgement"] input').all()) await box.check();
  await usePassword(p);
  await part(p, 'password-input').fill('danger-zone-demo');
  await part(p, 'confirm-input').fill(name);
  await hasAttribute(part(p, 'confirm-button'), 'aria-disabled', 'false');
  await part(p, 'confirm-button').click();
}

for (const framework of ['react', 'vue'] as const) {
  describe(`the ${framework === 'react' ? 'React 19' : 'Vue 3'} example`, () => {
    it('a member leaves and the app navigates home', async () => {
      await page.goto(`${server.url}/demo/examples/${framework}/?org=${orgs.globex}`);
      await signInOnExample(page, 'mia@example.com');
      await shows(page.locator('main h1'), 'Globex Partners');
      await screenshot(page, `${framework}-example`, '1-settings');
      await part(page, 'leave-button').click();
      await part(page, 'confirm-button').click();
      await shows(page.locator('p.notice'), 'You left Globex Partners.');
      await hasAttribute(page.locator('main'), 'data-page', 'home');
      await page.locator('main').filter({ hasNotText: 'Globex Partners' }).waitFor();
      await screenshot(page, `${framework}-example`, '2-left-home');
    });

    it('the owner deletes, the app navigates home; back in settings the owner cancels and sees a notice', async () => {
      await page.goto(`${server.url}/demo/examples/${framework}/?org=${orgs.solo}`);
      await signInOnExample(page, 'sam@example.com');
      await mistypePassword(page, 'Solo Studio');
      await deleteOrg(page, 'Solo Studio');
      await shows(page.locator('p.notice'), 'Solo Studio will be deleted on');
      await hasAttribute(page.locator('main'), 'data-page', 'home');
      await screenshot(page, `${framework}-example`, '3-deleted-home');
      await page.getByRole('button', { name: 'Settings' }).click();
      await part(page, 'banner').waitFor();
      await part(page, 'cancel-button').click();
      await shows(page.locator('p.notice'), 'The deletion was cancelled.');
      await part(page, 'delete-button').first().waitFor();
      await screenshot(page, `${framework}-example`, '4-cancelled');
    });
  });
}

describe('the plain HTML example', () => {
  it('leaves with a bearer token and navigates away', async () => {
    await page.goto(`${server.url}/demo/examples/plain.html?org=${orgs.globex}`);
    await signInOnExample(page, 'mia@example.com');
    await part(page, 'leave-button').click();
    await part(page, 'confirm-button').click();
    await shows(page.locator('#home-message'), /^You left the organization\.$/);
    expect(new URL(page.url()).searchParams.get('left')).toBe('1');
  });

  it('a mistyped password keeps the user signed in', async () => {
    await page.goto(`${server.url}/demo/examples/plain.html?org=${orgs.solo}`);
    await signInOnExample(page, 'sam@example.com');
    await mistypePassword(page, 'Solo Studio');
    expect(await page.locator('#sign-in').getAttribute('hidden')).not.toBeNull();
    expect(await page.locator('#settings').getAttribute('hidden')).toBeNull();
  });
});

describe('the cross-origin example', () => {
  it('runs on another origin against the BFF with TRUSTED_ORIGINS and bearer tokens', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.otherOrigin}/demo/examples/cross-origin.html?org=${orgs.globex}&bff=${encodeURIComponent(server.url)}`);
    expect(new URL(page.url()).origin).not.toBe(server.url);
    await signInOnExample(page, 'grace@example.com');
    await hasAttribute(part(page, 'delete-button'), 'aria-disabled', 'false');
    expect(requests.some((r) => r.startsWith(`${server.url}/api/orgs/${orgs.globex}/danger-zone`))).toBe(true);
    await screenshot(page, 'cross-origin-example', '1-widget-from-another-origin');
  });
});
