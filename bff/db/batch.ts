/**
 * Statements sent together. The domain builds its reads and writes as drizzle builders (not yet
 * run) and hands them over at once:
 * - libSQL: one `batch`, one round trip on a remote server; inside a write transaction when the
 *   handle is one (a batch outside a transaction is a transaction of its own, see `writer.batch`).
 * - PostgreSQL: node-postgres does not pipeline, so a transaction's statements go one after
 *   another on its connection; reads outside a transaction go side by side on the pool.
 */
import type { SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { engineOf, isTransactionHandle, type Db, type WriteTx } from './handle.js';
import { libsqlOf } from './writer.js';

/** A built statement or query, not yet run: a drizzle builder, or `rows(db, sql)`. */
export type Statement = BatchItem<'sqlite'>;

/** What each statement gave, in order: rows for a select or a `returning`. */
export type Results<T extends readonly Statement[]> = { -readonly [K in keyof T]: T[K]['_']['result'] };

/** Runs the writes of a write transaction together; the results in order (rows for `returning`). */
export async function runBatch<const T extends readonly Statement[]>(tx: WriteTx, statements: T): Promise<Results<T>> {
  return sendTogether(tx, statements);
}

/**
 * Runs reads together: in one round trip on libSQL (a consistent snapshot), and inside the
 * transaction when `db` is one (so they read under its locks).
 */
export async function readBatch<const T extends readonly Statement[]>(db: Db, queries: T): Promise<Results<T>> {
  return sendTogether(db, queries);
}

async function sendTogether<T extends readonly Statement[]>(db: Db, queries: T): Promise<Results<T>> {
  if (queries.length === 0) return [] as Results<T>;
  if (engineOf(db) === 'sqlite') return (await libsqlOf(db).batch(queries as unknown as [Statement, ...Statement[]])) as Results<T>;
  // A drizzle builder runs when awaited. On one connection (a transaction's) they queue anyway.
  const pending = queries as unknown as readonly PromiseLike<unknown>[];
  if (!isTransactionHandle(db)) return (await Promise.all(pending)) as Results<T>;
  const results: unknown[] = [];
  for (const query of pending) results.push(await query);
  return results as Results<T>;
}

/**
 * The rows of a raw query (`sql\`…\``), as a query `readBatch` can carry. Its SQL must be valid on
 * every engine: what is not goes through `sqlFor(db)`. Values come back as the driver gives them:
 * compare booleans with `Boolean()`, and cast counts (`cast(count(*) as integer)`).
 */
export function rows<Row>(db: Db, query: SQL): Statement & PromiseLike<Row[]> {
  if (engineOf(db) === 'sqlite') return libsqlOf(db).all<Row>(query);
  // `execute` answers the driver's whole result; the rows are what every engine gives.
  const raw = (db as unknown as PgDatabase<never>).execute(query);
  const rowsOnly: PromiseLike<Row[]> = { then: (resolve, reject) => raw.then((result) => (result as unknown as { rows: Row[] }).rows).then(resolve, reject) };
  return rowsOnly as Statement & PromiseLike<Row[]>;
}
