/**
 * Escape that the element handles stops there (issue 22): inside a host's own modal, Escape on a
 * reason closes the reason and not the host's modal, and Escape that closes our dialog reaches no
 * handler of the host page.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import type { OrgDangerZone } from './org-danger-zone.js';
import { dialog, isOpen, part, resetDemo, settled, signIn, until, type Ids } from './test-support.js';

let ids: Ids;
let heard: string[];
const listen = (e: KeyboardEvent) => {
  if (e.key === 'Escape') heard.push(e.type);
};
beforeEach(async () => {
  ids = await resetDemo();
  heard = [];
  // A host page's own handlers, the way modal libraries listen: on the document, bubbling.
  document.addEventListener('keydown', listen);
  document.addEventListener('keyup', listen);
});
afterEach(async () => {
  document.removeEventListener('keydown', listen);
  document.removeEventListener('keyup', listen);
  await resetMouse();
});

/** The zone inside the host's modal <dialog>, open. */
async function inHostModal(orgId: string): Promise<{ host: HTMLDialogElement; el: OrgDangerZone }> {
  const host = await fixture<HTMLDialogElement>(html`<dialog aria-label="Settings"><org-danger-zone org-id=${orgId}></org-danger-zone></dialog>`);
  host.showModal();
  const el = host.querySelector('org-danger-zone')!;
  await settled(el);
  return { host, el };
}

it("Escape on a reason closes the reason only: the host's modal stays open and its handlers hear nothing", async () => {
  await signIn('adam@example.com');
  const { host, el } = await inHostModal(ids.orgs.globex!);
  const button = part(el, 'delete-button')!;
  const tip = el.shadowRoot!.getElementById(button.getAttribute('aria-describedby')!)!;
  button.focus();
  await until(el, () => isOpen(tip));
  await sendKeys({ press: 'Escape' });
  await until(el, () => !isOpen(tip));
  expect(host.open).to.equal(true);
  expect(heard.filter((t) => t === 'keydown')).to.deep.equal([]);
  // The next Escape, with no reason open, is the host's again.
  await sendKeys({ press: 'Escape' });
  expect(host.open).to.equal(false);
});

it("Escape that closes our dialog goes no further: the host's modal stays open, its handlers hear nothing", async () => {
  await signIn('grace@example.com');
  const { host, el } = await inHostModal(ids.orgs.globex!);
  const opener = part(el, 'delete-button')!;
  opener.focus();
  // A real key press: the browser groups dialogs opened without the user's activation, and one
  // Escape would close them all, whoever handles it.
  await sendKeys({ press: 'Enter' });
  await until(el, () => dialog(el)?.open === true && !part(el, 'confirm-button')!.textContent!.includes('Preparing'));
  await sendKeys({ press: 'Escape' });
  await until(el, () => dialog(el) === null && el.shadowRoot!.activeElement === opener);
  expect(host.open).to.equal(true);
  expect(heard.filter((t) => t === 'keydown')).to.deep.equal([]);
});
