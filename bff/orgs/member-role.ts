/**
 * Changing a member's role, in one write transaction with the owner count: a demotion racing a
 * leave (or another demotion) can never leave the org without an owner. Replaces better-auth's
 * `organization/update-member-role`, whose owner check is not in the same transaction as the write.
 *
 * Each change writes an audit entry and a webhook event, so it is limited per user and per org
 * (the limit is taken in the same batch as the change: a refusal writes nothing). Who may change
 * roles at all is asked first, on the facts the request already read, so a member's refused
 * attempts take no write transaction.
 */
import { and, eq } from 'drizzle-orm';
import { decideRoleChange, effectiveRole, mayChangeRoles, type Role } from '../../shared/policy.js';
import { orgAudit, type AuditActor } from '../audit/audit.js';
import { readBatch } from '../db/batch.js';
import type { Database } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { refuse } from '../domain-error.js';
import type { Settings } from '../settings.js';
import { eventActor, eventOrg, webhookEventStatements } from '../webhooks/events.js';
import { sessionViewer } from './deletion.js';
import { completeFacts, storedFactsOnly } from './facts.js';
import { takeEach, type RateLimitState } from '../rate-limit/rate-limit.js';
import { factsQuery, loadedFrom, type LoadedOrg, type ViewerSession } from './load.js';
import { assertAllowed } from './refuse.js';

export const ROLE_CHANGE_POLICY = 'role-changes';

export async function changeRole(
  deps: { database: Database; settings: Settings },
  input: { loaded: LoadedOrg; viewerSession: ViewerSession; targetUserId: string; role: Role; actor: AuditActor; now: Date },
): Promise<RateLimitState> {
  const { viewerSession, targetUserId, role, actor, now } = input;
  const orgId = input.loaded.org.id;
  assertAllowed(mayChangeRoles(input.loaded.org, sessionViewer(input.loaded, viewerSession)));
  const limits = deps.settings.roleChangeLimit;
  return deps.database.writer.transaction(
    async (tx) => {
      const { member } = tablesOf(tx);
      const [factsRows, targets] = await readBatch(tx, [
        factsQuery(tx, viewerSession.userId, orgId),
        tx
          .select({ id: member.id, role: member.role })
          .from(member)
          .where(and(eq(member.organizationId, orgId), eq(member.userId, targetUserId))),
      ]);
      const loaded = loadedFrom(factsRows);
      if (!loaded?.role) refuse('org_not_found');
      const [target] = targets;
      if (!target) refuse('member_not_found');
      const from = effectiveRole(target.role);
      const facts = completeFacts(loaded.facts, storedFactsOnly);
      assertAllowed(decideRoleChange(facts, sessionViewer(loaded, viewerSession), { from, to: role }));
      const counted = [
        { policy: ROLE_CHANGE_POLICY, key: `user:${viewerSession.userId}`, setting: limits.user },
        { policy: ROLE_CHANGE_POLICY, key: `org:${orgId}`, setting: limits.org },
      ];
      // A request that changes nothing still took a write transaction: it counts, and writes nothing else.
      if (from === role) return takeEach(tx, counted, now);
      return takeEach(tx, counted, now, [
        tx.update(member).set({ role }).where(eq(member.id, target.id)),
        orgAudit(
          tx,
          orgId,
          actor,
          {
            action: 'member.role_changed',
            target: { type: 'user', id: targetUserId },
            details: { from, to: role },
          },
          now,
        ),
        ...webhookEventStatements(tx, deps.settings.webhookEvents, {
          type: 'member.role_changed',
          orgId,
          data: { organization: eventOrg(loaded.org), userId: targetUserId, from, to: role, reason: 'role_change', actor: eventActor(actor) },
          at: now,
        }),
      ]);
    },
    { org: orgId },
  );
}
