/** Embedding: bearer tokens through getToken, theming with --odz-* properties, light and dark. */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { OrgDangerZone } from './org-danger-zone.js';
import { api, mount, part, resetDemo, settled, signIn, signOut, text, type Ids } from './test-support.js';

let ids: Ids;
beforeEach(async () => {
  ids = await resetDemo();
});
afterEach(async () => {
  await emulateMedia({ colorScheme: 'light' });
});

it('getToken switches to bearer auth: no cookies needed, exports fetched with the token', async () => {
  // Two sessions: the cookie's is signed out, the other's token stays valid.
  const { token } = await signIn('grace@example.com');
  await signIn('grace@example.com');
  await signOut();
  let asked = 0;
  const el = await fixture<OrgDangerZone>(html`<org-danger-zone
    org-id=${ids.orgs.globex!}
    .getToken=${async () => {
      asked++;
      return token;
    }}
  ></org-danger-zone>`);
  await settled(el);
  expect(asked).to.be.greaterThan(0);
  expect(part(el, 'leave-button')!.getAttribute('aria-disabled')).to.equal('false');
  // A plain link cannot carry the token: the click is handled by the widget instead.
  const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
  part(el, 'export-members')!.dispatchEvent(click);
  expect(click.defaultPrevented).to.equal(true);
});

it('without a session or token, the same element asks for a sign-in', async () => {
  await signOut();
  const el = await mount(ids.orgs.globex!);
  expect(text(el)).to.contain('Sign in to manage this organization.');
});

it('uses --odz-* custom properties for colour, radius, spacing and font', async () => {
  await signIn('grace@example.com');
  const el = await mount(ids.orgs.globex!);
  el.style.setProperty('--odz-color-danger', 'rgb(1, 2, 3)');
  el.style.setProperty('--odz-radius', '3px');
  el.style.setProperty('--odz-space', '5px');
  el.style.setProperty('--odz-font-family', 'monospace');
  const zone = el.shadowRoot!.querySelector('.zone')!;
  expect(getComputedStyle(part(el, 'delete-button')!).backgroundColor).to.equal('rgb(1, 2, 3)');
  expect(getComputedStyle(part(el, 'leave-button')!).color).to.equal('rgb(1, 2, 3)');
  expect(getComputedStyle(zone).borderTopLeftRadius).to.equal('3px');
  expect(getComputedStyle(el.shadowRoot!.querySelector('.row')!).paddingTop).to.equal('5px');
  expect(getComputedStyle(el).fontFamily).to.equal('monospace');
});

it('follows prefers-color-scheme: dark unless the host sets the colours', async () => {
  await signIn('grace@example.com');
  const el = await mount(ids.orgs.globex!);
  const zone = el.shadowRoot!.querySelector('.zone')!;
  expect(getComputedStyle(zone).backgroundColor).to.equal('rgb(255, 255, 255)');
  await emulateMedia({ colorScheme: 'dark' });
  expect(getComputedStyle(zone).backgroundColor).to.equal('rgb(13, 17, 23)');
  await expect(el).to.be.accessible();
  el.style.setProperty('--odz-color-background', 'rgb(250, 240, 230)');
  expect(getComputedStyle(zone).backgroundColor).to.equal('rgb(250, 240, 230)');
});

it('only registers the tag once, and the state it shows is the server’s', async () => {
  await import('../index.js');
  expect(customElements.get('org-danger-zone')).to.exist;
  await signIn('rosa@example.com');
  await api(`/api/demo/orgs/${ids.orgs.initech}/resources`, { method: 'DELETE' });
  const el = await mount(ids.orgs.initech!);
  expect(part(el, 'delete-button')!.getAttribute('aria-disabled')).to.equal('false');
});
