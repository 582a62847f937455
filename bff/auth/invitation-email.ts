/**
 * The invitation email: written into the outbox by the plugin's after hook, once better-auth has
 * created (or re-sent) the invitation, and before anyone is told it was sent.
 *
 * Why not better-auth's `sendInvitationEmail`: better-auth awaits it but swallows what it throws
 * and answers 200 (`runInBackgroundOrAwait`), so an email that could not be written was lost
 * silently (issue 19, trap 5). better-auth writes the invitation through the host's adapter, on
 * another connection than ours, so the two rows cannot share a transaction; instead the answer
 * waits for the email: if its row cannot be written, a new invitation is deleted again and the
 * request fails with 503 `database_busy` (a re-sent one stays as it was, its first email valid).
 */
import { APIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import { messages } from '../../shared/messages.js';
import type { Clock } from '../clock.js';
import { runBatch } from '../db/batch.js';
import type { Database } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { DATABASE_BUSY_RETRY_SECONDS } from '../http/errors.js';
import { describeError } from '../log.js';
import { mailStatements } from '../mail/outbox.js';
import type { Logger } from '../observability/logger.js';
import type { MailRenderer } from '../mail/templates.js';

export interface InvitationEmailOptions {
  /** The page that accepts an invitation (it calls `organization.acceptInvitation({ invitationId })`). */
  acceptUrl: (invitationId: string) => string;
}

/** What better-auth's invite-member answers with when it created or re-sent an invitation. */
interface SentInvitation {
  id: string;
  email: string;
  role: string;
  expiresAt: Date | string;
}

function isSentInvitation(value: unknown): value is SentInvitation {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.email === 'string' && typeof v.role === 'string' && v.expiresAt !== undefined;
}

/** One write transaction: the invitation as committed (with its org and inviter), and its email. */
async function writeInvitationEmail(
  database: Pick<Database, 'writer'>,
  sent: SentInvitation,
  options: InvitationEmailOptions,
  clock: Clock,
  mail: MailRenderer,
) {
  const { invitation, organization, user } = tablesOf(database.writer.db);
  await database.writer.transaction(async (tx) => {
    const [row] = await tx
      .select({ orgId: organization.id, orgName: organization.name, inviterName: user.name, inviterEmail: user.email })
      .from(invitation)
      .innerJoin(organization, eq(organization.id, invitation.organizationId))
      .innerJoin(user, eq(user.id, invitation.inviterId))
      .where(eq(invitation.id, sent.id));
    if (!row) throw new Error(`invitation ${sent.id} is not in the danger zone's database`);
    await runBatch(
      tx,
      mailStatements(tx, {
        orgId: row.orgId,
        event: 'invitation',
        recipients: [{ name: sent.email, email: sent.email }],
        content: (to) =>
          mail.render('invitation', to, {
            orgName: row.orgName,
            inviter: { name: row.inviterName, email: row.inviterEmail },
            role: sent.role,
            acceptUrl: options.acceptUrl(sent.id),
            expiresAt: new Date(sent.expiresAt),
          }),
        at: clock.now(),
      }),
    );
  });
}

export interface InviteContext {
  body?: unknown;
  context: {
    returned?: unknown;
    adapter: { delete: (input: { model: string; where: { field: string; value: string }[] }) => Promise<void> };
  };
}

/** The after hook of `/organization/invite-member`: the email exists, or the invitation does not. */
export function invitationEmailHook(
  database: Pick<Database, 'writer'>,
  options: InvitationEmailOptions,
  parts: { clock: Clock; logger: Logger; mail: MailRenderer },
) {
  const { clock, logger, mail } = parts;
  return async (ctx: InviteContext): Promise<void> => {
    const sent = ctx.context.returned;
    if (!isSentInvitation(sent)) return; // refused: nothing was created
    try {
      await writeInvitationEmail(database, sent, options, clock, mail);
    } catch (error) {
      const resent = (ctx.body as { resend?: unknown } | undefined)?.resend === true;
      logger.log({ event: 'invitation.email_failed', level: 'error', invitationId: sent.id, withdrawn: !resent, error: describeError(error) });
      if (!resent) await ctx.context.adapter.delete({ model: 'invitation', where: [{ field: 'id', value: sent.id }] }).catch(() => undefined);
      const body = { code: 'database_busy', message: messages.database_busy({}) };
      throw new APIError('SERVICE_UNAVAILABLE', { ...body, error: body }, { 'Retry-After': String(DATABASE_BUSY_RETRY_SECONDS) });
    }
  };
}
