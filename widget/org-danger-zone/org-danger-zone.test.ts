import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OrgDangerZone } from './org-danger-zone.js';
import {
  api,
  dialog,
  mount,
  part,
  parts,
  recordEvents,
  resetDemo,
  settled,
  signIn,
  signOut,
  text,
  type,
  until,
  type Ids,
} from './test-support.js';

let ids: Ids;

async function as(email: string, orgKey: string, attributes: Record<string, string> = {}): Promise<OrgDangerZone> {
  await signIn(email);
  return mount(ids.orgs[orgKey]!, attributes);
}

async function openDeleteDialog(el: OrgDangerZone) {
  part(el, 'delete-button')!.click();
  await until(() => dialog(el)?.open === true, 'the delete dialog');
  await until(() => !part(el, 'confirm-button')!.textContent!.includes('Preparing'), 'the intent');
}

const cooldownOver = (el: OrgDangerZone) => until(() => !/\(\d+\)/.test(part(el, 'confirm-button')!.textContent!), 'the cooldown', 6000);

describe('<org-danger-zone>', () => {
  beforeEach(async () => {
    ids = await resetDemo();
  });

  describe('states', () => {
    it('loading: a placeholder, busy, axe-clean', async () => {
      await signIn('grace@example.com');
      const el = document.createElement('org-danger-zone');
      el.setAttribute('org-id', ids.orgs.globex!);
      document.body.append(el);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-busy')).to.equal('true');
      expect(el.shadowRoot!.querySelector('.skeleton')).to.exist;
      await expect(el).to.be.accessible();
      await settled(el);
      el.remove();
    });

    it('error: says so, offers a retry, and tells the host', async () => {
      const errors = recordEvents('odz-error');
      const el = await mount('org_x', { 'api-base': 'http://127.0.0.1:9/api' });
      await until(() => text(el).includes('could not be reached'), 'the error');
      expect(errors.events[0]?.detail).to.include({ code: 'network_error', status: 0 });
      const retry = el.shadowRoot!.querySelector('button')!;
      expect(retry.textContent).to.contain('Try again');
      await expect(el).to.be.accessible();
      errors.stop();
    });

    it('signed out: asks the host to sign in with odz-error 401 instead of a broken widget', async () => {
      await signOut();
      const errors = recordEvents('odz-error');
      const el = await mount(ids.orgs.acme!);
      expect(text(el)).to.contain('Sign in to manage this organization.');
      expect(errors.events.map((e) => e.detail)).to.deep.equal([{ code: 'unauthorized', message: 'Sign in to continue.', status: 401 }]);
      expect(part(el, 'leave-button')).to.equal(null);
      await expect(el).to.be.accessible();
      errors.stop();
    });

    it('not a member: explains, without revealing the org', async () => {
      const el = await as('sam@example.com', 'acme');
      expect(text(el)).to.contain('does not exist, or you are not a member');
      await expect(el).to.be.accessible();
    });

    it('every action allowed: leave and delete enabled, export links', async () => {
      const el = await as('grace@example.com', 'globex');
      expect(part(el, 'leave-button')!.getAttribute('aria-disabled')).to.equal('false');
      expect(part(el, 'delete-button')!.getAttribute('aria-disabled')).to.equal('false');
      expect(part(el, 'export-audit-log')!.getAttribute('href')).to.equal(`/api/orgs/${ids.orgs.globex}/exports/audit-log.csv`);
      expect(part(el, 'reason')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('soft-disabled actions', () => {
    for (const [who, org, button, reason] of [
      ['olivia@example.com', 'acme', 'leave-button', 'You are the only owner. Promote another member to Owner first.'],
      ['sam@example.com', 'solo', 'leave-button', 'You are the only member. Delete the organization instead.'],
      ['adam@example.com', 'globex', 'delete-button', 'Only owners can do this.'],
      ['rosa@example.com', 'initech', 'delete-button', '3 active resources must be decommissioned first.'],
      ['reed@example.com', 'umbrella', 'delete-button', 'The organization is read-only. Reactivate it before deleting it.'],
    ] as const) {
      it(`${button} for ${who.split('@')[0]} in ${org}: focusable, not clickable, reason on focus and hover, Escape dismisses`, async () => {
        const el = await as(who, org);
        const btn = part(el, button)!;
        const tip = el.shadowRoot!.getElementById(btn.getAttribute('aria-describedby')!)!;
        expect(btn.getAttribute('aria-disabled')).to.equal('true');
        expect(tip.getAttribute('part')).to.equal('reason');
        expect(tip.getAttribute('role')).to.equal('tooltip');
        expect(tip.hidden).to.equal(true);

        btn.focus();
        await el.updateComplete;
        expect(el.shadowRoot!.activeElement).to.equal(btn);
        expect(tip.hidden).to.equal(false);
        expect(tip.textContent!.trim()).to.equal(reason);
        await expect(el).to.be.accessible();

        await sendKeys({ press: 'Escape' });
        await el.updateComplete;
        expect(tip.hidden).to.equal(true);

        await sendKeys({ press: 'Enter' });
        btn.click();
        await el.updateComplete;
        expect(dialog(el)).to.equal(null);

        btn.blur();
        btn.parentElement!.dispatchEvent(new MouseEvent('mouseenter'));
        await el.updateComplete;
        expect(tip.hidden).to.equal(false);
        btn.parentElement!.dispatchEvent(new MouseEvent('mouseleave'));
        await el.updateComplete;
        expect(tip.hidden).to.equal(true);
      });
    }
  });

  describe('leave', () => {
    it('a member leaves through the confirm dialog; odz-left fires once, bubbling out', async () => {
      const el = await as('mia@example.com', 'globex');
      const left = recordEvents('odz-left');
      const opener = part(el, 'leave-button')!;
      opener.click();
      await until(() => dialog(el)?.open === true, 'the dialog');
      expect(el.shadowRoot!.activeElement).to.not.equal(opener);
      await expect(el).to.be.accessible();
      part(el, 'confirm-button')!.click();
      await until(() => left.events.length === 1, 'odz-left');
      expect(left.events[0]!.detail).to.deep.equal({ orgId: ids.orgs.globex });
      expect(left.events[0]!.bubbles && left.events[0]!.composed).to.equal(true);
      await until(() => text(el).includes('You left Globex Partners.'), 'the confirmation');
      left.stop();
    });

    it('the only owner hands over to a successor and leaves in one step', async () => {
      const el = await as('olivia@example.com', 'acme');
      const hand = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Transfer ownership'))!;
      hand.click();
      await until(() => dialog(el)?.open === true, 'the hand-off dialog');
      const select = part<HTMLSelectElement>(el, 'successor-select')!;
      expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal([
        'Choose a member',
        'Adam Admin (adam@example.com) · Admin',
        'Mia Member (mia@example.com) · Member',
      ]);
      expect(part(el, 'confirm-button')!.getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
      select.value = ids.users.adam!;
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      const left = recordEvents('odz-left');
      part(el, 'confirm-button')!.click();
      await until(() => left.events.length === 1, 'odz-left');
      left.stop();
      await signIn('adam@example.com');
      const state = await api<{ viewer: { role: string } }>(`/api/orgs/${ids.orgs.acme}/danger-zone`);
      expect(state.viewer.role).to.equal('owner');
    });
  });

  describe('delete', () => {
    it('the dialog: impact, exports, a checkbox per warning, password, the exact name; the cooldown runs, then the button enables', async () => {
      const el = await as('bill@example.com', 'stark');
      const opener = part(el, 'delete-button')!;
      await openDeleteDialog(el);
      const body = text(el);
      for (const line of ['Access for 2 people', '1,250 remaining credits', 'The active subscription, without a refund', "People's user accounts"]) {
        expect(body).to.contain(line);
      }
      expect(part(el, 'export-members')).to.exist;
      expect(parts(el, 'acknowledgement').map((p) => p.textContent!.trim())).to.deep.equal([
        'The active subscription ends without a refund. Cancel it first to keep prorated time.',
        'The remaining 1,250 credits are lost.',
        '1 person loses access.',
      ]);
      expect(el.shadowRoot!.querySelector('.exact-name')!.textContent).to.equal('Stark Billing Co.');
      const confirm = part(el, 'confirm-button')!;
      expect(confirm.getAttribute('aria-disabled')).to.equal('true');
      expect(confirm.textContent).to.match(/\(\d\)/);
      expect(part(el, 'cooldown')!.textContent).to.contain('seconds');
      const live = el.shadowRoot!.querySelector('[aria-live]')!;
      expect(live.textContent).to.contain('For your safety, deleting is possible in 2 seconds.');
      await expect(el).to.be.accessible();

      await cooldownOver(el);
      expect(live.textContent).to.contain('You can delete the organization now.');
      await expect(el).to.be.accessible();
      expect(confirm.getAttribute('aria-disabled')).to.equal('true');

      for (const box of parts(el, 'acknowledgement')) box.querySelector('input')!.click();
      await type(part<HTMLInputElement>(el, 'password-input')!, 'danger-zone-demo');
      await type(part<HTMLInputElement>(el, 'confirm-input')!, 'stark billing co.');
      await el.updateComplete;
      expect(confirm.getAttribute('aria-disabled')).to.equal('true');
      await type(part<HTMLInputElement>(el, 'confirm-input')!, 'Stark Billing Co. ');
      await el.updateComplete;
      expect(confirm.getAttribute('aria-disabled')).to.equal('true');
      await type(part<HTMLInputElement>(el, 'confirm-input')!, 'Stark Billing Co.');
      await el.updateComplete;
      expect(confirm.getAttribute('aria-disabled')).to.equal('false');

      const scheduled = recordEvents('odz-deletion-scheduled');
      confirm.click();
      await until(() => scheduled.events.length === 1, 'odz-deletion-scheduled');
      expect(scheduled.events[0]!.detail.orgId).to.equal(ids.orgs.stark);
      expect(scheduled.events[0]!.detail.purgeAt).to.match(/^\d{4}-\d\d-\d\dT/);
      await until(() => part(el, 'banner') !== null, 'the pending banner');
      expect(dialog(el)).to.equal(null);
      scheduled.stop();
      void opener;
    });

    it('a wrong password: the error is shown and announced, the typed name and boxes stay, the password is cleared', async () => {
      const el = await as('hank@example.com', 'hooli');
      await openDeleteDialog(el);
      await cooldownOver(el);
      part(el, 'acknowledgement')!.querySelector('input')!.click();
      await type(part<HTMLInputElement>(el, 'password-input')!, 'not-my-password');
      await type(part<HTMLInputElement>(el, 'confirm-input')!, 'Hooli XYZ');
      await el.updateComplete;
      part(el, 'confirm-button')!.click();
      await until(() => part(el, 'error')!.textContent!.includes('That password is not correct.'), 'the error');
      expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
      expect(part<HTMLInputElement>(el, 'confirm-input')!.value).to.equal('Hooli XYZ');
      expect(part<HTMLInputElement>(el, 'password-input')!.value).to.equal('');
      expect(part(el, 'acknowledgement')!.querySelector('input')!.checked).to.equal(true);
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'password-input'));
      await expect(el).to.be.accessible();
    });

    it('the server’s other refusals show in the dialog: name mismatch, cooldown, expiry (restarted), rate limit', async () => {
      const el = await as('sam@example.com', 'solo');
      await openDeleteDialog(el);
      await cooldownOver(el);
      const fill = async (password = 'danger-zone-demo') => {
        await type(part<HTMLInputElement>(el, 'password-input')!, password);
        await type(part<HTMLInputElement>(el, 'confirm-input')!, 'Solo Studio');
        await el.updateComplete;
        part(el, 'confirm-button')!.click();
      };
      // The server's clock goes back 3 seconds: there, the intent's cooldown is not over yet.
      await api('/api/demo/clock', { json: { advanceMs: -3_000 } });
      await fill();
      await until(() => /Wait \d more seconds?/.test(part(el, 'error')!.textContent!), 'cooldown_active');
      expect(part(el, 'confirm-button')!.textContent).to.match(/\(\d\)/);
      await expect(el).to.be.accessible();
      await cooldownOver(el);
      // Eleven minutes later on the server's clock, the intent has expired: the widget starts a new one.
      await api('/api/demo/clock', { json: { advanceMs: 11 * 60_000 } });
      await fill();
      await until(() => part(el, 'error')!.textContent!.includes('expired'), 'intent_expired');
      await cooldownOver(el);
      // Renamed elsewhere meanwhile: the server compares with the name it has.
      await api('/api/auth/organization/update', { json: { organizationId: ids.orgs.solo, data: { name: 'Solo Studio GmbH' } } });
      await fill();
      await until(() => part(el, 'error')!.textContent!.includes('The name does not match'), 'name_mismatch');
      await api('/api/auth/organization/update', { json: { organizationId: ids.orgs.solo, data: { name: 'Solo Studio' } } });
      const password = () => part<HTMLInputElement>(el, 'password-input')!;
      for (let i = 0; i < 4; i++) {
        await fill('wrong-password');
        // A wrong password is cleared from the field when the refusal arrives.
        await until(() => password().value === '' && part(el, 'error')!.textContent!.includes('not correct'), 'invalid_password');
      }
      await fill('wrong-password');
      await until(() => /Too many attempts. Try again in 1[45] minutes./.test(part(el, 'error')!.textContent!), 'rate_limited');
      await expect(el).to.be.accessible();
    });

    it('Escape closes the dialog and focus returns to the button that opened it', async () => {
      const el = await as('grace@example.com', 'globex');
      const opener = part(el, 'delete-button')!;
      opener.focus();
      await openDeleteDialog(el);
      await sendKeys({ press: 'Escape' });
      await until(() => dialog(el) === null, 'the dialog to close');
      await el.updateComplete;
      await until(() => el.shadowRoot!.activeElement === opener, 'focus back on the opener');
    });
  });

  describe('pending', () => {
    it('as the owner: a banner with date (absolute and relative) and who; Cancel and exports; cancelling fires odz-deletion-cancelled', async () => {
      const el = await as('penny@example.com', 'wayne');
      const banner = part(el, 'banner')!;
      expect(banner.textContent).to.match(/permanently deleted on .+ \(in 5 days\)/);
      expect(banner.textContent).to.contain('Requested by Penny Pending.');
      expect(part(el, 'export-audit-log')).to.exist;
      expect(part(el, 'delete-button')).to.equal(null);
      await expect(el).to.be.accessible();
      const cancelled = recordEvents('odz-deletion-cancelled');
      part(el, 'cancel-button')!.click();
      await until(() => cancelled.events.length === 1, 'odz-deletion-cancelled');
      expect(cancelled.events[0]!.detail).to.deep.equal({ orgId: ids.orgs.wayne });
      await until(() => part(el, 'banner') === null && part(el, 'delete-button') !== null, 'the active state');
      expect(text(el)).to.contain('The deletion was cancelled.');
      cancelled.stop();
    });

    it('as anyone else: why access is refused and whom to ask', async () => {
      await signIn('hank@example.com');
      await api(`/api/demo/clock`, { json: { advanceMs: 0 } });
      // Mia is a member of Hooli and of other orgs, so she can sign in; Hooli goes pending.
      const intent = await api<{ intentId: string }>(`/api/orgs/${ids.orgs.hooli}/deletion-intents`, { method: 'POST' });
      await new Promise((r) => setTimeout(r, 2100));
      await api(`/api/orgs/${ids.orgs.hooli}/deletion`, {
        json: { intentId: intent.intentId, confirmName: 'Hooli XYZ', password: 'danger-zone-demo', acknowledgements: ['other_members'] },
      });
      const el = await as('mia@example.com', 'hooli');
      const banner = part(el, 'banner')!;
      expect(banner.textContent).to.contain('Access suspended');
      expect(banner.textContent).to.match(/scheduled for deletion on .+ \(in 7 days\)/);
      expect(banner.textContent).to.contain('Hank Hooli');
      expect(banner.querySelector('a[href="mailto:hank@example.com"]')).to.exist;
      expect(part(el, 'leave-button')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('events fire on user action only', () => {
    it('setting properties from code fires nothing', async () => {
      const all = ['odz-left', 'odz-deletion-scheduled', 'odz-deletion-cancelled'].map(recordEvents);
      const el = await as('penny@example.com', 'wayne');
      el.orgId = ids.orgs.wayne!;
      el.lang = 'de';
      el.reload();
      await settled(el);
      expect(all.flatMap((r) => r.events)).to.have.length(0);
      all.forEach((r) => r.stop());
    });
  });

  describe('language and direction', () => {
    it('renders German from lang="de", dates included', async () => {
      const el = await as('penny@example.com', 'wayne', { lang: 'de' });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Gefahrenzone');
      expect(part(el, 'cancel-button')!.textContent!.trim()).to.equal('Löschung abbrechen');
      expect(part(el, 'banner')!.textContent).to.match(/am .+ \(in 5 Tagen\) endgültig gelöscht/);
      await expect(el).to.be.accessible();
    });

    it('mirrors the layout under dir="rtl"', async () => {
      const el = await as('grace@example.com', 'globex', { dir: 'rtl' });
      const row = el.shadowRoot!.querySelector('.row')!;
      const heading = row.querySelector('h3')!.getBoundingClientRect();
      const button = part(el, 'leave-button')!.getBoundingClientRect();
      expect(getComputedStyle(row).direction).to.equal('rtl');
      expect(button.left).to.be.lessThan(heading.left);
      el.removeAttribute('dir');
      await el.updateComplete;
      expect(part(el, 'leave-button')!.getBoundingClientRect().left).to.be.greaterThan(row.querySelector('h3')!.getBoundingClientRect().left);
    });
  });
});
