/**
 * What a platform admin (better-auth's admin plugin) may do to the members of organizations
 * outside impersonation, decided by the policy (`platformAdminMaySetPassword`) and audited in each
 * org the member belongs to (and in the platform log, which outlives the org):
 * - `admin/set-user-password` on an org's owner is refused (403 `admin_scope`): it would hand the
 *   admin a normal owner session, outside C2's scope, its every act audited in the owner's name.
 *   On any other member it is allowed and audited (`member.password_set`).
 * - `admin/list-user-sessions` answers without session tokens: a token is a bearer credential, and
 *   with an owner's the admin would again hold a full owner session. Audited
 *   (`member.sessions_listed`). To end sessions an admin uses `revoke-user-sessions` or `ban-user`.
 * - `admin/update-user` on an org's owner may change only what the policy allows
 *   (`platformAdminMayUpdateUser`: not the email or phone a password reset goes to, else the admin
 *   resets the password and holds the owner's session after all); 403 `admin_scope`. On any org
 *   member it is audited (`member.updated`, naming the fields). A ban through it is a departure
 *   (owner-departure.ts), as `ban-user` is.
 * - `admin/impersonate-user` is audited (`member.impersonated`); what the session may do is C2.
 * - `admin/ban-user`, `admin/unban-user` and `admin/revoke-user-sessions` are audited
 *   (`member.banned`, `member.unbanned`, `member.sessions_revoked`): each takes a member out of
 *   their orgs' reach, and the org's log should say who did it.
 */
import { APIError, isAPIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import { messages } from '../../shared/messages.js';
import { platformAdminMaySetPassword, platformAdminMayUpdateUser } from '../../shared/policy.js';
import { bothAudits, type AuditAction } from '../audit/audit.js';
import type { Database, Db } from '../db/database.js';
import { isOwnerRole } from '../db/owner-role-sql.js';
import { tablesOf } from '../db/handle.js';
import { callerActor, type CallerContext } from './caller.js';

export interface AdminCallContext extends CallerContext {
  path?: string | undefined;
  body?: unknown;
  context: CallerContext['context'] & { returned?: unknown; session?: { user: { id: string } } | null };
}

const targetOf = (ctx: AdminCallContext) => {
  const userId = (ctx.body as { userId?: unknown } | undefined)?.userId;
  return typeof userId === 'string' || typeof userId === 'number' ? String(userId) : null;
};

async function membershipsOf(db: Db, userId: string) {
  const { member, organization } = tablesOf(db);
  return db
    .select({ id: organization.id, name: organization.name, owner: isOwnerRole(member.role) })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, userId));
}

/** The fields `admin/update-user` is asked to change (its body's `data`). */
const updatedFields = (ctx: AdminCallContext): string[] => {
  const data = (ctx.body as { data?: unknown } | undefined)?.data;
  return typeof data === 'object' && data !== null ? Object.keys(data) : [];
};

function adminScopeRefusal(): APIError {
  const body = { code: 'admin_scope', message: messages.admin_scope({}) };
  return new APIError('FORBIDDEN', { ...body, error: body });
}

const succeeded = (ctx: AdminCallContext) => ctx.context.returned !== undefined && !isAPIError(ctx.context.returned);

export function platformAdminGuard(database: Pick<Database, 'reader' | 'writer'>, now: () => Date) {
  const reads = database.reader.db;

  /** One audit entry per org of the member, in the org's log and the platform's. */
  async function audit(ctx: AdminCallContext, action: AuditAction, targetUserId: string, details?: Record<string, unknown>) {
    const adminId = ctx.context.session?.user.id;
    const orgs = await membershipsOf(reads, targetUserId);
    if (!adminId || orgs.length === 0) return;
    const actor = await callerActor(reads, ctx, adminId);
    const at = now();
    await database.writer.batch((tx) =>
      orgs.flatMap((org) => bothAudits(tx, org, actor, { action, target: { type: 'user', id: targetUserId }, ...(details ? { details } : {}) }, at)),
    );
  }

  return {
    /** Before `admin/set-user-password`: never an org owner's. */
    async beforeSetPassword(ctx: AdminCallContext): Promise<void> {
      const target = targetOf(ctx);
      if (!target) return; // better-auth refuses the body itself
      const orgs = await membershipsOf(reads, target);
      if (platformAdminMaySetPassword({ ownsAnOrg: orgs.some((o) => Boolean(o.owner)) })) return;
      throw adminScopeRefusal();
    },

    /** Before `admin/update-user`: never where an org owner's reset link or code goes. */
    async beforeUpdateUser(ctx: AdminCallContext): Promise<void> {
      const target = targetOf(ctx);
      if (!target) return; // better-auth refuses the body itself
      const orgs = await membershipsOf(reads, target);
      if (platformAdminMayUpdateUser({ ownsAnOrg: orgs.some((o) => Boolean(o.owner)) }, updatedFields(ctx))) return;
      throw adminScopeRefusal();
    },

    /** After the admin endpoints: audit what touched an org member; no session token leaves. */
    async after(ctx: AdminCallContext): Promise<unknown> {
      if (!succeeded(ctx)) return undefined;
      const target = targetOf(ctx);
      if (ctx.path === '/admin/update-user' && target) await audit(ctx, 'member.updated', target, { fields: updatedFields(ctx) });
      const plain = plainAudits[ctx.path ?? ''];
      if (plain && target) await audit(ctx, plain, target);
      if (ctx.path === '/admin/list-user-sessions') {
        if (target) await audit(ctx, 'member.sessions_listed', target);
        const returned = ctx.context.returned as { sessions?: Record<string, unknown>[] };
        if (Array.isArray(returned.sessions)) {
          return { sessions: returned.sessions.map(({ token: _token, ...session }) => session) };
        }
      }
      return undefined;
    },
  };
}

/** Admin endpoints audited by their name alone. */
const plainAudits: Record<string, AuditAction> = {
  '/admin/set-user-password': 'member.password_set',
  '/admin/impersonate-user': 'member.impersonated',
  '/admin/ban-user': 'member.banned',
  '/admin/unban-user': 'member.unbanned',
  '/admin/revoke-user-sessions': 'member.sessions_revoked',
};

export const platformAdminPaths = new Set([...Object.keys(plainAudits), '/admin/list-user-sessions', '/admin/update-user']);
