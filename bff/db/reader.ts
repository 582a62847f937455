/**
 * The hot path's reads: one query per state request, prepared once and kept.
 *
 * Why a second connection on the raw driver: @libsql/client prepares every statement again on
 * every call, and for the state query (one statement with a dozen subqueries) preparing cost ~10×
 * running it (measured: 0.47 ms against ~0.05 ms; the state endpoint reached 2% of a bare Hono
 * route's throughput). For an embedded file, a raw `libsql` connection with a statement cache
 * runs it prepared; a remote database (Turso, sqld) goes through the client as before. Reads see
 * every committed write (WAL; each statement is its own read transaction).
 */
import type { Client } from '@libsql/client';
import { Placeholder, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import Database from 'libsql';
import { fileURLToPath } from 'node:url';

/** A query built once, with `sql.placeholder(name)` where the values go. */
export interface CompiledQuery {
  sql: string;
  params: unknown[];
}

export interface Reader {
  all<Row>(query: CompiledQuery, values: Record<string, unknown>): Promise<Row[]>;
  /**
   * SQLite's `PRAGMA data_version` on this connection: it changes whenever any other connection
   * (this process's writer, another process) commits. Equal values mean nothing changed, so a
   * result read under the same value is still current. Undefined where it cannot be known.
   */
  dataVersion?(): number;
  close(): void;
}

const dialect = new SQLiteSyncDialect();

export function compile(query: SQL): CompiledQuery {
  const { sql, params } = dialect.sqlToQuery(query);
  return { sql, params };
}

function bind(query: CompiledQuery, values: Record<string, unknown>): unknown[] {
  return query.params.map((p) => (p instanceof Placeholder ? values[p.name as string] : p));
}

/**
 * `writesSoFar` counts this process's committed writes: a change made here invalidates the
 * remembered data_version at once, without asking SQLite.
 */
export function fileReader(url: string, busyTimeoutMs: number, writesSoFar: () => number = () => 0): Reader {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
  // The native driver takes the busy timeout in milliseconds, as @libsql/client passes it.
  const connection = new Database(path, { timeout: busyTimeoutMs } as never);
  const statements = new Map<string, ReturnType<typeof connection.prepare>>();
  let dataVersion: ReturnType<typeof connection.prepare> | undefined;
  let remembered: { value: number; writes: number } | undefined;
  return {
    async all<Row>(query: CompiledQuery, values: Record<string, unknown>) {
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
      dataVersion ??= connection.prepare('PRAGMA data_version');
      const value = ((dataVersion.get as (...params: unknown[]) => unknown).call(dataVersion) as { data_version: number }).data_version;
      remembered = { value, writes: writesSoFar() };
      setImmediate(() => (remembered = undefined));
      return value;
    },
    close: () => connection.close(),
  };
}

export function clientReader(client: Client): Reader {
  return {
    async all<Row>(query: CompiledQuery, values: Record<string, unknown>) {
      const result = await client.execute({ sql: query.sql, args: bind(query, values) as never });
      return result.rows as unknown as Row[];
    },
    close: () => undefined,
  };
}
