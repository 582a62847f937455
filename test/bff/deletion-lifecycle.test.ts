/**
 * Recoverable deletion end to end (issue 21, part 1): the purge date an owner chooses, the reason,
 * "delete now", the reminders before the purge and the emails' link to the cancel step. Every org
 * is scheduled through the front door (intent, cooldown, confirmation).
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../bff/demo/data-set.js';
import { createManagementToken } from '../../bff/management/tokens.js';
import { dangerZoneState, deletionPreviewResponse, errorBody } from '../../shared/schemas.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { createIntent } from '../helpers/deletion.js';
import type { Fixtures } from '../helpers/fixtures.js';
import { tables as t } from '../helpers/tables.js';

// Intents and previews per user: low enough for a loop of previews to reach it (the suite's default is far above).
const bff = useTestBff({ INTENT_RATE_LIMIT: 30 });
let make: Fixtures;
const DAY = 86_400_000;
const HOUR = 3_600_000;

beforeAll(() => {
  make = bff.make;
});

async function ownerAndMember(name: string) {
  const owner = await make.user('Olga Owner');
  const member = await make.user('Mel Member');
  const org = await make.org({
    name,
    members: [
      { userId: owner.id, role: 'owner' },
      { userId: member.id, role: 'member' },
    ],
  });
  return { owner, member, org, token: await bff.signIn(owner.email) };
}

/** Intent, cooldown, then the confirmation with `extra` (purgeAt, reason) at `path`. */
async function confirm(org: { id: string; name: string }, token: string, extra: Record<string, unknown> = {}, path = 'deletion') {
  const { res, intent } = await createIntent(bff, org.id, token);
  if (!intent) return res;
  bff.clock.advance(bff.settings.cooldownSeconds * 1000);
  return bff.request(`/api/orgs/${org.id}/${path}`, {
    token,
    json: { intentId: intent.intentId, confirmName: org.name, password: DEMO_PASSWORD, acknowledgements: ['other_members'], ...extra },
  });
}

const orgRow = async (id: string) => (await bff.database.reader.db.select().from(t.organization).where(eq(t.organization.id, id)))[0];
const mailOf = (orgId: string, event: string) =>
  bff.database.reader.db
    .select()
    .from(t.outbox)
    .where(and(eq(t.outbox.organizationId, orgId), eq(t.outbox.event, event)));
const webhookData = async (orgId: string, type: string) =>
  (
    await bff.database.reader.db
      .select()
      .from(t.webhookEvent)
      .where(and(eq(t.webhookEvent.organizationId, orgId), eq(t.webhookEvent.type, type)))
  ).map((e) => (JSON.parse(e.payload) as { data: Record<string, unknown> }).data);
const runJobs = async () => {
  const res = await bff.request('/api/demo/purge', { method: 'POST' });
  expect(res.status).toBe(200);
};

describe('the purge date an owner chooses', () => {
  it('within [now + grace, now + max grace] it is kept; outside, 422 purge_date_out_of_range writes and counts nothing', async () => {
    const { org, token } = await ownerAndMember('Dated Co');
    const { intent } = await createIntent(bff, org.id, token);
    bff.clock.advance(bff.settings.cooldownSeconds * 1000);
    const send = (purgeAt: string) =>
      bff.request(`/api/orgs/${org.id}/deletion`, {
        token,
        json: { intentId: intent!.intentId, confirmName: org.name, password: DEMO_PASSWORD, acknowledgements: ['other_members'], purgeAt },
      });
    const now = bff.clock.now().getTime();
    for (const wrong of [new Date(now + 6 * DAY), new Date(now + 31 * DAY)]) {
      const res = await send(wrong.toISOString());
      expect([res.status, await errorCode(res)]).toEqual([422, 'purge_date_out_of_range']);
      expect(errorBody.parse(await res.json()).error.message).toBe('Choose a deletion date between 7 and 30 days from now.');
      expect(res.headers.get('X-RateLimit-Remaining')).toBe('5');
    }
    expect((await orgRow(org.id))?.status).toBe('active');

    // The same intent still works: nothing was used up.
    const chosen = new Date(now + 20 * DAY).toISOString();
    const res = await send(chosen);
    expect(res.status).toBe(202);
    expect(((await res.json()) as { purgeAt: string }).purgeAt).toBe(chosen);
    expect((await orgRow(org.id))?.purgeAt?.toISOString()).toBe(chosen);
    const state = dangerZoneState.parse(await (await bff.request(`/api/orgs/${org.id}/danger-zone`, { token })).json());
    expect([state.org.purgeAt, state.settings.maxGraceDays]).toEqual([chosen, 30]);
  });

  it('the reason is kept in the platform audit and sent in org.deletion_scheduled; the email links owners to the cancel step', async () => {
    const { org, token } = await ownerAndMember('Reasoned Co');
    const reason = { code: 'moving_elsewhere', text: 'We merged into the parent company.' };
    expect((await confirm(org, token, { reason })).status).toBe(202);
    const [audit] = await bff.database.reader.db.select().from(t.platformAuditLog).where(eq(t.platformAuditLog.organizationId, org.id));
    expect(JSON.parse(audit!.details!)).toMatchObject({ reason });
    expect((await webhookData(org.id, 'org.deletion_scheduled'))[0]).toMatchObject({ reason });
    const [mail] = await mailOf(org.id, 'org.deletion_initiated');
    expect(mail!.text).toContain(`/demo/?org=${org.id}#odz-cancel-deletion`);

    const bad = await confirm(org, token, { reason: { code: 'because' } });
    expect([bad.status, await errorCode(bad)]).toEqual([400, 'invalid_request']);
  });
});

