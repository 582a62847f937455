/**
 * The org audit log and the platform audit log. Each entry names the actor, the impersonating
 * admin if any, the action, its target and outcome, the client's IP and user agent, and the UTC
 * time. Details are structured JSON written by our code, never a password, token or key.
 */
import type { Statement } from '../db/batch.js';
import type { Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';

export type AuditAction =
  | 'member.left'
  | 'member.removed'
  | 'member.promoted'
  | 'member.role_changed'
  | 'org.deletion_initiated'
  | 'org.deletion_confirmation_failed'
  | 'org.deletion_cancelled'
  /** An owner asked for the purge now (issue 21). */
  | 'org.deletion_expedited'
  | 'org.export_downloaded'
  | 'org.deleted'
  | 'org.legal_hold_set'
  | 'org.legal_hold_lifted'
  | 'org.api_key_revoked'
  /** Ownership with consent (issue 21). */
  | 'ownership.offered'
  | 'ownership.accepted'
  | 'ownership.declined'
  /** A platform admin's own acts on an org member (better-auth's admin plugin), in each of the member's orgs. */
  | 'member.impersonated'
  | 'member.sessions_listed'
  | 'member.password_set'
  | 'member.updated'
  | 'member.banned'
  | 'member.unbanned'
  | 'member.sessions_revoked';

/** Who did it and from where; one per request, built by the HTTP layer. */
export interface AuditActor {
  userId: string | null;
  /** "Name <email>" for users, "management token <name>" for operators, "system" for jobs. */
  label: string;
  impersonatorUserId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  target: { type: string; id: string };
  outcome?: 'success' | 'failure';
  details?: Record<string, unknown>;
}

export const systemActor: AuditActor = {
  userId: null,
  label: 'system',
  impersonatorUserId: null,
  ip: null,
  userAgent: null,
};

function columns(actor: AuditActor, entry: AuditEntry, at: Date) {
  return {
    at,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    impersonatorUserId: actor.impersonatorUserId,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    outcome: entry.outcome ?? 'success',
    ip: actor.ip,
    // Bounded: a user agent is free text from the client.
    userAgent: actor.userAgent?.slice(0, 512) ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  } as const;
}

/** The org audit entry, as a statement for the caller's batch. */
export function orgAudit(db: Db, orgId: string, actor: AuditActor, entry: AuditEntry, at: Date): Statement {
  return db.insert(tablesOf(db).orgAuditLog).values({ organizationId: orgId, ...columns(actor, entry, at) });
}

/** The platform audit entry (it outlives the org), as a statement for the caller's batch. */
export function platformAudit(db: Db, org: { id: string; name: string }, actor: AuditActor, entry: AuditEntry, at: Date): Statement {
  return db.insert(tablesOf(db).platformAuditLog).values({ organizationId: org.id, organizationName: org.name, ...columns(actor, entry, at) });
}

/** Most lifecycle events go to both logs: the org's own, and the one that outlives it. */
export function bothAudits(db: Db, org: { id: string; name: string }, actor: AuditActor, entry: AuditEntry, at: Date): Statement[] {
  return [orgAudit(db, org.id, actor, entry, at), platformAudit(db, org, actor, entry, at)];
}
