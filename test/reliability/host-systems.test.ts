/**
 * The host-facing guarantees across two real BFF processes over one database: memberships made
 * through better-auth's own client, webhooks delivered once each by id (a receiver down, then up),
 * an Idempotency-Key replayed by the other process, and the sign-in limit shared by both.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { verifyWebhook } from '../../bff/webhooks/signing.js';
import { webhookPayload } from '../../shared/webhooks.js';
import { authClients, TEST_PASSWORD, type UserClient } from '../helpers/auth-client.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';
import { PASSWORD, startCluster, type Cluster } from './cluster.js';
import { record } from './report.js';

const SECRET = 'whsec_cmVsaWFiaWxpdHktd2ViaG9vay1zZWNyZXQtMDEyMzQ1';

let cluster: Cluster;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  await receiver.down();
  cluster = await startCluster({
    processes: 2,
    env: { WEBHOOK_URLS: receiver.url, WEBHOOK_SECRET: SECRET, WEBHOOK_INTERVAL_SECONDS: '0.1', SIGN_IN_RATE_LIMIT: '6', DELETION_COOLDOWN_SECONDS: '0' },
  });
});
afterAll(async () => {
  await cluster?.stop();
  await receiver?.close();
});

/** Users, an org and its members, all through better-auth's client against process 1. */
async function orgThroughTheFrontDoor(users: ReturnType<typeof authClients>) {
  const owner = await users.signUp('Ola Owner');
  const org = await users.createOrg(owner, 'Reliable Co');
  const members: UserClient[] = [];
  for (const name of ['Mo Member', 'Ada Admin']) {
    const user = await users.signUp(name);
    await users.accept(user, await users.invite(owner, org.id, user.email, name.startsWith('Ada') ? 'admin' : 'member'));
    members.push(user);
  }
  return { owner, org, members };
}

