/**
 * Ownership with consent from the element (issue 21): the owner offers it to a member from the
 * zone's Ownership row, the offer waits there, and the member accepts it in their own banner; only
 * then are they an owner, and the owner who asked to leave has left. Against the demo BFF; axe-clean.
 */
import { expect } from '@open-wc/testing';
import { dialog, focused, mount, part, resetDemo, response, signIn, text, until, type Ids } from '../org-danger-zone/test-support.js';

let ids: Ids;
beforeEach(async () => {
  ids = await resetDemo();
});

it('the only owner offers ownership and asks to leave once accepted; the member accepts in their banner and runs the org', async () => {
  await signIn('bill@example.com');
  const el = await mount(ids.orgs.stark!);
  await until(el, () => part(el, 'offer-ownership-button') !== null);
  part(el, 'offer-ownership-button')!.click();
  await until(el, () => dialog(el)?.open === true);
  // Only members who are not owners yet are offered; the search finds them by name.
  const radio = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="successor-list"] input[type="radio"]')!;
  expect(text(el)).to.contain('Mia Member');
  radio.click();
  part(el, 'leave-after')!.querySelector('input')!.click();
  await el.updateComplete;
  await expect(el).to.be.accessible();
  const offered = response('/ownership-offers', 'POST');
  part(el, 'confirm-button')!.click();
  expect((await offered).status).to.equal(201);
  await until(el, () => dialog(el) === null && part(el, 'outgoing-offer') !== null);
  expect(focused(el)?.textContent).to.contain('Offer sent to Mia Member');
  expect(part(el, 'outgoing-offer')!.textContent).to.match(/^Offered to Mia Member: waiting for their answer until /);
  // Nothing has changed yet: Bill is still the only owner.
  expect(el.state!.viewer.role).to.equal('owner');
  await expect(el).to.be.accessible();
  el.remove();

  await signIn('mia@example.com');
  const mia = await mount(ids.orgs.stark!);
  await until(mia, () => part(mia, 'offer-accept-button') !== null);
  const accepted = response(/\/ownership-offers\/[^/]+\/accept$/, 'POST');
  part(mia, 'offer-accept-button')!.click();
  expect((await accepted).status).to.equal(200);
  await until(mia, () => mia.state?.viewer.role === 'owner' && part(mia, 'offer') === null);
  // Bill left as he asked: Mia is the only owner and the only member.
  expect(mia.state!.impact.members).to.equal(1);
});
