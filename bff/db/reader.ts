/**
 * The reader: reads that never wait for this process's writes. WAL (file) and sqld (remote) let a
 * read run beside a write transaction, so the reader is its own connection pool or client.
 *
 * The hot path's query (the state endpoint's one statement) runs prepared once. Why a raw `libsql`
 * connection for a file: @libsql/client prepares every statement again on every call, and for the
 * state query (one statement with a dozen subqueries) preparing cost ~10× running it (measured:
 * 0.47 ms against ~0.05 ms). A remote server prepares on its side; there the query goes through
 * the client, one round trip.
 */
import type { Client } from '@libsql/client';
import { Placeholder, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import Database from 'libsql';
import type { Db } from './handle.js';
import * as tables from './tables.js';

export interface Reader {
  /** drizzle over the reader's own connections: every read of the domain that is not the hot path. */
  readonly db: Db;
  /**
   * A query built once (with `sql.placeholder(name)` where the values go), run with these values:
   * compiled once per reader for its engine, and prepared once on a file.
   */
  prepared<Row>(query: SQL, values: Record<string, unknown>): Promise<Row[]>;
  /**
   * SQLite's `PRAGMA data_version` on the reader's connection: it changes whenever any other
   * connection (this process's writer, another process) commits, so a result read under the same
   * value is still current. Only a file can say; a remote server's connections are not ours.
   */
  dataVersion?(): number;
  close(): void;
}

interface CompiledQuery {
  sql: string;
  params: unknown[];
}

const dialect = new SQLiteSyncDialect();

/** Compiles each query once (the hot path's query is built once, at module load). */
function compiler(): (query: SQL) => CompiledQuery {
  const compiled = new WeakMap<SQL, CompiledQuery>();
  return (query) => {
    let known = compiled.get(query);
    if (!known) {
      const { sql, params } = dialect.sqlToQuery(query);
      known = { sql, params };
      compiled.set(query, known);
    }
    return known;
  };
}

function bind(query: CompiledQuery, values: Record<string, unknown>): unknown[] {
  return query.params.map((p) => (p instanceof Placeholder ? values[p.name as string] : p));
}

/**
 * A file's reader. `writesSoFar` counts this process's finished writes: a change made here
 * invalidates the remembered data_version at once, without asking SQLite.
 */
export function fileReader(client: Client, path: string, busyTimeoutMs: number, writesSoFar: () => number): Reader {
  // The native driver takes the busy timeout in milliseconds, as @libsql/client passes it.
  const connection = new Database(path, { timeout: busyTimeoutMs } as never);
  const compile = compiler();
  const statements = new Map<string, ReturnType<typeof connection.prepare>>();
  let dataVersionStatement: ReturnType<typeof connection.prepare> | undefined;
  let remembered: { value: number; writes: number } | undefined;
  return {
    db: drizzle({ client: client, schema: tables }),
    async prepared<Row>(built: SQL, values: Record<string, unknown>) {
      const query = compile(built);
      let statement = statements.get(query.sql);
      if (!statement) {
        statement = connection.prepare(query.sql);
        statements.set(query.sql, statement);
      }
      return (statement.all as (...params: unknown[]) => unknown[]).apply(statement, bind(query, values)) as Row[];
    },
    dataVersion() {
      // Asked once per turn of the event loop (it was a fifth of the state endpoint's CPU time):
      // every request handled in this turn was read off its socket before the turn began, and a
      // write of this process in between is seen through `writesSoFar`.
      if (remembered && remembered.writes === writesSoFar()) return remembered.value;
      dataVersionStatement ??= connection.prepare('PRAGMA data_version');
      const row = (dataVersionStatement.get as () => unknown).call(dataVersionStatement) as { data_version: number };
      remembered = { value: row.data_version, writes: writesSoFar() };
      setImmediate(() => (remembered = undefined));
      return row.data_version;
    },
    close() {
      connection.close();
      client.close();
    },
  };
}

/** A remote server's reader: its own client (own streams), so no read queues behind a write. */
export function clientReader(client: Client): Reader {
  const compile = compiler();
  return {
    db: drizzle({ client: client, schema: tables }),
    async prepared<Row>(built: SQL, values: Record<string, unknown>) {
      const query = compile(built);
      const result = await client.execute({ sql: query.sql, args: bind(query, values) as never });
      return result.rows as unknown as Row[];
    },
    close: () => client.close(),
  };
}
