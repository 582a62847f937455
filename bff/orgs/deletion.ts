/**
 * D1–D5, C1–C3: the deletion intent, scheduling a deletion, and cancelling it.
 *
 * Cheap checks run first, outside any transaction (a refused request writes nothing but its
 * failure count). The effects then run in one write transaction shaped for a remote server: the
 * first batch carries BEGIN IMMEDIATE and reads every fact under the lock, the policy decides
 * again, the second batch writes every effect, then COMMIT: three round trips, and nothing can
 * slip between the check and the write (a second owner, a new resource, a concurrent cancel).
 */
import { and, eq, inArray, ne, not } from 'drizzle-orm';
import {
  checkConfirmation,
  choosePurgeDate,
  decideCancel,
  type ConfirmationRefusal,
  decideDelete,
  decideDeleteNow,
  decideDeletionStep,
  purgeDateBounds,
  type Warning,
  effectiveRole,
  namesMatch,
  unacknowledged,
  viewerFacts,
  type OrgFacts,
  type ViewerFacts,
} from '../../shared/policy.js';
import type { DeleteNowRequest, DeletionReason, DeletionRequest, StepUpProof } from '../../shared/schemas.js';
import type { StepUpVerifier } from '../auth/step-up.js';
import { bothAudits, orgAudit, type AuditActor } from '../audit/audit.js';
import { readBatch, runBatch, type Statement } from '../db/batch.js';
import type { Database, Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { isOwnerRole } from '../db/owner-role-sql.js';
import { refuse } from '../domain-error.js';
import { newId } from '../ids.js';
import { eventActor, eventOrg, webhookEventStatements } from '../webhooks/events.js';
import { mailStatements, recipientsQuery, type Recipient } from '../mail/outbox.js';
import type { MailRenderer } from '../mail/templates.js';
import { refundStatement, reserve, retryAfterSeconds, takeEach, type RateLimitState } from '../rate-limit/rate-limit.js';
import type { Settings } from '../settings.js';
import { completeFacts, storedFactsOnly, type ExtraFacts } from './facts.js';
import { factsQuery, loadedFrom, type LoadedOrg, type OrgRecord, type ViewerSession } from './load.js';
import { assertAllowed } from './refuse.js';

export const CONFIRMATION_POLICY = 'deletion-confirmations';

export interface DeletionDeps {
  database: Database;
  settings: Settings;
  /** The emails in each recipient's locale (the host's templates, else English). */
  mail: MailRenderer;
  /** better-auth's password check, so the hash format is always better-auth's own. */
  verifyPassword: (hash: string, password: string) => Promise<boolean>;
  /** better-auth's own checks of the other step-up methods (auth/step-up.ts). */
  stepUp: StepUpVerifier;
}

/** Who is asking, as the policy sees them: the one place a session becomes viewer facts. */
export function sessionViewer(loaded: { role: LoadedOrg['role'] }, viewerSession: ViewerSession): ViewerFacts {
  return viewerFacts({
    role: loaded.role,
    impersonatedBy: viewerSession.impersonatedBy,
    hasPassword: viewerSession.hasPassword,
    signedInAt: viewerSession.createdAt,
    stepUp: viewerSession.stepUp,
  });
}

export const INTENT_POLICY = 'deletion-intents';

/**
 * D4: the intent that the delete dialog creates when it opens. Each takes one attempt from the
 * user's and the org's intent limits, in the same transaction as the intent.
 */
export async function createDeletionIntent(deps: DeletionDeps, input: { loaded: LoadedOrg; facts: OrgFacts; session: ViewerSession; now: Date }) {
  const { loaded, session: viewerSession, now } = input;
  assertAllowed(decideDeletionStep(input.facts, sessionViewer(loaded, viewerSession), now));
  const intent = {
    id: newId('int'),
    organizationId: loaded.org.id,
    userId: viewerSession.userId,
    sessionId: viewerSession.sessionId,
    createdAt: now,
    notBefore: new Date(now.getTime() + deps.settings.cooldownSeconds * 1000),
    expiresAt: new Date(now.getTime() + deps.settings.intentTtlSeconds * 1000),
  };
  const limits = deps.settings.intentLimit;
  const limit = await deps.database.writer.transaction((tx) =>
    takeEach(
      tx,
      [
        { policy: INTENT_POLICY, key: `user:${viewerSession.userId}`, setting: limits.user },
        { policy: INTENT_POLICY, key: `org:${loaded.org.id}`, setting: limits.org },
      ],
      now,
      [tx.insert(tablesOf(tx).deletionIntent).values(intent)],
    ),
  );
  return { intent, limit };
}

/** What every confirmation of a deletion step carries, as the route validated it. */
type Confirmation = DeleteNowRequest;

/** What the route gives a deletion step: the viewer, their facts and the request. */
interface ConfirmationInput {
  loaded: LoadedOrg;
  facts: OrgFacts;
  extra: ExtraFacts;
  session: ViewerSession;
  actor: AuditActor;
  /** The user's failed-confirmation counter, as the route read it for this request. */
  limit: RateLimitState;
  /** The request's headers: a TOTP or backup code is checked by better-auth as the user they authenticate. */
  headers: Headers;
  now: Date;
}

/** D4–D5 for a user: every confirmation check, then every effect in one transaction. */
export async function scheduleDeletion(deps: DeletionDeps, input: ConfirmationInput & { body: DeletionRequest }): Promise<Date> {
  const { database, settings } = deps;
  const { loaded, session: viewerSession, actor, now, body } = input;
  const orgId = loaded.org.id;
  const decision = decideDelete(input.facts, sessionViewer(loaded, viewerSession), now);
  assertAllowed(decision);
  if (input.limit.exceeded) refuse('rate_limited', { retryAfter: retryAfterSeconds(input.limit, now) }, input.limit);
  // A date out of bounds is a form error, refused before anything is checked or counted.
  const purgeAt = choosePurgeDate(body.purgeAt === undefined ? undefined : new Date(body.purgeAt), now, settings);
  if (!purgeAt) {
    const { earliest, latest } = purgeDateBounds(now, settings);
    refuse('purge_date_out_of_range', {
      min: settings.graceDays,
      max: settings.maxGraceDays,
      earliest: earliest.toISOString(),
      latest: latest.toISOString(),
    });
  }
  const { intentId, acknowledged } = await confirmDeletionStep(deps, input, decision.warnings, null);
  const reason = body.reason ? { code: body.reason.code, ...(body.reason.text ? { text: body.reason.text } : {}) } : null;

  return database.writer.transaction(
    async (tx) => {
      const { deletionIntent } = tablesOf(tx);
      const [factsRows, freshIntent, recipients] = await readBatch(tx, [
        factsQuery(tx, viewerSession.userId, orgId),
        tx.select({ usedAt: deletionIntent.usedAt }).from(deletionIntent).where(eq(deletionIntent.id, intentId)),
        recipientsQuery(tx, orgId),
      ]);
      const fresh = loadedFrom(factsRows);
      if (!fresh?.role) refuse('org_not_found');
      const freshDecision = decideDelete(completeFacts(fresh.facts, input.extra), sessionViewer(fresh, viewerSession), now);
      assertAllowed(freshDecision);
      recheckUnderLock(freshDecision.warnings, acknowledged, body.confirmName, fresh.org.name, freshIntent[0]);
      const { statements } = pendingDeletionStatements(tx, {
        org: fresh.org,
        recipients,
        initiator: { userId: viewerSession.userId, name: viewerSession.name, email: viewerSession.email },
        actor,
        now,
        purgeAt,
        webhookEvents: settings.webhookEvents,
        acknowledgements: acknowledged,
        reason,
        mail: deps.mail,
      });
      await runBatch(tx, [tx.update(deletionIntent).set({ usedAt: now }).where(eq(deletionIntent.id, intentId)), ...statements]);
      return purgeAt;
    },
    { org: orgId },
  );
}

/**
 * Delete now (issue 21): a pending org's purge date becomes now, so the purge takes it at its next
 * pass. The same confirmation as scheduling, with an intent opened after the deletion was
 * scheduled; decided again under the write lock (a legal hold set meanwhile, a cancel).
 */
export async function deleteNow(deps: DeletionDeps, input: ConfirmationInput & { body: DeleteNowRequest }): Promise<Date> {
  const { database, settings } = deps;
  const { loaded, session: viewerSession, actor, now, body } = input;
  const orgId = loaded.org.id;
  const decision = decideDeleteNow(input.facts, sessionViewer(loaded, viewerSession), now);
  assertAllowed(decision);
  if (input.limit.exceeded) refuse('rate_limited', { retryAfter: retryAfterSeconds(input.limit, now) }, input.limit);
  const { intentId, acknowledged } = await confirmDeletionStep(deps, input, decision.warnings, loaded.org.deletionRequestedAt);

  return database.writer.transaction(
    async (tx) => {
      const { deletionIntent, organization } = tablesOf(tx);
      const [factsRows, freshIntent, recipients] = await readBatch(tx, [
        factsQuery(tx, viewerSession.userId, orgId),
        tx.select({ usedAt: deletionIntent.usedAt }).from(deletionIntent).where(eq(deletionIntent.id, intentId)),
        recipientsQuery(tx, orgId),
      ]);
      const fresh = loadedFrom(factsRows);
      if (!fresh?.role) refuse('org_not_found');
      const freshDecision = decideDeleteNow(completeFacts(fresh.facts, input.extra), sessionViewer(fresh, viewerSession), now);
      assertAllowed(freshDecision);
      recheckUnderLock(freshDecision.warnings, acknowledged, body.confirmName, fresh.org.name, freshIntent[0]);
      // Cancelled and scheduled again since the dialog opened: that intent was for the other deletion.
      const requestedAt = fresh.org.deletionRequestedAt;
      if (!requestedAt || requestedAt.getTime() !== loaded.org.deletionRequestedAt?.getTime()) refuse('intent_expired');
      const owners = recipients.filter((r) => effectiveRole(r.role) === 'owner');
      await runBatch(tx, [
        tx.update(deletionIntent).set({ usedAt: now }).where(eq(deletionIntent.id, intentId)),
        tx
          .update(organization)
          .set({ purgeAt: now })
          .where(and(eq(organization.id, orgId), eq(organization.status, 'pending_deletion'))),
        ...bothAudits(
          tx,
          fresh.org,
          actor,
          {
            action: 'org.deletion_expedited',
            target: { type: 'organization', id: orgId },
            details: { purgeAt: now.toISOString(), scheduledPurgeAt: fresh.org.purgeAt?.toISOString() ?? null, acknowledgements: acknowledged },
          },
          now,
        ),
        ...webhookEventStatements(tx, settings.webhookEvents, {
          type: 'org.deletion_expedited',
          orgId,
          data: {
            organization: eventOrg(fresh.org),
            purgeAt: now.toISOString(),
            scheduledPurgeAt: fresh.org.purgeAt?.toISOString() ?? null,
            requestedBy: eventActor(actor),
          },
          at: now,
        }),
        ...mailStatements(tx, {
          orgId,
          event: 'org.deletion_expedited',
          recipients: owners,
          content: (to) =>
            deps.mail.render('deletion_expedited', to, {
              orgName: fresh.org.name,
              actor: { name: viewerSession.name, email: viewerSession.email },
            }),
          at: now,
        }),
      ]);
      return now;
    },
    { org: orgId },
  );
}

/** What the write transaction checks again under the lock, whatever the step. */
function recheckUnderLock(
  warnings: readonly Warning[],
  acknowledged: readonly string[],
  typedName: string,
  orgName: string,
  intent: { usedAt: Date | null } | undefined,
): void {
  const missing = unacknowledged(warnings, acknowledged);
  if (missing.length > 0) refuse('acknowledgement_required', { missing });
  if (!namesMatch(typedName, orgName)) refuse('name_mismatch');
  // Single use: of two requests racing with one intent, the second reads it used, under the lock.
  if (intent?.usedAt !== null) refuse('intent_expired');
}

/**
 * D4 for either step: the intent, the cooldown, the acknowledgements, the exact name and the
 * step-up. A wrong name or step-up counts toward the limit and is audited; nothing else is written.
 * The attempt is reserved before anything is checked (SPEC 8): of any number of concurrent
 * confirmations, in any number of processes, at most `max` reach the password check in a window.
 */
async function confirmDeletionStep(
  deps: DeletionDeps,
  input: ConfirmationInput & { body: Confirmation },
  warnings: readonly Warning[],
  /** For "delete now": the intent must have been opened after this (the scheduling). */
  intentCreatedAfter: Date | null,
): Promise<{ intentId: string; acknowledged: string[] }> {
  const { database, settings } = deps;
  const { loaded, session: viewerSession, actor, now, body } = input;
  const acknowledged = body.acknowledgements ?? [];
  const orgId = loaded.org.id;
  const viewer = sessionViewer(loaded, viewerSession);
  const reads = database.reader.db;
  const { account, deletionIntent } = tablesOf(reads);
  const [intentRows, passwordRows] = await readBatch(reads, [
    reads.select().from(deletionIntent).where(eq(deletionIntent.id, body.intentId)),
    reads
      .select({ password: account.password })
      .from(account)
      .where(and(eq(account.userId, viewerSession.userId), eq(account.providerId, 'credential'))),
  ]);
  const [intent] = intentRows;
  const { confirmName, password } = body;
  // `password` alone is the step-up of before (issue 21 keeps it working).
  // (A password sent by a user who has none is ignored, as it always was.)
  const stepUp: StepUpProof | null = body.stepUp ?? (password === undefined || !viewer.hasPassword ? null : { method: 'password', password });
  const refusal = checkConfirmation({
    intent: intent ? { ...intent, orgId: intent.organizationId } : null,
    expected: { orgId, userId: viewerSession.userId, sessionId: viewerSession.sessionId, createdAfter: intentCreatedAfter },
    now,
    typedName: confirmName,
    orgName: loaded.org.name,
    warnings,
    acknowledged,
    viewer,
    stepUp: stepUp?.method ?? null,
  });

  const writes = database.writer.db;
  const takeAttempt = async (): Promise<RateLimitState> => {
    const attempt = await reserve(writes, CONFIRMATION_POLICY, viewerSession.userId, settings.confirmationLimit, now);
    if (!attempt.reserved) refuse('rate_limited', { retryAfter: retryAfterSeconds(attempt.limit, now) }, attempt.limit);
    return attempt.limit;
  };
  const failedConfirmation = async (code: 'name_mismatch' | 'invalid_password' | 'invalid_code', counted: RateLimitState): Promise<never> => {
    await orgAudit(
      writes,
      orgId,
      actor,
      { action: 'org.deletion_confirmation_failed', target: { type: 'organization', id: orgId }, outcome: 'failure', details: { code } },
      now,
    );
    refuse(code, {}, counted);
  };

  if (refusal?.code === 'name_mismatch') return failedConfirmation('name_mismatch', await takeAttempt());
  if (refusal) refuseConfirmation(refusal);
  if (stepUp && stepUp.method !== 'recent_sign_in' && viewer.stepUp.includes(stepUp.method)) {
    const attempt = await takeAttempt();
    const proven = await verifyStepUp(deps, stepUp, { hash: passwordRows[0]?.password ?? null, email: viewerSession.email, headers: input.headers });
    if (!proven) return failedConfirmation(stepUp.method === 'password' ? 'invalid_password' : 'invalid_code', attempt);
    // A proof that holds is not a failed confirmation: the attempt is given back.
    await refundStatement(writes, CONFIRMATION_POLICY, viewerSession.userId, attempt);
  }
  return { intentId: intent!.id, acknowledged };
}

/** Checks the step-up the request presents, each with better-auth's own verification. */
function verifyStepUp(
  deps: Pick<DeletionDeps, 'verifyPassword' | 'stepUp'>,
  proof: Exclude<StepUpProof, { method: 'recent_sign_in' }>,
  user: { hash: string | null; email: string; headers: Headers },
): Promise<boolean> {
  switch (proof.method) {
    case 'password':
      return user.hash ? deps.verifyPassword(user.hash, proof.password) : Promise.resolve(false);
    case 'totp':
      return deps.stepUp.secondFactor(user.headers, proof.code);
    case 'email_otp':
      return deps.stepUp.emailCode(user.email, proof.code);
  }
}

/** The spec's error for each refusal of the confirmation check (a wrong name is counted above). */
function refuseConfirmation(refusal: Exclude<ConfirmationRefusal, { code: 'name_mismatch' }>): never {
  switch (refusal.code) {
    case 'password_missing':
      return refuse('invalid_password', { message: 'Enter your password.' });
    case 'cooldown_active':
      return refuse('cooldown_active', { retryAfter: refusal.retryAfter });
    case 'acknowledgement_required':
      return refuse('acknowledgement_required', { missing: refusal.missing });
    case 'step_up_required':
      return refuse('step_up_required', { methods: refusal.methods });
    default:
      return refuse(refusal.code);
  }
}

/**
 * D5, every effect as statements for the caller's write batch: the status and who and when, both
 * audit logs, one email per member, and the other members' sessions on this org signed out. API
 * keys stop working because every key check reads the org's status. Shared by the user endpoint
 * and the management API, so both schedule exactly the same way. The caller holds the write lock
 * and has decided with the policy that the org is not pending.
 */
export function pendingDeletionStatements(
  tx: Db,
  input: {
    org: OrgRecord;
    recipients: readonly Recipient[];
    initiator: { userId: string | null; name: string; email: string };
    actor: AuditActor;
    now: Date;
    /** Chosen within the bounds (policy `choosePurgeDate`). */
    purgeAt: Date;
    webhookEvents: boolean;
    acknowledgements: readonly string[];
    /** Why, when the owner said (issue 21): in the audit and the webhook. */
    reason?: DeletionReason | null;
    details?: Record<string, unknown>;
    mail: MailRenderer;
  },
): { purgeAt: Date; statements: Statement[] } {
  const { org, initiator, actor, now, recipients, purgeAt } = input;
  const reason = input.reason ?? null;
  const { member, organization, session } = tablesOf(tx);
  const nonOwners = tx
    .select({ userId: member.userId })
    .from(member)
    .where(and(eq(member.organizationId, org.id), not(isOwnerRole(member.role))));
  return {
    purgeAt,
    statements: [
      tx
        .update(organization)
        .set({ status: 'pending_deletion', deletionRequestedAt: now, deletionRequestedBy: initiator.userId, purgeAt })
        .where(and(eq(organization.id, org.id), ne(organization.status, 'pending_deletion'))),
      ...bothAudits(
        tx,
        org,
        actor,
        {
          action: 'org.deletion_initiated',
          target: { type: 'organization', id: org.id },
          details: { purgeAt: purgeAt.toISOString(), acknowledgements: input.acknowledgements, ...(reason ? { reason } : {}), ...input.details },
        },
        now,
      ),
      ...webhookEventStatements(tx, input.webhookEvents, {
        type: 'org.deletion_scheduled',
        orgId: org.id,
        data: {
          organization: eventOrg(org),
          purgeAt: purgeAt.toISOString(),
          requestedAt: now.toISOString(),
          requestedBy: eventActor(actor),
          acknowledgements: [...input.acknowledgements],
          reason,
        },
        at: now,
      }),
      ...mailStatements(tx, {
        orgId: org.id,
        event: 'org.deletion_initiated',
        recipients,
        content: (to) =>
          input.mail.render('deletion_scheduled', to, {
            orgName: org.name,
            initiator,
            purgeAt,
            owners: recipients.filter((r) => effectiveRole(r.role) === 'owner'),
            cancelUrl: input.mail.settingsLink(org),
          }),
        at: now,
      }),
      tx.delete(session).where(and(eq(session.activeOrganizationId, org.id), inArray(session.userId, nonOwners))),
    ],
  };
}

/** C1–C2: back to active at once, in one transaction; audited in both logs, every member emailed. */
export async function cancelDeletion(
  deps: { database: Database; settings: Settings; mail: MailRenderer },
  input: { orgId: string; viewerSession: ViewerSession; actor: AuditActor; now: Date },
): Promise<void> {
  const { database, settings } = deps;
  const { orgId, viewerSession, actor, now } = input;
  await database.writer.transaction(
    async (tx) => {
      const { organization } = tablesOf(tx);
      const [factsRows, recipients] = await readBatch(tx, [factsQuery(tx, viewerSession.userId, orgId), recipientsQuery(tx, orgId)]);
      const fresh = loadedFrom(factsRows);
      if (!fresh?.role) refuse('org_not_found');
      const facts = completeFacts(fresh.facts, storedFactsOnly);
      assertAllowed(decideCancel(facts, sessionViewer(fresh, viewerSession)));
      await runBatch(tx, [
        tx
          .update(organization)
          .set({ status: 'active', deletionRequestedAt: null, deletionRequestedBy: null, purgeAt: null })
          .where(eq(organization.id, orgId)),
        ...bothAudits(
          tx,
          fresh.org,
          actor,
          {
            action: 'org.deletion_cancelled',
            target: { type: 'organization', id: orgId },
            details: {
              purgeAt: fresh.org.purgeAt?.toISOString() ?? null,
              requestedAt: fresh.org.deletionRequestedAt?.toISOString() ?? null,
            },
          },
          now,
        ),
        ...mailStatements(tx, {
          orgId,
          event: 'org.deletion_cancelled',
          recipients,
          content: (to) =>
            deps.mail.render('deletion_cancelled', to, { orgName: fresh.org.name, actor: { name: viewerSession.name, email: viewerSession.email } }),
          at: now,
        }),
        ...webhookEventStatements(tx, settings.webhookEvents, {
          type: 'org.deletion_cancelled',
          orgId,
          data: { organization: eventOrg(fresh.org), cancelledBy: eventActor(actor), purgeAt: fresh.org.purgeAt?.toISOString() ?? null },
          at: now,
        }),
      ]);
    },
    { org: orgId },
  );
}
