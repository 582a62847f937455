/**
 * The org audit log and the platform audit log. Each entry names the actor, the impersonating
 * admin if any, the action, its target and outcome, the client's IP and user agent, and the UTC
 * time. Details are structured JSON written by our code, never a password, token or key.
 */
import type { Queryable } from '../db/client.js';
import { orgAuditLog, platformAuditLog } from '../db/schema.js';

export type AuditAction =
  | 'member.left'
  | 'member.promoted'
  | 'member.role_changed'
  | 'org.deletion_initiated'
  | 'org.deletion_confirmation_failed'
  | 'org.deletion_cancelled'
  | 'org.export_downloaded'
  | 'org.deleted';

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

export async function writeOrgAudit(db: Queryable, orgId: string, actor: AuditActor, entry: AuditEntry, at: Date) {
  await db.insert(orgAuditLog).values({ organizationId: orgId, ...columns(actor, entry, at) });
}

export async function writePlatformAudit(
  db: Queryable,
  org: { id: string; name: string },
  actor: AuditActor,
  entry: AuditEntry,
  at: Date,
) {
  await db
    .insert(platformAuditLog)
    .values({ organizationId: org.id, organizationName: org.name, ...columns(actor, entry, at) });
}

/** Most lifecycle events go to both logs: the org's own, and the one that outlives it. */
export async function writeBothAudits(
  db: Queryable,
  org: { id: string; name: string },
  actor: AuditActor,
  entry: AuditEntry,
  at: Date,
) {
  await writeOrgAudit(db, org.id, actor, entry, at);
  await writePlatformAudit(db, org, actor, entry, at);
}
