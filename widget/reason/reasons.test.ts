/**
 * Issue 10.3: a reason never hides or blocks another control, is never clipped by the host's
 * layout, stays on screen in right-to-left, and keeps WCAG 2.2's 1.4.13 (dismissible, hoverable,
 * persistent) and 2.4.11 (focus not obscured). Clicks are a real pointer's (sendMouse).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { OrgDangerZone } from '../org-danger-zone/org-danger-zone.js';
import { isOpen, mount, part, resetDemo, settled, signIn, until, type Ids } from '../org-danger-zone/test-support.js';

let ids: Ids;
beforeEach(async () => {
  ids = await resetDemo();
  await setViewport({ width: 900, height: 700 });
});
afterEach(async () => {
  await resetMouse();
});

function centre(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

/** Every action and link of the zone: what a reason must never cover. */
const controls = (el: OrgDangerZone) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('section button, section a[href]')];

/**
 * Clicks `target` with the pointer and answers what the click reached. The click stops at the
 * shadow root, so nothing opens or downloads.
 */
async function click(el: OrgDangerZone, target: HTMLElement): Promise<EventTarget | undefined> {
  let reached: EventTarget | undefined;
  const record = (e: Event) => {
    reached = e.composedPath()[0];
    e.preventDefault();
    e.stopPropagation();
  };
  el.shadowRoot!.addEventListener('click', record, { capture: true, once: true });
  await sendMouse({ type: 'click', position: centre(target) });
  el.shadowRoot!.removeEventListener('click', record, { capture: true });
  return reached;
}

const tipOf = (el: OrgDangerZone, button: HTMLElement) => el.shadowRoot!.getElementById(button.getAttribute('aria-describedby')!)!;

async function openBy(how: 'focus' | 'hover', el: OrgDangerZone, button: HTMLElement) {
  const tip = tipOf(el, button);
  if (how === 'focus') button.focus();
  else await sendMouse({ type: 'move', position: centre(button) });
  await until(el, () => isOpen(tip));
  return tip;
}

/** The whole box of `tip` is inside the viewport and what the page shows at each of its edges is the tip. */
function fullyVisible(el: OrgDangerZone, tip: HTMLElement) {
  const r = tip.getBoundingClientRect();
  expect(r.left, 'left edge').to.be.at.least(0);
  expect(r.top, 'top edge').to.be.at.least(0);
  expect(r.right, 'right edge').to.be.at.most(document.documentElement.clientWidth);
  expect(r.bottom, 'bottom edge').to.be.at.most(document.documentElement.clientHeight);
  // The middle of each edge, 2px in: the corners are rounded, and hit testing follows the rounding.
  const [midX, midY] = [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
  for (const [x, y] of [
    [midX, r.top + 2],
    [r.right - 2, midY],
    [midX, r.bottom - 2],
    [r.left + 2, midY],
  ] as const) {
    expect(document.elementFromPoint(x, y), `the page at ${x},${y}`).to.equal(el);
    const inside = el.shadowRoot!.elementFromPoint(x, y);
    expect(inside !== null && tip.contains(inside), `the tip at ${x},${y}`).to.equal(true);
  }
}

for (const [who, org, refused] of [
  ['olivia@example.com', 'acme', 'leave-button'],
  ['sam@example.com', 'solo', 'leave-button'],
  ['adam@example.com', 'globex', 'delete-button'],
  ['rosa@example.com', 'initech', 'delete-button'],
] as const) {
  for (const how of ['focus', 'hover'] as const) {
    it(`${refused} of ${who.split('@')[0]} in ${org}, open by ${how}: every other action takes a real click`, async () => {
      await signIn(who);
      const el = await mount(ids.orgs[org]!);
      const button = part(el, refused)!;
      const others = controls(el).filter((c) => c !== button);
      expect(others.length).to.be.greaterThan(1);
      for (const target of others) {
        const tip = await openBy(how, el, button);
        // Open and placed: neither over the focused button nor over any other control.
        for (const control of controls(el)) {
          const a = tip.getBoundingClientRect();
          const b = control.getBoundingClientRect();
          const overlaps = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          expect(overlaps, `the reason over ${control.getAttribute('part') ?? control.textContent}`).to.equal(false);
        }
        expect(await click(el, target), `a click on ${target.getAttribute('part') ?? target.textContent}`).to.equal(target);
        await sendMouse({ type: 'move', position: [0, 0] });
        button.blur();
        await until(el, () => !isOpen(tip));
      }
    });
  }
}

it('inside a card with overflow: hidden, the reason is not clipped', async () => {
  await signIn('adam@example.com');
  const card = await fixture<HTMLDivElement>(html`<div style="overflow: hidden; width: 560px; height: 200px; margin: 40px; border: 1px solid">
    <org-danger-zone org-id=${ids.orgs.globex!}></org-danger-zone>
  </div>`);
  const el = card.querySelector('org-danger-zone')!;
  await settled(el);
  const button = part(el, 'delete-button')!;
  button.scrollIntoView({ block: 'nearest' });
  for (const how of ['focus', 'hover'] as const) {
    const tip = await openBy(how, el, button);
    fullyVisible(el, tip);
    // The card would have cut it: some of it lies outside the card's box.
    const r = tip.getBoundingClientRect();
    const c = card.getBoundingClientRect();
    expect(r.bottom > c.bottom || r.top < c.top || r.right > c.right || r.left < c.left, 'outside the card').to.equal(true);
    await sendMouse({ type: 'move', position: [0, 0] });
    button.blur();
    await until(el, () => !isOpen(tip));
  }
});

it('in right-to-left, on a narrow screen, the reason stays on screen', async () => {
  await setViewport({ width: 420, height: 640 });
  await signIn('olivia@example.com');
  const el = await mount(ids.orgs.acme!, { dir: 'rtl' });
  const button = part(el, 'leave-button')!;
  for (const how of ['focus', 'hover'] as const) {
    const tip = await openBy(how, el, button);
    fullyVisible(el, tip);
    await sendMouse({ type: 'move', position: [0, 0] });
    button.blur();
    await until(el, () => !isOpen(tip));
  }
});

it('one reason at a time; the focused one comes back when the pointer leaves the other', async () => {
  await signIn('rosa@example.com');
  const el = await mount(ids.orgs.initech!);
  const leave = part(el, 'leave-button')!;
  const del = part(el, 'delete-button')!;
  const leaveTip = await openBy('focus', el, leave);
  const deleteTip = await openBy('hover', el, del);
  expect(isOpen(leaveTip)).to.equal(false);
  await sendMouse({ type: 'move', position: [0, 0] });
  await until(el, () => isOpen(leaveTip) && !isOpen(deleteTip));
});

it('hoverable and persistent: the pointer moves onto the reason and it stays; Escape dismisses it', async () => {
  await signIn('adam@example.com');
  const el = await mount(ids.orgs.globex!);
  const button = part(el, 'delete-button')!;
  const tip = await openBy('hover', el, button);
  // From the button straight onto the reason: there is no gap to fall through.
  const [bx, by] = centre(button);
  const [tx, ty] = centre(tip);
  for (let step = 1; step <= 8; step++) {
    await sendMouse({ type: 'move', position: [Math.round(bx + ((tx - bx) * step) / 8), Math.round(by + ((ty - by) * step) / 8)] });
    expect(isOpen(tip), `step ${step}`).to.equal(true);
  }
  await el.updateComplete;
  expect(isOpen(tip)).to.equal(true);
  await sendKeys({ press: 'Escape' });
  await until(el, () => !isOpen(tip));
});
