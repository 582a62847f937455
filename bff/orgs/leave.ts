/**
 * L1–L5: leave an org, or hand it to a successor and leave, in one write transaction.
 *
 * The owner count, the successor's promotion and the removal are read and written under the same
 * write lock (`BEGIN IMMEDIATE`), so two owners leaving at once can never leave zero owners: the
 * second one re-reads the count after the first has committed.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { member, session } from '../db/schema.js';
import { decideHandOff, decideLeave, effectiveRole } from '../../shared/policy.js';
import { writeOrgAudit, type AuditActor } from '../audit/audit.js';
import { fail } from '../http/errors.js';
import { loadForUser } from './load.js';
import { assertAllowed } from './refuse.js';

export async function leaveOrg(
  db: Db,
  input: { orgId: string; userId: string; successorUserId?: string | undefined; actor: AuditActor; now: Date },
): Promise<void> {
  const { orgId, userId, successorUserId, actor, now } = input;
  await db.transaction(async (tx) => {
    const loaded = await loadForUser(tx, userId, orgId);
    if (!loaded?.role) fail('org_not_found');
    const viewer = { role: loaded.role, impersonated: actor.impersonatorUserId !== null };

    if (successorUserId === undefined) {
      assertAllowed(decideLeave(loaded.facts, viewer));
    } else {
      // A named successor is only meaningful from an owner; anything else is a bad successor.
      assertAllowed(decideHandOff(loaded.facts, viewer), {
        override: { not_owner: 'invalid_successor', sole_member: 'invalid_successor' },
      });
      if (successorUserId === userId) fail('invalid_successor');
      const [successor] = await tx
        .select({ id: member.id, role: member.role })
        .from(member)
        .where(and(eq(member.organizationId, orgId), eq(member.userId, successorUserId)));
      if (!successor) fail('invalid_successor');
      if (effectiveRole(successor.role) !== 'owner') {
        await tx.update(member).set({ role: 'owner' }).where(eq(member.id, successor.id));
        await writeOrgAudit(tx, orgId, actor, {
          action: 'member.promoted',
          target: { type: 'user', id: successorUserId },
          details: { from: effectiveRole(successor.role), to: 'owner', reason: 'hand_off' },
        }, now);
      }
    }

    await tx.delete(member).where(and(eq(member.organizationId, orgId), eq(member.userId, userId)));
    // L5: the leaver's sessions stay signed in, but none of them has this org active any more.
    await tx
      .update(session)
      .set({ activeOrganizationId: null })
      .where(and(eq(session.userId, userId), eq(session.activeOrganizationId, orgId)));
    await writeOrgAudit(tx, orgId, actor, {
      action: 'member.left',
      target: { type: 'user', id: userId },
      details: { role: loaded.role, ...(successorUserId ? { successorUserId } : {}) },
    }, now);
  });
}
