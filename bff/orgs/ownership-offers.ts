/**
 * Ownership with consent (issue 21): an owner offers ownership to a member; the member accepts or
 * declines (in the widget, after the email tells them); only on acceptance are they promoted, and
 * the offering owner leaves in the same transaction when they asked to (`leaveAfter`). Offers
 * expire; an org pending deletion cannot have offers (the policy refuses both making and answering
 * one, and D6 keeps members out anyway).
 *
 * Each step is one write transaction that reads its facts under the org's lock, decides with the
 * policy, and writes every effect at once: the offer, the audit entry, the webhook and the email.
 * So two answers to one offer never both count, and an acceptance racing the offering owner's own
 * leave or demotion keeps the org owned (the member is promoted before anyone goes, and the
 * database's owner guard has the last word).
 */
import { and, eq, gt } from 'drizzle-orm';
import { checkOfferAnswer, checkOfferTarget, decideOwnershipOffer, effectiveRole, OWNERSHIP_OFFER_TTL_DAYS } from '../../shared/policy.js';
import { orgAudit, type AuditActor } from '../audit/audit.js';
import { readBatch, runBatch, type Statement } from '../db/batch.js';
import type { Database } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { refuse } from '../domain-error.js';
import { newId } from '../ids.js';
import { mailStatements } from '../mail/outbox.js';
import type { MailRenderer } from '../mail/templates.js';
import type { Settings } from '../settings.js';
import { eventActor, eventOrg, webhookEventStatements } from '../webhooks/events.js';
import { sessionViewer } from './deletion.js';
import { completeFacts, storedFactsOnly } from './facts.js';
import { factsQuery, loadedFrom, type ViewerSession } from './load.js';
import { assertAllowed } from './refuse.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface OfferDeps {
  database: Database;
  settings: Settings;
  mail: MailRenderer;
}

/** `POST …/ownership-offers`: an owner offers ownership to another member. */
export async function offerOwnership(
  deps: OfferDeps,
  input: { orgId: string; viewerSession: ViewerSession; toUserId: string; leaveAfter: boolean; actor: AuditActor; now: Date },
): Promise<{ offerId: string; expiresAt: Date }> {
  const { orgId, viewerSession, toUserId, leaveAfter, actor, now } = input;
  return deps.database.writer.transaction(
    async (tx) => {
      const { member, ownershipOffer, user } = tablesOf(tx);
      const [factsRows, targets, waiting] = await readBatch(tx, [
        factsQuery(tx, viewerSession.userId, orgId),
        tx
          .select({ userId: member.userId, role: member.role, name: user.name, email: user.email })
          .from(member)
          .innerJoin(user, eq(user.id, member.userId))
          .where(and(eq(member.organizationId, orgId), eq(member.userId, toUserId))),
        tx
          .select({ id: ownershipOffer.id })
          .from(ownershipOffer)
          .where(
            and(
              eq(ownershipOffer.organizationId, orgId),
              eq(ownershipOffer.toUserId, toUserId),
              eq(ownershipOffer.status, 'pending'),
              gt(ownershipOffer.expiresAt, now),
            ),
          ),
      ]);
      const loaded = loadedFrom(factsRows);
      if (!loaded?.role) refuse('org_not_found');
      assertAllowed(decideOwnershipOffer(completeFacts(loaded.facts, storedFactsOnly), sessionViewer(loaded, viewerSession)));
      const [target] = targets;
      const problem = checkOfferTarget({
        offeringUserId: viewerSession.userId,
        target: target ? { userId: target.userId, role: effectiveRole(target.role) } : null,
        pendingOfferToTarget: waiting.length > 0,
      });
      if (problem) refuse(problem);

      const offer = {
        id: newId('own'),
        organizationId: orgId,
        fromUserId: viewerSession.userId,
        toUserId,
        leaveAfter,
        createdAt: now,
        expiresAt: new Date(now.getTime() + OWNERSHIP_OFFER_TTL_DAYS * DAY_MS),
      };
      const from = { name: viewerSession.name, email: viewerSession.email };
      const described = { offerId: offer.id, fromUserId: offer.fromUserId, toUserId, leaveAfter, expiresAt: offer.expiresAt.toISOString() };
      await runBatch(tx, [
        tx.insert(ownershipOffer).values(offer),
        orgAudit(tx, orgId, actor, { action: 'ownership.offered', target: { type: 'user', id: toUserId }, details: described }, now),
        ...webhookEventStatements(tx, deps.settings.webhookEvents, {
          type: 'ownership.offered',
          orgId,
          data: { organization: eventOrg(loaded.org), ...described, actor: eventActor(actor) },
          at: now,
        }),
        ...mailStatements(tx, {
          orgId,
          event: 'ownership.offered',
          recipients: [{ name: target!.name, email: target!.email }],
          content: (to) => deps.mail.render('ownership_offered', to, { orgName: loaded.org.name, from, leaveAfter, expiresAt: offer.expiresAt }),
          at: now,
        }),
      ]);
      return { offerId: offer.id, expiresAt: offer.expiresAt };
    },
    { org: orgId },
  );
}

