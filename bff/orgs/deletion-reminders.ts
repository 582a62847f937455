/**
 * Reminders before a purge (issue 21): the owners of a pending org are emailed at each of
 * `settings.reminderHours` before its purge date (72 and 24 hours by default), each reminder once.
 *
 * Once, with any number of instances running this job: a reminder is claimed by inserting its row
 * (org, purge date, threshold) under the org's write lock, and its emails are queued in the same
 * transaction only by the instance whose insert took. A new purge date (cancelled and scheduled
 * again, or brought forward) is a new key, so its reminders go out afresh. A legal hold pauses
 * them with the purge.
 */
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { dueReminders, effectiveRole } from '../../shared/policy.js';
import { readBatch, runBatch } from '../db/batch.js';
import type { Database } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { mailStatements, recipientsQuery } from '../mail/outbox.js';
import type { MailRenderer } from '../mail/templates.js';

const HOUR_MS = 60 * 60 * 1000;

export interface SentReminder {
  orgId: string;
  hoursBefore: number;
  recipients: number;
}

/** Queues every reminder due now; returns those this call sent (another instance's are not). */
export async function sendDeletionReminders(
  deps: { database: Database; mail: MailRenderer },
  input: { hours: readonly number[]; now: Date },
): Promise<SentReminder[]> {
  const { database } = deps;
  const { hours, now } = input;
  if (hours.length === 0) return [];
  const reads = database.reader.db;
  const { organization, orgLegalHold } = tablesOf(reads);
  const horizon = new Date(now.getTime() + Math.max(...hours) * HOUR_MS);
  const candidates = await reads
    .select({
      id: organization.id,
      purgeAt: organization.purgeAt,
      requestedAt: organization.deletionRequestedAt,
      legalHold: sql<number>`exists(select 1 from ${orgLegalHold} h where h.organization_id = ${organization.id})`,
    })
    .from(organization)
    .where(and(eq(organization.status, 'pending_deletion'), gt(organization.purgeAt, now), lte(organization.purgeAt, horizon)));

  const sent: SentReminder[] = [];
  for (const candidate of candidates) {
    if (!candidate.purgeAt) continue;
    const { send } = dueReminders({ purgeAt: candidate.purgeAt, requestedAt: candidate.requestedAt, legalHold: Boolean(candidate.legalHold) }, hours, now);
    if (send === null) continue;
    const reminder = await remindOrg(deps, candidate.id, hours, now);
    if (reminder) sent.push(reminder);
  }
  return sent;
}

/** Under the org's write lock: decide again, claim, and queue the owners' emails with the claim. */
async function remindOrg(deps: { database: Database; mail: MailRenderer }, orgId: string, hours: readonly number[], now: Date): Promise<SentReminder | null> {
  return deps.database.writer.transaction(
    async (tx) => {
      const { organization, orgLegalHold, deletionReminder } = tablesOf(tx);
      const [orgRows, holdRows, recipients] = await readBatch(tx, [
        tx.select().from(organization).where(eq(organization.id, orgId)),
        tx.select({ id: orgLegalHold.organizationId }).from(orgLegalHold).where(eq(orgLegalHold.organizationId, orgId)),
        recipientsQuery(tx, orgId),
      ]);
      const [org] = orgRows;
      if (!org || org.status !== 'pending_deletion' || !org.purgeAt) return null;
      const purgeAt = org.purgeAt;
      const { claim, send } = dueReminders({ purgeAt, requestedAt: org.deletionRequestedAt, legalHold: holdRows.length > 0 }, hours, now);
      if (send === null) return null;
      const claimed = await tx
        .insert(deletionReminder)
        .values(claim.map((hoursBefore) => ({ organizationId: orgId, purgeAt, hoursBefore, sentAt: now })))
        .onConflictDoNothing()
        .returning({ hoursBefore: deletionReminder.hoursBefore });
      // Another instance (or an earlier run) sent this one already.
      if (!claimed.some((row) => row.hoursBefore === send)) return null;
      const owners = recipients.filter((r) => effectiveRole(r.role) === 'owner');
      const hoursLeft = Math.max(1, Math.round((purgeAt.getTime() - now.getTime()) / HOUR_MS));
      const cancelUrl = deps.mail.settingsLink(org);
      const emails = mailStatements(tx, {
        orgId,
        event: 'org.deletion_reminder',
        recipients: owners,
        content: (to) => deps.mail.render('deletion_reminder', to, { orgName: org.name, purgeAt, hoursLeft, cancelUrl }),
        at: now,
      });
      if (emails.length > 0) await runBatch(tx, emails);
      return { orgId, hoursBefore: send, recipients: owners.length };
    },
    { org: orgId },
  );
}
