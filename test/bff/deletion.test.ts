import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { deletionIntentResponse, deletionScheduledResponse, errorBody, type DangerZoneState } from '../../shared/schemas.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { confirmDeletion, createIntent, scheduleDeletion } from '../helpers/deletion.js';
import type { Fixtures } from '../helpers/fixtures.js';
import { createTestHost } from '../helpers/host-auth.js';

const bff = useTestBff();
let make: Fixtures;

beforeAll(async () => {
  make = bff.make;
});

async function orgRow(id: string) {
  return (await bff.database.writer.db.select().from(t.organization).where(eq(t.organization.id, id)))[0];
}

async function ownerAlone(name?: string) {
  const owner = await make.user('Olga Owner');
  const org = await make.org({ name, members: [{ userId: owner.id, role: 'owner' }] });
  return { owner, org, token: await bff.signIn(owner.email) };
}

describe('POST /api/orgs/:orgId/deletion-intents', () => {
  it('201 with notBefore = now + cooldown and expiresAt = now + TTL', async () => {
    const { org, token } = await ownerAlone();
    const now = bff.clock.now().getTime();
    const { res, intent } = await createIntent(bff, org.id, token);
    expect(res.status).toBe(201);
    deletionIntentResponse.parse(intent);
    expect(new Date(intent!.notBefore).getTime() - now).toBeGreaterThanOrEqual(10_000);
    expect(new Date(intent!.notBefore).getTime() - now).toBeLessThan(11_000);
    expect(new Date(intent!.expiresAt).getTime() - now).toBeGreaterThanOrEqual(600_000);
  });

  it('403 not_owner for admins and members', async () => {
    const owner = await make.user();
    const admin = await make.user();
    const member = await make.user();
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: admin.id, role: 'admin' },
        { userId: member.id, role: 'member' },
      ],
    });
    for (const u of [admin, member]) {
      const { res } = await createIntent(bff, org.id, await bff.signIn(u.email));
      expect([res.status, await errorCode(res)]).toEqual([403, 'not_owner']);
    }
  });

  it('409 deletion_blocked with every blocker: active resources (with the count) and read-only', async () => {
    const owner = await make.user();
    const token = await bff.signIn(owner.email);
    const busy = await make.org({ members: [{ userId: owner.id, role: 'owner' }], activeResources: 3 });
    const { res } = await createIntent(bff, busy.id, token);
    expect([res.status, await errorCode(res)]).toEqual([409, 'deletion_blocked']);
    const body = errorBody.parse(await res.json());
    expect(body.error.reasons).toEqual([{ code: 'has_active_resources', message: '3 active resources must be decommissioned first.', params: { count: 3 } }]);

    const readOnly = await make.org({ status: 'read_only', members: [{ userId: owner.id, role: 'owner' }], activeResources: 1 });
    const r2 = await createIntent(bff, readOnly.id, token);
    expect(errorBody.parse(await r2.res.json()).error.reasons?.map((r) => r.code)).toEqual(['read_only', 'has_active_resources']);
  });

  it(`while a deletion is scheduled, an owner's intent is for "delete now" (issue 21)`, async () => {
    const owner = await make.user();
    const org = await make.org({ status: 'pending_deletion', members: [{ userId: owner.id, role: 'owner' }] });
    expect((await createIntent(bff, org.id, await bff.signIn(owner.email))).res.status).toBe(201);
  });

  it('403 user_session_required for an org API key or a management token', async () => {
    const { org } = await ownerAlone();
    const key = ((await (await bff.request(`/api/demo/orgs/${org.id}/api-keys`, { method: 'POST' })).json()) as { key: string }).key;
    const r1 = await bff.request(`/api/orgs/${org.id}/deletion-intents`, { method: 'POST', headers: { 'x-api-key': key } });
    expect([r1.status, await errorCode(r1)]).toEqual([403, 'user_session_required']);
    const r2 = await bff.request(`/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token: 'odz_mgt_anything' });
    expect([r2.status, await errorCode(r2)]).toEqual([403, 'user_session_required']);
  });
});

describe('POST /api/orgs/:orgId/deletion', () => {
  it('202 pending_deletion with purgeAt = now + 7 days, and every D5 effect in the database', async () => {
    const owner = await make.user('Olga Owner');
    const admin = await make.user('Adam Admin');
    const member = await make.user('Mia Member');
    const org = await make.org({
      name: 'Doomed Inc.',
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: admin.id, role: 'admin' },
        { userId: member.id, role: 'member' },
      ],
    });
    const ownerToken = await bff.signIn(owner.email);
    const memberToken = await bff.signIn(member.email);
    const memberElsewhere = await bff.signIn(member.email);
    const db = bff.database.writer.db;
    await db.update(t.session).set({ activeOrganizationId: org.id }).where(eq(t.session.token, memberToken));
    await db.update(t.session).set({ activeOrganizationId: org.id }).where(eq(t.session.token, ownerToken));

    const res = await scheduleDeletion(bff, org, ownerToken, ['other_members']);
    expect(res.status).toBe(202);
    const body = deletionScheduledResponse.parse(await res.json());
    const confirmedAt = bff.clock.now().getTime();
    expect(Math.abs(new Date(body.purgeAt).getTime() - confirmedAt - 7 * 86400e3)).toBeLessThan(2000);

    const row = await orgRow(org.id);
    expect(row?.status).toBe('pending_deletion');
    expect(row?.deletionRequestedBy).toBe(owner.id);
    expect(row?.purgeAt?.toISOString()).toBe(body.purgeAt);

    const orgAudit = await db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, org.id));
    const platformAudit = await db.select().from(t.platformAuditLog).where(eq(t.platformAuditLog.organizationId, org.id));
    expect(orgAudit.map((a) => a.action)).toEqual(['org.deletion_initiated']);
    expect(platformAudit.map((a) => [a.action, a.actorUserId, a.organizationName])).toEqual([['org.deletion_initiated', owner.id, 'Doomed Inc.']]);

    const mail = await db.select().from(t.outbox).where(eq(t.outbox.organizationId, org.id));
    expect(mail.map((m) => m.toEmail).sort()).toEqual([owner.email, admin.email, member.email].sort());
    for (const m of mail) {
      expect(m.text).toContain('Olga Owner');
      expect(m.text).toContain(body.purgeAt.slice(0, 10));
      expect(m.text).toMatch(/can cancel/);
    }

    // The member's session on this org is signed out; their other session and the owner's stay.
    const tokens = (await db.select({ token: t.session.token }).from(t.session)).map((s) => s.token);
    expect(tokens).not.toContain(memberToken);
    expect(tokens).toContain(memberElsewhere);
    expect(tokens).toContain(ownerToken);
  });

  it('422 acknowledgement_required naming every missing warning; nothing changes', async () => {
    const owner = await make.user();
    const other = await make.user();
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: other.id, role: 'member' },
      ],
      credits: 40,
      subscription: 'active',
    });
    const token = await bff.signIn(owner.email);
    const res = await scheduleDeletion(bff, org, token, ['credits_remaining']);
    expect([res.status, await errorCode(res)]).toEqual([422, 'acknowledgement_required']);
    expect(errorBody.parse(await res.json()).error.missing).toEqual(['active_subscription', 'other_members']);
    expect((await orgRow(org.id))?.status).toBe('active');
    const ok = await scheduleDeletion(bff, org, token, ['active_subscription', 'credits_remaining', 'other_members']);
    expect(ok.status).toBe(202);
  });

  describe('D4: the typed name is compared exactly (NFC, no trimming, no case folding)', () => {
    const name = 'Café Ünïcode & Co.';
    const variants = {
      'a different case': 'café ünïcode & co.',
      'a trailing space': `${name} `,
      'a leading space': ` ${name}`,
      'a zero-width character': 'Café Ünï\u200Bcode & Co.',
      'different punctuation': 'Café Ünïcode and Co.',
    };
    for (const [label, typed] of Object.entries(variants)) {
      it(`422 name_mismatch for ${label}`, async () => {
        const { org, token } = await ownerAlone(name);
        const { intent } = await createIntent(bff, org.id, token);
        bff.clock.advance(10_000);
        const res = await confirmDeletion(bff, org.id, token, { intentId: intent!.intentId, confirmName: typed });
        expect([res.status, await errorCode(res)]).toEqual([422, 'name_mismatch']);
        expect((await orgRow(org.id))?.status).toBe('active');
      });
    }

    it('accepts the NFD spelling of an NFC name, both sides normalized', async () => {
      const { org, token } = await ownerAlone(name.normalize('NFC'));
      const { intent } = await createIntent(bff, org.id, token);
      bff.clock.advance(10_000);
      const typed = name.normalize('NFD');
      expect(typed).not.toBe(name.normalize('NFC'));
      const res = await confirmDeletion(bff, org.id, token, { intentId: intent!.intentId, confirmName: typed });
      expect(res.status).toBe(202);
    });

    it('an NFD name stored and an NFC name typed also match', async () => {
      const { org, token } = await ownerAlone(name.normalize('NFD'));
      const { intent } = await createIntent(bff, org.id, token);
      bff.clock.advance(10_000);
      const res = await confirmDeletion(bff, org.id, token, { intentId: intent!.intentId, confirmName: name.normalize('NFC') });
      expect(res.status).toBe(202);
    });
  });

  it('425 cooldown_active with Retry-After before notBefore, then 202 after it (injected clock)', async () => {
    const { org, token } = await ownerAlone();
    const { intent } = await createIntent(bff, org.id, token);
    bff.clock.advance(3_000);
    const early = await confirmDeletion(bff, org.id, token, { intentId: intent!.intentId, confirmName: org.name });
    expect([early.status, await errorCode(early)]).toEqual([425, 'cooldown_active']);
    expect(early.headers.get('retry-after')).toBe('7');
    expect(errorBody.parse(await early.json()).error.retryAfter).toBe(7);
    expect((await orgRow(org.id))?.status).toBe('active');
    bff.clock.advance(7_000);
    const res = await confirmDeletion(bff, org.id, token, { intentId: intent!.intentId, confirmName: org.name });
    expect(res.status).toBe(202);
  });

  it('410 intent_expired after the TTL, for a reused intent, an unknown one, and one of another session, org or user', async () => {
    const { owner, org, token } = await ownerAlone();
    const expired = (await createIntent(bff, org.id, token)).intent!;
    bff.clock.advance(601_000);
    const r1 = await confirmDeletion(bff, org.id, token, { intentId: expired.intentId, confirmName: org.name });
    expect([r1.status, await errorCode(r1)]).toEqual([410, 'intent_expired']);

    const otherSession = await bff.signIn(owner.email);
    const fromOtherSession = (await createIntent(bff, org.id, otherSession)).intent!;
    const second = await ownerAlone();
    const fromOtherOrg = (await createIntent(bff, second.org.id, second.token)).intent!;
    bff.clock.advance(10_000);
    for (const intentId of [fromOtherSession.intentId, fromOtherOrg.intentId, 'int_unknown']) {
      const res = await confirmDeletion(bff, org.id, token, { intentId, confirmName: org.name });
      expect([res.status, await errorCode(res)]).toEqual([410, 'intent_expired']);
    }
    expect((await orgRow(org.id))?.status).toBe('active');

    const fresh = (await createIntent(bff, org.id, token)).intent!;
    bff.clock.advance(10_000);
    expect((await confirmDeletion(bff, org.id, token, { intentId: fresh.intentId, confirmName: org.name })).status).toBe(202);
    // Cancel, then try to use the same intent again: single use.
    expect((await bff.request(`/api/orgs/${org.id}/deletion`, { method: 'DELETE', token })).status).toBe(200);
    const reused = await confirmDeletion(bff, org.id, token, { intentId: fresh.intentId, confirmName: org.name });
    expect([reused.status, await errorCode(reused)]).toEqual([410, 'intent_expired']);
  });

  it('401 invalid_password for a wrong or missing password; the intent stays usable', async () => {
    const { org, token } = await ownerAlone();
    const { intent } = await createIntent(bff, org.id, token);
    bff.clock.advance(10_000);
    const wrong = await confirmDeletion(bff, org.id, token, { intentId: intent!.intentId, confirmName: org.name, password: 'nope-nope' });
    expect([wrong.status, await errorCode(wrong)]).toEqual([401, 'invalid_password']);
    const missing = await bff.request(`/api/orgs/${org.id}/deletion`, {
      token,
      json: { intentId: intent!.intentId, confirmName: org.name, acknowledgements: [] },
    });
    expect([missing.status, await errorCode(missing)]).toEqual([401, 'invalid_password']);
    expect((await orgRow(org.id))?.status).toBe('active');
    expect((await confirmDeletion(bff, org.id, token, { intentId: intent!.intentId, confirmName: org.name })).status).toBe(202);
  });

  it('401 reauth_required for a user without a password whose sign-in is older than 5 minutes', async () => {
    // A host whose better-auth has no other step-up for this user (no email codes, no two-factor):
    // D4's recent sign-in is all there is.
    const host = { ...bff, request: createTestHost(bff).request };
    const owner = await make.user('No Password', { password: false });
    const org = await make.org({ members: [{ userId: owner.id, role: 'owner' }] });
    const token = `tok_${owner.id}`;
    const db = bff.database.writer.db;
    const insertSession = (createdAt: Date, tokenValue: string) =>
      db.insert(t.session).values({
        id: `ses_${tokenValue}`,
        token: tokenValue,
        userId: owner.id,
        expiresAt: new Date(Date.now() + 86400e3),
        createdAt,
        updatedAt: createdAt,
      });
    await insertSession(new Date(bff.clock.now().getTime() - 6 * 60_000), token);
    // The state says so up front: Delete is refused with reauth_required, and creating an intent too.
    const state = (await (await host.request(`/api/orgs/${org.id}/danger-zone`, { token })).json()) as DangerZoneState;
    expect(state.settings.passwordRequired).toBe(false);
    expect(state.actions.delete.allowed).toBe(false);
    expect(state.actions.delete.reasons.map((r) => r.code)).toEqual(['reauth_required']);
    const { res: refused } = await createIntent(host, org.id, token);
    expect([refused.status, await errorCode(refused)]).toEqual([401, 'reauth_required']);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="org-danger-zone"');

    // A fresh sign-in may delete; if the 5 minutes run out between the intent and the confirmation, 401.
    const freshToken = `tok2_${owner.id}`;
    const signedInAt = bff.clock.now();
    await insertSession(signedInAt, freshToken);
    const fresh = (await (await host.request(`/api/orgs/${org.id}/danger-zone`, { token: freshToken })).json()) as DangerZoneState;
    expect(fresh.actions.delete.allowed).toBe(true);
    expect(Date.parse(fresh.settings.reauthBy!)).toBe(signedInAt.getTime() + 5 * 60_000);
    const { intent: late } = await createIntent(host, org.id, freshToken);
    bff.clock.advance(5 * 60_000 + 1000);
    const stale = await confirmDeletion(host, org.id, freshToken, { intentId: late!.intentId, confirmName: org.name });
    expect([stale.status, await errorCode(stale)]).toEqual([401, 'reauth_required']);

    const freshest = `tok3_${owner.id}`;
    await insertSession(bff.clock.now(), freshest);
    const { intent: i2 } = await createIntent(host, org.id, freshest);
    bff.clock.advance(10_000);
    expect((await confirmDeletion(host, org.id, freshest, { intentId: i2!.intentId, confirmName: org.name })).status).toBe(202);
  });

  it('409 deletion_blocked when a resource appears between intent and confirmation', async () => {
    const { org, token } = await ownerAlone();
    const { intent } = await createIntent(bff, org.id, token);
    await bff.request(`/api/demo/orgs/${org.id}/resources`, { json: { count: 2 } });
    bff.clock.advance(10_000);
    const res = await confirmDeletion(bff, org.id, token, { intentId: intent!.intentId, confirmName: org.name });
    expect([res.status, await errorCode(res)]).toEqual([409, 'deletion_blocked']);
  });

  it('400 invalid_request for bodies of the wrong shape or with extra fields', async () => {
    const { org, token } = await ownerAlone();
    const bodies: unknown[] = [
      {},
      { intentId: 'int_x', confirmName: 5 },
      { intentId: 'int_x', confirmName: org.name, acknowledgements: ['made_up'] },
      { intentId: 'int_x', confirmName: org.name, admin: true },
      { intentId: '../../etc', confirmName: org.name },
      [],
    ];
    for (const json of bodies) {
      const res = await bff.request(`/api/orgs/${org.id}/deletion`, { token, json });
      expect([res.status, await errorCode(res)]).toEqual([400, 'invalid_request']);
      expect(errorBody.parse(await res.json()).error.issues?.length).toBeGreaterThan(0);
    }
  });

  it('carries X-RateLimit-* on every response of the route', async () => {
    const { org, token } = await ownerAlone();
    const res = await confirmDeletion(bff, org.id, token, { intentId: 'int_nope', confirmName: org.name });
    expect(res.status).toBe(410);
    expect(res.headers.get('x-ratelimit-limit')).toBe('5');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('5');
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });
});

describe('DELETE /api/orgs/:orgId/deletion', () => {
  it('C1: 200 active at once, audited in both logs, every member emailed', async () => {
    const owner = await make.user('Olga Owner');
    const member = await make.user('Mia Member');
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: member.id, role: 'member' },
      ],
    });
    const token = await bff.signIn(owner.email);
    expect((await scheduleDeletion(bff, org, token, ['other_members'])).status).toBe(202);

    const res = await bff.request(`/api/orgs/${org.id}/deletion`, { method: 'DELETE', token });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'active' });
    const row = await orgRow(org.id);
    expect([row?.status, row?.purgeAt, row?.deletionRequestedBy]).toEqual(['active', null, null]);
    const db = bff.database.writer.db;
    const platform = await db.select().from(t.platformAuditLog).where(eq(t.platformAuditLog.organizationId, org.id));
    expect(platform.map((a) => a.action)).toEqual(['org.deletion_initiated', 'org.deletion_cancelled']);
    const orgLog = await db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, org.id));
    expect(orgLog.map((a) => a.action)).toEqual(['org.deletion_initiated', 'org.deletion_cancelled']);
    const cancelMail = await db.select().from(t.outbox).where(eq(t.outbox.event, 'org.deletion_cancelled'));
    expect(
      cancelMail
        .filter((m) => m.organizationId === org.id)
        .map((m) => m.toEmail)
        .sort(),
    ).toEqual([owner.email, member.email].sort());

    // The member can reach the org again.
    expect((await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: await bff.signIn(member.email) })).status).toBe(200);
  });

  it('409 not_pending when nothing is scheduled; 403 not_owner for an admin (the 423 of D6 comes first while pending)', async () => {
    const owner = await make.user();
    const admin = await make.user();
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: admin.id, role: 'admin' },
      ],
    });
    const r1 = await bff.request(`/api/orgs/${org.id}/deletion`, { method: 'DELETE', token: await bff.signIn(owner.email) });
    expect([r1.status, await errorCode(r1)]).toEqual([409, 'not_pending']);
    const r2 = await bff.request(`/api/orgs/${org.id}/deletion`, { method: 'DELETE', token: await bff.signIn(admin.email) });
    expect([r2.status, await errorCode(r2)]).toEqual([403, 'not_owner']);
  });

  it('C3: deleting again after a cancel starts a new full grace window from the new confirmation', async () => {
    const { org, token } = await ownerAlone();
    const first = deletionScheduledResponse.parse(await (await scheduleDeletion(bff, org, token)).json());
    bff.clock.advance(3 * 86400e3);
    await bff.request(`/api/orgs/${org.id}/deletion`, { method: 'DELETE', token });
    const second = deletionScheduledResponse.parse(await (await scheduleDeletion(bff, org, token)).json());
    const gap = new Date(second.purgeAt).getTime() - new Date(first.purgeAt).getTime();
    expect(gap).toBeGreaterThanOrEqual(3 * 86400e3);
    expect(Math.abs(new Date(second.purgeAt).getTime() - bff.clock.now().getTime() - 7 * 86400e3)).toBeLessThan(2000);
  });
});
