/**
 * Ownership with consent (issue 21, part 3): an owner offers ownership to a member, who becomes an
 * owner only by accepting; with `leaveAfter` the offering owner leaves in the same transaction.
 * Emails through the outbox, webhooks, audit; offers expire; none while the org is pending deletion.
 * Memberships are made through better-auth's own client.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { dangerZoneState, ownershipOfferResponse, type DangerZoneState } from '../../shared/schemas.js';
import { TEST_PASSWORD, type UserClient } from '../helpers/auth-client.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { confirmDeletion, createIntent } from '../helpers/deletion.js';

const bff = useTestBff();

async function orgWith(name: string, owner: UserClient, others: UserClient[]) {
  const org = await bff.users.createOrg(owner, name);
  for (const user of others) await bff.users.accept(user, await bff.users.invite(owner, org.id, user.email));
  return org;
}

const offer = (orgId: string, token: string, json: unknown) => bff.request(`/api/orgs/${orgId}/ownership-offers`, { token, json });
const answer = (orgId: string, offerId: string, token: string, verb: 'accept' | 'decline') =>
  bff.request(`/api/orgs/${orgId}/ownership-offers/${offerId}/${verb}`, { method: 'POST', token });

async function state(orgId: string, token: string): Promise<DangerZoneState> {
  return dangerZoneState.parse(await (await bff.request(`/api/orgs/${orgId}/danger-zone`, { token })).json());
}

const roleOf = async (orgId: string, userId: string) =>
  (
    await bff.database.writer.db
      .select({ role: t.member.role })
      .from(t.member)
      .where(and(eq(t.member.organizationId, orgId), eq(t.member.userId, userId)))
  )[0]?.role ?? null;

const eventTypes = async (orgId: string) =>
  (await bff.database.writer.db.select({ type: t.webhookEvent.type }).from(t.webhookEvent).where(eq(t.webhookEvent.organizationId, orgId))).map((e) => e.type);

const auditActions = async (orgId: string) =>
  (await bff.database.writer.db.select({ action: t.orgAuditLog.action }).from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, orgId))).map(
    (e) => e.action,
  );

async function mails(to: string) {
  const res = await bff.request(`/api/demo/mailbox?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { messages: { subject: string; text: string }[] }).messages;
}

describe('offering ownership', () => {
  it('the member sees the offer and accepts: promoted, the offering owner leaves (leaveAfter), both emailed, audited, webhooks', async () => {
    const owner = await bff.users.signUp('Olga Offer');
    const member = await bff.users.signUp('Mia Member');
    const org = await orgWith('Offer Co', owner, [member]);

    const before = bff.clock.now().getTime();
    const offered = await offer(org.id, owner.token, { userId: member.id, leaveAfter: true });
    expect(offered.status).toBe(201);
    const { offerId, expiresAt } = ownershipOfferResponse.parse(await offered.json());
    // Seven days on the app's clock from when it was made.
    expect(Date.parse(expiresAt) - before).toBeGreaterThanOrEqual(7 * 24 * 60 * 60 * 1000);
    expect(Date.parse(expiresAt) - bff.clock.now().getTime()).toBeLessThanOrEqual(7 * 24 * 60 * 60 * 1000);

    // Nothing changes until the member answers; both see the offer in their state.
    expect(await roleOf(org.id, member.id)).toBe('member');
    const seen = await state(org.id, member.token);
    expect([seen.ownershipOffers.incoming?.offerId, seen.ownershipOffers.incoming?.from.userId, seen.ownershipOffers.incoming?.leaveAfter]).toEqual([
      offerId,
      owner.id,
      true,
    ]);
    expect((await state(org.id, owner.token)).ownershipOffers.outgoing.map((o) => o.to.userId)).toEqual([member.id]);
    const [invite] = await mails(member.email);
    expect(invite?.subject).toBe('Olga Offer offers you ownership of "Offer Co"');
    expect(invite?.text).toContain('sign in and open the organization');

    const accepted = await answer(org.id, offerId, member.token, 'accept');
    expect([accepted.status, await accepted.json()]).toEqual([200, { offerId, status: 'accepted' }]);
    expect([await roleOf(org.id, member.id), await roleOf(org.id, owner.id)]).toEqual(['owner', null]);
    expect((await mails(owner.email))[0]?.subject).toBe('Mia Member accepted your offer of ownership of "Offer Co"');
    expect(await auditActions(org.id)).toEqual(expect.arrayContaining(['ownership.offered', 'ownership.accepted', 'member.promoted', 'member.left']));
    expect((await eventTypes(org.id)).filter((e) => e.startsWith('ownership.') || e.startsWith('member.'))).toEqual([
      'ownership.offered',
      'ownership.accepted',
      'member.role_changed',
      'member.left',
    ]);
    expect((await state(org.id, member.token)).ownershipOffers).toEqual({ incoming: null, outgoing: [] });
  });

  it('a decline changes nothing but the offer; the owner is told', async () => {
    const owner = await bff.users.signUp('Dan Decline');
    const member = await bff.users.signUp('Del Member');
    const org = await orgWith('Decline Co', owner, [member]);
    const { offerId } = ownershipOfferResponse.parse(await (await offer(org.id, owner.token, { userId: member.id })).json());
    const declined = await answer(org.id, offerId, member.token, 'decline');
    expect([declined.status, ((await declined.json()) as { status: string }).status]).toEqual([200, 'declined']);
    expect([await roleOf(org.id, member.id), await roleOf(org.id, owner.id)]).toEqual(['member', 'owner']);
    expect((await mails(owner.email))[0]?.subject).toBe('Del Member declined your offer of ownership of "Decline Co"');
    expect(await eventTypes(org.id)).toEqual(['ownership.offered', 'ownership.declined']);
    // Answered: no second answer.
    const again = await answer(org.id, offerId, member.token, 'accept');
    expect([again.status, await errorCode(again)]).toEqual([409, 'offer_answered']);
  });

  it('refuses: a member offering (403), the owner themself or an owner (400), a stranger (404), a second offer (409)', async () => {
    const owner = await bff.users.signUp('Rita Refuse');
    const coOwner = await bff.users.signUp('Cole Owner');
    const member = await bff.users.signUp('Moe Member');
    const stranger = await bff.users.signUp('Sid Stranger');
    const org = await orgWith('Refuse Co', owner, [member, coOwner]);
    expect((await bff.request(`/api/orgs/${org.id}/members/${coOwner.id}/role`, { token: owner.token, json: { role: 'owner' } })).status).toBe(200);

    const cases = [
      [member.token, { userId: owner.id }, 403, 'not_owner'],
      [owner.token, { userId: owner.id }, 400, 'invalid_offer'],
      [owner.token, { userId: coOwner.id }, 400, 'invalid_offer'],
      [owner.token, { userId: stranger.id }, 404, 'member_not_found'],
    ] as const;
    for (const [token, body, status, code] of cases) {
      const res = await offer(org.id, token, body);
      expect([res.status, await errorCode(res)]).toEqual([status, code]);
    }
    expect((await offer(org.id, owner.token, { userId: member.id })).status).toBe(201);
    const second = await offer(org.id, coOwner.token, { userId: member.id });
    expect([second.status, await errorCode(second)]).toEqual([409, 'offer_pending']);
    // The state says who may offer.
    expect((await state(org.id, member.token)).actions.offerOwnership.reasons.map((r) => r.code)).toEqual(['not_owner']);
    expect((await state(org.id, owner.token)).actions.offerOwnership.allowed).toBe(true);
  });

  it('only the offered member answers (anyone else: 404), before it expires (410)', async () => {
    const owner = await bff.users.signUp('Eve Expire');
    const member = await bff.users.signUp('Eli Member');
    const other = await bff.users.signUp('Oz Other');
    const org = await orgWith('Expire Co', owner, [member, other]);
    const { offerId } = ownershipOfferResponse.parse(await (await offer(org.id, owner.token, { userId: member.id })).json());
    for (const token of [other.token, owner.token]) {
      const res = await answer(org.id, offerId, token, 'accept');
      expect([res.status, await errorCode(res)]).toEqual([404, 'offer_not_found']);
    }
    bff.clock.advance(7 * 24 * 60 * 60 * 1000);
    const late = await answer(org.id, offerId, member.token, 'accept');
    expect([late.status, await errorCode(late)]).toEqual([410, 'offer_expired']);
    expect(await roleOf(org.id, member.id)).toBe('member');
    expect((await state(org.id, member.token)).ownershipOffers.incoming).toBeNull();
    // An expired offer no longer blocks a new one.
    expect((await offer(org.id, owner.token, { userId: member.id })).status).toBe(201);
  });

  it('an org pending deletion cannot have offers: none made, none answered', async () => {
    const owner = await bff.users.signUp('Pat Pending');
    const member = await bff.users.signUp('Pia Member');
    const org = await orgWith('Pending Co', owner, [member]);
    const { offerId } = ownershipOfferResponse.parse(await (await offer(org.id, owner.token, { userId: member.id })).json());
    const { intent } = await createIntent(bff, org.id, owner.token);
    bff.clock.advance(bff.settings.cooldownSeconds * 1000);
    const scheduled = await confirmDeletion(bff, org.id, owner.token, {
      intentId: intent!.intentId,
      confirmName: org.name,
      password: TEST_PASSWORD,
      acknowledgements: ['other_members'],
    });
    expect(scheduled.status).toBe(202);
    const made = await offer(org.id, owner.token, { userId: member.id });
    expect([made.status, await errorCode(made)]).toEqual([423, 'org_pending_deletion']);
    expect((await state(org.id, owner.token)).actions.offerOwnership.reasons.map((r) => r.code)).toEqual(['org_pending_deletion']);
    // The member cannot reach the org to answer: their session on it was signed out (D5), and
    // signing in again is refused while it is their only org (D6).
    const answered = await answer(org.id, offerId, member.token, 'accept');
    expect(answered.status).toBe(401);
    const signIn = await bff.request('/api/auth/sign-in/email', { json: { email: member.email, password: TEST_PASSWORD } });
    expect(signIn.status).toBe(423);
    expect(await roleOf(org.id, member.id)).toBe('member');
  });

  it('two acceptances at once count once; an acceptance racing the owner’s leave keeps the org owned, 20 of 20 times', async () => {
    const owner = await bff.users.signUp('Ray Race');
    const member = await bff.users.signUp('Rex Member');
    for (let i = 0; i < 20; i++) {
      const org = await orgWith(`Race ${i}`, owner, [member]);
      const { offerId } = ownershipOfferResponse.parse(await (await offer(org.id, owner.token, { userId: member.id, leaveAfter: i % 2 === 0 })).json());
      const [a, b, leave] = await Promise.all([
        answer(org.id, offerId, member.token, 'accept'),
        answer(org.id, offerId, member.token, 'accept'),
        bff.request(`/api/orgs/${org.id}/leave`, { token: owner.token, json: {} }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect([200, 204, 404, 409]).toContain(leave.status);
      const owners = await bff.database.writer.db
        .select()
        .from(t.member)
        .where(and(eq(t.member.organizationId, org.id), eq(t.member.role, 'owner')));
      expect(owners.map((o) => o.userId)).toContain(member.id);
    }
  });
});
