/**
 * Delivers webhook events to the configured endpoints, at least once, with exponential backoff and
 * the same `webhook-id` on every retry, ordered per org: an endpoint receives an org's event only
 * after it has taken (or we have given up on) every earlier one of that org.
 *
 * Several dispatchers (every BFF process runs one) share the work through claims in the database:
 * a delivery is claimed in one statement before it is sent, so no two send it at once, and its
 * state (attempts, next attempt, every answer) survives restarts. A crash between the endpoint's
 * 2xx and our record of it is the one way an event arrives twice; the id lets the receiver drop it.
 */
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { rows } from '../db/batch.js';
import type { Database } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { describeError } from '../log.js';
import { backoffDelay } from '../mail/dispatcher.js';
import { signWebhook } from './signing.js';

export interface WebhookEndpoint {
  url: string;
  /** `whsec_…` (Standard Webhooks). */
  secret: string;
}

export interface WebhookDispatchOptions {
  endpoints: readonly WebhookEndpoint[];
  /** The server's clock: retries become due on it (the demo moves it). */
  now: Date;
  fetch?: typeof globalThis.fetch;
  /** How long one attempt may take before it counts as failed. */
  timeoutMs?: number;
  /** First retry delay; each further failure doubles it, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** After this many attempts the delivery is given up (and no longer holds back its org). */
  maxAttempts?: number;
  batchSize?: number;
  /** How long a claim protects a delivery from other dispatchers (real time). */
  claimMs?: number;
  /** Delivered events older than this are removed. */
  retentionMs?: number;
}

export interface WebhookDispatchResult {
  delivered: number;
  failed: number;
  gaveUp: number;
  /** Each failed delivery: for the logs (`webhook.failed`, `webhook.gave_up`). */
  failures: { eventId: string; endpoint: string; attempts: number; status: number | null; error: string; gaveUp: boolean }[];
}

export const WEBHOOK_DEFAULTS = {
  timeoutMs: 10_000,
  backoffMs: 5_000,
  maxBackoffMs: 60 * 60_000,
  maxAttempts: 12,
  batchSize: 50,
  claimMs: 60_000,
  retentionMs: 30 * 86_400_000,
};

const MAX_ROUNDS = 20;

export async function dispatchWebhooks(database: Database, options: WebhookDispatchOptions): Promise<WebhookDispatchResult> {
  const settings = { ...WEBHOOK_DEFAULTS, ...options };
  const result: WebhookDispatchResult = { delivered: 0, failed: 0, gaveUp: 0, failures: [] };
  for (const endpoint of options.endpoints) {
    // Round after round: an org's next event becomes its queue's head once the one before is taken,
    // so a run drains what it can (up to a bound) instead of one event per org per run.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const settled = () => result.delivered + result.gaveUp;
      const before = settled();
      const claimed = await claimDue(database, endpoint.url, settings.now, settings.batchSize, settings.claimMs);
      await Promise.all(claimed.map((event) => deliver(database, endpoint, event, settings, result)));
      if (claimed.length === 0 || settled() === before) break;
    }
  }
  await forgetOldEvents(database, settings.now, settings.retentionMs);
  return result;
}

interface ClaimedEvent {
  id: string;
  payload: string;
  attempts: number;
}

/**
 * The head of each org's queue for this endpoint, if it is due and nobody holds it, claimed in one
 * batch: a claim either inserts the delivery row or takes over one whose claim has lapsed.
 */
