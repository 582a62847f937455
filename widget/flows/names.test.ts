/**
 * Names as people type them (issue 22): a Latin name with punctuation inside Arabic is shown in its
 * own order wherever it appears, read back from where each character is rendered; a 60-letter name
 * without a space fits a 375 px screen, the dialog and its Delete button included.
 */
import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { api, dialog, mount, openDeleteDialog, part, resetDemo, seenText, signIn, until, type Ids } from '../org-danger-zone/test-support.js';

let ids: Ids;
beforeEach(async () => {
  ids = await resetDemo();
  await setViewport({ width: 1280, height: 900 });
});

it('in Arabic, "Stark Billing Co." reads "Stark Billing Co." in the title, the chip and the field, not ".Stark Billing Co"', async () => {
  await signIn('bill@example.com');
  const el = await mount(ids.orgs.stark!, { lang: 'ar' });
  await until(el, () => el.shadowRoot!.querySelector('section[dir="rtl"]') !== null);
  await openDeleteDialog(el);
  const name = 'Stark Billing Co.';
  expect(seenText(part(el, 'exact-name')!)).to.equal(name);
  const title = el.shadowRoot!.getElementById('dialog-title')!;
  expect(seenText(title.querySelector('bdi')!)).to.equal(name);
  const field = part<HTMLInputElement>(el, 'confirm-input')!;
  field.focus();
  await sendKeys({ type: name });
  // A field's own text cannot be measured character by character: its direction, from its content, is.
  expect(field.matches(':dir(ltr)')).to.equal(true);
  expect(part(el, 'exact-name')!.matches(':dir(ltr)')).to.equal(true);
  await expect(el).to.be.accessible();
});

it('in Arabic, a name in a sentence of the zone keeps its order (the pending banner: who asked)', async () => {
  await signIn('penny@example.com');
  // A name that ends in punctuation is the one a right-to-left sentence would mirror.
  await api('/api/auth/update-user', { json: { name: 'Penny P.' } });
  const el = await mount(ids.orgs.wayne!, { lang: 'ar' });
  await until(el, () => el.shadowRoot!.querySelector('section[dir="rtl"]') !== null && part(el, 'banner') !== null);
  const requester = part(el, 'banner')!.querySelector('bdi')!;
  expect(requester.textContent).to.equal('Penny P.');
  expect(seenText(requester)).to.equal('Penny P.');
});

it('a 60-character name without a space fits a 375 px screen: the zone, the dialog and its Delete button', async () => {
  await setViewport({ width: 375, height: 700 });
  await signIn('sam@example.com');
  const long = 'Averyveryveryveryveryveryveryverylongorganizationnamewithout'.padEnd(60, 'x');
  expect(long).to.have.length(60);
  await api('/api/auth/organization/update', { json: { organizationId: ids.orgs.solo, data: { name: long } } });
  const el = await mount(ids.orgs.solo!);
  expect(document.documentElement.scrollWidth).to.be.at.most(375);
  await openDeleteDialog(el);
  const box = dialog(el)!;
  expect(box.scrollWidth).to.be.at.most(box.clientWidth);
  const frame = box.getBoundingClientRect();
  expect(frame.right).to.be.at.most(375);
  for (const p of ['exact-name', 'confirm-input', 'close-button', 'confirm-button']) {
    const r = part(el, p)!.getBoundingClientRect();
    expect(r.left, `${p} left`).to.be.at.least(frame.left);
    expect(r.right, `${p} right`).to.be.at.most(frame.right);
  }
  const title = el.shadowRoot!.getElementById('dialog-title')!;
  expect(title.scrollWidth).to.be.at.most(title.clientWidth);
});
