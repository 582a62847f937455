/**
 * L1–L5: leave an org, or hand it to a successor and leave, in one write transaction.
 *
 * The owner count, the successor's promotion and the removal are read and written under the same
 * write lock (`BEGIN IMMEDIATE`), so two owners leaving at once can never leave zero owners: the
 * second one re-reads the count after the first has committed. Three round trips on a remote
 * server: the facts with BEGIN, the writes, COMMIT.
 */
import { and, eq } from 'drizzle-orm';
import { decideHandOff, decideLeave, effectiveRole } from '../../shared/policy.js';
import { orgAudit, type AuditActor } from '../audit/audit.js';
import { readBatch, runBatch, type Statement } from '../db/batch.js';
import type { Database } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { refuse } from '../domain-error.js';
import type { Settings } from '../settings.js';
import { eventActor, eventOrg, webhookEventStatements } from '../webhooks/events.js';
import { sessionViewer } from './deletion.js';
import { completeFacts, storedFactsOnly } from './facts.js';
import { factsQuery, loadedFrom, type ViewerSession } from './load.js';
import { assertAllowed } from './refuse.js';

export async function leaveOrg(
  deps: { database: Database; settings: Settings },
  input: { orgId: string; viewerSession: ViewerSession; successorUserId?: string | undefined; actor: AuditActor; now: Date },
): Promise<void> {
  const { orgId, viewerSession, successorUserId, actor, now } = input;
  const userId = viewerSession.userId;
  const events = deps.settings.webhookEvents;
  await deps.database.writer.transaction(
    async (tx) => {
      const { member, session } = tablesOf(tx);
      const [factsRows, successors] = await readBatch(tx, [
        factsQuery(tx, userId, orgId),
        tx
          .select({ id: member.id, role: member.role })
          .from(member)
          .where(and(eq(member.organizationId, orgId), eq(member.userId, successorUserId ?? ''))),
      ]);
      const loaded = loadedFrom(factsRows);
      if (!loaded?.role) refuse('org_not_found');
      const facts = completeFacts(loaded.facts, storedFactsOnly);
      const viewer = sessionViewer(loaded, viewerSession);
      const writes: Statement[] = [];

      if (successorUserId === undefined) {
        assertAllowed(decideLeave(facts, viewer));
      } else {
        // A named successor is only meaningful from an owner; anything else is a bad successor.
        assertAllowed(decideHandOff(facts, viewer), { override: { not_owner: 'invalid_successor', sole_member: 'invalid_successor' } });
        const [successor] = successors;
        if (successorUserId === userId || !successor) refuse('invalid_successor');
        if (effectiveRole(successor.role) !== 'owner') {
          writes.push(
            tx.update(member).set({ role: 'owner' }).where(eq(member.id, successor.id)),
            orgAudit(
              tx,
              orgId,
              actor,
              {
                action: 'member.promoted',
                target: { type: 'user', id: successorUserId },
                details: { from: effectiveRole(successor.role), to: 'owner', reason: 'hand_off' },
              },
              now,
            ),
            ...webhookEventStatements(tx, events, {
              type: 'member.role_changed',
              orgId,
              data: {
                organization: eventOrg(loaded.org),
                userId: successorUserId,
                from: effectiveRole(successor.role),
                to: 'owner',
                reason: 'hand_off',
                actor: eventActor(actor),
              },
              at: now,
            }),
          );
        }
      }

      await runBatch(tx, [
        ...writes,
        tx.delete(member).where(and(eq(member.organizationId, orgId), eq(member.userId, userId))),
        // L5: the leaver's sessions stay signed in, but none of them has this org active any more.
        tx
          .update(session)
          .set({ activeOrganizationId: null })
          .where(and(eq(session.userId, userId), eq(session.activeOrganizationId, orgId))),
        orgAudit(
          tx,
          orgId,
          actor,
          {
            action: 'member.left',
            target: { type: 'user', id: userId },
            details: { role: loaded.role, ...(successorUserId ? { successorUserId } : {}) },
          },
          now,
        ),
        ...webhookEventStatements(tx, events, {
          type: 'member.left',
          orgId,
          data: { organization: eventOrg(loaded.org), userId, role: loaded.role, successorUserId: successorUserId ?? null, actor: eventActor(actor) },
          at: now,
        }),
      ]);
    },
    { org: orgId },
  );
}
