/**
 * better-auth's `organization/remove-member`, which the danger zone leaves to the host, is audited
 * and announced whenever it succeeds: an org audit entry `member.removed` naming who removed whom,
 * the `member.removed` webhook, and (as for a leave, L5) the removed user's sessions no longer have
 * the org active. One batch, written once better-auth has removed the member; better-auth writes
 * through the host's adapter on another connection, so the two cannot share a transaction.
 */
import { isAPIError } from 'better-auth/api';
import { and, eq } from 'drizzle-orm';
import { effectiveRole } from '../../shared/policy.js';
import { orgAudit } from '../audit/audit.js';
import type { Database } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { eventActor, eventOrg, webhookEventStatements } from '../webhooks/events.js';
import { VerifiedSignatures } from '../http/credentials.js';
import { callerActor, callerSession, type CallerContext } from './caller.js';

interface RemovedMember {
  userId: string;
  organizationId: string;
  role: string;
}

export interface RemovalContext extends CallerContext {
  context: CallerContext['context'] & { returned?: unknown };
}

function removedMember(returned: unknown): RemovedMember | null {
  if (!returned || isAPIError(returned)) return null;
  const m = (returned as { member?: Partial<RemovedMember> }).member;
  return m && typeof m.userId === 'string' && typeof m.organizationId === 'string' && typeof m.role === 'string' ? (m as RemovedMember) : null;
}

export function memberRemovalAudit(database: Pick<Database, 'reader' | 'writer'>, options: { now: () => Date; webhookEvents: () => boolean }) {
  const signatures = new VerifiedSignatures();
  return async (ctx: RemovalContext): Promise<void> => {
    const removed = removedMember(ctx.context.returned);
    if (!removed) return;
    const reads = database.reader.db;
    // The endpoint's session middleware sets the session on its own context, not the hook's.
    const caller = await callerSession(reads, ctx, signatures);
    if (!caller) return;
    const { organization } = tablesOf(reads);
    const [org] = await reads
      .select({ id: organization.id, name: organization.name, slug: organization.slug })
      .from(organization)
      .where(eq(organization.id, removed.organizationId));
    if (!org) return;
    const actor = await callerActor(reads, ctx, caller.userId, caller.impersonatedBy);
    const role = effectiveRole(removed.role);
    const now = options.now();
    await database.writer.batch((tx) => [
      orgAudit(tx, org.id, actor, { action: 'member.removed', target: { type: 'user', id: removed.userId }, details: { role } }, now),
      ...webhookEventStatements(tx, options.webhookEvents(), {
        type: 'member.removed',
        orgId: org.id,
        data: { organization: eventOrg(org), userId: removed.userId, role, actor: eventActor(actor) },
        at: now,
      }),
      tx
        .update(tablesOf(tx).session)
        .set({ activeOrganizationId: null })
        .where(and(eq(tablesOf(tx).session.userId, removed.userId), eq(tablesOf(tx).session.activeOrganizationId, org.id))),
    ]);
  };
}
