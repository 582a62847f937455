import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { isOwnerRole } from '../db/owner-role-sql.js';
import { tablesOf } from '../db/handle.js';

/** The owners to ask, for the 423 answer a non-owner gets while the org is pending deletion. */
export async function ownerContacts(db: Db, orgId: string): Promise<{ name: string; email: string }[]> {
  const { member, user } = tablesOf(db);
  return db
    .select({ name: user.name, email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, orgId), isOwnerRole(member.role)))
    .orderBy(user.name)
    .limit(20);
}
