/**
 * D6 for sign-in: a user whose every membership is in an org pending deletion, where they are not
 * an owner, has nothing they may reach, so the sign-in itself is refused with the purge date and
 * the owners to ask (the policy decides: `isSignInLocked`). A user in no org signs in as usual.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { effectiveRole, isSignInLocked } from '../../shared/policy.js';
import type { Db } from '../db/database.js';
import { isOwnerRole } from '../db/owner-role-sql.js';
import { tablesOf } from '../db/handle.js';

export interface SignInLockout {
  purgeAt: Date;
  contacts: { name: string; email: string }[];
}

export async function findSignInLockout(db: Db, userId: string): Promise<SignInLockout | null> {
  const { member, organization, user } = tablesOf(db);
  const memberships = await db
    .select({ orgId: member.organizationId, role: member.role, status: organization.status, purgeAt: organization.purgeAt })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, userId));
  if (!isSignInLocked(memberships.map((m) => ({ status: m.status, role: effectiveRole(m.role) })))) return null;

  const owners = await db
    .selectDistinct({ name: user.name, email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(
      and(
        inArray(
          member.organizationId,
          memberships.map((m) => m.orgId),
        ),
        isOwnerRole(member.role),
      ),
    );
  const earliest = Math.min(...memberships.map((m) => m.purgeAt?.getTime() ?? Number.POSITIVE_INFINITY));
  return { purgeAt: new Date(earliest), contacts: owners };
}
