/**
 * Applies D6 and C2 to better-auth's own organization endpoints (`/api/auth/organization/*`), so a
 * host's use of better-auth's client cannot step around them:
 * - while an org is pending deletion, anyone but an owner gets 423 `org_pending_deletion` on any
 *   endpoint about that org;
 * - an impersonated session may change nothing through them (`impersonation_scope`).
 */
import { and, eq, gt } from 'drizzle-orm';
import { APIError } from 'better-auth/api';
import type { Db } from '../db/client.js';
import { member, organization, session as sessionTable } from '../db/schema.js';
import { readCredential } from '../http/credentials.js';
import { errorCatalog } from '../../shared/errors.js';
import { effectiveRole } from '../../shared/policy.js';
import { ownerContacts } from '../orgs/contacts.js';

/** Endpoints that are not about one existing org. */
const notOrgScoped = new Set([
  '/organization/create',
  '/organization/check-slug',
  '/organization/list',
  '/organization/list-user-invitations',
  '/organization/accept-invitation',
  '/organization/reject-invitation',
  '/organization/get-invitation',
  '/organization/list-user-teams',
]);

/** Reads that an impersonating admin may still make. */
const readOnly = /^\/organization\/(get|list|check)-/;

interface GuardContext {
  path: string;
  body?: unknown;
  query?: unknown;
  headers?: Headers | undefined;
  context: { secret: string; authCookies: { sessionToken: { name: string } } };
}

function spec(code: 'org_pending_deletion' | 'impersonation_scope', extra: Record<string, unknown> = {}) {
  const body = { code, message: errorCatalog[code].message, ...extra };
  return { ...body, error: body };
}

/**
 * The caller's session, read the way our own endpoints read it. (A user hook runs before the
 * bearer plugin turns `Authorization` into a cookie, so better-auth's session helpers would not
 * see a bearer session yet.)
 */
async function callerSession(db: Db, ctx: GuardContext) {
  if (!ctx.headers) return null;
  const credential = readCredential(ctx.headers, {
    secret: ctx.context.secret,
    cookieName: ctx.context.authCookies.sessionToken.name,
  });
  if (credential.kind !== 'session') return null;
  const [row] = await db
    .select({ userId: sessionTable.userId, impersonatedBy: sessionTable.impersonatedBy, activeOrganizationId: sessionTable.activeOrganizationId })
    .from(sessionTable)
    .where(and(eq(sessionTable.token, credential.token), gt(sessionTable.expiresAt, new Date())));
  return row ?? null;
}

export async function guardOrgPluginEndpoint(db: Db, ctx: GuardContext) {
  if (!ctx.path.startsWith('/organization/')) return;
  const session = await callerSession(db, ctx);
  if (!session) return; // better-auth answers 401 itself

  const impersonated = Boolean(session.impersonatedBy);
  if (impersonated && !readOnly.test(ctx.path) && ctx.path !== '/organization/set-active') {
    throw new APIError('FORBIDDEN', spec('impersonation_scope'));
  }
  if (notOrgScoped.has(ctx.path)) return;

  const input = { ...(ctx.query as Record<string, unknown> | undefined), ...(ctx.body as Record<string, unknown> | undefined) };
  const orgId = typeof input.organizationId === 'string' ? input.organizationId : undefined;
  const slug = typeof input.organizationSlug === 'string' ? input.organizationSlug : undefined;
  const activeOrgId = session.activeOrganizationId ?? undefined;
  const target = orgId ?? (slug ? undefined : activeOrgId);
  if (!target && !slug) return;

  const [row] = await db
    .select({ id: organization.id, status: organization.status, purgeAt: organization.purgeAt, role: member.role })
    .from(organization)
    .leftJoin(member, and(eq(member.organizationId, organization.id), eq(member.userId, session.userId)))
    .where(target ? eq(organization.id, target) : eq(organization.slug, slug!));
  if (!row || row.status !== 'pending_deletion') return;
  if (row.role !== null && effectiveRole(row.role) === 'owner') return;
  throw new APIError(
    'LOCKED',
    spec('org_pending_deletion', { purgeAt: row.purgeAt?.toISOString(), contacts: await ownerContacts(db, row.id) }),
  );
}
