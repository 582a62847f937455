/**
 * Applies the danger zone's rules to better-auth's own organization endpoints
 * (`…/organization/*`), so a host's use of better-auth's client cannot step around them. The
 * policy decides; this module only finds out which org a call is about, the way better-auth itself
 * finds it for that endpoint (the invitation's org for `cancel-invitation`, the slug where the
 * endpoint reads one, else `organizationId`, else the session's active org):
 * - C2: an impersonated session may read through them, nothing else (`impersonation_scope`);
 * - D6: while an org is pending deletion, anyone but an owner gets 423 `org_pending_deletion`, and
 *   nothing changes it or its members, owners included (rename, slug, invitations, removals, teams,
 *   roles), as the danger zone's own role endpoint refuses;
 * - L5/D6: an invitation to an org pending deletion cannot be accepted (owners included);
 * - a caller who is not a member of the org gets the answer better-auth gives for an org that does
 *   not exist: nothing of it (that it exists, a pending deletion's date, its owners) reaches a
 *   non-member who guessed an id or a slug.
 */
import { APIError } from 'better-auth/api';
import { and, eq } from 'drizzle-orm';
import { decideAccess, decideInvitation, decideOrgChange, effectiveRole } from '../../shared/policy.js';
import { messages } from '../../shared/messages.js';
import type { Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { VerifiedSignatures } from '../http/credentials.js';
import { ownerContacts } from '../orgs/contacts.js';
import { callerSession, type CallerContext, type CallerSession } from './caller.js';
import { authCallKind, impersonatedMayCall } from './impersonation-scope.js';

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

/** Endpoints that find their org by `organizationSlug` when one is given (better-auth 1.7). */
const slugAware = new Set([
  '/organization/get-full-organization',
  '/organization/list-members',
  '/organization/get-active-member-role',
  '/organization/set-active',
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

/**
 * What better-auth answers for an org that does not exist: a non-member of an org that does is
 * answered the same (better-auth itself would say "not a member", which tells that it exists).
 */
function organizationNotFound(): never {
  throw APIError.from('BAD_REQUEST', { code: 'ORGANIZATION_NOT_FOUND', message: 'Organization not found' });
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function orgPluginGuard(db: Db) {
  const { invitation, member, organization } = tablesOf(db);
  const signatures = new VerifiedSignatures();
  const orgWithRole = (session: CallerSession) =>
    db
      .select({ id: organization.id, status: organization.status, purgeAt: organization.purgeAt, role: member.role })
      .from(organization)
      .leftJoin(member, and(eq(member.organizationId, organization.id), eq(member.userId, session.userId)));
  const invitationOrg = (invitationId: string | undefined) =>
    db
      .select({ id: invitation.organizationId })
      .from(invitation)
      .where(eq(invitation.id, invitationId ?? ''));

  /** The org better-auth will act on for this call, with the caller's role in it (null: not a member). */
  async function target(ctx: GuardContext, session: CallerSession, input: Record<string, unknown>) {
    const data = input.data as Record<string, unknown> | undefined;
    const slug = slugAware.has(ctx.path) ? text(input.organizationSlug) : undefined;
    let orgId = text(input.organizationId) ?? text(data?.organizationId) ?? session.activeOrganizationId ?? undefined;
    if (ctx.path === '/organization/cancel-invitation') orgId = (await invitationOrg(text(input.invitationId)))[0]?.id;
    if (!slug && !orgId) return null;
    const [row] = await orgWithRole(session).where(slug ? eq(organization.slug, slug) : eq(organization.id, orgId!));
    return row ?? null;
  }

  return async function guard(ctx: GuardContext): Promise<void> {
    if (!ctx.path.startsWith('/organization/')) return;
    const session = await callerSession(db, ctx, signatures);
    if (!session) return; // better-auth answers 401 itself

    if (session.impersonatedBy && !impersonatedMayCall(ctx.path)) throw authRefusal('FORBIDDEN', 'impersonation_scope');
    const input = { ...(ctx.query as Record<string, unknown> | undefined), ...(ctx.body as Record<string, unknown> | undefined) };

    if (ctx.path === '/organization/accept-invitation') {
      const [target] = await db
        .select({ id: organization.id, status: organization.status, purgeAt: organization.purgeAt })
        .from(invitation)
        .innerJoin(organization, eq(organization.id, invitation.organizationId))
        .where(eq(invitation.id, text(input.invitationId) ?? ''));
      if (target && !decideInvitation(target).allowed) await refusePending(db, target);
      return;
    }
    if (notOrgScoped.has(ctx.path)) return;

    const row = await target(ctx, session, input);
    if (!row) return; // better-auth answers that it does not exist
    if (row.role === null) organizationNotFound();
    const access = decideAccess(row, { kind: 'member', role: effectiveRole(row.role) });
    if (!access.allowed && access.code === 'org_pending_deletion') await refusePending(db, row);
    if (authCallKind(ctx.path) === 'change' && !decideOrgChange(row).allowed) await refusePending(db, row);
  };
}
