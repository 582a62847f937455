/**
 * The journeys of issue 5 on the QA page, in Debian's Chromium against the real server process.
 * Each saves screenshots of its key states under test-results/screenshots/<journey>/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  hasAttribute,
  launchBrowser,
  newPage,
  openTab,
  part,
  qaSignIn,
  resetDemo,
  screenshot,
  shows,
  startServer,
  usePassword,
  waitForWidget,
  type Server,
} from './harness.js';

let server: Server;
let browser: Browser;
let page: Page;

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
  await resetDemo(page, server);
});

const events = (p: Page) => p.locator('#events');

async function deleteThroughDialog(p: Page, orgName: string, password: string, acknowledge = true) {
  await part(p, 'delete-button').click();
  await part(p, 'dialog').waitFor();
  if (acknowledge) for (const box of await p.locator('org-danger-zone [part~="acknowledgement"] input').all()) await box.check();
  await usePassword(p);
  await part(p, 'password-input').fill(password);
  await part(p, 'confirm-input').fill(orgName);
}

describe('journeys on the QA page', () => {
  it('a member leaves: the host receives odz-left and the audit log shows member.left', async () => {
    await qaSignIn(page, 'Mia Member', 'Globex Partners');
    await screenshot(page, 'member-leaves', '1-settings');
    await part(page, 'leave-button').click();
    await part(page, 'dialog').waitFor();
    await screenshot(page, 'member-leaves', '2-confirm-dialog');
    await part(page, 'confirm-button').click();
    await shows(events(page), 'odz-left');
    await shows(page.locator('org-danger-zone section'), 'You left Globex Partners.');
    await openTab(page, 'Org audit log');
    await shows(page.locator('#tab-org-audit'), 'member.left');
    await screenshot(page, 'member-leaves', '3-left-and-audited');
  });

  it('the only owner: Leave is soft-disabled with its reason on hover and on Tab; the hand-off promotes and leaves in one step', async () => {
    await qaSignIn(page, 'Olivia Owner', 'Acme Robotics');
    const leave = part(page, 'leave-button');
    await expect(await leave.getAttribute('aria-disabled')).toBe('true');
    await leave.hover();
    const reason = page.locator('org-danger-zone #leave-reasons');
    await reason.waitFor({ state: 'visible' });
    await expect(await reason.textContent()).toContain('You are the only owner. Promote another member to Owner first.');
    await screenshot(page, 'sole-owner', '1-reason-on-hover');
    await page.mouse.move(0, 0);
    await reason.waitFor({ state: 'hidden' });
    // Keyboard: focus the button before it, then Tab onto Leave.
    await page.locator('org-danger-zone').getByRole('button', { name: 'Transfer ownership and leave…' }).focus();
    await page.keyboard.press('Tab');
    await reason.waitFor({ state: 'visible' });
    await screenshot(page, 'sole-owner', '2-reason-on-focus');
    await page.keyboard.press('Enter');
    // The reason on screen means the dialogs' chunk is loaded (reasons and dialogs come in one),
    // so a dialog that opened would render within two frames of Enter: let them pass before saying
    // none did, or this check could not fail.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await expect(await part(page, 'dialog').count()).toBe(0);

    await page.locator('org-danger-zone').getByRole('button', { name: 'Transfer ownership and leave…' }).click();
    await part(page, 'successor-list').getByRole('radio', { name: 'Adam Admin · adam@example.com · Admin' }).check();
    await screenshot(page, 'sole-owner', '3-hand-off-dialog');
    await part(page, 'confirm-button').click();
    await shows(events(page), 'odz-left');
    await openTab(page, 'Org audit log');
    await shows(page.locator('#tab-org-audit'), 'member.promoted');
    await expect(await page.locator('#tab-org-audit').textContent()).toContain('member.left');
    await qaSignIn(page, 'Adam Admin', 'Acme Robotics');
    await expect(await page.locator('#org option:checked').textContent()).toContain('(owner)');
  });

  it('on a touch screen, a tap on a refused action shows its reason and opens nothing; a tap elsewhere closes it', async () => {
    const phone = await newPage(browser, { touch: true });
    await phone.page.goto(`${server.url}/demo/`);
    await qaSignIn(phone.page, 'Olivia Owner', 'Acme Robotics');
    // A phone has no hover: the media query says so, so nothing here can lean on one.
    expect(await phone.page.evaluate(() => matchMedia('(hover: none)').matches)).toBe(true);
    const reason = phone.page.locator('org-danger-zone #leave-reasons');
    // force: Playwright takes aria-disabled for disabled and would wait forever; a finger does not.
    await part(phone.page, 'leave-button').tap({ force: true });
    await reason.waitFor({ state: 'visible' });
    await expect(await reason.textContent()).toContain('You are the only owner. Promote another member to Owner first.');
    await phone.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await expect(await part(phone.page, 'dialog').count()).toBe(0);
    await screenshot(phone.page, 'touch', '1-reason-on-tap');
    // A tap on the zone's heading (nothing to act on) takes focus away: the reason closes.
    await phone.page.locator('org-danger-zone #zone-title').tap();
    await reason.waitFor({ state: 'hidden' });
    // An allowed action still does what it says on the first tap.
    await part(phone.page, 'delete-button').tap();
    await part(phone.page, 'dialog').waitFor();
    await screenshot(phone.page, 'touch', '2-delete-dialog');
    await phone.context.close();
  });

  it('an admin sees Delete refused for "only owners"; active resources block with their count until decommissioned', async () => {
    await qaSignIn(page, 'Adam Admin', 'Globex Partners');
    await part(page, 'delete-button').hover();
    await shows(page.locator('org-danger-zone #delete-reasons'), 'Only owners can do this.');
    await screenshot(page, 'blocked-delete', '1-admin-only-owners');

    await qaSignIn(page, 'Rosa Resources', 'Initech Labs');
    await part(page, 'delete-button').hover();
    await shows(page.locator('org-danger-zone #delete-reasons'), '3 active resources must be decommissioned first.');
    await screenshot(page, 'blocked-delete', '2-active-resources');
    await page.getByRole('button', { name: 'Decommission all' }).click();
    await hasAttribute(part(page, 'delete-button'), 'aria-disabled', 'false');
    await screenshot(page, 'blocked-delete', '3-after-decommission');
  });

  it('the owner deletes, cancels, deletes again, and the purge removes the org for everyone', async () => {
    const journey = 'delete-cancel-purge';
    await qaSignIn(page, 'Hank Hooli', 'Hooli XYZ');
    await part(page, 'delete-button').click();
    await part(page, 'dialog').waitFor();
    const confirm = part(page, 'confirm-button');
    // The cooldown is visible and counts down.
    await shows(confirm, /\(\d\)/);
    const first = Number((await confirm.textContent())!.match(/\((\d)\)/)![1]);
    await screenshot(page, journey, '1-dialog-cooldown');
    await confirm.filter({ hasNotText: `(${first})` }).waitFor();
    await page.locator('org-danger-zone [part~="acknowledgement"] input').check();
    await usePassword(page);
    await part(page, 'password-input').fill('danger-zone-demo');
    // Wrong case: the button stays disabled.
    await part(page, 'confirm-input').fill('hooli xyz');
    await confirm.filter({ hasNotText: /\(\d\)/ }).waitFor();
    expect(await confirm.getAttribute('aria-disabled')).toBe('true');
    await screenshot(page, journey, '2-wrong-case-disabled');
    // A wrong password: the error shows and the typed name stays.
    await part(page, 'confirm-input').fill('Hooli XYZ');
    await part(page, 'password-input').fill('not-the-password');
    await confirm.click();
    await shows(page.locator('org-danger-zone #password-error'), 'That password is not correct.');
    expect(await part(page, 'confirm-input').inputValue()).toBe('Hooli XYZ');
    await screenshot(page, journey, '3-wrong-password');
    // The right password schedules the deletion.
    await part(page, 'password-input').fill('danger-zone-demo');
    await confirm.click();
    await shows(events(page), 'odz-deletion-scheduled');
    await part(page, 'banner').waitFor();
    await screenshot(page, journey, '4-pending-owner');

    // Every member has an email.
    await openTab(page, 'Mailbox');
    for (const email of ['hank@example.com', 'mia@example.com', 'nina@example.com']) {
      await shows(page.locator('#tab-mailbox'), `→ ${email}`);
    }
    await screenshot(page, journey, '5-mailbox');

    // Another member's page now shows the refused banner; a new sign-in by Nina is refused.
    const other = await newPage(browser);
    await other.page.goto(`${server.url}/demo/`);
    await qaSignIn(other.page, 'Mia Member', 'Hooli XYZ');
    await shows(part(other.page, 'banner'), 'Access suspended');
    await expect(await part(other.page, 'banner').textContent()).toContain('hank@example.com');
    await screenshot(other.page, journey, '6-pending-member-refused');
    await other.page.getByRole('button', { name: /^Nina Newcomer/ }).click();
    await shows(other.page.locator('#session'), 'refused');
    await screenshot(other.page, journey, '7-sign-in-refused');

    // The owner cancels: everyone can work again, and the cancel emails are there.
    await part(page, 'cancel-button').click();
    await shows(events(page), 'odz-deletion-cancelled');
    await part(page, 'delete-button').first().waitFor();
    await screenshot(page, journey, '8-cancelled');
    await other.page.getByRole('button', { name: /^Nina Newcomer/ }).click();
    await other.page.locator('#session').filter({ hasText: 'Signed in as Nina' }).waitFor();
    await waitForWidget(other.page);
    await part(other.page, 'leave-button').first().waitFor();
    await shows(page.locator('#tab-mailbox'), 'The deletion of "Hooli XYZ" was cancelled');

    // Delete again; the clock moves 7 days; the purge runs.
    await deleteThroughDialog(page, 'Hooli XYZ', 'danger-zone-demo');
    await hasAttribute(part(page, 'confirm-button'), 'aria-disabled', 'false');
    await part(page, 'confirm-button').click();
    await part(page, 'banner').waitFor();
    await page.getByRole('button', { name: '+7 days' }).click();
    await page.getByRole('button', { name: 'Run the purge now' }).click();
    await shows(page.locator('#purge-result'), 'Hooli XYZ');
    await openTab(page, 'Platform audit log');
    await shows(page.locator('#tab-platform-audit'), 'org.deleted');
    await screenshot(page, journey, '9-purged-platform-log');
    // The org is gone for everyone; its users still exist and sign in to their other orgs.
    await qaSignIn(page, 'Mia Member', 'Acme Robotics');
    expect(await page.locator('#org').textContent()).not.toContain('Hooli XYZ');
    await part(page, 'leave-button').first().waitFor();
    const gone = await page.request.get(`${server.url}/api/orgs/${await hooliId(page)}/danger-zone`);
    expect(gone.status()).toBe(404);
    await qaSignIn(page, 'Nina Newcomer');
    await expect(await page.locator('#session').textContent()).toContain('Signed in as Nina Newcomer');
    await screenshot(page, journey, '10-users-survive');
    await other.context.close();
  });
});

describe('invitations on the QA page', () => {
  it('an owner invites someone; they accept from the email’s link, leave, are invited again and accept again', async () => {
    const journey = 'invite-accept-leave-reinvite';
    const invitationLink = async () => {
      await openTab(page, 'Mailbox');
      // Newest first: the first matching email is the latest invitation.
      const mail = page.locator('#tab-mailbox details').filter({ hasText: 'Olivia Owner invited you to "Acme Robotics"' }).first();
      await mail.waitFor();
      return (await mail.locator('a').first().getAttribute('href'))!;
    };
    const invite = async () => {
      await qaSignIn(page, 'Olivia Owner', 'Acme Robotics');
      await page.locator('#invite-email').fill('nina@example.com');
      await page.getByRole('button', { name: 'Invite', exact: true }).click();
      await shows(page.locator('#qa-status'), 'Invited nina@example.com');
      return invitationLink();
    };
    const accept = async (link: string, step: string) => {
      await qaSignIn(page, 'Nina Newcomer');
      await page.goto(link);
      await shows(page.locator('#invitation-text'), 'invited nina@example.com to Acme Robotics. Signed in as nina@example.com');
      await screenshot(page, journey, `${step}-invitation`);
      await page.locator('#invitation-accept').click();
      await shows(page.locator('#qa-status'), 'Invitation accepted');
      // An <option> is never "visible" to Playwright: wait for the selected one to be there.
      await page.locator('#org option:checked', { hasText: 'Acme Robotics (member)' }).waitFor({ state: 'attached' });
      await waitForWidget(page);
      await hasAttribute(part(page, 'leave-button'), 'aria-disabled', 'false');
    };

    const first = await invite();
    expect(new URL(first).searchParams.get('invitation')).toMatch(/^inv_/);
    await screenshot(page, journey, '1-invitation-email');
    await accept(first, '2');
    await screenshot(page, journey, '3-member');

    await part(page, 'leave-button').click();
    await part(page, 'dialog').waitFor();
    await part(page, 'confirm-button').click();
    await shows(page.locator('org-danger-zone section'), 'You left Acme Robotics.');
    await shows(events(page), 'odz-left');
    await screenshot(page, journey, '4-left');

    const second = await invite();
    expect(second).not.toBe(first);
    await accept(second, '5');
    await screenshot(page, journey, '6-member-again');
    await openTab(page, 'Org audit log');
    await shows(page.locator('#tab-org-audit'), 'member.left');
  });

  it('the owner chooses the date and says why; three days before, the reminder links to the cancel step, and Cancel is where it lands', async () => {
    const journey = 'recoverable-deletion';
    await qaSignIn(page, 'Hank Hooli', 'Hooli XYZ');
    await part(page, 'delete-button').click();
    await part(page, 'dialog').waitFor();
    // Ten days from today, in the browser's calendar (what the date field reads and writes).
    const day = await page.evaluate(() => {
      const d = new Date(Date.now() + 10 * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await part(page, 'purge-date-input').fill(day);
    await shows(page.locator('org-danger-zone #dialog-intro'), 'in 10 days');
    await part(page, 'reason-select').selectOption('no_longer_needed');
    await page.locator('org-danger-zone [part~="acknowledgement"] input').check();
    await usePassword(page);
    await part(page, 'password-input').fill('danger-zone-demo');
    await part(page, 'confirm-input').fill('Hooli XYZ');
    await screenshot(page, journey, '1-date-and-reason');
    const confirm = part(page, 'confirm-button');
    await confirm.filter({ hasNotText: /\(\d+\)/ }).waitFor();
    await confirm.click();
    await shows(events(page), 'odz-deletion-scheduled');
    await shows(part(page, 'time-left'), /^(9 days and 23 hours|10 days) left\.$/);
    await screenshot(page, journey, '2-pending-time-left');

    // A week later the jobs run: the owner's reminder is in the mailbox, with the link to the cancel step.
    await page.getByRole('button', { name: '+7 days' }).click();
    await page.locator('#purge').click();
    await openTab(page, 'Mailbox');
    const reminder = page.locator('#tab-mailbox details', { hasText: '"Hooli XYZ" will be deleted in 3 days' });
    await reminder.waitFor();
    await expect(await reminder.textContent()).toContain('→ hank@example.com');
    await reminder.locator('summary').click();
    await screenshot(page, journey, '3-reminder');
    await reminder.locator('a', { hasText: '#odz-cancel-deletion' }).click();

    // The link opens the settings page signed in as themselves, on Cancel deletion; it changed nothing by itself.
    await page.waitForURL(/#odz-cancel-deletion$/);
    await waitForWidget(page);
    await page.waitForFunction(() => document.querySelector('org-danger-zone')?.shadowRoot?.activeElement?.getAttribute('part')?.includes('cancel-button'));
    await shows(part(page, 'banner'), 'Deletion scheduled');
    await screenshot(page, journey, '4-landed-on-cancel');
    await page.keyboard.press('Enter');
    await shows(events(page), 'odz-deletion-cancelled');
    await part(page, 'delete-button').waitFor();
  });

  it('the only owner offers ownership and leaves once it is accepted: the member is emailed, accepts in their banner, and runs the org', async () => {
    const journey = 'ownership-with-consent';
    await qaSignIn(page, 'Olivia Owner', 'Acme Robotics');
    await part(page, 'offer-ownership-button').click();
    await part(page, 'dialog').waitFor();
    await part(page, 'successor-list').getByRole('radio', { name: 'Adam Admin · adam@example.com · Admin' }).check();
    await part(page, 'leave-after').getByRole('checkbox').check();
    await screenshot(page, journey, '1-offer-dialog');
    await part(page, 'confirm-button').click();
    await shows(part(page, 'outgoing-offer'), /^Offered to Adam Admin: waiting for their answer until /);
    await screenshot(page, journey, '2-offer-waiting');
    await openTab(page, 'Mailbox');
    await shows(page.locator('#tab-mailbox'), 'Olivia Owner offers you ownership of "Acme Robotics"');

    await qaSignIn(page, 'Adam Admin', 'Acme Robotics');
    await shows(part(page, 'offer'), 'Olivia Owner offers to make you an owner of this organization.');
    await screenshot(page, journey, '3-offer-banner');
    await part(page, 'offer-accept-button').click();
    await shows(page.locator('org-danger-zone .notice'), 'You are now an owner of this organization.');
    await openTab(page, 'Org audit log');
    await shows(page.locator('#tab-org-audit'), 'ownership.accepted');
    await expect(await page.locator('#tab-org-audit').textContent()).toContain('member.left');
    await screenshot(page, journey, '4-accepted');
  });
});

/** Hooli's id from the platform log (after the purge, only the log remembers it). */
async function hooliId(p: Page): Promise<string> {
  const res = await p.request.get(`${server.url}/api/demo/platform-audit`);
  const body = (await res.json()) as { events: { action: string; orgId: string; organizationName: string }[] };
  return body.events.find((e) => e.organizationName === 'Hooli XYZ')!.orgId;
}