/** `POST …/ownership-offers/:offerId/accept` and `…/decline`: the offered member answers. */
export async function answerOwnershipOffer(
  deps: OfferDeps,
  input: { orgId: string; offerId: string; viewerSession: ViewerSession; accept: boolean; actor: AuditActor; now: Date },
): Promise<{ status: 'accepted' | 'declined' }> {
  const { orgId, offerId, viewerSession, accept, actor, now } = input;
  const events = deps.settings.webhookEvents;
  return deps.database.writer.transaction(
    async (tx) => {
      const { member, ownershipOffer, session, user } = tablesOf(tx);
      const [factsRows, offers] = await readBatch(tx, [
        factsQuery(tx, viewerSession.userId, orgId),
        tx
          .select({
            id: ownershipOffer.id,
            fromUserId: ownershipOffer.fromUserId,
            toUserId: ownershipOffer.toUserId,
            leaveAfter: ownershipOffer.leaveAfter,
            status: ownershipOffer.status,
            expiresAt: ownershipOffer.expiresAt,
            fromName: user.name,
            fromEmail: user.email,
            fromRole: member.role,
          })
          .from(ownershipOffer)
          .leftJoin(user, eq(user.id, ownershipOffer.fromUserId))
          .leftJoin(member, and(eq(member.organizationId, ownershipOffer.organizationId), eq(member.userId, ownershipOffer.fromUserId)))
          .where(and(eq(ownershipOffer.id, offerId), eq(ownershipOffer.organizationId, orgId))),
      ]);
      const loaded = loadedFrom(factsRows);
      const [offer] = offers;
      const refusal = checkOfferAnswer({
        offer: offer ?? null,
        answerer: { userId: viewerSession.userId, impersonated: Boolean(viewerSession.impersonatedBy), isMember: Boolean(loaded?.role) },
        org: { status: loaded?.org.status ?? 'active' },
        now,
      });
      if (refusal) refuse(refusal);
      const { fromUserId, toUserId, leaveAfter } = offer!;
      const org = eventOrg(loaded!.org);
      const described = { offerId, fromUserId, toUserId, leaveAfter, expiresAt: offer!.expiresAt.toISOString() };
      // The offering owner leaves only if they asked to and are still a member.
      const leaves = accept && leaveAfter && offer!.fromRole !== null;
      const writes: Statement[] = [
        tx
          .update(ownershipOffer)
          .set({ status: accept ? 'accepted' : 'declined', answeredAt: now })
          .where(and(eq(ownershipOffer.id, offerId), eq(ownershipOffer.status, 'pending'))),
        orgAudit(
          tx,
          orgId,
          actor,
          { action: accept ? 'ownership.accepted' : 'ownership.declined', target: { type: 'user', id: toUserId }, details: described },
          now,
        ),
        ...webhookEventStatements(tx, events, {
          type: accept ? 'ownership.accepted' : 'ownership.declined',
          orgId,
          data: { organization: org, ...described, actor: eventActor(actor) },
          at: now,
        }),
      ];
      if (accept) {
        const from = effectiveRole(loaded!.role!);
        if (from !== 'owner') {
          writes.push(
            tx
              .update(member)
              .set({ role: 'owner' })
              .where(and(eq(member.organizationId, orgId), eq(member.userId, toUserId))),
            orgAudit(
              tx,
              orgId,
              actor,
              { action: 'member.promoted', target: { type: 'user', id: toUserId }, details: { from, to: 'owner', reason: 'ownership_offer', offerId } },
              now,
            ),
            ...webhookEventStatements(tx, events, {
              type: 'member.role_changed',
              orgId,
              data: { organization: org, userId: toUserId, from, to: 'owner', reason: 'ownership_offer', actor: eventActor(actor) },
              at: now,
            }),
          );
        }
        if (leaves) {
          const leaverRole = effectiveRole(offer!.fromRole!);
          writes.push(
            tx.delete(member).where(and(eq(member.organizationId, orgId), eq(member.userId, fromUserId))),
            // L5: their sessions stay signed in, none with this org active.
            tx
              .update(session)
              .set({ activeOrganizationId: null })
              .where(and(eq(session.userId, fromUserId), eq(session.activeOrganizationId, orgId))),
            orgAudit(
              tx,
              orgId,
              actor,
              { action: 'member.left', target: { type: 'user', id: fromUserId }, details: { role: leaverRole, successorUserId: toUserId, offerId } },
              now,
            ),
            ...webhookEventStatements(tx, events, {
              type: 'member.left',
              orgId,
              data: { organization: org, userId: fromUserId, role: leaverRole, successorUserId: toUserId, actor: eventActor(actor) },
              at: now,
            }),
          );
        }
      }
      if (offer!.fromEmail !== null) {
        writes.push(
          ...mailStatements(tx, {
            orgId,
            event: accept ? 'ownership.accepted' : 'ownership.declined',
            recipients: [{ name: offer!.fromName ?? '', email: offer!.fromEmail }],
            content: (to) =>
              deps.mail.render('ownership_answered', to, {
                orgName: loaded!.org.name,
                by: { name: viewerSession.name, email: viewerSession.email },
                accepted: accept,
                leftAfter: leaves,
              }),
            at: now,
          }),
        );
      }
      await runBatch(tx, writes);
      return { status: accept ? 'accepted' : 'declined' };
    },
    { org: orgId },
  );
}
