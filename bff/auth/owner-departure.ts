/**
 * No path through better-auth's own endpoints leaves an org with no owner (issue 21):
 * - `admin/remove-user`, `admin/ban-user` (and `admin/update-user` setting `banned`) and `delete-user`
 *   (and its emailed `delete-user/callback`) take a user out of every org at once. Before better-auth acts, the user's departure is
 *   reserved in one write transaction that also checks that every org they own keeps another
 *   owner (the policy decides: `decideOwnerDeparture`). While the reservation stands, that user no
 *   longer counts as "another owner" for a co-owner leaving, being demoted or removed, here or in
 *   the database's triggers, so the two can never both go. It is released once better-auth has
 *   answered (a user who was deleted has no memberships left to protect), and lapses on its own if
 *   a process dies in between.
 * - `organization/remove-member` of an owner is refused while they are the org's last one.
 *   better-auth counts owners too, but outside any transaction: the database's triggers are what
 *   make two owners removing each other at once safe; this check is what gives the reason.
 *
 * Why reserve rather than only check: better-auth deletes a user's sessions and accounts before
 * the user row (whose deletion removes the memberships), outside a transaction. If the triggers
 * were the only guard, a race lost at the last step would leave an account without its password.
 *
 * When a race is lost all the same (two owners removing each other through `remove-member` at the
 * same moment), the database's triggers refuse the second write; `refusingOrphans` turns that
 * refusal into better-auth's 409 with L3's reason, instead of the 500 of an unknown error.
 *
 * An owner who is banned cannot act for their org, so a ban counts as a departure too, and a
 * banned owner is not "another owner" (the triggers and the state's owner count agree).
 */
