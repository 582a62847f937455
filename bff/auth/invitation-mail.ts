/**
 * Invitation emails go through the outbox and SMTP like every other email: better-auth's
 * organization plugin calls `sendInvitationEmail` (pass this as that option), which writes one
 * outbox row; the dispatcher delivers it. `acceptUrl` builds the link from the invitation id (the
 * page that calls `organization.acceptInvitation`; the demo's QA page has one).
 */
import { systemClock, type Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { mailStatements } from '../mail/outbox.js';
import { invitationMail } from '../mail/templates.js';

export interface InvitationEmail {
  id: string;
  email: string;
  role: string;
  organization: { id: string; name: string };
  inviter: { user: { name: string; email: string } };
  invitation: { expiresAt: Date };
}

export function invitationMailer(database: Pick<Database, 'writer'>, options: { acceptUrl: (invitationId: string) => string; clock?: Clock }) {
  const clock = options.clock ?? systemClock;
  return async (data: InvitationEmail): Promise<void> => {
    const db = database.writer.db;
    const [statement] = mailStatements(db, {
      orgId: data.organization.id,
      event: 'invitation',
      recipients: [{ name: data.email, email: data.email }],
      content: invitationMail({
        orgName: data.organization.name,
        inviter: data.inviter.user,
        role: data.role,
        acceptUrl: options.acceptUrl(data.id),
        expiresAt: new Date(data.invitation.expiresAt),
      }),
      at: clock.now(),
    });
    await statement;
  };
}
