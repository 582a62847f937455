/**
 * The dialogs as a keyboard and screen-reader user meets them (issue 22): where focus opens and
 * where it goes after each flow, what the Delete button says when something is missing, each
 * error said once where it belongs, the failed-attempt limit, a confirmation that could not start,
 * a countdown that leaves the button's name alone, and the hand-off among many members.
 * Keys and clicks are real (sendKeys, sendMouse); every state is checked with axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { OrgDangerZone } from '../org-danger-zone/org-danger-zone.js';
import {
  accessibleName,
  chooseStepUp,
  cooldownOver,
  dialog,
  focused,
  loseNextAnswer,
  mount,
  openDeleteDialog,
  part,
  parts,
  resetDemo,
  response,
  sent,
  settled,
  signIn,
  speech,
  text,
  type,
  until,
  type Ids,
} from '../org-danger-zone/test-support.js';

let ids: Ids;
beforeEach(async () => {
  ids = await resetDemo();
  await setViewport({ width: 1280, height: 900 });
});
afterEach(async () => {
  await resetMouse();
});

async function as(email: string, orgKey: string): Promise<OrgDangerZone> {
  await signIn(email);
  return mount(ids.orgs[orgKey]!);
}

/** A focused control, as a test names it: its part, or a checkbox's warning code, or its id. */
function nameOf(el: Element | null): string {
  if (!el) return 'nothing';
  return el.getAttribute('part') ?? el.getAttribute('name') ?? el.id;
}

const byId = (el: OrgDangerZone, id: string) => el.shadowRoot!.getElementById(id);
const live = (el: OrgDangerZone) => el.shadowRoot!.querySelector('[aria-live]')!;

/** Activates the focused control with the keyboard and waits for the answer to `method path`. */
async function press(key: string, path: string, method = 'POST'): Promise<Response> {
  const answer = response(path, method);
  await sendKeys({ press: key });
  return answer;
}

/** Fills the delete dialog of an org with its name and the demo password, every box ticked. */
async function fill(el: OrgDangerZone, name: string, password = 'danger-zone-demo') {
  for (const box of parts(el, 'acknowledgement')) {
    const input = box.querySelector('input')!;
    if (!input.checked) input.click();
  }
  await chooseStepUp(el, 'password');
  await type(part<HTMLInputElement>(el, 'password-input')!, password);
  await type(part<HTMLInputElement>(el, 'confirm-input')!, name);
  await el.updateComplete;
}

