/**
 * L5 "they may rejoin through a new invitation", through better-auth's own client as a host's front
 * end uses it: sign up, create an organization, invite, accept through the link in the invitation
 * email (which goes through the outbox like every other email). And D6 for invitations: nobody is
 * invited into an org pending deletion, and an earlier invitation to one cannot be accepted.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tables } from '../helpers/tables.js';
import { postgresDatabase } from '../helpers/test-database.js';

const { invitation, outbox } = tables;
import type { DangerZoneState } from '../../shared/schemas.js';
import { TEST_PASSWORD, type UserClient } from '../helpers/auth-client.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { confirmDeletion, createIntent } from '../helpers/deletion.js';
import { rows } from '../../bff/db/batch.js';

const bff = useTestBff();

interface Mail {
  to: string;
  subject: string;
  text: string;
  event: string;
}

/** The invitation email the invitee received, and the invitation id its link carries. */
async function invitationEmail(email: string): Promise<{ mail: Mail; invitationId: string }> {
  const { messages } = (await (await bff.request(`/api/demo/mailbox?to=${encodeURIComponent(email)}`)).json()) as { messages: Mail[] };
  const mail = messages.find((m) => m.event === 'invitation');
  if (!mail) throw new Error(`no invitation email for ${email}`);
  const link = /https?:\/\/\S+/.exec(mail.text)?.[0];
  return { mail, invitationId: new URL(link!).searchParams.get('invitation')! };
}

async function state(user: UserClient, orgId: string) {
  const res = await bff.request(`/api/orgs/${orgId}/danger-zone`, { token: user.token });
  const code = await errorCode(res);
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as DangerZoneState) : null, code };
}

