/**
 * Issue 10.4 and 19.4: guessing passwords is limited in every mode, not only with
 * NODE_ENV=production. The danger zone's plugin counts sign-in attempts per client address in its
 * own table, before better-auth checks the password; the answer is 429 with the standard
 * Retry-After, the rate-limit fields and the spec's error body.
 */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { errorCode, useTestBff } from '../helpers/bff.js';

// TRUST_PROXY: the test stands for clients at different addresses through X-Forwarded-For.
const bff = useTestBff({ SIGN_IN_RATE_LIMIT: 5, SIGN_IN_RATE_WINDOW_SECONDS: 60, TRUST_PROXY: true });

const signIn = (email: string, password: string, ip: string) =>
  bff.request('/api/auth/sign-in/email', { json: { email, password }, headers: { 'x-forwarded-for': ip } });

it('the sixth attempt from one address within the window is refused with 429 and Retry-After, the right password too', async () => {
  const user = await bff.make.user('Guessed');
  for (let i = 1; i <= 5; i++) expect((await signIn(user.email, `wrong-${i}`, '203.0.113.7')).status).toBe(401);
  const limited = await signIn(user.email, 'danger-zone-demo', '203.0.113.7');
  expect([limited.status, await errorCode(limited)]).toEqual([429, 'rate_limited']);
  const retryAfter = Number(limited.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const body = (await limited.json()) as { message: string; error: { retryAfter: number } };
  expect(body.error.retryAfter).toBe(retryAfter);
  expect(body.message).toMatch(/^Too many attempts/);

  // Another client is not held back by this one's guesses, and sign-ups count the same way.
  expect((await signIn(user.email, 'danger-zone-demo', '198.51.100.4')).status).toBe(200);
  // The counters are rows in the database, so every BFF process sees them (the reliability suite
  // shows it with two processes).
  const [counter] = await bff.database.reader.db.select().from(t.rateLimitCounter).where(eq(t.rateLimitCounter.key, 'sign-in:203.0.113.7'));
  expect(counter?.count).toBe(5);
  expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
  expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
});