describe('the delete dialog opens at its top', () => {
  it('focus on its heading, described by what confirming does; Tab walks exports → acknowledgements → step-up → name → Cancel → Delete', async () => {
    const el = await as('bill@example.com', 'stark');
    part(el, 'delete-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, () => dialog(el)?.open === true && focused(el) === byId(el, 'dialog-title') && part(el, 'deletion-preview') !== null);
    const description = byId(el, dialog(el)!.getAttribute('aria-describedby')!)!;
    expect(description.textContent).to.contain('deleted for good on');
    await expect(el).to.be.accessible();
    const order: string[] = [];
    for (let i = 0; i < 17; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(nameOf(focused(el)));
    }
    expect(order).to.deep.equal([
      // Every record the purge removes (issue 21), folded.
      'deletion-preview-summary',
      'export-audit-log',
      'export-members',
      // When (the date field's month, day, year and calendar button), and why (issue 21).
      'purge-date-input',
      'purge-date-input',
      'purge-date-input',
      'purge-date-input',
      'reason-select',
      'active_subscription',
      'credits_remaining',
      'other_members',
      // How to confirm it is you (the demo offers an emailed code first): the choice, then its controls.
      'step-up',
      'send-code-button',
      'code-input',
      'confirm-input',
      'close-button',
      'confirm-button',
    ]);
  });

  for (const [zoom, width, height] of [
    ['200%', 640, 450],
    ['400%', 320, 225],
  ] as const) {
    it(`at ${zoom} zoom it opens scrolled to its top: the heading and the first consequence in view`, async () => {
      await setViewport({ width, height });
      const el = await as('bill@example.com', 'stark');
      await openDeleteDialog(el);
      const box = dialog(el)!;
      await until(el, () => focused(el) === byId(el, 'dialog-title'));
      expect(box.scrollTop).to.equal(0);
      const frame = box.getBoundingClientRect();
      for (const id of ['dialog-title', 'dialog-intro']) {
        const r = byId(el, id)!.getBoundingClientRect();
        expect(r.top >= frame.top && r.top < frame.bottom, `${id} in view`).to.equal(true);
      }
    });
  }
});

describe('Delete says what is missing', () => {
  it('on Enter with a soft-disabled Delete: what is missing, said once, politely; each field says it under itself', async () => {
    const el = await as('bill@example.com', 'stark');
    await openDeleteDialog(el);
    await cooldownOver(el);
    await chooseStepUp(el, 'password');
    parts(el, 'acknowledgement')[0]!.querySelector('input')!.click();
    await type(part<HTMLInputElement>(el, 'confirm-input')!, 'stark billing co.');
    await el.updateComplete;
    // Not on every key: nothing is marked wrong before an attempt or leaving a field.
    expect(el.shadowRoot!.querySelectorAll('.field-error, [aria-invalid="true"]')).to.have.length(0);

    const voice = speech(el);
    const before = sent.length;
    const confirm = part(el, 'confirm-button')!;
    confirm.focus();
    await sendKeys({ press: 'Enter' });
    const expected = 'To delete, still: tick 2 boxes, enter your password, and type the name exactly as shown.';
    await until(el, () => live(el).textContent!.trim() === expected);
    await el.updateComplete;
    expect(live(el).getAttribute('aria-live')).to.equal('polite');
    expect(voice.count('To delete, still')).to.equal(1);
    expect(focused(el)).to.equal(confirm);
    // Nothing was sent.
    expect(sent.slice(before).filter((r) => r.path.endsWith('/deletion'))).to.have.length(0);

    // Under each field, tied to it.
    const describedBy = (control: Element) =>
      (control.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => byId(el, id)?.textContent ?? '')
        .join(' ');
    const password = part<HTMLInputElement>(el, 'password-input')!;
    const name = part<HTMLInputElement>(el, 'confirm-input')!;
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(password)).to.contain('Enter your password.');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(name)).to.contain('Check upper and lower case');
    const fieldset = el.shadowRoot!.querySelector('fieldset')!;
    expect(describedBy(fieldset)).to.contain('Tick each box');
    const boxes = parts(el, 'acknowledgement').map((p) => p.querySelector('input')!);
    expect(boxes.map((b) => b.getAttribute('aria-invalid'))).to.deep.equal(['false', 'true', 'true']);
    await expect(el).to.be.accessible();

    // Each message goes as its field is put right.
    await type(name, 'Stark Billing Co. ');
    await el.updateComplete;
    expect(describedBy(name)).to.contain('Check the spaces');
    await type(name, 'Stark Billing Co.');
    await el.updateComplete;
    expect(name.getAttribute('aria-invalid')).to.equal('false');
    expect(byId(el, 'name-error')).to.equal(null);

    // Pressed again with the same things missing, it is said again (once).
    confirm.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, () => voice.count('To delete, still: tick 2 boxes and enter your password.') === 1);
    voice.stop();
  });

  it('before any attempt, a field says what is wrong once it is left, not on every key', async () => {
    const el = await as('bill@example.com', 'stark');
    await openDeleteDialog(el);
    const name = part<HTMLInputElement>(el, 'confirm-input')!;
    name.focus();
    await sendKeys({ type: 'Stark' });
    await el.updateComplete;
    expect(name.getAttribute('aria-invalid')).to.equal('false');
    await sendKeys({ press: 'Tab' });
    await until(el, () => name.getAttribute('aria-invalid') === 'true');
    expect(byId(el, 'name-error')!.textContent).to.equal('This does not match the name yet.');
    // The code field was never left with anything in it: it says nothing yet.
    expect(part(el, 'code-input')!.getAttribute('aria-invalid')).to.equal('false');
  });
});

