/**
 * Writes one email per member into the outbox, inside the caller's transaction: the mail exists
 * if and only if the change that causes it committed. Delivery is the dispatcher's job.
 */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { member, outbox, user } from '../db/schema.js';
import { newId } from '../ids.js';
import type { Contact, MailContent } from './templates.js';

export async function orgRecipients(db: Queryable, orgId: string): Promise<(Contact & { role: string })[]> {
  return db
    .select({ name: user.name, email: user.email, role: member.role })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, orgId))
    .orderBy(user.email);
}

export async function enqueueMail(
  db: Queryable,
  input: { orgId: string; event: string; recipients: Contact[]; content: MailContent; at: Date },
): Promise<void> {
  // Chunked: SQLite caps the bound parameters of one statement, and an org may be large.
  for (let i = 0; i < input.recipients.length; i += 500) {
    await insertChunk(db, input, input.recipients.slice(i, i + 500));
  }
}

async function insertChunk(
  db: Queryable,
  input: { orgId: string; event: string; content: MailContent; at: Date },
  recipients: Contact[],
): Promise<void> {
  await db.insert(outbox).values(
    recipients.map((to) => ({
      id: newId('msg'),
      organizationId: input.orgId,
      event: input.event,
      toEmail: to.email,
      toName: to.name,
      subject: input.content.subject,
      text: input.content.text,
      createdAt: input.at,
      nextAttemptAt: input.at,
    })),
  );
}
