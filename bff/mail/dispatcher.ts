/**
 * Delivers the outbox (SPEC 2: at least once). A run claims due messages in one statement, so two
 * dispatchers (two BFF processes) never send the same message at once; each message is marked
 * sent as soon as the SMTP server accepts it, and a failure is retried later with exponential
 * backoff. The outbox id is the Message-ID, so a receiver can drop the rare duplicate left by a
 * crash between the server's acceptance and the mark.
 */
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { describeError } from '../log.js';

export interface OutgoingMail {
  id: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close?(): void;
}

export interface DispatchOptions {
  transport: MailTransport;
  /** The server's clock: retries become due on it. */
  now: Date;
  batchSize?: number;
  /** How long a claim protects a message from other dispatchers (real time). */
  claimMs?: number;
  /** First retry delay; each further failure doubles it, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export interface DispatchResult {
  sent: number;
  failed: number;
  /** Each failed send: for the logs (`mail.failed`). */
  failures: { messageId: string; orgId: string; event: string; attempts: number; error: string; nextAttemptAt: string }[];
}

export function backoffDelay(attempts: number, backoffMs: number, maxBackoffMs: number): number {
  return Math.min(maxBackoffMs, backoffMs * 2 ** Math.max(0, attempts - 1));
}

export async function dispatchOutbox(db: Db, options: DispatchOptions): Promise<DispatchResult> {
  const { outbox } = tablesOf(db);
  const { transport, now } = options;
  const batchSize = options.batchSize ?? 50;
  const claimMs = options.claimMs ?? 60_000;
  const backoffMs = options.backoffMs ?? 30_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60 * 60_000;

  const realNow = Date.now();
  const claimable = and(isNull(outbox.sentAt), lte(outbox.nextAttemptAt, now), or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, new Date(realNow))));
  const due = db.select({ id: outbox.id }).from(outbox).where(claimable).orderBy(asc(outbox.createdAt)).limit(batchSize);
  // `claimable` again on the row being updated: where writers do not queue for one lock
  // (PostgreSQL), a second dispatcher's update waits for the first's row locks and then re-checks
  // this condition on the claimed row, which a subquery's earlier answer would not do.
  const claimed = await db
    .update(outbox)
    .set({ claimedUntil: new Date(realNow + claimMs) })
    .where(and(sql`${outbox.id} in ${due}`, claimable))
    .returning();

  const result: DispatchResult = { sent: 0, failed: 0, failures: [] };
  for (const message of claimed) {
    try {
      await transport.send({
        id: message.id,
        to: { name: message.toName, address: message.toEmail },
        subject: message.subject,
        text: message.text,
      });
      await db
        .update(outbox)
        .set({ sentAt: now, claimedUntil: null, attempts: message.attempts + 1, lastError: null })
        .where(eq(outbox.id, message.id));
      result.sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      const lastError = describeError(error);
      const nextAttemptAt = new Date(now.getTime() + backoffDelay(attempts, backoffMs, maxBackoffMs));
      await db.update(outbox).set({ attempts, claimedUntil: null, lastError, nextAttemptAt }).where(eq(outbox.id, message.id));
      result.failed++;
      result.failures.push({
        messageId: message.id,
        orgId: message.organizationId,
        event: message.event,
        attempts,
        error: lastError,
        nextAttemptAt: nextAttemptAt.toISOString(),
      });
    }
  }
  return result;
}
