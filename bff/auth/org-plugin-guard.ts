/**
 * Applies the danger zone's rules to better-auth's own organization endpoints
 * (`…/organization/*`), so a host's use of better-auth's client cannot step around them. The
 * policy decides; this module only finds out which org a call is about:
 * - C2: an impersonated session may read through them, nothing else (`impersonation_scope`);
 * - D6: while an org is pending deletion, anyone but an owner gets 423 `org_pending_deletion`;
 * - L5/D6: nobody may be invited into an org pending deletion, and an invitation to one cannot be
 *   accepted (owners included).
 */
import { APIError } from 'better-auth/api';
import { and, eq } from 'drizzle-orm';
import { decideAccess, decideInvitation, effectiveRole } from '../../shared/policy.js';
import { messages } from '../../shared/messages.js';
import type { Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { VerifiedSignatures } from '../http/credentials.js';
import { ownerContacts } from '../orgs/contacts.js';
import { callerSession, type CallerContext } from './caller.js';
import { impersonatedMayCall } from './impersonation-scope.js';

/** Endpoints that are not about one existing org the caller belongs to. */
const notOrgScoped = new Set([
  '/organization/create',
  '/organization/check-slug',
  '/organization/list',
  '/organization/list-user-invitations',
  '/organization/reject-invitation',
  '/organization/get-invitation',
  '/organization/list-user-teams',
]);

export interface GuardContext extends CallerContext {
  path: string;
  body?: unknown;
  query?: unknown;
}

/** The spec's error body, plus better-auth's flat `code`/`message` for its own client. */
export function authRefusal(status: 'FORBIDDEN' | 'LOCKED', code: 'org_pending_deletion' | 'impersonation_scope', extra: Record<string, unknown> = {}) {
  const body = { code, message: messages[code]({}), ...extra };
  return new APIError(status, { ...body, error: body });
}

async function refusePending(db: Db, org: { id: string; purgeAt: Date | null }): Promise<never> {
  throw authRefusal('LOCKED', 'org_pending_deletion', { purgeAt: org.purgeAt?.toISOString(), contacts: await ownerContacts(db, org.id) });
}

export function orgPluginGuard(db: Db) {
  const { invitation, member, organization } = tablesOf(db);
  const signatures = new VerifiedSignatures();

  return async function guard(ctx: GuardContext): Promise<void> {
    if (!ctx.path.startsWith('/organization/')) return;
    const session = await callerSession(db, ctx, signatures);
    if (!session) return; // better-auth answers 401 itself

    if (session.impersonatedBy && !impersonatedMayCall(ctx.path)) throw authRefusal('FORBIDDEN', 'impersonation_scope');
    const input = { ...(ctx.query as Record<string, unknown> | undefined), ...(ctx.body as Record<string, unknown> | undefined) };

    if (ctx.path === '/organization/accept-invitation') {
      const invitationId = typeof input.invitationId === 'string' ? input.invitationId : '';
      const [target] = await db
        .select({ id: organization.id, status: organization.status, purgeAt: organization.purgeAt })
        .from(invitation)
        .innerJoin(organization, eq(organization.id, invitation.organizationId))
        .where(eq(invitation.id, invitationId));
      if (target && !decideInvitation(target).allowed) await refusePending(db, target);
      return;
    }
    if (notOrgScoped.has(ctx.path)) return;

    const orgId = typeof input.organizationId === 'string' ? input.organizationId : undefined;
    const slug = typeof input.organizationSlug === 'string' ? input.organizationSlug : undefined;
    const target = orgId ?? (slug ? undefined : (session.activeOrganizationId ?? undefined));
    if (!target && !slug) return;
    const [row] = await db
      .select({ id: organization.id, status: organization.status, purgeAt: organization.purgeAt, role: member.role })
      .from(organization)
      .leftJoin(member, and(eq(member.organizationId, organization.id), eq(member.userId, session.userId)))
      .where(target ? eq(organization.id, target) : eq(organization.slug, slug!));
    if (!row) return; // better-auth answers for an org that does not exist
    if (ctx.path === '/organization/invite-member' && !decideInvitation(row).allowed) await refusePending(db, row);
    // A non-member is better-auth's to refuse; D6 is about members who are not owners.
    if (row.role === null) return;
    const access = decideAccess(row, { kind: 'member', role: effectiveRole(row.role) });
    if (!access.allowed && access.code === 'org_pending_deletion') await refusePending(db, row);
  };
}
