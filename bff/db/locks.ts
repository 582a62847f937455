/**
 * The org lock of a write transaction (`writer.transaction(work, { org })`, `lockOrgs`): what makes
 * two of our transactions about one org run one after the other on every engine.
 * - libSQL: nothing to do; `BEGIN IMMEDIATE` already holds the database's one write lock.
 * - PostgreSQL: the orgs' rows `FOR NO KEY UPDATE`, in id order (two transactions locking the same
 *   orgs never deadlock). Under READ COMMITTED each later statement of the transaction then reads
 *   what the one before it committed. An org that does not exist locks nothing; the facts the
 *   transaction reads next say so.
 */
import { inArray } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { engineOf, type WriteTx } from './handle.js';
import type * as pgTables from './pg-tables.js';

export async function lockOrgs(tx: WriteTx, orgIds: readonly string[]): Promise<void> {
  if (orgIds.length === 0 || engineOf(tx) !== 'postgres') return;
  const db = tx as unknown as PgDatabase<never, typeof pgTables>;
  const { organization } = db._.fullSchema;
  await db
    .select({ id: organization.id })
    .from(organization)
    .where(inArray(organization.id, [...new Set(orgIds)].sort()))
    .orderBy(organization.id)
    .for('no key update');
}