describe('errors are said once, where they belong', () => {
  it('a wrong password: under the password field (focus goes there), not also in an alert or the live region', async () => {
    const el = await as('hank@example.com', 'hooli');
    await openDeleteDialog(el);
    await cooldownOver(el);
    await fill(el, 'Hooli XYZ', 'not-my-password');
    const voice = speech(el);
    part(el, 'confirm-button')!.focus();
    expect((await press('Enter', '/deletion')).status).to.equal(401);
    const password = part<HTMLInputElement>(el, 'password-input')!;
    await until(el, () => focused(el) === password && password.getAttribute('aria-invalid') === 'true');
    await el.updateComplete;
    expect(byId(el, 'password-error')!.textContent).to.equal('That password is not correct.');
    expect(password.getAttribute('aria-describedby')).to.contain('password-error');
    expect(voice.count('That password is not correct.')).to.equal(1);
    expect(part(el, 'error')!.textContent).to.equal('');
    expect(live(el).textContent).to.not.contain('not correct');
    // What was typed stays, but the password.
    expect(part<HTMLInputElement>(el, 'confirm-input')!.value).to.equal('Hooli XYZ');
    expect(password.value).to.equal('');
    await expect(el).to.be.accessible();
    // Typing again clears the message; the next refusal says it again, once.
    await sendKeys({ type: 'still-wrong' });
    await el.updateComplete;
    expect(byId(el, 'password-error')).to.equal(null);
    voice.stop();
  });

  it('a refusal of the whole dialog (the cooldown, on the server’s clock) is said once, in its alert', async () => {
    const el = await as('sam@example.com', 'solo');
    await openDeleteDialog(el);
    await cooldownOver(el);
    await fill(el, 'Solo Studio');
    await fetch('/api/demo/clock', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{"advanceMs":-3000}' });
    const voice = speech(el);
    part(el, 'confirm-button')!.focus();
    expect((await press('Enter', '/deletion')).status).to.equal(425);
    await until(el, () => /Wait for the cooldown/.test(part(el, 'error')!.textContent!));
    await el.updateComplete;
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(voice.count('Wait for the cooldown')).to.equal(1);
    voice.stop();
  });
});

describe('the failed-attempt limit', () => {
  it('warns when one attempt is left, then Delete looks refused and says until what time', async () => {
    const el = await as('hank@example.com', 'hooli');
    await openDeleteDialog(el);
    await cooldownOver(el);
    const time = /\d{1,2}:\d{2}/;
    let remaining = '';
    for (let attempt = 0; attempt < 6 && remaining !== '0'; attempt++) {
      await fill(el, 'Hooli XYZ', `wrong-${attempt}`);
      part(el, 'confirm-button')!.focus();
      const answer = await press('Enter', '/deletion');
      expect(answer.status).to.equal(401);
      remaining = answer.headers.get('X-RateLimit-Remaining')!;
      await until(el, () => el.shadowRoot!.querySelector('form')!.getAttribute('aria-busy') === 'false');
      await el.updateComplete;
      const warning = byId(el, 'limit-note');
      if (remaining === '1') {
        expect(warning?.textContent ?? '').to.match(/^One attempt left: after another mistake, deleting is locked until /);
        expect(warning!.textContent).to.match(time);
        expect(part(el, 'password-input')!.getAttribute('aria-describedby')).to.contain('limit-note');
      } else {
        expect(warning).to.equal(null);
      }
    }
    expect(remaining).to.equal('0');
    // The next attempt finds the limit reached (429): the dialog says until what time, and Delete looks refused.
    await fill(el, 'Hooli XYZ', 'danger-zone-demo');
    const confirm = part(el, 'confirm-button')!;
    confirm.focus();
    expect((await press('Enter', '/deletion')).status).to.equal(429);
    await until(el, () => /^Too many attempts\. You can try again at /.test(part(el, 'error')!.textContent!));
    expect(part(el, 'error')!.textContent).to.match(time);
    expect(confirm.getAttribute('aria-disabled')).to.equal('true');
    expect(getComputedStyle(confirm).borderTopStyle).to.equal('dashed');
    // Pressed while locked, it says what it waits for, and sends nothing.
    const before = sent.length;
    await sendKeys({ press: 'Enter' });
    await until(el, () => /To delete, still: wait until \d{1,2}:\d{2}/.test(live(el).textContent!));
    expect(sent.slice(before).filter((r) => r.path.endsWith('/deletion'))).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});

describe('the confirmation itself', () => {
  it('a failure while opening offers "Try again" instead of "Preparing…" forever', async () => {
    const el = await as('grace@example.com', 'globex');
    loseNextAnswer('/deletion-intents', 'POST');
    part(el, 'delete-button')!.click();
    await until(el, () => !!part(el, 'retry-button') && part(el, 'error')!.textContent !== '');
    expect(part(el, 'error')!.textContent).to.equal('The server could not be reached. Check your connection.');
    expect(accessibleName(part(el, 'confirm-button')!)).to.equal('Delete organization');
    await expect(el).to.be.accessible();
    const intent = response('/deletion-intents', 'POST');
    part(el, 'retry-button')!.focus();
    await sendKeys({ press: 'Enter' });
    expect((await intent).status).to.equal(201);
    await until(el, () => !part(el, 'retry-button') && /\(\d\)/.test(part(el, 'confirm-button')!.textContent!));
    expect(part(el, 'error')!.textContent).to.equal('');
  });

  it('an expired confirmation: the copy says what the widget does (a new one started, what was typed kept)', async () => {
    const el = await as('sam@example.com', 'solo');
    await openDeleteDialog(el);
    await cooldownOver(el);
    await fill(el, 'Solo Studio');
    await fetch('/api/demo/clock', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{"advanceMs":660000}' });
    const renewed = response('/deletion-intents', 'POST');
    part(el, 'confirm-button')!.focus();
    expect((await press('Enter', '/deletion')).status).to.equal(410);
    expect((await renewed).status).to.equal(201);
    await until(el, () => part(el, 'error')!.textContent === 'This confirmation had expired, so a new one has started. What you typed is kept.');
    expect(part<HTMLInputElement>(el, 'confirm-input')!.value).to.equal('Solo Studio');
  });

  it('the countdown is seen, not heard: the focused Delete keeps its name, and its width, while it counts', async () => {
    const el = await as('grace@example.com', 'globex');
    await openDeleteDialog(el);
    const confirm = part(el, 'confirm-button')!;
    confirm.focus();
    const names = new Set<string>();
    const widths = new Set<number>();
    const seen = new Set<string>();
    await until(el, () => {
      names.add(accessibleName(confirm));
      const count = /\((\d)\)/.exec(confirm.textContent!)?.[1];
      if (count) {
        seen.add(count);
        widths.add(Math.round(confirm.getBoundingClientRect().width * 10));
      }
      return !count;
    });
    expect(seen.size).to.be.at.least(2);
    expect([...names]).to.deep.equal(['Delete organization']);
    expect(widths.size).to.equal(1);
  });

  it('spaces in the name to type are visible in the chip, and copy as spaces', async () => {
    const el = await as('bill@example.com', 'stark');
    await openDeleteDialog(el);
    const chip = part(el, 'exact-name')!;
    expect(chip.textContent).to.equal('Stark Billing Co.');
    const spaces = [...chip.querySelectorAll('.sp')];
    expect(spaces).to.have.length(2);
    for (const space of spaces) {
      expect(space.textContent).to.equal(' ');
      expect(getComputedStyle(space, '::after').content).to.contain('·');
      expect(space.getBoundingClientRect().width).to.be.greaterThan(2);
    }
  });

  it('the acknowledgements read as sentences, with a link to the host’s billing beside the billing ones', async () => {
    await signIn('bill@example.com');
    const el = await fixture<OrgDangerZone>(html`<org-danger-zone org-id=${ids.orgs.stark!} billing-url="https://app.example/billing"></org-danger-zone>`);
    await settled(el);
    await openDeleteDialog(el);
    expect(el.shadowRoot!.querySelector('legend')!.textContent).to.equal('Confirm that you understand');
    const links = parts<HTMLAnchorElement>(el, 'billing-link');
    expect(links.map((a) => a.href)).to.deep.equal(['https://app.example/billing', 'https://app.example/billing']);
    expect(links.map((a) => a.closest('.check')!.querySelector('input')!.name)).to.deep.equal(['active_subscription', 'credits_remaining']);
    await expect(el).to.be.accessible();
  });
});

describe('focus after every flow goes to what says what happened', () => {
  it('scheduling: the pending banner', async () => {
    const el = await as('sam@example.com', 'solo');
    await openDeleteDialog(el);
    await cooldownOver(el);
    await fill(el, 'Solo Studio');
    part(el, 'confirm-button')!.focus();
    const voice = speech(el);
    expect((await press('Enter', '/deletion')).status).to.equal(202);
    await until(el, () => dialog(el) === null && focused(el) === part(el, 'banner'));
    expect(part(el, 'banner')!.textContent).to.contain('Deletion scheduled');
    await el.updateComplete;
    expect(voice.count('Deletion scheduled')).to.equal(1);
    await expect(el).to.be.accessible();
    voice.stop();
  });

  it('cancelling: the notice that it was cancelled', async () => {
    const el = await as('penny@example.com', 'wayne');
    part(el, 'cancel-button')!.focus();
    const voice = speech(el);
    expect((await press('Enter', '/deletion', 'DELETE')).status).to.equal(200);
    await until(el, () => focused(el)?.classList.contains('notice') === true);
    expect(focused(el)!.textContent).to.contain('The deletion was cancelled.');
    await el.updateComplete;
    expect(voice.count('The deletion was cancelled.')).to.equal(1);
    await expect(el).to.be.accessible();
    voice.stop();
  });

  it('leaving: the notice that you left', async () => {
    const el = await as('mia@example.com', 'globex');
    part(el, 'leave-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, () => focused(el) === part(el, 'close-button'));
    await sendKeys({ press: 'Tab' });
    expect((await press('Enter', '/leave')).status).to.equal(204);
    await until(el, () => focused(el)?.classList.contains('notice') === true);
    expect(focused(el)!.textContent).to.equal('You left Globex Partners.');
  });

  it('handing off: one verb from button to confirm, a searchable list of whole names, and the notice at the end', async () => {
    const el = await as('olivia@example.com', 'acme');
    const button = part(el, 'hand-off-button')!;
    expect(button.textContent).to.equal('Transfer ownership and leave…');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, () => dialog(el)?.open === true && focused(el) === byId(el, 'dialog-title'));
    expect(byId(el, 'dialog-title')!.textContent).to.equal('Transfer ownership of Acme Robotics and leave');
    expect(accessibleName(part(el, 'confirm-button')!)).to.equal('Transfer ownership and leave');
    expect(byId(el, 'dialog-intro')!.textContent).to.contain('your access ends at once. They are not notified');
    const choices = () => [...el.shadowRoot!.querySelectorAll<HTMLLabelElement>('[part~="successor-list"] label')];
    expect(choices().map((c) => c.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Adam Admin · adam@example.com · Admin',
      'Mia Member · mia@example.com · Member',
    ]);
    for (const choice of choices()) expect(choice.scrollWidth).to.be.at.most(choice.clientWidth);
    await expect(el).to.be.accessible();
    const search = part<HTMLInputElement>(el, 'successor-search')!;
    search.focus();
    await sendKeys({ type: 'MIA' });
    await until(el, () => choices().length === 1);
    expect(choices()[0]!.textContent).to.contain('Mia Member');
    await sendKeys({ type: 'xyz' });
    await until(el, () => text(el).includes('No member matches.'));
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await until(el, () => choices().length === 1);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await until(el, () => part(el, 'confirm-button')!.getAttribute('aria-disabled') === 'false');
    part(el, 'confirm-button')!.focus();
    expect((await press('Enter', '/leave')).status).to.equal(204);
    await until(el, () => focused(el)?.classList.contains('notice') === true);
    expect(focused(el)!.textContent).to.equal('You left Acme Robotics.');
  });

  it('"Try again": the zone it brings, or the failure again', async () => {
    await signIn('grace@example.com');
    loseNextAnswer('/danger-zone', 'GET');
    const el = await mount(ids.orgs.globex!);
    await until(el, () => !!part(el, 'retry-button'));
    const retry = part(el, 'retry-button')!;
    retry.focus();
    loseNextAnswer('/danger-zone', 'GET');
    await sendKeys({ press: 'Enter' });
    await until(el, () => focused(el)?.matches('[role="alert"]') === true);
    expect(focused(el)!.textContent).to.contain('The server could not be reached.');
    part(el, 'retry-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, () => focused(el) === byId(el, 'zone-title'));
    expect(part(el, 'delete-button')).to.not.equal(null);
    await sendMouse({ type: 'move', position: [0, 0] });
  });
});