describe('POST /api/orgs/:orgId/deletion/now', () => {
  it('with a fresh intent and the same confirmation, the purge takes the org at its next pass', async () => {
    const { org, token, member } = await ownerAndMember('Hasty Co');
    const memberToken = await bff.signIn(member.email);
    const early = await createIntent(bff, org.id, token);
    expect((await confirm(org, token)).status).toBe(202);

    // An intent opened before the scheduling is not a confirmation of "delete now".
    const stale = await bff.request(`/api/orgs/${org.id}/deletion/now`, {
      token,
      json: { intentId: early.intent!.intentId, confirmName: org.name, password: DEMO_PASSWORD, acknowledgements: ['other_members'] },
    });
    expect([stale.status, await errorCode(stale)]).toEqual([410, 'intent_expired']);
    const wrongName = await confirm({ ...org, name: org.name.toLowerCase() }, token, {}, 'deletion/now');
    expect([wrongName.status, await errorCode(wrongName)]).toEqual([422, 'name_mismatch']);
    const memberTry = await confirm(org, memberToken, {}, 'deletion/now');
    expect([memberTry.status, await errorCode(memberTry)]).toEqual([423, 'org_pending_deletion']);

    const res = await confirm(org, token, {}, 'deletion/now');
    expect(res.status).toBe(202);
    const { purgeAt } = (await res.json()) as { purgeAt: string };
    expect(Math.abs(Date.parse(purgeAt) - bff.clock.now().getTime())).toBeLessThan(60_000);
    expect((await orgRow(org.id))?.purgeAt?.toISOString()).toBe(purgeAt);
    const platform = await bff.database.reader.db.select().from(t.platformAuditLog).where(eq(t.platformAuditLog.organizationId, org.id));
    expect(platform.map((e) => e.action)).toContain('org.deletion_expedited');
    expect(await webhookData(org.id, 'org.deletion_expedited')).toHaveLength(1);
    expect((await mailOf(org.id, 'org.deletion_expedited')).map((m) => m.toName)).toEqual(['Olga Owner']);

    await runJobs();
    expect(await orgRow(org.id)).toBeUndefined();
  });

  it('refused while a legal hold holds, and on an org that is not pending', async () => {
    const { org, token } = await ownerAndMember('Held Co');
    const notPending = await confirm(org, token, {}, 'deletion/now');
    expect([notPending.status, await errorCode(notPending)]).toEqual([409, 'not_pending']);
    expect((await confirm(org, token)).status).toBe(202);
    const ops = (await createManagementToken(bff.database.writer.db, { name: 'ops', scopes: ['manage:legal_holds'], now: new Date() })).token;
    const hold = await bff.request(`/api/v2/organizations/${org.id}/legal-hold`, { method: 'PUT', token: ops, json: { reason: 'Audit' } });
    expect(hold.status).toBe(200);
    const res = await confirm(org, token, {}, 'deletion/now');
    expect([res.status, await errorCode(res)]).toEqual([409, 'deletion_blocked']);
    expect(errorBody.parse(await res.json()).error.reasons?.map((r) => r.code)).toEqual(['legal_hold']);
  });
});

