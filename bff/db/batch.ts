/**
 * Sends a list of statements in one batch: one round trip on a remote server, inside the caller's
 * transaction when `db` is a transaction's handle. The domain builds its writes as statements
 * (drizzle builders, not yet run) so that a whole change goes out at once.
 */
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './writer.js';

export type Statement = BatchItem<'sqlite'>;

export async function runBatch(db: Db, statements: readonly Statement[]): Promise<unknown[]> {
  if (statements.length === 0) return [];
  return db.batch(statements as unknown as [Statement, ...Statement[]]);
}
