/**
 * D6 for sign-in: a user whose every membership is in an org pending deletion, where they are not
 * an owner, has nothing they may reach, so the sign-in itself is refused with the purge date and
 * the owners to ask. A user in no org at all signs in as usual.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { member, organization, user } from '../db/schema.js';
import { isOwnerRole } from '../db/roles.js';
import { effectiveRole } from '../../shared/policy.js';

export interface SignInLockout {
  purgeAt: Date;
  contacts: { name: string; email: string }[];
}

export async function findSignInLockout(db: Queryable, userId: string): Promise<SignInLockout | null> {
  const memberships = await db
    .select({ orgId: member.organizationId, role: member.role, status: organization.status, purgeAt: organization.purgeAt })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, userId));
  if (memberships.length === 0) return null;
  const reachable = memberships.some(
    (m) => m.status !== 'pending_deletion' || effectiveRole(m.role) === 'owner',
  );
  if (reachable) return null;

  const orgIds = memberships.map((m) => m.orgId);
  const owners = await db
    .selectDistinct({ name: user.name, email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(inArray(member.organizationId, orgIds), isOwnerRole(member.role)));
  const earliest = Math.min(...memberships.map((m) => m.purgeAt?.getTime() ?? Number.POSITIVE_INFINITY));
  return { purgeAt: new Date(earliest), contacts: owners };
}
