/**
 * Recoverable deletion in the element (issue 21): the purge date and the reason chosen in the
 * delete dialog, the time left in the pending banner, "Delete now" from it, and the deletion
 * emails' link that lands an owner on Cancel deletion. Against the demo BFF; every state axe-clean.
 */
import { expect } from '@open-wc/testing';
import type { OrgDangerZone } from '../org-danger-zone/org-danger-zone.js';
import {
  api,
  chooseStepUp,
  cooldownOver,
  dialog,
  focused,
  mount,
  openDeleteDialog,
  part,
  parts,
  resetDemo,
  response,
  signIn,
  text,
  type,
  until,
  type Ids,
} from '../org-danger-zone/test-support.js';

let ids: Ids;
beforeEach(async () => {
  ids = await resetDemo();
});
afterEach(() => {
  history.replaceState(null, '', location.pathname + location.search);
});

const DAY = 86_400_000;

/** Ticks every box, confirms with the password and types the name. */
async function fill(el: OrgDangerZone, name: string) {
  for (const box of parts(el, 'acknowledgement')) {
    const input = box.querySelector('input')!;
    if (!input.checked) input.click();
  }
  await chooseStepUp(el, 'password');
  await type(part<HTMLInputElement>(el, 'password-input')!, 'danger-zone-demo');
  await type(part<HTMLInputElement>(el, 'confirm-input')!, name);
  await el.updateComplete;
}

/** Sets a form control the way a pick does: its value, then `change`. */
function pick(control: HTMLInputElement | HTMLSelectElement, value: string) {
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

const isoDay = (days: number) => {
  const day = new Date(Date.now() + days * DAY);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
};

interface WebhookEvents {
  events: { type: string; orgId: string; payload: { data: { purgeAt: string; reason: unknown } } }[];
}

it('the owner chooses the purge date within the bounds and says why; the banner then says how long is left, and "Delete now" brings it forward', async () => {
  await signIn('bill@example.com');
  const el = await mount(ids.orgs.stark!);
  const name = el.state!.org.name;
  await openDeleteDialog(el);
  // Before anything is typed: every record the purge would remove, as it will count them.
  await until(el, () => part(el, 'deletion-preview') !== null);
  const preview = part(el, 'deletion-preview')!;
  expect(preview.textContent).to.match(/Every record the final deletion removes: [\d,]+/);
  expect(preview.textContent).to.contain('member');
  const date = part<HTMLInputElement>(el, 'purge-date-input')!;
  expect([date.min, date.max, date.value]).to.deep.equal([isoDay(7), isoDay(30), isoDay(7)]);
  pick(date, isoDay(12));
  await until(el, () => text(el).includes('in 12 days'));
  pick(part<HTMLSelectElement>(el, 'reason-select')!, 'moving_elsewhere');
  await until(el, () => part(el, 'reason-text') !== null);
  await type(part<HTMLInputElement>(el, 'reason-text')!, '  We merged into the parent company.  ');
  await fill(el, name);
  await expect(el).to.be.accessible();
  await cooldownOver(el);
  const scheduled = response('/deletion', 'POST');
  part(el, 'confirm-button')!.click();
  expect((await scheduled).status).to.equal(202);

  await until(el, () => part(el, 'time-left') !== null);
  expect(part(el, 'time-left')!.textContent).to.match(/^(11 days and 23 hours|12 days) left\.$/);
  const { events } = await api<WebhookEvents>('/api/demo/webhooks');
  const event = events.find((e) => e.type === 'org.deletion_scheduled' && e.orgId === ids.orgs.stark)!;
  expect(event.payload.data.reason).to.deep.equal({ code: 'moving_elsewhere', text: 'We merged into the parent company.' });
  expect(Math.round((Date.parse(event.payload.data.purgeAt) - Date.now()) / DAY)).to.equal(12);
  await expect(el).to.be.accessible();

  // Delete now: the same dialog, titled for it, with no date to choose.
  part(el, 'delete-now-button')!.click();
  await until(el, () => dialog(el)?.open === true && !part(el, 'confirm-button')!.textContent!.includes('Preparing'));
  expect(text(el)).to.contain(`Delete ${name} now`);
  expect(part(el, 'purge-date-input')).to.equal(null);
  await fill(el, name);
  await expect(el).to.be.accessible();
  await cooldownOver(el);
  expect(part(el, 'confirm-button')!.textContent).to.contain('Delete now');
  const expedited = response('/deletion/now', 'POST');
  part(el, 'confirm-button')!.click();
  expect((await expedited).status).to.equal(202);
  await until(el, () => dialog(el) === null && part(el, 'time-left')?.textContent === 'The final deletion runs within minutes.');
  expect(focused(el)).to.equal(part(el, 'banner'));
  expect(part(el, 'delete-now-button')).to.equal(null);
});

it("a deletion email's link lands the owner on Cancel deletion, focused; the link itself changes nothing", async () => {
  history.replaceState(null, '', `${location.pathname}${location.search}#odz-cancel-deletion`);
  await signIn('penny@example.com');
  const el = await mount(ids.orgs.wayne!);
  await until(el, () => focused(el) === part(el, 'cancel-button'));
  expect(el.state!.org.status).to.equal('pending_deletion');
  await expect(el).to.be.accessible();
});
