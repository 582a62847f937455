/**
 * One batch of the purge (P2), as each engine runs it best: at most `limit` rows of one table, in
 * one short write transaction, only while the runner holds the org's lease and no legal hold
 * stands, with the lease renewed and the rows counted into the org's tally in the same commit (a
 * runner that dies leaves a consistent prefix). The purge (purge/purge.ts) decides what to remove
 * and in which order; this module decides how one bounded step is written.
 *
 * - libSQL: one batch (one round trip on a remote server): the bounded write by `rowid`, then the
 *   lease's row updated with SQLite's `changes()`, the rows the write just touched.
 * - PostgreSQL: one statement in a short transaction. The lease's row is locked first (a runner
 *   taking the lease over waits, or finds it gone and writes nothing), the bounded write goes by
 *   `ctid` (`= any(array(…))`, a TID scan, as PostgreSQL has no `DELETE … LIMIT`), and the tally
 *   counts the rows it returned.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows } from './batch.js';
import { engineOf, tablesOf } from './handle.js';
import { libsqlOf, type Writer } from './writer.js';

export interface PurgeBatch {
  /** The table and the column that holds the org's id (identifiers, checked by the caller). */
  table: string;
  column: string;
  orgId: string;
  /** Set the column to null instead of deleting the rows (sessions outlive the org, P3). */
  unset?: boolean;
  limit: number;
  lease: { holder: string; until: number };
  /** The key of the tally (`purge_progress.removed`) the rows count under. */
  tally: string;
}

/** The tally after this batch, or `leaseLost`; `held` when a legal hold stands (nothing was written). */
export type PurgeBatchResult = { leaseLost: true } | { leaseLost: false; removed: Record<string, number>; held: boolean };

export async function purgeBatch(writer: Writer, batch: PurgeBatch): Promise<PurgeBatchResult> {
  return engineOf(writer.db) === 'postgres' ? postgresBatch(writer, batch) : libsqlBatch(writer, batch);
}

async function libsqlBatch(writer: Writer, batch: PurgeBatch): Promise<PurgeBatchResult> {
  const { purgeProgress, orgLegalHold } = tablesOf(writer.db);
  const { orgId, lease } = batch;
  const table = sql.identifier(batch.table);
  const column = sql.identifier(batch.column);
  const mine = sql`${purgeProgress.organizationId} = ${orgId} and ${purgeProgress.holder} = ${lease.holder}`;
  const held = sql`exists (select 1 from ${orgLegalHold} where ${orgLegalHold.organizationId} = ${orgId})`;
  const rows = sql`select rowid from ${table} where ${column} = ${orgId} limit ${batch.limit}`;
  const write: SQL = batch.unset ? sql`update ${table} set ${column} = null where rowid in (${rows})` : sql`delete from ${table} where rowid in (${rows})`;
  const path = `$."${batch.tally}"`;
  const [, renewed] = await writer.batch((handle) => {
    const tx = libsqlOf(handle);
    return [
      tx.run(sql`${write} and exists (select 1 from ${purgeProgress} where ${mine}) and not ${held}`),
      tx.all<{ removed: string; held: number }>(sql`update ${purgeProgress}
        set lease_until = ${lease.until},
            removed = case when changes() > 0
              then json_set(removed, ${path}, coalesce(json_extract(removed, ${path}), 0) + changes()) else removed end
        where ${mine}
        returning removed, ${held} as held`),
    ];
  });
  const [row] = renewed;
  if (!row) return { leaseLost: true };
  return { leaseLost: false, removed: JSON.parse(row.removed) as Record<string, number>, held: Boolean(row.held) };
}

async function postgresBatch(writer: Writer, batch: PurgeBatch): Promise<PurgeBatchResult> {
  const { purgeProgress, orgLegalHold } = tablesOf(writer.db);
  const { orgId, lease } = batch;
  const table = sql.identifier(batch.table);
  const column = sql.identifier(batch.column);
  const mine = sql`${purgeProgress.organizationId} = ${orgId} and ${purgeProgress.holder} = ${lease.holder}`;
  const held = sql`exists (select 1 from ${orgLegalHold} where ${orgLegalHold.organizationId} = ${orgId})`;
  const target = sql`ctid = any(array(select ctid from ${table} where ${column} = ${orgId} limit ${batch.limit}))
    and exists (select 1 from lease) and not ${held}`;
  const write: SQL = batch.unset
    ? sql`update ${table} set ${column} = null where ${target} returning 1`
    : sql`delete from ${table} where ${target} returning 1`;
  const tally = sql`${batch.tally}::text`;
  const touched = sql`(select count(*) from touched)`;
  const [[row]] = await writer.batch((tx) => [
    rows<{ removed: string; held: boolean }>(
      tx,
      sql`with lease as (select 1 from ${purgeProgress} where ${mine} for update),
        touched as (${write})
        update ${purgeProgress}
        set lease_until = ${lease.until},
            removed = case when ${touched} > 0
              then (coalesce(removed::jsonb, '{}'::jsonb) || jsonb_build_object(${tally}, coalesce((removed::jsonb ->> ${tally})::bigint, 0) + ${touched}))::text
              else removed end
        where ${mine}
        returning removed, ${held} as held`,
    ),
  ]);
  if (!row) return { leaseLost: true };
  return { leaseLost: false, removed: JSON.parse(row.removed) as Record<string, number>, held: row.held };
}
