import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { OrgDangerZone } from './org-danger-zone.js';
import {
  advanceClock,
  api,
  chooseStepUp,
  cooldownOver,
  dialog,
  isOpen,
  loseNextAnswer,
  mount,
  openDeleteDialog,
  part,
  proxyAnswersNext,
  parts,
  recordEvents,
  resetDemo,
  response,
  sent,
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

/** The centre of an element, in the page's coordinates, for a real pointer. */
function centre(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

describe('<org-danger-zone>', () => {
  beforeEach(async () => {
    ids = await resetDemo();
  });
  afterEach(async () => {
    await resetMouse();
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

    it('error: says so once, offers a retry, and tells the host', async () => {
      const errors = recordEvents('odz-error');
      const el = await mount('org_x', { 'api-base': 'http://127.0.0.1:9/api' });
      await until(el, () => text(el).includes('could not be reached'));
      expect(errors.events[0]?.detail).to.include({ code: 'network_error', status: 0, signedOut: false });
      // The network failure's message, once: not again as the "reason" under it.
      expect(text(el).split('The server could not be reached.').length - 1).to.equal(1);
      const retry = el.shadowRoot!.querySelector('button')!;
      expect(retry.textContent).to.contain('Try again');
      await expect(el).to.be.accessible();
      errors.stop();
    });

    it('a proxy’s 502 page on first load: the catalogue’s words and "Try again", never "Bad Gateway"', async () => {
      await signIn('olivia@example.com');
      proxyAnswersNext('/danger-zone', 'GET', 502, 'Bad Gateway');
      const el = await mount(ids.orgs.acme!);
      await until(el, () => text(el).includes('could not be loaded'));
      expect(text(el)).not.to.contain('Bad Gateway');
      const retry = part(el, 'retry-button')!;
      await expect(el).to.be.accessible();
      retry.click();
      await until(el, () => Boolean(part(el, 'delete-button')));
    });

    it('signed out: asks the host to sign in with odz-error 401 instead of a broken widget', async () => {
      await signOut();
      const errors = recordEvents('odz-error');
      const el = await mount(ids.orgs.acme!);
      expect(text(el)).to.contain('Sign in to manage this organization.');
      expect(errors.events.map((e) => e.detail)).to.deep.equal([{ code: 'unauthorized', message: 'Sign in to continue.', status: 401, signedOut: true }]);
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
        expect(isOpen(tip)).to.equal(false);

        btn.focus();
        expect(el.shadowRoot!.activeElement).to.equal(btn);
        await until(el, () => isOpen(tip));
        expect(tip.textContent!.trim()).to.equal(reason);
        await expect(el).to.be.accessible();

        await sendKeys({ press: 'Escape' });
        await until(el, () => !isOpen(tip));

        await sendKeys({ press: 'Enter' });
        btn.click();
        await el.updateComplete;
        expect(dialog(el)).to.equal(null);

        btn.blur();
        await sendMouse({ type: 'move', position: centre(btn) });
        await until(el, () => isOpen(tip));
        await sendMouse({ type: 'move', position: [0, 0] });
        await until(el, () => !isOpen(tip));
      });
    }
  });

  describe('leave', () => {
    it('a member leaves through the confirm dialog; odz-left fires once, bubbling out', async () => {
      const el = await as('mia@example.com', 'globex');
      const left = recordEvents('odz-left');
      const opener = part(el, 'leave-button')!;
      opener.click();
      await until(el, () => dialog(el)?.open === true);
      expect(el.shadowRoot!.activeElement).to.not.equal(opener);
      await expect(el).to.be.accessible();
      const fired = left.next();
      part(el, 'confirm-button')!.click();
      await fired;
      expect(left.events).to.have.length(1);
      expect(left.events[0]!.detail).to.deep.equal({ orgId: ids.orgs.globex });
      expect(left.events[0]!.bubbles && left.events[0]!.composed).to.equal(true);
      await until(el, () => text(el).includes('You left Globex Partners.'));
      left.stop();
    });

    it('the only owner hands over to a successor and leaves in one step', async () => {
      const el = await as('olivia@example.com', 'acme');
      const hand = part(el, 'hand-off-button')!;
      hand.click();
      await until(el, () => dialog(el)?.open === true);
      const choices = [...part(el, 'successor-list')!.querySelectorAll('label')];
      expect(choices.map((o) => o.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
        'Adam Admin · adam@example.com · Admin',
        'Mia Member · mia@example.com · Member',
      ]);
      expect(part(el, 'confirm-button')!.getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
      choices[0]!.querySelector('input')!.click();
      await until(el, () => part(el, 'confirm-button')!.getAttribute('aria-disabled') === 'false');
      const left = recordEvents('odz-left');
      const fired = left.next();
      part(el, 'confirm-button')!.click();
      await fired;
      left.stop();
      await signIn('adam@example.com');
      const state = await api<{ viewer: { role: string } }>(`/api/orgs/${ids.orgs.acme}/danger-zone`);
      expect(state.viewer.role).to.equal('owner');
    });

    it('a confirmation whose answer was lost is pressed again: the same Idempotency-Key, the first answer replayed', async () => {
      const el = await as('mia@example.com', 'globex');
      part(el, 'leave-button')!.click();
      await until(el, () => dialog(el)?.open === true);
      loseNextAnswer('/leave', 'POST');
      part(el, 'confirm-button')!.click();
      // The BFF has removed the membership; the widget only knows the network failed.
      await until(el, () => !!dialog(el)?.querySelector('[part~="error"]')?.textContent?.trim());
      const left = recordEvents('odz-left');
      const fired = left.next();
      const replay = response('/leave', 'POST');
      part(el, 'confirm-button')!.click();
      const answer = await replay;
      await fired;
      left.stop();
      // Without the key the second press would be refused (Mia is no longer a member).
      expect(answer.status).to.equal(204);
      expect(answer.headers.get('idempotent-replayed')).to.equal('true');
      const keys = sent
        .filter((r) => r.method === 'POST' && r.path.endsWith('/leave'))
        .slice(-2)
        .map((r) => r.headers.get('idempotency-key'));
      expect(keys[0]).to.match(/^[0-9a-f]{32}$/);
      expect(keys[1]).to.equal(keys[0]);
      await until(el, () => text(el).includes('You left Globex Partners.'));
    });
  });

  describe('delete', () => {
    it('the dialog: impact, exports, a checkbox per warning, password, the exact name; the cooldown runs, then the button enables', async () => {
      const el = await as('bill@example.com', 'stark');
      await openDeleteDialog(el);
      const body = text(el);
      for (const line of ['Access for 2 people', '1,250 remaining credits', 'The active subscription, without a refund', "People's user accounts"]) {
        expect(body).to.contain(line);
      }
      expect(part(el, 'export-members')).to.exist;
      // The warnings read as the BFF's own table words them (shared/messages.ts).
      expect(parts(el, 'acknowledgement').map((p) => p.textContent!.trim())).to.deep.equal([
        'The active subscription ends without a refund. Cancel it first to avoid losing prorated time.',
        'The remaining 1,250 credits are lost.',
        '1 other person loses access.',
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
      await chooseStepUp(el, 'password');
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
      const fired = scheduled.next();
      confirm.click();
      await fired;
      expect(scheduled.events).to.have.length(1);
      expect(scheduled.events[0]!.detail.orgId).to.equal(ids.orgs.stark);
      expect(scheduled.events[0]!.detail.purgeAt).to.match(/^\d{4}-\d\d-\d\dT/);
      await until(el, () => part(el, 'banner') !== null && dialog(el) === null);
      scheduled.stop();
    });

    it('a wrong password: the error is shown under the field, the typed name and boxes stay, the password is cleared', async () => {
      const el = await as('hank@example.com', 'hooli');
      await openDeleteDialog(el);
      await cooldownOver(el);
      part(el, 'acknowledgement')!.querySelector('input')!.click();
      await chooseStepUp(el, 'password');
      await type(part<HTMLInputElement>(el, 'password-input')!, 'not-my-password');
      await type(part<HTMLInputElement>(el, 'confirm-input')!, 'Hooli XYZ');
      await el.updateComplete;
      part(el, 'confirm-button')!.click();
      await until(el, () => el.shadowRoot!.getElementById('password-error')?.textContent === 'That password is not correct.');
      expect(part<HTMLInputElement>(el, 'confirm-input')!.value).to.equal('Hooli XYZ');
      expect(part<HTMLInputElement>(el, 'password-input')!.value).to.equal('');
      expect(part(el, 'acknowledgement')!.querySelector('input')!.checked).to.equal(true);
      await until(el, () => el.shadowRoot!.activeElement === part(el, 'password-input'));
      await expect(el).to.be.accessible();
    });

    it('a wrong password is the dialog’s to explain: no odz-error; a session that ends meanwhile: odz-error with signedOut, once', async () => {
      const el = await as('hank@example.com', 'hooli');
      const errors = recordEvents('odz-error');
      await openDeleteDialog(el);
      await cooldownOver(el);
      part(el, 'acknowledgement')!.querySelector('input')!.click();
      await type(part<HTMLInputElement>(el, 'confirm-input')!, 'Hooli XYZ');
      await chooseStepUp(el, 'password');
      const send = async (password: string) => {
        await type(part<HTMLInputElement>(el, 'password-input')!, password);
        await until(el, () => part(el, 'confirm-button')!.getAttribute('aria-disabled') === 'false');
        const answer = response('/deletion', 'POST');
        part(el, 'confirm-button')!.click();
        const status = (await answer).status;
        await until(el, () => el.shadowRoot!.querySelector('form')!.getAttribute('aria-busy') === 'false');
        return status;
      };
      // A 401 that only says the password is wrong: the host must not sign the user out for it.
      expect(await send('not-my-password')).to.equal(401);
      expect(el.shadowRoot!.getElementById('password-error')!.textContent).to.equal('That password is not correct.');
      expect(errors.events).to.have.length(0);
      // The session ends elsewhere (signed out in another tab): now the host is told.
      await signOut();
      expect(await send('danger-zone-demo')).to.equal(401);
      expect(part(el, 'error')!.textContent).to.contain('Sign in to continue.');
      expect(errors.events.map((e) => e.detail)).to.deep.equal([{ code: 'unauthorized', message: 'Sign in to continue.', status: 401, signedOut: true }]);
      errors.stop();
    });

    it('the server’s other refusals show in the dialog: name mismatch, cooldown, expiry (restarted), rate limit', async () => {
      const el = await as('sam@example.com', 'solo');
      await openDeleteDialog(el);
      await cooldownOver(el);
      await chooseStepUp(el, 'password');
      const error = () => part(el, 'error')!.textContent!;
      const under = (field: string) => el.shadowRoot!.getElementById(`${field}-error`)?.textContent ?? '';
      const password = () => part<HTMLInputElement>(el, 'password-input')!;
      /** Fills the form, sends it, and waits for the server's answer and what the dialog made of it. */
      const attempt = async (pass = 'danger-zone-demo') => {
        await type(password(), pass);
        await type(part<HTMLInputElement>(el, 'confirm-input')!, 'Solo Studio');
        await until(el, () => part(el, 'confirm-button')!.getAttribute('aria-disabled') === 'false');
        const answer = response('/deletion', 'POST');
        part(el, 'confirm-button')!.click();
        const res = await answer;
        // The form is busy until the answer is handled, and the error shows in that same render.
        await until(el, () => el.shadowRoot!.querySelector('form')!.getAttribute('aria-busy') === 'false');
        return res.status;
      };
      // The server's clock goes back 3 seconds: there, the intent's cooldown is not over yet.
      await advanceClock(-3_000);
      expect(await attempt()).to.equal(425);
      expect(error()).to.match(/Wait for the cooldown to finish \(\d more seconds?\)\./);
      expect(part(el, 'confirm-button')!.textContent).to.match(/\(\d\)/);
      await expect(el).to.be.accessible();
      await cooldownOver(el);
      // Eleven minutes later on the server's clock, the intent has expired: the widget starts a new one.
      await advanceClock(11 * 60_000);
      const renewed = response('/deletion-intents', 'POST');
      expect(await attempt()).to.equal(410);
      expect(error()).to.equal('This confirmation had expired, so a new one has started. What you typed is kept.');
      expect((await renewed).status).to.equal(201);
      await cooldownOver(el);
      // Renamed elsewhere meanwhile: the server compares with the name it has.
      await api('/api/auth/organization/update', { json: { organizationId: ids.orgs.solo, data: { name: 'Solo Studio GmbH' } } });
      expect(await attempt()).to.equal(422);
      expect(under('name')).to.contain('The name does not match');
      await api('/api/auth/organization/update', { json: { organizationId: ids.orgs.solo, data: { name: 'Solo Studio' } } });
      for (let i = 0; i < 4; i++) {
        expect(await attempt('wrong-password')).to.equal(401);
        // A wrong password is cleared from the field when the refusal arrives.
        expect(password().value).to.equal('');
        expect(under('password')).to.contain('not correct');
      }
      expect(await attempt('wrong-password')).to.equal(429);
      expect(error()).to.match(/^Too many attempts\. You can try again at \d{1,2}:\d\d/);
      await expect(el).to.be.accessible();
    });

    it('Escape closes the dialog and focus returns to the button that opened it', async () => {
      const el = await as('grace@example.com', 'globex');
      const opener = part(el, 'delete-button')!;
      opener.focus();
      await openDeleteDialog(el);
      await sendKeys({ press: 'Escape' });
      await until(el, () => dialog(el) === null && el.shadowRoot!.activeElement === opener);
    });
  });

  describe('step-up: how the owner confirms it is them', () => {
    /** The code in the newest one-time-code email to `email`, from the demo's mailbox. */
    async function emailedCode(email: string): Promise<string> {
      const { messages } = await api<{ messages: { subject: string; text: string }[] }>(`/api/demo/mailbox?to=${encodeURIComponent(email)}`);
      const mail = messages.find((m) => m.subject.startsWith('Your confirmation code'));
      return /code is (\w+)/.exec(mail?.text ?? '')![1]!;
    }

    it('offers the viewer’s methods in order; an emailed code is sent, shown where it went, and confirms', async () => {
      const el = await as('sam@example.com', 'solo');
      await openDeleteDialog(el);
      const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="step-up"]')];
      expect(radios.map((r) => [r.value, r.checked])).to.deep.equal([
        ['email_otp', true],
        ['password', false],
      ]);
      expect(part(el, 'password-input')).to.equal(null);
      await expect(el).to.be.accessible();

      const sentAnswer = response('/step-up/email-code', 'POST');
      part(el, 'send-code-button')!.click();
      expect((await sentAnswer).status).to.equal(202);
      await until(el, () => text(el).includes('We sent a code to s…m@example.com.'));
      expect(el.shadowRoot!.querySelector('[aria-live]')!.textContent).to.contain('We sent a code to s…m@example.com.');
      expect(part(el, 'send-code-button')!.textContent!.trim()).to.equal('Send a new code');
      await expect(el).to.be.accessible();

      await cooldownOver(el);
      await type(part<HTMLInputElement>(el, 'confirm-input')!, 'Solo Studio');
      await el.updateComplete;
      expect(part(el, 'confirm-button')!.getAttribute('aria-disabled')).to.equal('true');
      await type(part<HTMLInputElement>(el, 'code-input')!, await emailedCode('sam@example.com'));
      await until(el, () => part(el, 'confirm-button')!.getAttribute('aria-disabled') === 'false');
      const scheduled = response('/deletion', 'POST');
      part(el, 'confirm-button')!.click();
      expect((await scheduled).status).to.equal(202);
      await until(el, () => part(el, 'banner') !== null);
    });

    it('without a password: an emailed code or the sign-in of a moment ago (D4), which needs nothing typed', async () => {
      await signOut();
      const { orgId, orgName, token } = await api<{ orgId: string; orgName: string; token: string }>('/__fixtures/passwordless-owner', {
        json: { signedInMinutesAgo: 1 },
      });
      const el = await fixture<OrgDangerZone>(html`<org-danger-zone org-id=${orgId} .getToken=${async () => token}></org-danger-zone>`);
      await settled(el);
      await openDeleteDialog(el);
      const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="step-up"]')];
      expect(radios.map((r) => r.value)).to.deep.equal(['email_otp', 'recent_sign_in']);
      radios[1]!.click();
      await until(el, () => part(el, 'code-input') === null && text(el).includes('You signed in without a password'));
      await expect(el).to.be.accessible();
      await cooldownOver(el);
      await type(part<HTMLInputElement>(el, 'confirm-input')!, orgName);
      await until(el, () => part(el, 'confirm-button')!.getAttribute('aria-disabled') === 'false');
      const answer = response('/deletion', 'POST');
      part(el, 'confirm-button')!.click();
      expect((await answer).status).to.equal(202);
    });

    it('a wrong code: said under the code field, the code cleared and focused, the typed name kept', async () => {
      const el = await as('sam@example.com', 'solo');
      await openDeleteDialog(el);
      await cooldownOver(el);
      await type(part<HTMLInputElement>(el, 'confirm-input')!, 'Solo Studio');
      await type(part<HTMLInputElement>(el, 'code-input')!, '000000');
      await until(el, () => part(el, 'confirm-button')!.getAttribute('aria-disabled') === 'false');
      const answer = response('/deletion', 'POST');
      part(el, 'confirm-button')!.click();
      expect((await answer).status).to.equal(401);
      await until(el, () => el.shadowRoot!.getElementById('code-error')?.textContent === 'That code is not correct or has expired.');
      expect(part<HTMLInputElement>(el, 'code-input')!.value).to.equal('');
      expect(part<HTMLInputElement>(el, 'confirm-input')!.value).to.equal('Solo Studio');
      await until(el, () => el.shadowRoot!.activeElement === part(el, 'code-input'));
      await expect(el).to.be.accessible();
    });
  });

  describe('an offer of ownership (issue 21)', () => {
    it('the offered member sees who offers it and until when, accepts, and is told they are an owner', async () => {
      await signIn('olivia@example.com');
      const offer = await api<{ offerId: string }>(`/api/orgs/${ids.orgs.acme}/ownership-offers`, { json: { userId: ids.users.mia, leaveAfter: true } });
      expect(offer.offerId).to.match(/^own_/);
      const el = await as('mia@example.com', 'acme');
      // The banner comes with the lazily loaded chunk, once the zone has rendered.
      await until(el, () => part(el, 'offer') !== null);
      const banner = part(el, 'offer')!;
      expect(banner.textContent).to.contain('Olivia Owner offers to make you an owner of this organization.');
      expect(banner.textContent).to.contain('They leave the organization once you accept.');
      expect(banner.querySelector('bdi')!.textContent).to.equal('Olivia Owner');
      await expect(el).to.be.accessible();

      const answer = response(`/ownership-offers/${offer.offerId}/accept`, 'POST');
      part(el, 'offer-accept-button')!.click();
      expect((await answer).status).to.equal(200);
      await until(el, () => part(el, 'offer') === null && text(el).includes('You are now an owner of this organization.'));
      expect(el.state!.viewer.role).to.equal('owner');
      await until(el, () => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('.notice'));
      await expect(el).to.be.accessible();
    });

    it('a decline changes nothing; an answer the server refuses is said in the banner', async () => {
      await signIn('olivia@example.com');
      const { offerId } = await api<{ offerId: string }>(`/api/orgs/${ids.orgs.acme}/ownership-offers`, { json: { userId: ids.users.adam } });
      const el = await as('adam@example.com', 'acme');
      await until(el, () => part(el, 'offer') !== null);
      // The owner withdraws nothing, but the offer expires meanwhile on the server's clock.
      await advanceClock(8 * 24 * 60 * 60 * 1000);
      const refused = response(`/ownership-offers/${offerId}/accept`, 'POST');
      part(el, 'offer-accept-button')!.click();
      expect((await refused).status).to.equal(410);
      await until(el, () => part(el, 'offer')!.querySelector('[part~="error"]')!.textContent!.includes('This offer has expired.'));
      await expect(el).to.be.accessible();

      // An expired offer does not stand in the way of a new one.
      await signIn('olivia@example.com');
      const second = await api<{ offerId: string }>(`/api/orgs/${ids.orgs.acme}/ownership-offers`, { json: { userId: ids.users.adam } });
      const again = await as('adam@example.com', 'acme');
      await until(again, () => part(again, 'offer') !== null);
      const declined = response(`/ownership-offers/${second.offerId}/decline`, 'POST');
      part(again, 'offer-decline-button')!.click();
      expect((await declined).status).to.equal(200);
      await until(again, () => part(again, 'offer') === null && text(again).includes('You declined the offer. Nothing has changed.'));
      expect(again.state!.viewer.role).to.equal('admin');
    });
  });

  describe('pending', () => {
    it('as the owner: a banner with the purge date (absolute with its time zone, and relative), who asked and when, what it did and what it keeps; Cancel and exports; cancelling fires odz-deletion-cancelled', async () => {
      const el = await as('penny@example.com', 'wayne');
      const banner = part(el, 'banner')!;
      const said = banner.textContent!.replace(/\s+/g, ' ');
      // "December 8, 2026 at 10:38 AM UTC": a time a reader in another zone can act on.
      const moment = String.raw`[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2}\s[AP]M [^\s(]+`;
      expect(said).to.match(new RegExp(`deleted for good on ${moment} \\(in 5 days\\)\\.`));
      expect(said).to.match(new RegExp(`Requested by Penny Pending on ${moment}\\.`));
      expect(said).to.contain(
        'Every member was emailed. Members who are not owners were signed out of it and can no longer open it, and its API keys stopped working.',
      );
      expect(said).to.contain("People's user accounts and their other organizations are kept.");
      // What owners really can do (they can sign in; "only owners can sign in" was not true of members of other orgs).
      expect(said).to.contain('Until then, owners can still sign in, export what they need, and cancel the deletion.');
      expect(part(el, 'export-audit-log')).to.exist;
      expect(part(el, 'delete-button')).to.equal(null);
      await expect(el).to.be.accessible();
      const cancelled = recordEvents('odz-deletion-cancelled');
      const fired = cancelled.next();
      part(el, 'cancel-button')!.click();
      await fired;
      expect(cancelled.events[0]!.detail).to.deep.equal({ orgId: ids.orgs.wayne });
      await until(el, () => part(el, 'banner') === null && part(el, 'delete-button') !== null);
      expect(text(el)).to.contain('The deletion was cancelled.');
      cancelled.stop();
    });

    it('as anyone else: why access is refused and whom to ask', async () => {
      await signIn('hank@example.com');
      // Mia is a member of Hooli and of other orgs, so she can sign in; Hooli goes pending.
      const intent = await api<{ intentId: string }>(`/api/orgs/${ids.orgs.hooli}/deletion-intents`, { method: 'POST' });
      // Past the cooldown on the server's clock, which is the one the rules read.
      await advanceClock(3_000);
      await api(`/api/orgs/${ids.orgs.hooli}/deletion`, {
        json: { intentId: intent.intentId, confirmName: 'Hooli XYZ', password: 'danger-zone-demo', acknowledgements: ['other_members'] },
      });
      const el = await as('mia@example.com', 'hooli');
      const banner = part(el, 'banner')!;
      expect(banner.textContent).to.contain('Access suspended');
      expect(banner.textContent).to.match(/deleted on .+ \(in 7 days\), so it is closed to everyone but its owners\./);
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
      await until(el, () => el.shadowRoot!.querySelector('[role="heading"]')!.textContent === 'Gefahrenzone');
      expect(part(el, 'cancel-button')!.textContent!.trim()).to.equal('Löschung abbrechen');
      expect(part(el, 'banner')!.textContent).to.match(/am .+ \(in 5 Tagen\) endgültig gelöscht/);
      await expect(el).to.be.accessible();
    });

    it('mirrors the layout under dir="rtl"', async () => {
      const el = await as('grace@example.com', 'globex', { dir: 'rtl' });
      const row = el.shadowRoot!.querySelector('.row')!;
      const heading = row.querySelector('[role="heading"]')!.getBoundingClientRect();
      const button = part(el, 'leave-button')!.getBoundingClientRect();
      expect(getComputedStyle(row).direction).to.equal('rtl');
      expect(button.left).to.be.lessThan(heading.left);
      el.removeAttribute('dir');
      await el.updateComplete;
      expect(part(el, 'leave-button')!.getBoundingClientRect().left).to.be.greaterThan(row.querySelector('[role="heading"]')!.getBoundingClientRect().left);
    });
  });
});