describe('host systems across two processes', () => {
  it('webhooks: with the receiver down, both processes retry; once it is up, every event arrives exactly once by id, in order per org', async () => {
    const [p1, p2] = cluster.servers as [Cluster['servers'][0], Cluster['servers'][0]];
    const viaP1 = authClients(p1.url, fetch);
    const { owner, org, members } = await orgThroughTheFrontDoor(viaP1);
    const [mo, ada] = members as [UserClient, UserClient];
    const started = Date.now();
    // Changes through both processes: a role change, a leave, a schedule, a cancel, a schedule.
    expect((await cluster.request(p1, `/api/orgs/${org.id}/members/${ada.id}/role`, { token: owner.token, json: { role: 'member' } })).status).toBe(200);
    expect((await cluster.request(p2, `/api/orgs/${org.id}/leave`, { token: mo.token, json: {} })).status).toBe(204);
    const schedule = async (server: typeof p1) => {
      const intent = (await (await cluster.request(server, `/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token: owner.token })).json()) as {
        intentId: string;
      };
      const res = await cluster.request(server, `/api/orgs/${org.id}/deletion`, {
        token: owner.token,
        json: { intentId: intent.intentId, confirmName: 'Reliable Co', password: TEST_PASSWORD, acknowledgements: ['other_members'] },
      });
      expect(res.status).toBe(202);
    };
    await schedule(p1);
    expect((await cluster.request(p2, `/api/orgs/${org.id}/deletion`, { method: 'DELETE', token: owner.token })).status).toBe(200);
    await schedule(p2);
    const events = await cluster.db.select().from(t.webhookEvent).where(eq(t.webhookEvent.organizationId, org.id)).orderBy(t.webhookEvent.seq);
    expect(events.map((e) => e.type)).toEqual([
      'member.role_changed',
      'member.left',
      'org.deletion_scheduled',
      'org.deletion_cancelled',
      'org.deletion_scheduled',
    ]);

    // Both dispatchers have tried (and failed) the org's first event while the receiver was down.
    const failedAttempts = async () => (await cluster.db.select().from(t.webhookAttempt).where(eq(t.webhookAttempt.eventId, events[0]!.id))).length;
    while ((await failedAttempts()) === 0) await new Promise((r) => setTimeout(r, 50));
    await receiver.up();
    await receiver.waitFor(events.length);
    // Done when every delivery is recorded as delivered: none is then ever sent again.
    const undelivered = async () =>
      (
        await cluster.db
          .select()
          .from(t.webhookDelivery)
          .where(and(isNull(t.webhookDelivery.deliveredAt), eq(t.webhookDelivery.endpoint, receiver.url)))
      ).length +
      (events.length - (await cluster.db.select().from(t.webhookDelivery).where(eq(t.webhookDelivery.endpoint, receiver.url))).length);
    while ((await undelivered()) > 0) await new Promise((r) => setTimeout(r, 50));

    const mine = receiver.received.filter((r) => events.some((e) => e.id === r.id));
    expect(mine.map((r) => r.id)).toEqual(events.map((e) => e.id));
    for (const r of mine) {
      const payload = webhookPayload.parse(verifyWebhook(SECRET, r.headers as Record<string, string>, r.body));
      expect(payload.data.organization.id).toBe(org.id);
    }
    const attempts = await cluster.db.select().from(t.webhookAttempt);
    const retried = attempts.filter((a) => a.status === null).length;
    record(20, 'Webhooks across two processes (a receiver down, then up)', [
      `${events.length} events from changes made through both processes (the org and its members made through better-auth's client: sign-up, create, invite, accept).`,
      `While the receiver was down: ${retried} failed attempts (every connection reset), retried with backoff; once it was up every event arrived exactly once by id, in the order of the org's changes, each signature verified (${((Date.now() - started) / 1000).toFixed(1)} s in all).`,
    ]);
  });

  it('an Idempotency-Key answered by one process is replayed by the other', async () => {
    const [p1, p2] = cluster.servers as [Cluster['servers'][0], Cluster['servers'][0]];
    const { owner, org } = await orgThroughTheFrontDoor(authClients(p2.url, fetch));
    const intent = (await (await cluster.request(p1, `/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token: owner.token })).json()) as {
      intentId: string;
    };
    const body = { intentId: intent.intentId, confirmName: 'Reliable Co', password: TEST_PASSWORD, acknowledgements: ['other_members'] };
    const send = (server: typeof p1) =>
      cluster.request(server, `/api/orgs/${org.id}/deletion`, { token: owner.token, json: body, headers: { 'idempotency-key': 'retry-me' } });
    const first = await send(p1);
    const replay = await send(p2);
    expect([first.status, replay.status, replay.headers.get('idempotent-replayed')]).toEqual([202, 202, 'true']);
    expect(await replay.json()).toEqual(await first.json());
    const initiated = await cluster.db
      .select()
      .from(t.orgAuditLog)
      .where(and(eq(t.orgAuditLog.organizationId, org.id), eq(t.orgAuditLog.action, 'org.deletion_initiated')));
    expect(initiated).toHaveLength(1);
    record(21, 'Idempotency-Key across processes', [
      'A confirmation answered 202 by process 1 was replayed by process 2 (`Idempotent-Replayed: true`, the same body); the deletion was scheduled once.',
    ]);
  });

  it('the sign-in limit is one counter for both processes: the seventh attempt gets 429 with Retry-After', async () => {
    const [p1, p2] = cluster.servers as [Cluster['servers'][0], Cluster['servers'][0]];
    const guessed = await cluster.user('Guessed');
    const attempt = (server: typeof p1, password: string) =>
      fetch(`${server.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: guessed.email, password }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(i % 2 ? p2 : p1, `wrong-${i}`)).status);
    const limited = await attempt(p1, PASSWORD);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    record(22, 'The sign-in limit across processes', [
      `6 attempts a minute per address (SIGN_IN_RATE_LIMIT=6 here): six wrong passwords alternating between the processes, then the right password: 429 with Retry-After: ${retryAfter} (counters in the database, one for both).`,
    ]);
  });
});