async function claimDue(database: Database, endpoint: string, now: Date, limit: number, claimMs: number): Promise<ClaimedEvent[]> {
  const reads = database.reader.db;
  const { webhookDelivery, webhookEvent } = tablesOf(reads);
  const realNow = Date.now();
  const heads = await rows<{ id: string; payload: string }>(
    reads,
    sql`
    select e.id, e.payload from ${webhookEvent} e
    left join ${webhookDelivery} d on d.event_id = e.id and d.endpoint = ${endpoint}
    where d.delivered_at is null and d.failed_at is null
      and (d.event_id is null or (d.next_attempt_at <= ${now.getTime()} and (d.claimed_until is null or d.claimed_until <= ${realNow})))
      and not exists (
        select 1 from ${webhookEvent} e2
        left join ${webhookDelivery} d2 on d2.event_id = e2.id and d2.endpoint = ${endpoint}
        where e2.organization_id = e.organization_id and e2.seq < e.seq and d2.delivered_at is null and d2.failed_at is null)
    order by e.seq limit ${limit}`,
  );
  if (heads.length === 0) return [];
  const claimedUntil = new Date(realNow + claimMs);
  const claims = await database.writer.batch((tx) =>
    heads.map((head) =>
      tx
        .insert(webhookDelivery)
        .values({ eventId: head.id, endpoint, nextAttemptAt: now, claimedUntil })
        .onConflictDoUpdate({
          target: [webhookDelivery.eventId, webhookDelivery.endpoint],
          set: { claimedUntil },
          setWhere: sql`${webhookDelivery.deliveredAt} is null and ${webhookDelivery.failedAt} is null
            and ${webhookDelivery.nextAttemptAt} <= ${now.getTime()}
            and (${webhookDelivery.claimedUntil} is null or ${webhookDelivery.claimedUntil} <= ${realNow})`,
        })
        .returning({ attempts: webhookDelivery.attempts }),
    ),
  );
  return heads.flatMap((head, i) => (claims[i]![0] ? [{ ...head, attempts: claims[i]![0].attempts }] : []));
}

async function deliver(
  database: Database,
  endpoint: WebhookEndpoint,
  event: ClaimedEvent,
  settings: typeof WEBHOOK_DEFAULTS & WebhookDispatchOptions,
  result: WebhookDispatchResult,
): Promise<void> {
  const started = performance.now();
  const timestamp = Math.floor(Date.now() / 1000);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await (settings.fetch ?? globalThis.fetch)(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'org-danger-zone-webhooks',
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(endpoint.secret, event.id, timestamp, event.payload),
      },
      body: event.payload,
      signal: AbortSignal.timeout(settings.timeoutMs),
      redirect: 'manual',
    });
    status = response.status;
    await response.body?.cancel().catch(() => undefined);
  } catch (caught) {
    error = describeError(caught);
  }
  const ok = status !== null && status >= 200 && status < 300;
  const attempts = event.attempts + 1;
  const gaveUp = !ok && attempts >= settings.maxAttempts;
  const { webhookAttempt, webhookDelivery } = tablesOf(database.writer.db);
  const mine = and(eq(webhookDelivery.eventId, event.id), eq(webhookDelivery.endpoint, endpoint.url));
  await database.writer.batch((tx) => [
    tx.insert(webhookAttempt).values({
      eventId: event.id,
      endpoint: endpoint.url,
      at: settings.now,
      status,
      error: error ?? (ok ? null : `HTTP ${status}`),
      durationMs: Math.round(performance.now() - started),
    }),
    tx
      .update(webhookDelivery)
      .set({
        attempts,
        claimedUntil: null,
        lastStatus: status,
        lastError: ok ? null : (error ?? `HTTP ${status}`),
        ...(ok
          ? { deliveredAt: settings.now }
          : gaveUp
            ? { failedAt: settings.now }
            : { nextAttemptAt: new Date(settings.now.getTime() + backoffDelay(attempts, settings.backoffMs, settings.maxBackoffMs)) }),
      })
      .where(mine),
  ]);
  if (ok) result.delivered++;
  else if (gaveUp) result.gaveUp++;
  else result.failed++;
  if (!ok) result.failures.push({ eventId: event.id, endpoint: endpoint.url, attempts, status, error: error ?? `HTTP ${status}`, gaveUp });
}

/** Events past the retention window go, with their deliveries and attempts, a bounded batch at a time. */
async function forgetOldEvents(database: Database, now: Date, retentionMs: number): Promise<void> {
  const { webhookAttempt, webhookDelivery, webhookEvent } = tablesOf(database.reader.db);
  const cutoff = new Date(now.getTime() - retentionMs);
  const [any] = await database.reader.db.select({ id: webhookEvent.id }).from(webhookEvent).where(lt(webhookEvent.createdAt, cutoff)).limit(1);
  if (!any) return;
  await database.writer.batch((tx) => {
    const old = tx.select({ id: webhookEvent.id }).from(webhookEvent).where(lt(webhookEvent.createdAt, cutoff)).orderBy(asc(webhookEvent.seq)).limit(500);
    return [
      tx.delete(webhookAttempt).where(sql`${webhookAttempt.eventId} in ${old}`),
      tx.delete(webhookDelivery).where(sql`${webhookDelivery.eventId} in ${old}`),
      tx.delete(webhookEvent).where(sql`${webhookEvent.id} in ${old}`),
    ];
  });
}
