/**
 * Opens the libSQL database behind the BFF: an embedded file, or a remote libSQL server (Turso,
 * sqld) with an auth token.
 *
 * Why writes are serialized in-process: on a `file:` URL the driver is synchronous. If a write
 * began on another pooled connection while a transaction awaits between its statements, SQLite's
 * busy handler would block the event loop, the transaction could never commit, and the write would
 * fail after the busy timeout. So a process runs one write (a transaction, a batch or a single
 * writing statement) at a time, in arrival order; reads go straight to another connection, which
 * WAL lets proceed beside a writer. Across processes SQLite's own lock and the busy timeout decide.
 * (`transaction('write')` is `BEGIN IMMEDIATE`.)
 */
import { createClient, type Client, type Transaction, type TransactionMode } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';
import { clientReader, fileReader, type Reader } from './reader.js';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or a transaction: what a query helper needs. */
export type Queryable = Db | Tx;

export interface DatabaseOptions {
  url: string;
  authToken?: string | undefined;
  /** How long a statement waits for another process's write lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Pooled connections for a `file:` database (default 4); the purge uses 1, its own. */
  concurrency?: number;
}

export interface Database {
  db: Db;
  client: Client;
  /** Prepared-once reads for the hot path (see reader.ts). */
  reader: Reader;
  close(): void;
}

export function openDatabase({ url, authToken, busyTimeoutMs = 5000, concurrency = 4 }: DatabaseOptions): Database {
  const isFile = url.startsWith('file:');
  if (isFile) ensureParentDirectory(url);
  const raw = createClient({
    url,
    authToken,
    ...(isFile ? { timeout: busyTimeoutMs, concurrency } : {}),
  });
  const writes = { count: 0 };
  const client = serializeWrites(raw, () => writes.count++);
  const reader = isFile && !url.includes(':memory:') ? fileReader(url, busyTimeoutMs, () => writes.count) : clientReader(client);
  return {
    db: drizzle(client, { schema }),
    client,
    reader,
    close: () => {
      reader.close();
      raw.close();
    },
  };
}

/**
 * WAL lets several BFF processes share one file: readers never wait for the writer. The mode is
 * stored in the file, so setting it once at start is enough.
 */
export async function enableWriteAheadLog(client: Client): Promise<void> {
  await client.execute('PRAGMA journal_mode = WAL');
}

function ensureParentDirectory(url: string): void {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
  if (path === ':memory:' || path === '') return;
  mkdirSync(dirname(path), { recursive: true });
}

/** A FIFO lock: `run` calls `fn` once every earlier caller has finished. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => released);
    return acquired;
  }
}

/** Statements that only read; anything else (including `WITH … DELETE`) counts as a write. */
const readOnlyStatement = /^\s*(select|explain)\b/i;

function sqlOf(statement: unknown): string {
  if (typeof statement === 'string') return statement;
  if (Array.isArray(statement)) return String(statement[0]);
  return String((statement as { sql?: unknown } | null)?.sql ?? '');
}

/** SQLITE_BUSY (another process held the lock past the busy timeout), by the error's cause chain. */
export function isBusyError(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED')) return true;
  }
  return false;
}

/**
 * Why a busy error reconnects: when the native driver gives up on a lock, it leaves that statement
 * unfinished on its connection, which then keeps its lock and answers every later COMMIT with
 * "SQL statements in progress" (measured: the BFF stayed busy forever after one such failure). So
 * after SQLITE_BUSY the pool's connections are closed and reopened, while this process holds the
 * write lock, so no transaction of ours is cut off.
 */
function serializeWrites(client: Client, wrote: () => void): Client {
  const mutex = new Mutex();
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await mutex.acquire();
    try {
      return await work();
    } catch (error) {
      if (isBusyError(error)) await client.reconnect();
      throw error;
    } finally {
      wrote();
      release();
    }
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'execute') {
        return async (statement: Parameters<Client['execute']>[0], args?: never) => {
          if (!readOnlyStatement.test(sqlOf(statement))) return exclusive(() => target.execute(statement as never, args));
          try {
            return await target.execute(statement as never, args);
          } catch (error) {
            if (isBusyError(error)) await exclusive(async () => target.reconnect());
            throw error;
          }
        };
      }
      if (property === 'batch' || property === 'executeMultiple' || property === 'migrate') {
        const method = Reflect.get(target, property, receiver) as (...a: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => exclusive(() => method.apply(target, args));
      }
      if (property === 'transaction') {
        return async (mode?: TransactionMode): Promise<Transaction> => {
          const release = await mutex.acquire();
          try {
            return releaseOnSettle(await target.transaction(mode), async () => target.reconnect(), () => {
              wrote();
              release();
            });
          } catch (error) {
            if (isBusyError(error)) await target.reconnect();
            release();
            throw error;
          }
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Releases the write lock when the transaction ends, reconnecting first if a statement hit SQLITE_BUSY. */
function releaseOnSettle(tx: Transaction, reconnect: () => Promise<void>, release: () => void): Transaction {
  let released = false;
  let poisoned = false;
  const settle = async () => {
    if (released) return;
    released = true;
    try {
      if (poisoned) await reconnect();
    } finally {
      release();
    }
  };
  const watch = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (isBusyError(error)) poisoned = true;
      throw error;
    }
  };
  return new Proxy(tx, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'commit' || property === 'rollback') {
        return async () => {
          try {
            return await watch(() => value.call(target));
          } finally {
            await settle();
          }
        };
      }
      if (property === 'close') {
        return () => {
          try {
            value.call(target);
          } finally {
            void settle();
          }
        };
      }
      if (property === 'execute' || property === 'batch' || property === 'executeMultiple') {
        return (...args: unknown[]) => watch(() => value.apply(target, args));
      }
      return value.bind(target);
    },
  });
}
