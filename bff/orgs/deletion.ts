/**
 * D1–D5, C1–C3: the deletion intent, scheduling a deletion, and cancelling it.
 *
 * Cheap checks run first, outside any transaction (a refused request writes nothing but its
 * failure count). The effects then run in one write transaction that re-reads the org under the
 * lock and decides again with the same policy, so a race (a second owner, a new resource, a
 * concurrent cancel) can never slip between the check and the write.
 */
import { and, eq, inArray, isNull, ne, not } from 'drizzle-orm';
import type { Db, Queryable } from '../db/client.js';
import { account, deletionIntent, member, organization, session } from '../db/schema.js';
import { isOwnerRole } from '../db/roles.js';
import { decideCancel, decideDelete, effectiveRole, type Decision, type ViewerFacts } from '../../shared/policy.js';
import type { DeletionRequest } from '../../shared/schemas.js';
import { writeBothAudits, writeOrgAudit, type AuditActor } from '../audit/audit.js';
import { fail } from '../http/errors.js';
import { newId } from '../ids.js';
import { enqueueMail, orgRecipients } from '../mail/outbox.js';
import { deletionCancelledMail, deletionScheduledMail } from '../mail/templates.js';
import { hitLimit, rateLimitHeaders, retryAfterSeconds, type RateLimitState } from '../rate-limit/rate-limit.js';
import { REAUTH_WINDOW_MS, type Settings } from '../settings.js';
import { loadForUser, type LoadedOrg, type OrgRecord, type ViewerSession } from './load.js';
import { assertAllowed } from './refuse.js';

export const CONFIRMATION_POLICY = 'deletion-confirmations';

export interface DeletionDeps {
  db: Db;
  settings: Settings;
  /** better-auth's password check, so the hash format is always better-auth's own. */
  verifyPassword: (hash: string, password: string) => Promise<boolean>;
}

const viewerOf = (loaded: LoadedOrg, actor: AuditActor): ViewerFacts => ({
  role: loaded.role ?? 'member',
  impersonated: actor.impersonatorUserId !== null,
});

/** D4: the intent that the delete dialog creates when it opens. */
export async function createDeletionIntent(
  deps: DeletionDeps,
  input: { loaded: LoadedOrg; session: ViewerSession; actor: AuditActor; now: Date },
) {
  const { loaded, session: viewerSession, actor, now } = input;
  assertAllowed(decideDelete(loaded.facts, viewerOf(loaded, actor)));
  const intent = {
    id: newId('int'),
    organizationId: loaded.org.id,
    userId: viewerSession.userId,
    sessionId: viewerSession.sessionId,
    createdAt: now,
    notBefore: new Date(now.getTime() + deps.settings.cooldownSeconds * 1000),
    expiresAt: new Date(now.getTime() + deps.settings.intentTtlSeconds * 1000),
  };
  await deps.db.insert(deletionIntent).values(intent);
  return intent;
}

/** `confirmName` equals the org's name exactly: NFC on both sides, nothing trimmed or folded. */
export function namesMatch(typed: string, actual: string): boolean {
  return typed.normalize('NFC') === actual.normalize('NFC');
}

/** D4–D5 for a user: every confirmation check, then every effect in one transaction. */
export async function scheduleDeletion(
  deps: DeletionDeps,
  input: {
    loaded: LoadedOrg;
    session: ViewerSession;
    body: DeletionRequest;
    actor: AuditActor;
    /** The user's failed-confirmation counter, as the route read it for this request. */
    limit: RateLimitState;
    now: Date;
  },
): Promise<Date> {
  const { db, settings } = deps;
  const { loaded, session: viewerSession, actor, limit, now } = input;
  const acknowledgements = input.body.acknowledgements ?? [];
  const unacknowledged = (decision: Decision) =>
    decision.warnings.map((w) => w.code).filter((code) => !acknowledgements.includes(code));
  const orgId = loaded.org.id;
  const decision = decideDelete(loaded.facts, viewerOf(loaded, actor));
  assertAllowed(decision);

  if (limit.exceeded) {
    const retryAfter = retryAfterSeconds(limit, now);
    fail('rate_limited', { retryAfter }, { 'Retry-After': String(retryAfter) });
  }

  const [intent] = await db.select().from(deletionIntent).where(eq(deletionIntent.id, input.body.intentId));
  const boundHere =
    intent &&
    intent.organizationId === orgId &&
    intent.userId === viewerSession.userId &&
    intent.sessionId === viewerSession.sessionId;
  if (!boundHere || intent.usedAt !== null || now >= intent.expiresAt) fail('intent_expired');
  if (now < intent.notBefore) {
    const retryAfter = Math.ceil((intent.notBefore.getTime() - now.getTime()) / 1000);
    fail('cooldown_active', { retryAfter }, { 'Retry-After': String(retryAfter) });
  }

  const missing = unacknowledged(decision);
  if (missing.length > 0) fail('acknowledgement_required', { missing });

  // A wrong name or password counts toward the limit and is audited; nothing else is written.
  // The refusal carries the counter as it stands after this failure.
  const failedConfirmation = async (code: 'name_mismatch' | 'invalid_password'): Promise<never> => {
    const counted = await db.transaction(async (tx) => {
      await writeOrgAudit(tx, orgId, actor, {
        action: 'org.deletion_confirmation_failed',
        target: { type: 'organization', id: orgId },
        outcome: 'failure',
        details: { code },
      }, now);
      return hitLimit(tx, CONFIRMATION_POLICY, viewerSession.userId, settings.confirmationLimit, now);
    });
    fail(code, {}, rateLimitHeaders(counted, settings.confirmationLimit, now));
  };

  const { confirmName, password } = input.body;
  if (!namesMatch(confirmName, loaded.org.name)) await failedConfirmation('name_mismatch');
  if (viewerSession.hasPassword) {
    if (!password) fail('invalid_password', { message: 'Enter your password.' });
    const hash = await passwordHash(db, viewerSession.userId);
    if (!hash || !(await deps.verifyPassword(hash, password))) await failedConfirmation('invalid_password');
  } else if (now.getTime() - viewerSession.createdAt.getTime() > REAUTH_WINDOW_MS) {
    fail('reauth_required');
  }

  return db.transaction(async (tx) => {
    const fresh = await loadForUser(tx, viewerSession.userId, orgId);
    if (!fresh?.role) fail('org_not_found');
    const freshDecision = decideDelete(fresh.facts, viewerOf(fresh, actor));
    assertAllowed(freshDecision);
    const missingNow = unacknowledged(freshDecision);
    if (missingNow.length > 0) fail('acknowledgement_required', { missing: missingNow });
    if (!namesMatch(confirmName, fresh.org.name)) fail('name_mismatch');
    // Single use: of two requests racing with one intent, only the first marks it.
    const used = await tx
      .update(deletionIntent)
      .set({ usedAt: now })
      .where(and(eq(deletionIntent.id, intent!.id), isNull(deletionIntent.usedAt)))
      .returning({ id: deletionIntent.id });
    if (used.length === 0) fail('intent_expired');
    return markPendingDeletion(tx, {
      org: fresh.org,
      initiator: { userId: viewerSession.userId, name: viewerSession.name, email: viewerSession.email },
      actor,
      now,
      graceDays: settings.graceDays,
      details: { acknowledgements },
    });
  });
}

