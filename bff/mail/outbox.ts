/**
 * Emails go into the outbox as statements of the caller's write batch: the mail exists if and only
 * if the change that causes it committed. Delivery is the dispatcher's job.
 */
import { eq } from 'drizzle-orm';
import type { Statement } from '../db/batch.js';
import type { Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { newId } from '../ids.js';
import type { Contact, MailContent } from './templates.js';

/** Every member with their role, as a query for the caller's read batch. */
export function recipientsQuery(db: Db, orgId: string) {
  const { member, user } = tablesOf(db);
  return db
    .select({ name: user.name, email: user.email, role: member.role })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, orgId))
    .orderBy(user.email);
}

export type Recipient = Contact & { role: string };

/** One outbox row per recipient; chunked, since SQLite caps the bound parameters of one statement. */
export function mailStatements(
  db: Db,
  input: { orgId: string; event: string; recipients: readonly Contact[]; content: MailContent | ((to: Contact) => MailContent); at: Date },
): Statement[] {
  const contentFor = typeof input.content === 'function' ? input.content : () => input.content as MailContent;
  const { outbox } = tablesOf(db);
  const statements: Statement[] = [];
  for (let i = 0; i < input.recipients.length; i += 500) {
    statements.push(
      db.insert(outbox).values(
        input.recipients.slice(i, i + 500).map((to) => {
          const content = contentFor(to);
          return {
            id: newId('msg'),
            organizationId: input.orgId,
            event: input.event,
            toEmail: to.email,
            toName: to.name,
            subject: content.subject,
            text: content.text,
            createdAt: input.at,
            nextAttemptAt: input.at,
          };
        }),
      ),
    );
  }
  return statements;
}
