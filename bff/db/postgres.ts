/**
 * PostgreSQL behind the danger zone, through node-postgres (`pg`): a pool we open from a
 * `postgres://` URL, or the host's own `pg.Pool` (the one its better-auth uses). Loaded only when
 * a PostgreSQL database is asked for, so `pg` stays an optional peer dependency.
 *
 * What differs from libSQL, decided here:
 * - Writers do not queue for one database-wide lock: READ COMMITTED, with the org's row locked
 *   (`FOR NO KEY UPDATE`) first by every transaction of ours about that org (`lockOrgs`). The
 *   second of two such transactions waits for the first to commit, and each of its statements then
 *   reads the latest commits: two owners leaving at once see each other, an intent is used once.
 *   The lock is on better-auth's own row, so better-auth's updates of the org (a rename) queue
 *   behind it too; `NO KEY` lets inserts that merely reference the org (a new member) through.
 *   Why not SERIALIZABLE with retries: better-auth's own writes run at the host's isolation level
 *   and would not take part in the conflict detection, and a retry loop would re-run work that
 *   sends nothing twice only by care. A lock is one statement and explains itself.
 * - Time limits: `lock_timeout` (how long a write waits for a lock, DATABASE_BUSY_TIMEOUT_MS) and
 *   `statement_timeout` are set for our transactions (`SET LOCAL`, sent with BEGIN: no extra round
 *   trip) and, on a pool we open, for every statement of its connections. A wait past either, a
 *   restart, a dropped connection answer 503 `database_busy` (busy.ts), and a connection that
 *   failed is destroyed instead of going back to the pool.
 * - The driver does not pipeline: the statements of a batch go one after another on the
 *   transaction's connection (batch.ts).
 */
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Placeholder, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { createHash } from 'node:crypto';
import type { Results, Statement } from './batch.js';
import type { PostgresPool } from './database.js';
import { DatabaseBusyError, isConnectionLost, isRetryableDatabaseError } from './busy.js';
import { markTransaction, type Db, type WriteTx } from './handle.js';
import * as tables from './pg-tables.js';
import type { Reader } from './reader.js';
import { lockOrgs } from './locks.js';
import type { TransactionOptions, Writer } from './writer.js';

export interface PostgresOptions {
  /** `postgres://…` or `postgresql://…`: a pool of our own. */
  url?: string | undefined;
  /** The host's pool (better-auth's): used as it is, never ended by us. */
  pool?: PostgresPool | undefined;
  busyTimeoutMs: number;
  statementTimeoutMs: number;
  /** Connections of a pool we open (default 10). */
  maxConnections?: number | undefined;
}

export interface PostgresEngine {
  pool: pg.Pool;
  writer: Writer;
  reader: Reader;
  close(): Promise<void>;
}

const handleOf = (client: pg.Pool | pg.PoolClient) => drizzle({ client, schema: tables }) as unknown as Db;

export function openPostgres(options: PostgresOptions): PostgresEngine {
  const own = !options.pool;
  const pool =
    (options.pool as pg.Pool | undefined) ??
    new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      // A pool that cannot hand out a connection in time (the server down, every connection busy) answers 503.
      connectionTimeoutMillis: options.busyTimeoutMs,
      idleTimeoutMillis: 10_000,
      keepAlive: true,
      application_name: 'org-danger-zone',
      options: `-c lock_timeout=${options.busyTimeoutMs} -c statement_timeout=${options.statementTimeoutMs} -c idle_in_transaction_session_timeout=${Math.max(60_000, options.statementTimeoutMs)}`,
    });
  // An idle connection the server drops (a restart) is reported on the pool: without a listener,
  // Node would end the process. The pool replaces the connection by itself.
  if (pool.listenerCount('error') === 0) pool.on('error', () => undefined);
  const writer = new PostgresWriter(pool, options);
  return {
    pool,
    writer,
    reader: postgresReader(pool),
    close: async () => {
      if (own) await pool.end();
    },
  };
}

class PostgresWriter implements Writer {
  readonly db: Db;
  writes = 0;
  readonly #pool: pg.Pool;
  readonly #begin: string;

