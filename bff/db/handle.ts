/**
 * The handle the domain queries through, whatever the database behind it: a libSQL file, a remote
 * libSQL server, or PostgreSQL. This module and its neighbours in `db/` are the one seam where
 * engines differ (ARCHITECTURE.md); the domain never learns which one it runs on.
 *
 * - Tables come from the handle (`tablesOf(db)`): drizzle keeps the schema it was opened with, so a
 *   PostgreSQL handle gives its `pg-core` tables and a libSQL handle its `sqlite-core` ones. Both
 *   sets have the same export names and JS types (a type-level test holds them column for column),
 *   and the domain is typed by the canonical one (`tables.ts`, SQLite's).
 * - Query builders (`select`, `insert`, `update`, `delete`, `onConflictDoUpdate`, `returning`) are
 *   the same on both. What is not (`all`, `get`, `run`, `values`, `batch`, the driver's client) is
 *   left out of `Db`, and the lint rule on `bff/` outside `db/` keeps it out: statements go as one
 *   batch through `runBatch`/`readBatch`/`writer.batch`, raw queries through `rows`, SQL that
 *   differs by engine through `sqlFor(db)` (batch.ts, sql-dialect.ts).
 */
import { is } from 'drizzle-orm';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { PgDatabase } from 'drizzle-orm/pg-core';
import type * as canonical from './tables.js';

/** Every table the BFF reads or writes (better-auth's and ours), as the canonical definitions type them. */
export type Tables = typeof canonical;

/** What the domain may call on a handle: query builders, never the driver or a dialect-only method. */
export type Db = Omit<LibSQLDatabase<Tables>, 'all' | 'get' | 'run' | 'values' | 'batch' | 'transaction' | '$client'>;

declare const inWriteTransaction: unique symbol;
/**
 * A handle bound to one write transaction (`writer.transaction`, `writer.batch`): statements run
 * through it commit together or not at all. Only such a handle can run a batch of writes.
 */
export type WriteTx = Db & { readonly [inWriteTransaction]: true };

/** The tables of this handle: `sqlite-core` on libSQL, `pg-core` on PostgreSQL, typed alike. */
export function tablesOf(db: Db): Tables {
  return db._.fullSchema;
}

export type Engine = 'sqlite' | 'postgres';

/** Which SQL this handle speaks: only `db/` asks. */
export function engineOf(db: Db): Engine {
  return is(db, PgDatabase) ? 'postgres' : 'sqlite';
}

const transactionHandles = new WeakSet<object>();

/** `db/` only: this handle is bound to one connection's transaction (PostgreSQL's; a libSQL transaction is its client). */
export function markTransaction<T extends Db>(db: T): T {
  transactionHandles.add(db);
  return db;
}

export function isTransactionHandle(db: Db): boolean {
  return transactionHandles.has(db);
}
