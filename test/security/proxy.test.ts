/**
 * Issue 18.5: behind a proxy, the client's address is read from the right of X-Forwarded-For, past
 * the trusted proxies; the entries a client writes itself (the left) neither evade the sign-in
 * limit nor reach the audit log.
 *
 * The test stands in for the proxy: a client's own header arrives with the address the proxy saw
 * appended (`<client's own entries>, <address seen by the proxy>`).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { TEST_PASSWORD } from '../helpers/auth-client.js';
import { startTarget, statusCounts, type Target } from './target.js';

let hops: Target;
let ranges: Target;

beforeAll(async () => {
  hops = await startTarget({ env: { TRUST_PROXY: '1', SIGN_IN_RATE_LIMIT: '5', SIGN_IN_RATE_WINDOW_SECONDS: '600' } });
  // The socket's peer (127.0.0.1) and an inner proxy range are trusted; the first hop outside them is the client.
  ranges = await startTarget({ env: { TRUST_PROXY: '127.0.0.1, 10.0.0.0/8', SIGN_IN_RATE_LIMIT: '5', SIGN_IN_RATE_WINDOW_SECONDS: '600' } });
});
afterAll(async () => {
  await hops?.stop();
  await ranges?.stop();
});

describe('TRUST_PROXY=1 (one proxy in front)', () => {
  it('rotating the leftmost X-Forwarded-For entry does not evade the sign-in limit', async () => {
    const user = await hops.signUp('Rotator', { ip: '192.0.2.200' });
    const seenByProxy = '203.0.113.50';
    const answers: Response[] = [];
    for (let i = 0; i < 8; i++) {
      answers.push(
        await hops.request(hops.servers[0]!, '/api/auth/sign-in/email', {
          json: { email: user.email, password: `guess-${i}` },
          headers: { 'x-forwarded-for': `10.9.${i}.1, ${seenByProxy}` },
        }),
      );
    }
    const counts = statusCounts(answers);
    console.log(`[security] 8 sign-ins rotating the client's own X-Forwarded-For entry: ${JSON.stringify(counts)}`);
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('the audit log records the address the proxy saw, not the one the client wrote', async () => {
    const owner = await hops.signUp('Audited', { ip: '192.0.2.201' });
    const org = await hops.org(owner, 'Proxy Audited');
    const res = await hops.request(hops.servers[0]!, `/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token: owner.token });
    const { intentId } = (await res.json()) as { intentId: string };
    const failed = await hops.request(hops.servers[0]!, `/api/orgs/${org.id}/deletion`, {
      token: owner.token,
      headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.77' },
      json: { intentId, confirmName: 'not the name', password: TEST_PASSWORD, acknowledgements: [] },
    });
    expect(failed.status).toBe(422);
    const [row] = await hops.db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, org.id));
    expect(row?.ip).toBe('203.0.113.77');
  });
});

describe('TRUST_PROXY as addresses and ranges', () => {
  it('skips every trusted hop from the right and counts the first one outside them', async () => {
    const user = await ranges.signUp('Ranged', { ip: '192.0.2.202' });
    const attempt = (forwardedFor: string) =>
      ranges.request(ranges.servers[0]!, '/api/auth/sign-in/email', {
        json: { email: user.email, password: 'guess' },
        headers: { 'x-forwarded-for': forwardedFor },
      });
    for (let i = 0; i < 5; i++) expect((await attempt(`172.16.${i}.9, 198.51.100.9, 10.1.2.3, 10.200.0.1`)).status).toBe(401);
    expect((await attempt('99.99.99.99, 198.51.100.9, 10.1.2.3')).status).toBe(429);
    const [counter] = await ranges.db.select().from(t.rateLimitCounter).where(eq(t.rateLimitCounter.key, 'sign-in:198.51.100.9'));
    expect(counter?.count).toBe(5);
  });
});
