/** Keyboard only: every control reachable with Tab, reasons on focus, and each flow completed. */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OrgDangerZone } from './org-danger-zone.js';
import { dialog, isOpen, mount, part, recordEvents, resetDemo, signIn, until, type Ids } from './test-support.js';

let ids: Ids;
const mounted: Element[] = [];
beforeEach(async () => {
  ids = await resetDemo();
});
afterEach(() => {
  for (const node of mounted.splice(0)) node.remove();
});

/** The element focused inside the widget (through its shadow root), by part or text. */
function focused(el: OrgDangerZone): string {
  const active = el.shadowRoot!.activeElement as HTMLElement | null;
  if (!active) return 'outside';
  return active.getAttribute('part') ?? active.textContent!.trim();
}

async function tab(times = 1, shift = false) {
  for (let i = 0; i < times; i++) await sendKeys({ press: shift ? 'Shift+Tab' : 'Tab' });
}

async function mountFirst(email: string, orgKey: string) {
  await signIn(email);
  const before = document.createElement('button');
  before.textContent = 'before';
  document.body.append(before);
  const el = await mount(ids.orgs[orgKey]!);
  document.body.append(el);
  mounted.push(before, el);
  before.focus();
  return { el, before };
}

it('Tab reaches every control in order, soft-disabled ones included', async () => {
  const { el } = await mountFirst('adam@example.com', 'globex');
  const order: string[] = [];
  for (let i = 0; i < 4; i++) {
    await tab();
    order.push(focused(el));
  }
  expect(order).to.deep.equal(['leave-button', 'delete-button', 'export-audit-log', 'export-members']);
});

it('focus opens the reason; Escape closes it', async () => {
  const { el } = await mountFirst('olivia@example.com', 'acme');
  await tab();
  expect(focused(el)).to.equal('hand-off-button');
  await tab();
  expect(focused(el)).to.equal('leave-button');
  const tip = el.shadowRoot!.getElementById('leave-reasons')!;
  await until(el, () => isOpen(tip));
  await sendKeys({ press: 'Escape' });
  await until(el, () => !isOpen(tip));
});

it('leave, by keyboard', async () => {
  const { el } = await mountFirst('mia@example.com', 'globex');
  const left = recordEvents('odz-left');
  await tab();
  await sendKeys({ press: 'Enter' });
  await until(el, () => dialog(el)?.open === true && focused(el) === 'close-button');
  await tab();
  expect(focused(el)).to.equal('confirm-button');
  const fired = left.next();
  await sendKeys({ press: 'Enter' });
  await fired;
  left.stop();
});

it('delete, by keyboard', async () => {
  const { el } = await mountFirst('sam@example.com', 'solo');
  const scheduled = recordEvents('odz-deletion-scheduled');
  await tab(2);
  expect(focused(el)).to.equal('delete-button');
  await sendKeys({ press: 'Enter' });
  // The dialog opens at its heading; then come the exports, the date and the reason, and the choice
  // of how to confirm it is you, where the arrow keys choose the password.
  await until(el, () => dialog(el)?.open === true && focused(el) === 'heading');
  for (let i = 0; i < 14 && el.shadowRoot!.activeElement?.getAttribute('name') !== 'step-up'; i++) await tab();
  await sendKeys({ press: 'ArrowDown' });
  await until(el, () => part(el, 'password-input') !== null);
  await tab();
  expect(focused(el)).to.equal('password-input');
  await sendKeys({ type: 'danger-zone-demo' });
  await tab();
  expect(focused(el)).to.equal('confirm-input');
  await sendKeys({ type: 'Solo Studio' });
  await until(el, () => part(el, 'confirm-button')!.getAttribute('aria-disabled') === 'false');
  await tab(2);
  expect(focused(el)).to.equal('confirm-button');
  const fired = scheduled.next();
  await sendKeys({ press: 'Enter' });
  await fired;
  scheduled.stop();
});

it('cancel, by keyboard', async () => {
  const { el } = await mountFirst('penny@example.com', 'wayne');
  const cancelled = recordEvents('odz-deletion-cancelled');
  await tab();
  expect(focused(el)).to.equal('cancel-button');
  const fired = cancelled.next();
  await sendKeys({ press: 'Enter' });
  await fired;
  cancelled.stop();
});
