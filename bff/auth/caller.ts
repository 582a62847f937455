/**
 * Who is calling one of better-auth's endpoints, read the way the danger zone's own endpoints read
 * it, and as the audit log names them. (A before hook runs before the bearer plugin turns
 * `Authorization` into a cookie, so better-auth's session helpers would not see a bearer session
 * yet.)
 */
import { getIP } from 'better-auth/api';
import { and, eq, gt } from 'drizzle-orm';
import type { AuditActor } from '../audit/audit.js';
import type { Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { provenAddress } from '../http/client-address.js';
import { readCredential, type VerifiedSignatures } from '../http/credentials.js';

export interface CallerContext {
  headers?: Headers | undefined;
  request?: Request | undefined;
  context: { secret: string; authCookies: { sessionToken: { name: string } }; options: Parameters<typeof getIP>[1] };
}

export interface CallerSession {
  userId: string;
  impersonatedBy: string | null;
  activeOrganizationId: string | null;
}

export async function callerSession(db: Db, ctx: CallerContext, signatures: VerifiedSignatures): Promise<CallerSession | null> {
  const { session: sessionTable } = tablesOf(db);
  const headers = ctx.headers ?? ctx.request?.headers;
  if (!headers) return null;
  const config = { secret: ctx.context.secret, cookieName: ctx.context.authCookies.sessionToken.name };
  const credential = readCredential(headers, config, signatures);
  if (credential.kind !== 'session') return null;
  const [row] = await db
    .select({ userId: sessionTable.userId, impersonatedBy: sessionTable.impersonatedBy, activeOrganizationId: sessionTable.activeOrganizationId })
    .from(sessionTable)
    .where(and(eq(sessionTable.token, credential.token), gt(sessionTable.expiresAt, new Date())));
  return row ?? null;
}

/** The client's address as the danger zone's handler vouched for it, else as better-auth reads it. */
export function callerAddress(ctx: Pick<CallerContext, 'headers' | 'request'> & { context: { secret: string; options: Parameters<typeof getIP>[1] } }) {
  const headers = ctx.request?.headers ?? ctx.headers;
  if (!headers) return null;
  return provenAddress(headers, ctx.context.secret) ?? getIP(ctx.request ?? headers, ctx.context.options);
}

/** The audit actor for a signed-in user's call of a better-auth endpoint. */
export async function callerActor(db: Db, ctx: CallerContext, userId: string, impersonatedBy: string | null = null): Promise<AuditActor> {
  const { user } = tablesOf(db);
  const [row] = await db.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, userId));
  const headers = ctx.request?.headers ?? ctx.headers;
  let label = row ? `${row.name} <${row.email}>` : userId;
  if (impersonatedBy) {
    const [admin] = await db.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, impersonatedBy));
    label += ` impersonated by ${admin ? `${admin.name} <${admin.email}>` : impersonatedBy}`;
  }
  return { userId, label, impersonatorUserId: impersonatedBy, ip: callerAddress(ctx), userAgent: headers?.get('user-agent') ?? null };
}
