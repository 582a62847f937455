/**
 * Signed webhooks (issue 14) against a real HTTP receiver on loopback: Standard Webhooks signatures
 * that the official library verifies, every event type with its payload schema, at least once with
 * the same id on every retry, ordered per org, a slow receiver never delaying a user's request.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startBackgroundJobs } from '../../bff/jobs/background.js';
import { silentLogger } from '../../bff/observability/logger.js';
import { dispatchWebhooks } from '../../bff/webhooks/dispatcher.js';
import { generateWebhookSecret, verifyWebhook, WebhookVerificationError } from '../../bff/webhooks/signing.js';
import { webhookPayload, type WebhookPayload } from '../../shared/webhooks.js';
import { useTestBff } from '../helpers/bff.js';
import { scheduleDeletion } from '../helpers/deletion.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const receiver = await startWebhookReceiver();
const secret = generateWebhookSecret();
const endpoints = [{ url: receiver.url, secret }];
const bff = useTestBff({ WEBHOOK_URLS: [receiver.url], WEBHOOK_SECRET: secret });
afterAll(() => receiver.close());

let ids: { users: Record<string, string>; orgs: Record<string, string> };
beforeEach(async () => {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
  receiver.received.length = 0;
  receiver.answer(204);
});

const dispatch = (options: { backoffMs?: number; maxAttempts?: number } = {}) =>
  dispatchWebhooks(bff.database, { endpoints, now: bff.clock.now(), ...options });
const payloads = () => receiver.received.map((r) => webhookPayload.parse(JSON.parse(r.body)) as WebhookPayload);

async function scheduleAndCancelHooli() {
  const hank = await bff.signIn('hank@example.com');
  expect((await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
  expect((await bff.request(`/api/orgs/${ids.orgs.hooli}/deletion`, { method: 'DELETE', token: hank })).status).toBe(200);
  return hank;
}

describe('signatures', () => {
  it('verify with the official Standard Webhooks library and with ours; a changed body or an old timestamp does not', async () => {
    await scheduleAndCancelHooli();
    await dispatch();
    expect(receiver.received).toHaveLength(2);
    for (const { headers, body } of receiver.received) {
      const h = {
        'webhook-id': String(headers['webhook-id']),
        'webhook-timestamp': String(headers['webhook-timestamp']),
        'webhook-signature': String(headers['webhook-signature']),
      };
      expect(h['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(new Webhook(secret).verify(body, h)).toEqual(JSON.parse(body));
      expect(verifyWebhook(secret, h, body)).toEqual(JSON.parse(body));
      expect(() => verifyWebhook(secret, h, body.replace('Hooli', 'Hoolie'))).toThrow(WebhookVerificationError);
      expect(() => verifyWebhook(generateWebhookSecret(), h, body)).toThrow(WebhookVerificationError);
      expect(() => verifyWebhook(secret, h, body, { now: new Date(Date.now() + 10 * 60_000) })).toThrow(/too old/);
      // During a rotation, either secret verifies.
      expect(verifyWebhook([generateWebhookSecret(), secret], h, body)).toEqual(JSON.parse(body));
    }
  });
});

describe('events', () => {
  it('every event type, with the payload its schema describes, in the order the changes happened', async () => {
    const hank = await scheduleAndCancelHooli();
    // member.role_changed, then member.left with a hand-off (which promotes: another role change).
    const grace = await bff.signIn('grace@example.com');
    expect((await bff.request(`/api/orgs/${ids.orgs.globex}/members/${ids.users.mia}/role`, { token: grace, json: { role: 'admin' } })).status).toBe(200);
    const olivia = await bff.signIn('olivia@example.com');
    expect((await bff.request(`/api/orgs/${ids.orgs.acme}/leave`, { token: olivia, json: { successorUserId: ids.users.mia } })).status).toBe(204);
    // org.deleted, after the grace window.
    expect((await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
    bff.clock.advance(8 * 86_400_000);
    expect((await bff.purgeNow()).purged.map((p) => p.orgId)).toContain(ids.orgs.hooli);
    await dispatch();

    // Ordered per org (orgs are independent of one another). The seeded Wayne Holdings, pending
    // already, is purged by the same clock jump.
    const of = (orgId: string | undefined) => payloads().filter((p) => p.data.organization.id === orgId);
    expect(of(ids.orgs.hooli).map((p) => p.type)).toEqual(['org.deletion_scheduled', 'org.deletion_cancelled', 'org.deletion_scheduled', 'org.deleted']);
    expect(of(ids.orgs.globex).map((p) => p.type)).toEqual(['member.role_changed']);
    expect(of(ids.orgs.acme).map((p) => p.type)).toEqual(['member.role_changed', 'member.left']);
    expect(of(ids.orgs.wayne).map((p) => p.type)).toEqual(['org.deleted']);
    const [scheduled, cancelled, , deleted] = of(ids.orgs.hooli);
    const [roleChange] = of(ids.orgs.globex);
    const [promotion, left] = of(ids.orgs.acme);
    expect(scheduled).toMatchObject({
      data: { organization: { id: ids.orgs.hooli, name: 'Hooli XYZ' }, acknowledgements: ['other_members'], requestedBy: { userId: ids.users.hank } },
    });
    expect(cancelled).toMatchObject({ data: { cancelledBy: { userId: ids.users.hank } } });
    expect(roleChange).toMatchObject({ data: { userId: ids.users.mia, from: 'member', to: 'admin', reason: 'role_change' } });
    expect(promotion).toMatchObject({ data: { organization: { id: ids.orgs.acme }, userId: ids.users.mia, to: 'owner', reason: 'hand_off' } });
    expect(left).toMatchObject({ data: { userId: ids.users.olivia, role: 'owner', successorUserId: ids.users.mia } });
    expect(deleted).toMatchObject({ data: { organization: { id: ids.orgs.hooli }, requestedBy: ids.users.hank } });
    expect(deleted?.type === 'org.deleted' && deleted.data.removed).toMatchObject({ member: 3, organization: 1 });
    // Ids are unique per event.
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(receiver.received.length);
  });

  it('a refused change records no event', async () => {
    const olivia = await bff.signIn('olivia@example.com');
    expect((await bff.request(`/api/orgs/${ids.orgs.acme}/leave`, { token: olivia, json: {} })).status).toBe(409);
    await dispatch();
    expect(receiver.received).toHaveLength(0);
  });
});

describe('delivery', () => {
  it('a receiver that is down, then failing, then up gets every event exactly once by id, the same id on every retry', async () => {
    await receiver.down();
    await scheduleAndCancelHooli();
    expect(await dispatch({ backoffMs: 1000 })).toMatchObject({ delivered: 0, failed: 1 });
    await receiver.up();
    receiver.answer(503);
    // Not due yet: nothing is sent before the backoff has passed on the server's clock.
    expect(await dispatch({ backoffMs: 1000 })).toMatchObject({ delivered: 0, failed: 0 });
    bff.clock.advance(1000);
    expect(await dispatch({ backoffMs: 1000 })).toMatchObject({ delivered: 0, failed: 1 });
    receiver.answer(200);
    bff.clock.advance(60_000);
    // Ordered per org: the cancellation goes only once the scheduling was taken (same run, next round).
    expect(await dispatch({ backoffMs: 1000 })).toMatchObject({ delivered: 2 });
    expect(await dispatch({ backoffMs: 1000 })).toMatchObject({ delivered: 0, failed: 0 });

    const ids = receiver.received.map((r) => r.id);
    const [first, second] = [...new Set(ids)];
    expect(ids).toEqual([first, first, second]);
    expect(payloads().filter((p) => p.type === 'org.deletion_cancelled')).toHaveLength(1);
    const panel = (await (await bff.request('/api/demo/webhooks')).json()) as {
      events: { id: string; deliveries: { attempts: { status: number | null; error: string | null }[]; deliveredAt: string | null }[] }[];
    };
    const attempts = panel.events.find((e) => e.id === first)!.deliveries[0]!.attempts;
    expect(attempts.map((a) => a.status)).toEqual([null, 503, 200]);
    expect(attempts[0]!.error).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it('gives up after the last attempt, and the org’s later events go on', async () => {
    receiver.answer(500);
    await scheduleAndCancelHooli();
    expect(await dispatch({ backoffMs: 1, maxAttempts: 2 })).toMatchObject({ delivered: 0, failed: 1, gaveUp: 0 });
    bff.clock.advance(10);
    // The second and last attempt fails: given up, and in the same run the cancellation is tried.
    expect(await dispatch({ backoffMs: 1, maxAttempts: 2 })).toMatchObject({ delivered: 0, failed: 1, gaveUp: 1 });
    receiver.answer(204);
    bff.clock.advance(10);
    expect(await dispatch({ backoffMs: 1, maxAttempts: 2 })).toMatchObject({ delivered: 1 });
    expect(payloads().map((p) => p.type)).toEqual(['org.deletion_scheduled', 'org.deletion_scheduled', 'org.deletion_cancelled', 'org.deletion_cancelled']);
  });

  it('two dispatchers at once send each event once', async () => {
    await scheduleAndCancelHooli();
    const grace = await bff.signIn('grace@example.com');
    await bff.request(`/api/orgs/${ids.orgs.globex}/members/${ids.users.mia}/role`, { token: grace, json: { role: 'admin' } });
    const other = await (await import('../../bff/db/database.js')).openDatabase({ url: bff.url });
    try {
      const runs = await Promise.all([
        dispatch(),
        dispatchWebhooks(other, { endpoints, now: bff.clock.now() }),
        dispatch(),
        dispatchWebhooks(other, { endpoints, now: bff.clock.now() }),
      ]);
      for (let i = 0; i < 3 && receiver.received.length < 3; i++) await dispatch();
      expect(runs.reduce((n, r) => n + r.delivered, 0)).toBeLessThanOrEqual(3);
    } finally {
      other.close();
    }
    const ids2 = receiver.received.map((r) => r.id);
    expect(ids2).toHaveLength(3);
    expect(new Set(ids2).size).toBe(3);
  });

  it('a slow receiver never delays the user’s request: the answer comes while the webhook is still held open', async () => {
    const gate = receiver.hold();
    const jobs = startBackgroundJobs({
      database: bff.database,
      clock: bff.clock,
      purge: false,
      webhooks: { endpoints, intervalSeconds: 0.05 },
      logger: silentLogger,
    });
    try {
      const hank = await bff.signIn('hank@example.com');
      expect((await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
      await gate.held; // the dispatcher is now blocked on the receiver
      const cancel = await bff.request(`/api/orgs/${ids.orgs.hooli}/deletion`, { method: 'DELETE', token: hank });
      expect(cancel.status).toBe(200);
      expect(receiver.received).toHaveLength(1); // the cancellation waits behind the held event, the user does not
      gate.release();
      await receiver.waitFor(2);
    } finally {
      gate.release();
      await jobs.stop();
    }
    expect(payloads().map((p) => p.type)).toEqual(['org.deletion_scheduled', 'org.deletion_cancelled']);
  });
});
