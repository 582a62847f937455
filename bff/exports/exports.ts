/**
 * E1: the org audit log and the members list as CSV, streamed page by page (keyset pagination),
 * so an org with a million audit entries never sits in memory.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { csvRow } from '../../shared/csv.js';
import { effectiveRole } from '../../shared/policy.js';

const PAGE = 500;
const encoder = new TextEncoder();

export type ExportKind = 'audit-log' | 'members';

function streamPages<Row, Cursor>(
  header: string[],
  fetchPage: (after: Cursor | null) => Promise<Row[]>,
  cursorOf: (row: Row) => Cursor,
  toCells: (row: Row) => (string | number | null)[],
): ReadableStream<Uint8Array> {
  let cursor: Cursor | null = null;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(header)));
    },
    async pull(controller) {
      if (done) return;
      const rows = await fetchPage(cursor);
      if (rows.length > 0) {
        controller.enqueue(encoder.encode(rows.map((r) => csvRow(toCells(r))).join('')));
        cursor = cursorOf(rows[rows.length - 1]!);
      }
      if (rows.length < PAGE) {
        done = true;
        controller.close();
      }
    },
  });
}

export function auditLogCsv(db: Db, orgId: string): ReadableStream<Uint8Array> {
  const { orgAuditLog } = tablesOf(db);
  return streamPages(
    ['time_utc', 'action', 'outcome', 'actor', 'actor_user_id', 'impersonator_user_id', 'target_type', 'target_id', 'ip', 'user_agent', 'details'],
    (after: number | null) =>
      db
        .select()
        .from(orgAuditLog)
        .where(and(eq(orgAuditLog.organizationId, orgId), after === null ? undefined : gt(orgAuditLog.id, after)))
        .orderBy(asc(orgAuditLog.id))
        .limit(PAGE),
    (row) => row.id,
    (row) => [
      row.at.toISOString(),
      row.action,
      row.outcome,
      row.actorLabel,
      row.actorUserId,
      row.impersonatorUserId,
      row.targetType,
      row.targetId,
      row.ip,
      row.userAgent,
      row.details,
    ],
  );
}

export function membersCsv(db: Db, orgId: string): ReadableStream<Uint8Array> {
  const { member, user } = tablesOf(db);
  return streamPages(
    ['user_id', 'name', 'email', 'role', 'joined_at_utc'],
    (after: string | null) =>
      db
        .select({ id: member.id, userId: user.id, name: user.name, email: user.email, role: member.role, joinedAt: member.createdAt })
        .from(member)
        .innerJoin(user, eq(user.id, member.userId))
        .where(and(eq(member.organizationId, orgId), after === null ? undefined : gt(member.id, after)))
        .orderBy(asc(member.id))
        .limit(PAGE),
    (row) => row.id,
    (row) => [row.userId, row.name, row.email, effectiveRole(row.role), row.joinedAt.toISOString()],
  );
}