describe('languages (Arabic right-to-left), dark, a host set to right-to-left', () => {
  it('renders each, and saves a screenshot of each', async () => {
    await page.locator('#lang').selectOption('de');
    await qaSignIn(page, 'Penny Pending', 'Wayne Holdings');
    await shows(part(page, 'banner'), 'Löschung geplant');
    await screenshot(page, 'locales-themes', '1-german-pending');
    await page.locator('#lang').selectOption('en');
    await page.locator('#theme').selectOption('dark');
    await qaSignIn(page, 'Bill Billing', 'Stark Billing Co.');
    await part(page, 'delete-button').click();
    await part(page, 'dialog').waitFor();
    await screenshot(page, 'locales-themes', '2-dark-delete-dialog');
    await page.keyboard.press('Escape');
    await page.locator('#theme').selectOption('system');
    await page.locator('#dir').selectOption('rtl');
    await waitForWidget(page);
    expect(await page.locator('#widget-host').getAttribute('dir')).toBe('rtl');
    await screenshot(page, 'locales-themes', '3-rtl');
    // Arabic is right-to-left by itself: the widget says so on its own root, whatever the host sets.
    await page.locator('#dir').selectOption('ltr');
    await page.locator('#lang').selectOption('ar');
    await shows(page.locator('org-danger-zone #zone-title'), 'منطقة الخطر');
    await page.locator('org-danger-zone section[dir="rtl"][lang="ar"]').waitFor();
    await screenshot(page, 'locales-themes', '4-arabic');
    for (const [lang, title] of [
      ['fr', 'Zone de danger'],
      ['es', 'Zona de peligro'],
      ['ja', '危険な操作'],
    ] as const) {
      await page.locator('#lang').selectOption(lang);
      await shows(page.locator('org-danger-zone #zone-title'), title);
      await screenshot(page, 'locales-themes', `5-${lang}`);
    }
    await page.locator('#lang').selectOption('en');
    const dark = await newPage(browser, { colorScheme: 'dark' });
    await dark.page.goto(`${server.url}/demo/`);
    await qaSignIn(dark.page, 'Grace Co-owner', 'Globex Partners');
    await screenshot(dark.page, 'locales-themes', '6-system-dark');
    await dark.context.close();
  });
});
