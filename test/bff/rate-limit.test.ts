/** SPEC 4.4: failed deletion confirmations, 5 a user per 15 minutes, counted in the database. */
import { expect, it } from 'vitest';
import { errorBody } from '../../shared/schemas.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { confirmDeletion, createIntent } from '../helpers/deletion.js';

const bff = useTestBff();

it('the sixth failed confirmation within the window gets 429 with every header; the window resets', async () => {
  const make = bff.make;
  const owner = await make.user();
  const org = await make.org({ name: 'Limited', members: [{ userId: owner.id, role: 'owner' }] });
  const token = await bff.signIn(owner.email);
  const { intent } = await createIntent(bff, org.id, token);
  bff.clock.advance(10_000);
  const attempt = (body: { confirmName: string; password?: string }) => confirmDeletion(bff, org.id, token, { intentId: intent!.intentId, ...body });

  const failures = [
    { confirmName: 'limited' },
    { confirmName: 'Limited', password: 'wrong-1' },
    { confirmName: 'Limited ' },
    { confirmName: 'Limited', password: 'wrong-2' },
    { confirmName: 'LIMITED' },
  ];
  for (const [i, body] of failures.entries()) {
    const res = await attempt(body);
    expect(res.status).toBe(body.password ? 401 : 422);
    expect(res.headers.get('x-ratelimit-remaining')).toBe(String(4 - i));
  }
  // Sixth attempt, even with the right name and password: refused until the window ends.
  const limited = await attempt({ confirmName: 'Limited' });
  expect([limited.status, await errorCode(limited)]).toEqual([429, 'rate_limited']);
  const retryAfter = Number(limited.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(14 * 60);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  expect(errorBody.parse(await limited.json()).error.retryAfter).toBe(retryAfter);
  expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
  expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(bff.clock.now().getTime() / 1000);
  expect(limited.headers.get('ratelimit-policy')).toBe('"deletion-confirmations";q=5;w=900');
  expect(limited.headers.get('ratelimit')).toBe(`"deletion-confirmations";r=0;t=${retryAfter}`);

  // The window runs on the server's clock: 15 minutes later the user may confirm again (with a new
  // intent, since the first has expired by then).
  bff.clock.advance(15 * 60_000);
  const { intent: fresh } = await createIntent(bff, org.id, token);
  bff.clock.advance(10_000);
  const ok = await confirmDeletion(bff, org.id, token, { intentId: fresh!.intentId, confirmName: 'Limited' });
  expect(ok.status).toBe(202);
  expect(ok.headers.get('x-ratelimit-remaining')).toBe('5');
});
