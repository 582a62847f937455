/**
 * Changing a member's role, in one write transaction with the owner count: a demotion racing a
 * leave (or another demotion) can never leave the org without an owner. Replaces better-auth's
 * `organization/update-member-role`, whose owner check is not in the same transaction as the write.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { member } from '../db/schema.js';
import { decideRoleChange, effectiveRole, type Role } from '../../shared/policy.js';
import { writeOrgAudit, type AuditActor } from '../audit/audit.js';
import { fail } from '../http/errors.js';
import { loadForUser } from './load.js';
import { assertAllowed } from './refuse.js';

export async function changeRole(
  db: Db,
  input: { orgId: string; userId: string; targetUserId: string; role: Role; actor: AuditActor; now: Date },
): Promise<void> {
  const { orgId, userId, targetUserId, role, actor, now } = input;
  await db.transaction(async (tx) => {
    const loaded = await loadForUser(tx, userId, orgId);
    if (!loaded?.role) fail('org_not_found');
    const [target] = await tx
      .select({ id: member.id, role: member.role })
      .from(member)
      .where(and(eq(member.organizationId, orgId), eq(member.userId, targetUserId)));
    if (!target) fail('member_not_found');
    const from = effectiveRole(target.role);
    const viewer = { role: loaded.role, impersonated: actor.impersonatorUserId !== null };
    assertAllowed(decideRoleChange(loaded.facts, viewer, { from, to: role }));
    if (from === role) return;
    await tx.update(member).set({ role }).where(eq(member.id, target.id));
    await writeOrgAudit(tx, orgId, actor, {
      action: 'member.role_changed',
      target: { type: 'user', id: targetUserId },
      details: { from, to: role },
    }, now);
  });
}