  constructor(pool: pg.Pool, options: PostgresOptions) {
    this.#pool = pool;
    this.db = handleOf(pool);
    // One simple query, one round trip: a host's pool has its own settings, ours hold for our transactions.
    this.#begin = `begin isolation level read committed; set local lock_timeout = ${options.busyTimeoutMs}; set local statement_timeout = ${options.statementTimeoutMs}`;
  }

  async transaction<T>(work: (tx: WriteTx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.#pool.connect().catch((error: unknown) => {
      throw translate(error);
    });
    let failure: unknown;
    // A connection the server drops (a restart, pg_terminate_backend) while no statement of ours is
    // running on it is reported as an 'error' event on the client; the pool listens only while
    // the client is idle in it, and an event nobody listens to ends the process. The next
    // statement then fails as a lost connection, and the connection is destroyed below.
    const onLost = (error: Error) => (failure ??= error);
    client.on('error', onLost);
    try {
      await client.query(this.#begin);
      const tx = markTransaction(handleOf(client)) as WriteTx;
      if (options.org !== undefined) await lockOrgs(tx, [options.org]);
      const result = await work(tx);
      await client.query('commit');
      return result;
    } catch (error) {
      failure = error;
      if (!isConnectionLost(error)) await client.query('rollback').catch((rollbackError: unknown) => (failure = rollbackError));
      throw translate(error);
    } finally {
      this.writes++;
      client.off('error', onLost);
      // A connection that failed is destroyed rather than handed to the next request.
      client.release(failure !== undefined && isConnectionLost(failure) ? (failure as Error) : undefined);
    }
  }

  async batch<const T extends readonly Statement[]>(build: (tx: WriteTx) => T): Promise<Results<T>> {
    return this.transaction(async (tx) => {
      const results: unknown[] = [];
      for (const statement of build(tx)) results.push(await statement);
      return results as Results<T>;
    });
  }
}

/** A busy or unreachable database as the caller's 503; anything else as it is. */
function translate(error: unknown): unknown {
  if (error instanceof DatabaseBusyError || !isRetryableDatabaseError(error)) return error;
  return new DatabaseBusyError('The database is busy or out of reach for a moment.', { cause: error });
}

/**
 * Reads on the pool, never inside a write's transaction. The hot path's query runs as a named
 * prepared statement: each connection parses and plans it once.
 *
 * No `dataVersion`, so the state endpoint keeps no cache here and every read is one round trip:
 * revocation lag 0 across processes by construction. SQLite's `data_version` costs no round trip;
 * on PostgreSQL any proof that nothing changed does. Measured (in process, a server on loopback,
 * medians of 5 × 400 reads): the state endpoint 0.81 ms, its one query 0.41 ms, `select 1` 0.10 ms
 * (`pg_current_snapshot()` the same). A cache checked by a round trip would save at most 0.3 ms of
 * 0.8, and the snapshot moves with every commit of the whole server (every tenant's sessions), so
 * it would hardly ever hit. LISTEN/NOTIFY from triggers saves the round trip but not the lag: a
 * request can reach another process before its notification does (and nothing is heard while the
 * listening connection is down), and the triggers would go on better-auth's tables, the host's.
 */
function postgresReader(pool: pg.Pool): Reader {
  const dialect = new PgDialect();
  const compiled = new WeakMap<SQL, { name: string; text: string; params: unknown[] }>();
  return {
    db: handleOf(pool),
    async prepared<Row>(query: SQL, values: Record<string, unknown>): Promise<Row[]> {
      let known = compiled.get(query);
      if (!known) {
        const { sql: text, params } = dialect.sqlToQuery(query);
        known = { name: `odz_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text, params };
        compiled.set(query, known);
      }
      const params = known.params.map((p) => (p instanceof Placeholder ? values[p.name as string] : p));
      const result = await pool.query<Row & pg.QueryResultRow>({ name: known.name, text: known.text, values: params }).catch((error: unknown) => {
        throw translate(error);
      });
      return result.rows;
    },
    close: () => undefined,
  };
}
