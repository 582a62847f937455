/**
 * The writer: the one connection (file) or client (remote) through which this process writes.
 *
 * Everything sent through it runs one at a time, in arrival order. Why, for a file: the driver is
 * synchronous, so if a second write began on another connection while a transaction awaited
 * between its statements, SQLite's busy handler would block the event loop and that transaction
 * could never commit. For a remote server it changes nothing SQLite would not do anyway (one
 * writer at a time), and it keeps a process from queueing lock waits on the server. Reads go to
 * the reader (reader.ts), which never waits for the writer.
 *
 * A write transaction is `BEGIN IMMEDIATE`, and `tx` is a drizzle handle bound to it, whose
 * `tx.batch([...])` sends many statements in one round trip: the domain reads its facts in one
 * batch, writes in another and commits, three round trips on a remote server.
 */
import type { Client, InArgs, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as tables from './tables.js';
import { DatabaseBusyError, isSqliteBusy } from './busy.js';

export type Schema = typeof tables;
/** drizzle over a libSQL client (or over one transaction of it, whose `$client` is that transaction). */
export type Db = LibSQLDatabase<Schema> & { $client: Client };
/** A drizzle handle bound to one write transaction. */
export type WriteTx = Db;

export interface Writer {
  /** drizzle over the writer: better-auth's adapter, the migrations and single-statement writes. */
  readonly db: Db;
  /** `BEGIN IMMEDIATE`, `work`, then COMMIT, or ROLLBACK if `work` throws. */
  transaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T>;
  /** How many writes this process has finished: the reader's cache knows its own writes at once. */
  readonly writes: number;
}

/** A FIFO lock: `acquire` resolves once every earlier holder has released. */
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

export interface WriterOptions {
  kind: 'file' | 'remote';
  /** How long a write waits for another process's lock before `DatabaseBusyError` (remote: see `lockWait`). */
  busyTimeoutMs: number;
  /**
   * Remote only: arms a deadline on the next request the client sends (the one that waits for the
   * server's lock). sqld has no lock-wait setting a client can send, so the request is aborted
   * instead; the server drops a request whose client went away before it ran.
   */
  lockWait?: LockWait;
}

export interface LockWait {
  arm(): void;
  disarm(): void;
}

export function createWriter(client: Client, options: WriterOptions): Writer {
  const serialized = new SerializedClient(client, options);
  const db = drizzle({ client: serialized, schema: tables });
  return {
    db,
    get writes() {
      return serialized.writes;
    },
    async transaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
      const tx = await serialized.transaction('write');
      try {
        const result = await work(drizzle({ client: tx as unknown as Client, schema: tables }));
        await tx.commit();
        return result;
      } catch (error) {
        await tx.rollback().catch(() => undefined);
        throw error;
      } finally {
        tx.close();
      }
    },
  };
}

/**
 * A libSQL client whose every operation holds the writer's lock: plain statements and batches
 * while they run, a transaction from BEGIN until it commits, rolls back or closes. Nothing here
 * looks at the SQL: whatever goes through the writer is serialized.
 */
class SerializedClient implements Client {
  readonly #client: Client;
  readonly #mutex = new Mutex();
  readonly #options: WriterOptions;
  writes = 0;

  constructor(client: Client, options: WriterOptions) {
    this.#client = client;
    this.#options = options;
  }

  get closed() {
    return this.#client.closed;
  }

  get protocol() {
    return this.#client.protocol;
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const statement: InStatement = typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt;
    return this.#exclusive(() => this.#client.execute(statement));
  }

  /** A batch is one transaction; through the writer it defaults to `write` (BEGIN IMMEDIATE). */
  batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'write'): Promise<ResultSet[]> {
    return this.#exclusive(() => this.#client.batch(stmts, mode));
  }

  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#exclusive(() => this.#client.migrate(stmts));
  }

  executeMultiple(sql: string): Promise<void> {
    return this.#exclusive(() => this.#client.executeMultiple(sql));
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const release = await this.#mutex.acquire();
    try {
      const tx = await this.#client.transaction(mode);
      return new SerializedTransaction(tx, this.#options.lockWait, async (failedBusy) => {
        try {
          if (failedBusy) await this.#recover();
        } finally {
          this.writes++;
          release();
        }
      });
    } catch (error) {
      if (isSqliteBusy(error)) await this.#recover();
      release();
      throw this.#translate(error);
    }
  }

  sync(): never {
    throw new Error('sync() is not used by the danger zone');
  }

  close(): void {
    this.#client.close();
  }

  reconnect(): void {
    void this.#client.reconnect();
  }

  async #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.#mutex.acquire();
    this.#options.lockWait?.arm();
    try {
      return await work();
    } catch (error) {
      if (isSqliteBusy(error)) await this.#recover();
      throw this.#translate(error);
    } finally {
      this.#options.lockWait?.disarm();
      this.writes++;
      release();
    }
  }

  /**
   * Why a busy error reconnects a file: when the native driver gives up on a lock it leaves that
   * statement unfinished on its connection, which then keeps its lock and answers every later
   * COMMIT with "SQL statements in progress" (measured: the BFF stayed busy forever after one such
   * failure). The pool is reopened while this process holds the writer's lock, so no transaction
   * of ours is cut off. A remote client has nothing to reopen: the server ends the stream.
   */
  async #recover(): Promise<void> {
    if (this.#options.kind === 'file') await this.#client.reconnect();
  }

  #translate(error: unknown): unknown {
    return isSqliteBusy(error) ? new DatabaseBusyError(undefined, { cause: error }) : error;
  }
}

/** A transaction that releases the writer when it ends, and remembers whether it met SQLITE_BUSY. */
class SerializedTransaction implements Transaction {
  readonly #tx: Transaction;
  readonly #lockWait: LockWait | undefined;
  readonly #end: (failedBusy: boolean) => Promise<void>;
  #started = false;
  #ended = false;
  #failedBusy = false;

  constructor(tx: Transaction, lockWait: LockWait | undefined, end: (failedBusy: boolean) => Promise<void>) {
    this.#tx = tx;
    this.#lockWait = lockWait;
    this.#end = end;
  }

  get closed() {
    return this.#tx.closed;
  }

  execute(stmt: InStatement): Promise<ResultSet> {
    return this.#watch(() => this.#tx.execute(stmt));
  }

  batch(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#watch(() => this.#tx.batch(stmts));
  }

  executeMultiple(sql: string): Promise<void> {
    return this.#watch(() => this.#tx.executeMultiple(sql));
  }

  async commit(): Promise<void> {
    try {
      await this.#watch(() => this.#tx.commit());
    } finally {
      await this.#finish();
    }
  }

  async rollback(): Promise<void> {
    try {
      await this.#tx.rollback();
    } finally {
      await this.#finish();
    }
  }

  close(): void {
    try {
      this.#tx.close();
    } finally {
      void this.#finish();
    }
  }

  /** The first request of a transaction carries BEGIN IMMEDIATE: that one waits for the lock. */
  async #watch<T>(work: () => Promise<T>): Promise<T> {
    const first = !this.#started;
    this.#started = true;
    if (first) this.#lockWait?.arm();
    try {
      return await work();
    } catch (error) {
      if (isSqliteBusy(error)) {
        this.#failedBusy = true;
        throw new DatabaseBusyError(undefined, { cause: error });
      }
      throw error;
    } finally {
      if (first) this.#lockWait?.disarm();
    }
  }

  async #finish(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    await this.#end(this.#failedBusy);
  }
}
