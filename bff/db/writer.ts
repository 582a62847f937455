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
 * A write transaction is `BEGIN IMMEDIATE`, and `tx` is a drizzle handle bound to it, through which
 * `readBatch` and `runBatch` send many statements in one round trip: the domain reads its facts in
 * one batch, writes in another and commits, three round trips on a remote server.
 */
import type { Client, InArgs, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as tables from './tables.js';
import type { Results, Statement } from './batch.js';
import { DatabaseBusyError, isSqliteBusy } from './busy.js';
import type { Db, Tables, WriteTx } from './handle.js';

/** drizzle over a libSQL client (or over one transaction of it, whose `$client` is that transaction): `db/` only. */
export type LibsqlDb = LibSQLDatabase<Tables> & { $client: Client };

/** The libSQL drizzle behind a handle, for what only `db/` may call (`all`, `run`, `batch`, the client). */
export function libsqlOf(db: Db): LibsqlDb {
  return db as unknown as LibsqlDb;
}

export interface TransactionOptions {
  /**
   * The org this transaction decides about. Every write transaction of ours about one org runs
   * after the one before it has committed, and reads what that one wrote: on libSQL because
   * `BEGIN IMMEDIATE` serializes every write; on PostgreSQL by locking the org's row first.
   */
  org?: string | undefined;
}

export interface Writer {
  /** drizzle over the writer: single-statement writes (each its own transaction), better-auth's adapter. */
  readonly db: Db;
  /** Begins a write transaction, runs `work`, then COMMIT, or ROLLBACK if `work` throws. */
  transaction<T>(work: (tx: WriteTx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * The statements `build` makes, run together as one transaction of their own: one round trip on
   * a remote libSQL server. Their results in order (rows for `returning`).
   */
  batch<const T extends readonly Statement[]>(build: (tx: WriteTx) => T): Promise<Results<T>>;
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
  /**
   * Remote only: how long a write may wait for the server's lock before the caller is answered
   * `DatabaseBusyError`. A file has SQLite's own busy timeout for this.
   *
   * sqld has no lock-wait setting a client can send, and aborting the HTTP request does not stop it
   * (the server learns of it only when the connection closes, and may meanwhile hand our stream the
   * lock). So the request is not aborted: the caller is answered at the deadline, the request is
   * left to finish, and a transaction it began is then rolled back and its stream closed, before
   * this process's next write starts. The lock is never left with a stream nobody drives.
   */
  lockDeadlineMs?: number | undefined;
}

export function createWriter(client: Client, options: WriterOptions): Writer {
  const serialized = new SerializedClient(client, options);
  const db: LibsqlDb = drizzle({ client: serialized, schema: tables });
  return {
    db,
    get writes() {
      return serialized.writes;
    },
    async transaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
      const tx = await serialized.transaction('write');
      try {
        const result = await work(drizzle({ client: tx as unknown as Client, schema: tables }) as unknown as WriteTx);
        await tx.commit();
        return result;
      } catch (error) {
        await tx.rollback().catch(() => undefined);
        throw error;
      } finally {
        tx.close();
      }
    },
    async batch<const T extends readonly Statement[]>(build: (tx: WriteTx) => T): Promise<Results<T>> {
      // A libSQL batch is a transaction of its own (through the writer: BEGIN IMMEDIATE).
      const statements = build(db as unknown as WriteTx);
      if (statements.length === 0) return [] as Results<T>;
      return (await db.batch(statements as unknown as [Statement, ...Statement[]])) as Results<T>;
    },
  };
}

/** The caller's answer when the lock deadline passed (the work itself goes on, see withDeadline). */
class LockDeadlinePassed extends DatabaseBusyError {}

/**
 * Races `work` against the lock deadline. Past the deadline the caller gets `DatabaseBusyError`
 * while `work` goes on; `whenSettled` runs once it has (to clean up and let the next write in).
 */
function withDeadline<T>(
  deadlineMs: number | undefined,
  work: Promise<T>,
  whenSettled: (outcome: { ok: true; value: T } | { ok: false }) => Promise<void>,
): Promise<T> {
  if (deadlineMs === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new LockDeadlinePassed('The database stayed locked past DATABASE_BUSY_TIMEOUT_MS.'));
    }, deadlineMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        if (late) void whenSettled({ ok: true, value });
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (late) void whenSettled({ ok: false });
        else reject(error);
      },
    );
  });
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
      return new SerializedTransaction(tx, this.#options.lockDeadlineMs, async (failedBusy) => {
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
    const done = () => {
      this.writes++;
      release();
    };
    try {
      // Past the deadline the caller is answered; the statement still finishes before the next write.
      const result = await withDeadline(this.#options.lockDeadlineMs, work(), async () => done());
      done();
      return result;
    } catch (error) {
      if (error instanceof LockDeadlinePassed) throw error; // `done` runs once the statement settles
      if (isSqliteBusy(error)) await this.#recover();
      done();
      throw this.#translate(error);
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
  readonly #deadlineMs: number | undefined;
  readonly #end: (failedBusy: boolean) => Promise<void>;
  #started = false;
  #ended = false;
  #failedBusy = false;
  /** The first request outlived the deadline: its stream is rolled back and closed once it settles. */
  #abandoned = false;

  constructor(tx: Transaction, deadlineMs: number | undefined, end: (failedBusy: boolean) => Promise<void>) {
    this.#tx = tx;
    this.#deadlineMs = deadlineMs;
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
    if (this.#abandoned) return;
    try {
      await this.#tx.rollback();
    } finally {
      await this.#finish();
    }
  }

  close(): void {
    if (this.#abandoned) return;
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
    try {
      if (!first) return await work();
      return await withDeadline(this.#deadlineMs, work(), async () => {
        // Late: the transaction began after the caller was answered. End it, then let the next write in.
        await this.#tx.rollback().catch(() => undefined);
        this.#tx.close();
        this.#abandoned = false;
        await this.#finish();
      });
    } catch (error) {
      if (error instanceof LockDeadlinePassed) {
        this.#abandoned = true;
        throw error;
      }
      if (isSqliteBusy(error)) {
        this.#failedBusy = true;
        throw new DatabaseBusyError(undefined, { cause: error });
      }
      throw error;
    }
  }

  async #finish(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    await this.#end(this.#failedBusy);
  }
}