describe('invitations through better-auth', () => {
  it('a new user accepts an invitation from its email; after leaving, a new invitation brings them back', async () => {
    const owner = await bff.users.signUp('Owen Owner');
    const org = await bff.users.createOrg(owner, 'Invite Co');
    const newcomer = await bff.users.signUp('Nova Newcomer');

    const sent = await bff.users.invite(owner, org.id, newcomer.email);
    const { mail, invitationId } = await invitationEmail(newcomer.email);
    expect(invitationId).toBe(sent);
    expect(mail.subject).toBe('Owen Owner invited you to "Invite Co"');
    expect(mail.text).toContain('Owen Owner <');
    // Not a member yet: the org does not exist for them.
    expect((await state(newcomer, org.id)).code).toBe('org_not_found');

    await bff.users.accept(newcomer, invitationId);
    const joined = await state(newcomer, org.id);
    expect(joined.body?.viewer.role).toBe('member');
    expect(joined.body?.actions.leave.allowed).toBe(true);
    expect(joined.body?.actions.delete.reasons.map((r) => r.code)).toEqual(['not_owner']);

    // L5: they leave, and only a new invitation brings them back.
    expect((await bff.request(`/api/orgs/${org.id}/leave`, { token: newcomer.token, json: {} })).status).toBe(204);
    expect((await state(newcomer, org.id)).code).toBe('org_not_found');
    const again = await bff.users.invite(owner, org.id, newcomer.email);
    await bff.users.accept(newcomer, again);
    expect((await state(newcomer, org.id)).body?.viewer.role).toBe('member');
    expect((await state(owner, org.id)).body?.impact.members).toBe(2);
  });

  it('an invitation to someone else cannot be accepted', async () => {
    const owner = await bff.users.signUp('Olga Owner');
    const org = await bff.users.createOrg(owner, 'Private Co');
    const invited = await bff.users.signUp('Ivan Invited');
    const stranger = await bff.users.signUp('Sam Stranger');
    const invitationId = await bff.users.invite(owner, org.id, invited.email);
    await expect(bff.users.accept(stranger, invitationId)).rejects.toThrow(/YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION|403/);
    expect((await state(stranger, org.id)).code).toBe('org_not_found');
  });

  it('while the org is pending deletion nobody can be invited (423), an earlier invitation cannot be accepted (423); after a cancel it can', async () => {
    const owner = await bff.users.signUp('Penny Pending');
    const org = await bff.users.createOrg(owner, 'Doomed Co');
    const early = await bff.users.signUp('Eli Early');
    const earlyInvitation = await bff.users.invite(owner, org.id, early.email);

    const { intent } = await createIntent(bff, org.id, owner.token);
    bff.clock.advance(bff.settings.cooldownSeconds * 1000);
    const scheduled = await confirmDeletion(bff, org.id, owner.token, { intentId: intent!.intentId, confirmName: org.name, password: TEST_PASSWORD });
    expect(scheduled.status).toBe(202);

    const late = await bff.users.signUp('Lou Late');
    const invite = await bff.request('/api/auth/organization/invite-member', {
      token: owner.token,
      json: { organizationId: org.id, email: late.email, role: 'member' },
    });
    expect([invite.status, await errorCode(invite)]).toEqual([423, 'org_pending_deletion']);
    const accept = await bff.request('/api/auth/organization/accept-invitation', { token: early.token, json: { invitationId: earlyInvitation } });
    expect([accept.status, await errorCode(accept)]).toEqual([423, 'org_pending_deletion']);
    const refusal = (await accept.json()) as { error: { purgeAt: string; contacts: { email: string }[] } };
    expect(refusal.error.contacts.map((c) => c.email)).toEqual([owner.email]);
    expect((await state(early, org.id)).code).toBe('org_not_found');

    expect((await bff.request(`/api/orgs/${org.id}/deletion`, { method: 'DELETE', token: owner.token })).status).toBe(200);
    await bff.users.accept(early, earlyInvitation);
    expect((await state(early, org.id)).body?.viewer.role).toBe('member');
  });

  it('an invitation whose email cannot be written is not created: 503 database_busy, no invitation row, no email (issue 19, trap 5)', async () => {
    const owner = await bff.users.signUp('Fay Failing');
    const org = await bff.users.createOrg(owner, 'Mailless Co');
    const invitee = await bff.users.signUp('Ian Invitee');
    // The database refuses the invitation's outbox row, as a full disk or a lost connection would.
    const db = bff.database.writer.db;
    if (postgresDatabase) {
      await rows(
        db,
        sql.raw(`create function refuse_invitation_mail() returns trigger language plpgsql as $$
          begin if new.event = 'invitation' then raise exception 'disk full'; end if; return new; end $$`),
      );
      await rows(db, sql.raw('create trigger refuse_invitation_mail before insert on outbox for each row execute function refuse_invitation_mail()'));
    } else {
      await rows(
        db,
        sql.raw(`create trigger refuse_invitation_mail before insert on outbox when new.event = 'invitation' begin select raise(abort, 'disk full'); end`),
      );
    }
    try {
      const invite = await bff.request('/api/auth/organization/invite-member', {
        token: owner.token,
        json: { organizationId: org.id, email: invitee.email, role: 'member' },
      });
      expect([invite.status, await errorCode(invite)]).toEqual([503, 'database_busy']);
      expect(invite.headers.get('retry-after')).toBe('1');
      const invitations = await bff.database.writer.db.select().from(invitation).where(eq(invitation.organizationId, org.id));
      expect(invitations).toEqual([]);
      const mails = await bff.database.writer.db.select().from(outbox).where(eq(outbox.organizationId, org.id));
      expect(mails.filter((m) => m.event === 'invitation')).toEqual([]);
    } finally {
      await rows(db, sql.raw(postgresDatabase ? 'drop trigger refuse_invitation_mail on outbox' : 'drop trigger refuse_invitation_mail'));
      if (postgresDatabase) await rows(db, sql.raw('drop function refuse_invitation_mail'));
    }
    // Once the database takes writes again, the same invitation goes through, with its email.
    const sent = await bff.users.invite(owner, org.id, invitee.email);
    expect((await invitationEmail(invitee.email)).invitationId).toBe(sent);
  });
});