import { APIError } from 'better-auth/api';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import { decideOwnerDeparture, type OwnedOrgFacts } from '../../shared/policy.js';
import { isLastOwnerViolation } from '../db/busy.js';
import { readBatch } from '../db/batch.js';
import type { Database, Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { isOwnerRole, isOwnerWhoCanAct } from '../db/owner-role-sql.js';
import { sqlFor } from '../db/sql-dialect.js';
import { lockOrgs } from '../db/locks.js';
import { VerifiedSignatures } from '../http/credentials.js';
import { callerSession, type CallerContext } from './caller.js';

/** How long a reservation holds if better-auth never answers (a crash): long enough for any deletion. */
export const DEPARTURE_RESERVATION_MS = 60_000;

/** better-auth's endpoints that take a user out of every org they belong to. */
export const departurePaths = new Set(['/delete-user', '/delete-user/callback', '/admin/remove-user', '/admin/ban-user']);

/** Whether a call takes its user out of every org: a departure path, or `admin/update-user` banning them. */
export function isDepartureCall(ctx: { path?: string | undefined; body?: unknown }): boolean {
  if (departurePaths.has(ctx.path ?? '')) return true;
  if (ctx.path !== '/admin/update-user') return false;
  const data = (ctx.body as { data?: { banned?: unknown } } | undefined)?.data;
  return typeof data === 'object' && data !== null && data.banned === true;
}

export interface DepartureContext extends CallerContext {
  path?: string | undefined;
  body?: unknown;
  query?: unknown;
}

/** The orgs `userId` owns, with who else is in them (read under the caller's lock when `db` is a transaction). */
async function ownedOrgs(db: Db, userId: string, nowMs: number, onlyOrgId?: string): Promise<OwnedOrgFacts[]> {
  const { member, organization } = tablesOf(db);
  const rows = await db
    .select({
      id: organization.id,
      name: organization.name,
      otherMembers: sql<number>`(select cast(count(*) as integer) from ${member} m where m.organization_id = ${organization.id} and m.user_id <> ${userId})`,
      otherOwners: sql<number>`(select cast(count(*) as integer) from ${member} m where m.organization_id = ${organization.id} and m.user_id <> ${userId}
        and ${isOwnerWhoCanAct(sqlFor(db), { role: sql`m.role`, userId: sql`m.user_id` }, nowMs)})`,
    })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(and(eq(member.userId, userId), isOwnerRole(member.role), onlyOrgId === undefined ? undefined : eq(member.organizationId, onlyOrgId)));
  return rows.map((r) => ({ ...r, otherMembers: Number(r.otherMembers), otherOwners: Number(r.otherOwners) }));
}

const quoted = (orgs: readonly OwnedOrgFacts[]) => orgs.map((o) => `“${o.name}”`).join(', ');

/** The refusal, in better-auth's shape (flat `code`/`message`) and the spec's (`error`), naming the orgs. */
function departureRefusal(orphaned: readonly OwnedOrgFacts[], who: 'self' | 'other'): APIError {
  const code = orphaned.some((o) => o.otherMembers > 0) ? 'sole_owner' : 'sole_member';
  const alone = orphaned.filter((o) => o.otherMembers === 0);
  const shared = orphaned.filter((o) => o.otherMembers > 0);
  const sentences: string[] = [];
  if (who === 'self') {
    if (shared.length > 0) sentences.push(`You are the only owner of ${quoted(shared)}. Promote another member to Owner first.`);
    if (alone.length > 0) sentences.push(`You are the only member of ${quoted(alone)}. Delete the organization instead.`);
  } else {
    if (shared.length > 0) sentences.push(`This user is the only owner of ${quoted(shared)}: promote another member to Owner first.`);
    if (alone.length > 0) sentences.push(`This user is the only member of ${quoted(alone)}: delete the organization first.`);
  }
  const body = { code, message: sentences.join(' '), organizations: orphaned.map(({ id, name }) => ({ id, name })) };
  return new APIError('CONFLICT', { ...body, error: body });
}

const stringField = (input: unknown, name: string): string | null => {
  const value = (input as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

export function ownerDepartureGuard(database: Pick<Database, 'reader' | 'writer'>) {
  const signatures = new VerifiedSignatures();
  const reads = database.reader.db;
  const { member, ownerDeparture, user } = tablesOf(reads);

  /** Whose departure a call is: the admin's target, or the signed-in user deleting their own account. */
  async function departingUser(ctx: DepartureContext): Promise<{ userId: string; who: 'self' | 'other' } | null> {
    if (ctx.path?.startsWith('/admin/')) {
      const userId = stringField(ctx.body, 'userId');
      return userId ? { userId, who: 'other' } : null;
    }
    const session = await callerSession(reads, ctx, signatures);
    return session ? { userId: session.userId, who: 'self' } : null;
  }

  return {
    /** Before a user leaves every org at once: refused if an org would be left without an owner, else reserved. */
    async reserve(ctx: DepartureContext): Promise<void> {
      const departing = await departingUser(ctx);
      if (!departing) return; // better-auth refuses the call itself
      const nowMs = Date.now();
      const refusal = await database.writer.transaction(async (tx) => {
        // Every org this user owns is locked first, as a co-owner's leave locks it: the two run one
        // after the other, and the second reads what the first wrote.
        const owned = await tx
          .select({ orgId: member.organizationId })
          .from(member)
          .where(and(eq(member.userId, departing.userId), isOwnerRole(member.role)));
        await lockOrgs(
          tx,
          owned.map((o) => o.orgId),
        );
        const decision = decideOwnerDeparture(await ownedOrgs(tx, departing.userId, nowMs));
        if (!decision.allowed) return departureRefusal(decision.orphaned, departing.who);
        await tx.delete(ownerDeparture).where(or(lt(ownerDeparture.until, new Date(nowMs)), eq(ownerDeparture.userId, departing.userId)));
        await tx.insert(ownerDeparture).values({ userId: departing.userId, until: new Date(nowMs + DEPARTURE_RESERVATION_MS) });
        return null;
      });
      if (refusal) throw refusal;
    },

    /** After better-auth has answered, whatever it answered: the reservation has done its work. */
    async release(ctx: DepartureContext): Promise<void> {
      const departing = await departingUser(ctx);
      if (departing) await database.writer.db.delete(ownerDeparture).where(eq(ownerDeparture.userId, departing.userId));
    },

    /** Before `organization/remove-member`: never the org's last owner who can act. */
    async beforeRemoveMember(ctx: DepartureContext): Promise<void> {
      const session = await callerSession(reads, ctx, signatures);
      if (!session) return; // better-auth answers 401 itself
      const memberIdOrEmail = stringField(ctx.body, 'memberIdOrEmail');
      const orgId = stringField(ctx.body, 'organizationId') ?? session.activeOrganizationId;
      if (!memberIdOrEmail || !orgId) return; // better-auth refuses the call itself
      const [[caller], [target]] = await readBatch(reads, [
        reads
          .select({ id: member.id })
          .from(member)
          .where(and(eq(member.organizationId, orgId), eq(member.userId, session.userId), isOwnerRole(member.role))),
        reads
          .select({ userId: member.userId })
          .from(member)
          .innerJoin(user, eq(user.id, member.userId))
          .where(and(eq(member.organizationId, orgId), memberIdOrEmail.includes('@') ? eq(user.email, memberIdOrEmail) : eq(member.id, memberIdOrEmail))),
      ]);
      // Only an owner may remove an owner: anyone else (a member, a non-member guessing ids) gets
      // better-auth's own answer and learns nothing about the org's owners from us.
      if (!caller || !target) return;
      const decision = decideOwnerDeparture(await ownedOrgs(reads, target.userId, Date.now(), orgId));
      if (!decision.allowed) throw departureRefusal(decision.orphaned, target.userId === session.userId ? 'self' : 'other');
    },
  };
}

/** The database refused to take an org's last owner away (a race lost to a concurrent change). */
function orphanRefusal(): APIError {
  const body = { code: 'sole_owner', message: 'The organization would be left without an owner. Promote another member to Owner first.' };
  return new APIError('CONFLICT', { ...body, error: body });
}

/**
 * better-auth's database adapter, with the database's last-owner refusal answered as L3's reason
 * (409 `sole_owner`) rather than as an unknown error. Every method is wrapped, `transaction`
 * included, since better-auth's organization plugin deletes members inside one.
 */
export function refusingOrphans<Adapter extends object>(adapter: Adapter): Adapter {
  const translate = (error: unknown): never => {
    throw isLastOwnerViolation(error) ? orphanRefusal() : error;
  };
  const wrapped: Record<string, unknown> = { ...(adapter as Record<string, unknown>) };
  for (const [key, value] of Object.entries(adapter)) {
    if (typeof value !== 'function') continue;
    wrapped[key] = (...args: unknown[]): unknown => {
      try {
        const result: unknown = Reflect.apply(value, adapter, args);
        return result instanceof Promise ? result.catch(translate) : result;
      } catch (error) {
        return translate(error);
      }
    };
  }
  return wrapped as Adapter;
}