describe('GET /api/orgs/:orgId/deletion-preview', () => {
  it('tells an owner, before anything is typed, what the purge then removes, row for row; admins 403, strangers 404', async () => {
    const { org, token, member } = await ownerAndMember('Previewed Co');
    const admin = await make.user('Ada Admin');
    await bff.database.writer.db
      .insert(t.member)
      .values({ id: `mem_${admin.id}`, organizationId: org.id, userId: admin.id, role: 'admin', createdAt: new Date() });
    const stranger = await make.user('Sam Stranger');
    const res = await bff.request(`/api/orgs/${org.id}/deletion-preview`, { token });
    expect(res.status).toBe(200);
    const preview = deletionPreviewResponse.parse(await res.json());
    expect(preview.tables).toMatchObject({ member: 3, organization: 1 });
    expect(preview.warnings.map((w) => w.code)).toEqual(['other_members']);
    expect([preview.blockers, preview.unregistered]).toEqual([[], []]);

    const asAdmin = await bff.request(`/api/orgs/${org.id}/deletion-preview`, { token: await bff.signIn(admin.email) });
    expect([asAdmin.status, await errorCode(asAdmin)]).toEqual([403, 'not_owner']);
    const asStranger = await bff.request(`/api/orgs/${org.id}/deletion-preview`, { token: await bff.signIn(stranger.email) });
    expect([asStranger.status, await errorCode(asStranger)]).toEqual([404, 'org_not_found']);
    const ops = (await createManagementToken(bff.database.writer.db, { name: 'ops', scopes: ['delete:organizations'], now: new Date() })).token;
    const viaApi = await bff.request(`/api/v2/organizations/${org.id}/deletion-preview`, { token: ops });
    expect(deletionPreviewResponse.parse(await viaApi.json()).tables).toEqual(preview.tables);

    // Scheduled (which writes audit entries, emails and a webhook) and purged: org.deleted counts what a preview then said.
    await bff.signIn(member.email);
    expect((await confirm(org, token)).status).toBe(202);
    const before = deletionPreviewResponse.parse(await (await bff.request(`/api/orgs/${org.id}/deletion-preview`, { token })).json());
    expect((await confirm(org, token, {}, 'deletion/now')).status).toBe(202);
    const last = deletionPreviewResponse.parse(await (await bff.request(`/api/orgs/${org.id}/deletion-preview`, { token })).json());
    expect(last.tables['org_audit_log']).toBeGreaterThan(before.tables['org_audit_log']!);
    await runJobs();
    const [deleted] = await bff.database.reader.db
      .select()
      .from(t.platformAuditLog)
      .where(and(eq(t.platformAuditLog.organizationId, org.id), eq(t.platformAuditLog.action, 'org.deleted')));
    const removed = (JSON.parse(deleted!.details!) as { removed: Record<string, number> }).removed;
    const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    expect(nonZero(removed)).toEqual(nonZero({ ...last.tables, ...last.hostTables }));
  });

  it('is limited per user like the intents it goes with: a loop of previews gets 429 with Retry-After', async () => {
    const { org, token } = await ownerAndMember('Looped Co');
    const { max } = bff.settings.intentLimit.user;
    for (let i = 0; i < max; i++) expect((await bff.request(`/api/orgs/${org.id}/deletion-preview`, { token })).status).toBe(200);
    const refused = await bff.request(`/api/orgs/${org.id}/deletion-preview`, { token });
    expect([refused.status, await errorCode(refused), refused.headers.get('Retry-After') !== null]).toEqual([429, 'rate_limited', true]);
  });
});

describe('reminders before the purge', () => {
  it('owners get one email at 72 and one at 24 hours before, each once however often the jobs run; members get none', async () => {
    const { org, token } = await ownerAndMember('Reminded Co');
    expect((await confirm(org, token)).status).toBe(202);
    const purgeAt = (await orgRow(org.id))!.purgeAt!.getTime();

    await runJobs();
    expect(await mailOf(org.id, 'org.deletion_reminder')).toHaveLength(0);

    bff.clock.advance(purgeAt - 72 * HOUR - bff.clock.now().getTime() + 60_000);
    await Promise.all([runJobs(), runJobs(), runJobs()]);
    const first = await mailOf(org.id, 'org.deletion_reminder');
    expect(first.map((m) => [m.toName, m.subject])).toEqual([['Olga Owner', '"Reminded Co" will be deleted in 3 days']]);
    expect(first[0]!.text).toContain(`/demo/?org=${org.id}#odz-cancel-deletion`);

    bff.clock.advance(48 * HOUR);
    await runJobs();
    await runJobs();
    const both = await mailOf(org.id, 'org.deletion_reminder');
    expect(both.map((m) => m.subject).sort()).toEqual(['"Reminded Co" will be deleted in 24 hours', '"Reminded Co" will be deleted in 3 days']);
    expect(new Set(both.map((m) => m.toName))).toEqual(new Set(['Olga Owner']));

    // The demo's reset wipes the reminders too (their rows reference the org).
    expect((await bff.request('/api/demo/reset', { method: 'POST' })).status).toBe(200);
  });
});
