/**
 * How the element sits in a host page (issue 22): the host's font and root size, a heading level
 * that fits the page's outline, parts for what a host restyles, a loading state the size of what
 * follows, buttons whose look says how dangerous they are, and a focus ring that stays visible on
 * a refused action.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { OrgDangerZone } from './org-danger-zone.js';
import { dialog, mount, openDeleteDialog, part, resetDemo, response, settled, signIn, until, type Ids } from './test-support.js';

let ids: Ids;
beforeEach(async () => {
  ids = await resetDemo();
  await setViewport({ width: 1280, height: 900 });
});
afterEach(() => {
  document.documentElement.style.fontSize = '';
});

/** sRGB relative luminance and contrast ratio (WCAG 2.x), from a computed `rgb()`/`rgba()` colour. */
function luminance(color: string): number {
  const [r, g, b] = color
    .match(/[\d.]+/g)!
    .slice(0, 3)
    .map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

it("the host's font, whatever its root size: html { font-size: 62.5% } shrinks nothing", async () => {
  document.documentElement.style.fontSize = '62.5%';
  await signIn('grace@example.com');
  const host = await fixture<HTMLDivElement>(html`<div style="font: 16px/1.4 Georgia, serif">
    <org-danger-zone org-id=${ids.orgs.globex!}></org-danger-zone>
  </div>`);
  const el = host.querySelector('org-danger-zone')!;
  await settled(el);
  expect(getComputedStyle(el).fontFamily).to.equal('Georgia, serif');
  expect(getComputedStyle(el).fontSize).to.equal('16px');
  await openDeleteDialog(el);
  // The dialog's width is in em of the element's own font (34em of 16px), not of the root's 10px.
  expect(dialog(el)!.getBoundingClientRect().width).to.be.closeTo(34 * 16, 1);
  const confirm = part(el, 'confirm-button')!;
  expect(parseFloat(getComputedStyle(confirm).fontSize)).to.be.at.least(16);
});

it('heading-level fits the host page: the zone at that level, its sections one below', async () => {
  await signIn('grace@example.com');
  const el = await fixture<OrgDangerZone>(html`<org-danger-zone org-id=${ids.orgs.globex!} heading-level="3"></org-danger-zone>`);
  await settled(el);
  const levels = [...el.shadowRoot!.querySelectorAll('[role="heading"]')].map((h) => h.getAttribute('aria-level'));
  expect(levels[0]).to.equal('3');
  expect(levels.slice(1)).to.have.length(3);
  expect(new Set(levels.slice(1))).to.deep.equal(new Set(['4']));
  expect(el.shadowRoot!.querySelector('[role="heading"]')!.textContent).to.equal('Danger zone');
  await expect(el).to.be.accessible();
});

it('the loading state has the zone’s three rows: the page does not jump when the state arrives', async () => {
  await signIn('grace@example.com');
  const arrived = response(`/orgs/${ids.orgs.globex}/danger-zone`);
  const el = document.createElement('org-danger-zone');
  el.setAttribute('org-id', ids.orgs.globex!);
  document.body.append(el);
  try {
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-busy')).to.equal('true');
    expect(el.shadowRoot!.querySelectorAll('.row')).to.have.length(3);
    const loading = el.getBoundingClientRect().height;
    await arrived;
    await settled(el);
    expect(el.shadowRoot!.querySelectorAll('.row')).to.have.length(3);
    const loaded = el.getBoundingClientRect().height;
    // Within a tenth of a line of the element's own font.
    expect(Math.abs(loaded - loading), `${loading} px loading, ${loaded} px loaded`).to.be.at.most(2);
  } finally {
    el.remove();
  }
});

it('parts for what a host restyles: rows, headings, the hand-off button', async () => {
  await signIn('olivia@example.com');
  const el = await mount(ids.orgs.acme!);
  expect(el.shadowRoot!.querySelectorAll('[part~="row"]').length).to.be.at.least(2);
  expect(el.shadowRoot!.querySelectorAll('[part~="heading"]').length).to.be.at.least(3);
  expect(part(el, 'hand-off-button')!.textContent).to.contain('Transfer ownership and leave');
});

it('Delete is an outlined danger button in the zone; Cancel deletion, the safe action, is not styled as destructive', async () => {
  await signIn('grace@example.com');
  const zone = await mount(ids.orgs.globex!);
  const del = getComputedStyle(part(zone, 'delete-button')!);
  const danger = del.color;
  expect(del.backgroundColor).to.equal('rgba(0, 0, 0, 0)');
  expect(del.borderTopColor).to.equal(danger);
  await signIn('penny@example.com');
  const pending = await mount(ids.orgs.wayne!);
  const cancel = getComputedStyle(part(pending, 'cancel-button')!);
  expect(cancel.color).to.not.equal(danger);
  expect(cancel.borderTopColor).to.not.equal(danger);
});

for (const scheme of ['light', 'dark'] as const) {
  it(`a refused action's focus ring keeps full contrast (${scheme})`, async () => {
    document.documentElement.style.colorScheme = scheme;
    try {
      await signIn('adam@example.com');
      const el = await mount(ids.orgs.globex!);
      const button = part(el, 'delete-button')!;
      button.focus();
      await until(el, () => el.shadowRoot!.activeElement === button);
      const style = getComputedStyle(button);
      // Faded by colour, not by opacity, which would fade the ring with it.
      expect(style.opacity).to.equal('1');
      expect(style.outlineStyle).to.equal('solid');
      const zoneBackground = getComputedStyle(el.shadowRoot!.querySelector('.zone')!).backgroundColor;
      expect(contrast(style.outlineColor, zoneBackground)).to.be.at.least(3);
      // And the faded label itself stays readable.
      expect(contrast(style.color, style.backgroundColor)).to.be.at.least(4.5);
    } finally {
      document.documentElement.style.colorScheme = '';
    }
  });
}
