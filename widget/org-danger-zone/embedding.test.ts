/**
 * Embedding: memberships made through better-auth's own client, bearer tokens through getToken,
 * theming with --odz-* properties, light and dark.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { OrgDangerZone } from './org-danger-zone.js';
import { authClients } from '../../test/helpers/auth-client.js';
import { api, dialog, mount, part, resetDemo, settled, signIn, signOut, text, until, type Ids } from './test-support.js';

let ids: Ids;
beforeEach(async () => {
  ids = await resetDemo();
});
afterEach(async () => {
  await emulateMedia({ colorScheme: 'light' });
});

it("a membership made through better-auth's client in the page (sign up, create, invite, accept): the member leaves, the owner stays", async () => {
  // What a host's front end does with better-auth's client, against the same BFF: no demo data.
  // Its nanostores read process.env.NODE_ENV, which a host's bundler defines; the test runner serves raw modules.
  (globalThis as { process?: unknown }).process ??= { env: { NODE_ENV: 'production' } };
  const users = authClients(location.origin, (input, init) => fetch(input, { ...init, credentials: 'omit' }));
  const owner = await users.signUp('Wanda Widget');
  const org = await users.createOrg(owner, 'Front Door Widgets');
  const member = await users.signUp('Milo Member');
  await users.accept(member, await users.invite(owner, org.id, member.email));

  const asMember = await fixture<OrgDangerZone>(html`<org-danger-zone org-id=${org.id} .getToken=${async () => member.token}></org-danger-zone>`);
  await settled(asMember);
  part(asMember, 'leave-button')!.click();
  await until(asMember, () => dialog(asMember)?.open === true);
  part(asMember, 'confirm-button')!.click();
  await until(asMember, () => text(asMember).includes('You left Front Door Widgets.'));

  // The owner, now the only member: Leave is refused with its reason, Delete is open to them.
  const asOwner = await fixture<OrgDangerZone>(html`<org-danger-zone org-id=${org.id} .getToken=${async () => owner.token}></org-danger-zone>`);
  await settled(asOwner);
  expect(part(asOwner, 'leave-button')!.getAttribute('aria-disabled')).to.equal('true');
  expect(text(asOwner)).to.include('You are the only member. Delete the organization instead.');
  expect(part(asOwner, 'delete-button')!.getAttribute('aria-disabled')).to.equal('false');
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
  // Delete is an outlined danger button in the zone (solid red is for the final confirm only).
  expect(getComputedStyle(part(el, 'delete-button')!).borderTopColor).to.equal('rgb(1, 2, 3)');
  expect(getComputedStyle(part(el, 'leave-button')!).color).to.equal('rgb(1, 2, 3)');
  expect(getComputedStyle(zone).borderTopLeftRadius).to.equal('3px');
  expect(getComputedStyle(el.shadowRoot!.querySelector('.row')!).paddingTop).to.equal('5px');
  expect(getComputedStyle(el).fontFamily).to.equal('monospace');
});

describe("the host's color-scheme decides light or dark", () => {
  const background = (el: OrgDangerZone) => getComputedStyle(el.shadowRoot!.querySelector('.zone')!).backgroundColor;
  const [light, dark] = ['rgb(255, 255, 255)', 'rgb(13, 17, 23)'];

  for (const [scheme, preference, expected] of [
    ['', 'dark', light], // a page that declares nothing renders light, and so does the element on it
    ['light dark', 'dark', dark],
    ['light dark', 'light', light],
    ['light', 'dark', light],
    ['dark', 'light', dark],
  ] as const) {
    it(`color-scheme "${scheme || 'normal'}" on the page, the reader prefers ${preference}: ${expected === dark ? 'dark' : 'light'}`, async () => {
      await signIn('grace@example.com');
      await emulateMedia({ colorScheme: preference });
      document.documentElement.style.colorScheme = scheme;
      try {
        const el = await mount(ids.orgs.globex!);
        expect(background(el)).to.equal(expected);
        await expect(el).to.be.accessible();
        // A host's own colours win in either scheme.
        el.style.setProperty('--odz-color-background', 'rgb(250, 240, 230)');
        expect(background(el)).to.equal('rgb(250, 240, 230)');
      } finally {
        document.documentElement.style.colorScheme = '';
      }
    });
  }
});

it('only registers the tag once, and the state it shows is the server’s', async () => {
  await import('../index.js');
  expect(customElements.get('org-danger-zone')).to.exist;
  await signIn('rosa@example.com');
  await api(`/api/demo/orgs/${ids.orgs.initech}/resources`, { method: 'DELETE' });
  const el = await mount(ids.orgs.initech!);
  expect(part(el, 'delete-button')!.getAttribute('aria-disabled')).to.equal('false');
});