async function passwordHash(db: Queryable, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ password: account.password })
    .from(account)
    .where(and(eq(account.userId, userId), eq(account.providerId, 'credential')));
  return row?.password ?? null;
}

/**
 * D5, every effect in the caller's transaction: the status and who and when, both audit logs, one
 * email per member, and the other members' sessions on this org signed out. API keys stop working
 * because every key check reads the org's status. Shared by the user endpoint and the management
 * API, so both schedule exactly the same way.
 */
export async function markPendingDeletion(
  tx: Queryable,
  input: {
    org: OrgRecord;
    initiator: { userId: string | null; name: string; email: string };
    actor: AuditActor;
    now: Date;
    graceDays: number;
    details?: Record<string, unknown>;
  },
): Promise<Date> {
  const { org, initiator, actor, now } = input;
  const purgeAt = new Date(now.getTime() + input.graceDays * 24 * 60 * 60 * 1000);
  const updated = await tx
    .update(organization)
    .set({ status: 'pending_deletion', deletionRequestedAt: now, deletionRequestedBy: initiator.userId, purgeAt })
    .where(and(eq(organization.id, org.id), ne(organization.status, 'pending_deletion')))
    .returning({ id: organization.id });
  if (updated.length === 0) fail('already_pending');

  await writeBothAudits(tx, org, actor, {
    action: 'org.deletion_initiated',
    target: { type: 'organization', id: org.id },
    details: { purgeAt: purgeAt.toISOString(), ...input.details },
  }, now);

  const recipients = await orgRecipients(tx, org.id);
  await enqueueMail(tx, {
    orgId: org.id,
    event: 'org.deletion_initiated',
    recipients,
    content: deletionScheduledMail({
      orgName: org.name,
      initiator,
      purgeAt,
      owners: recipients.filter((r) => effectiveRole(r.role) === 'owner'),
    }),
    at: now,
  });

  const nonOwners = tx
    .select({ userId: member.userId })
    .from(member)
    .where(and(eq(member.organizationId, org.id), not(isOwnerRole(member.role))));
  await tx
    .delete(session)
    .where(and(eq(session.activeOrganizationId, org.id), inArray(session.userId, nonOwners)));
  return purgeAt;
}

/** C1–C2: back to active at once, in one transaction; audited in both logs, every member emailed. */
export async function cancelDeletion(
  db: Db,
  input: { orgId: string; userId: string; actor: AuditActor; actorContact: { name: string; email: string }; now: Date },
): Promise<void> {
  const { orgId, userId, actor, now } = input;
  await db.transaction(async (tx) => {
    const fresh = await loadForUser(tx, userId, orgId);
    if (!fresh?.role) fail('org_not_found');
    assertAllowed(decideCancel(fresh.facts, viewerOf(fresh, actor)));
    await tx
      .update(organization)
      .set({ status: 'active', deletionRequestedAt: null, deletionRequestedBy: null, purgeAt: null })
      .where(eq(organization.id, orgId));
    await writeBothAudits(tx, fresh.org, actor, {
      action: 'org.deletion_cancelled',
      target: { type: 'organization', id: orgId },
      details: {
        purgeAt: fresh.org.purgeAt?.toISOString() ?? null,
        requestedAt: fresh.org.deletionRequestedAt?.toISOString() ?? null,
      },
    }, now);
    await enqueueMail(tx, {
      orgId,
      event: 'org.deletion_cancelled',
      recipients: await orgRecipients(tx, orgId),
      content: deletionCancelledMail({ orgName: fresh.org.name, actor: input.actorContact }),
      at: now,
    });
  });
}
