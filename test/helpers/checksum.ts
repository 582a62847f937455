/**
 * A fingerprint of every org-scoped row that does NOT belong to the given org, table by table:
 * taken before and after a purge, equal fingerprints prove no other org's row was touched.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows as rowsOfQuery } from '../../bff/db/batch.js';
import type { Db } from '../../bff/db/database.js';

const scoped = ['member', 'invitation', 'org_resource', 'org_api_key', 'org_subscription', 'org_credits', 'deletion_intent', 'org_audit_log', 'outbox'];

/** A host's own org-scoped table (PURGE_HOST_TABLES), counted and fingerprinted like ours. */
export interface HostTableRef {
  table: string;
  orgColumn: string;
}

const tablesOf = (host: readonly HostTableRef[]) => [...scoped.map((table) => ({ table, orgColumn: 'organization_id' })), ...host];

export async function othersChecksum(db: Db, orgId: string, host: readonly HostTableRef[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { table, orgColumn } of tablesOf(host)) {
    // Ordered by the first column: every table here starts with its key.
    const rows = await rowsOfQuery(db, sql`select * from ${sql.identifier(table)} where ${sql.identifier(orgColumn)} <> ${orgId} order by 1`);
    out[table] = `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
  }
  const orgs = await rowsOfQuery(db, sql`select * from organization where id <> ${orgId} order by id`);
  out.organization = `${orgs.length}:${createHash('sha256').update(JSON.stringify(orgs)).digest('hex')}`;
  const users = await rowsOfQuery(db, sql`select id, name, email from "user" order by id`);
  out.user = `${users.length}:${createHash('sha256').update(JSON.stringify(users)).digest('hex')}`;
  return out;
}

/** Rows the given org still has, per table (all zero after a purge). */
export async function rowsOf(db: Db, orgId: string, host: readonly HostTableRef[] = []): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { table, orgColumn } of tablesOf(host)) {
    const [row] = await rowsOfQuery<{ n: number }>(
      db,
      sql`select cast(count(*) as integer) as n from ${sql.identifier(table)} where ${sql.identifier(orgColumn)} = ${orgId}`,
    );
    out[table] = row!.n;
  }
  const [org] = await rowsOfQuery<{ n: number }>(db, sql`select cast(count(*) as integer) as n from organization where id = ${orgId}`);
  out.organization = org!.n;
  const [progress] = await rowsOfQuery<{ n: number }>(db, sql`select cast(count(*) as integer) as n from purge_progress where organization_id = ${orgId}`);
  out.purge_progress = progress!.n;
  return out;
}
