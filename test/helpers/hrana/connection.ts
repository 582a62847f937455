/**
 * One stream's SQLite connection (sqld opens one per stream), driven through the native `libsql`
 * driver with `busy_timeout` 0 so that no call ever waits inside SQLite: a busy database answers
 * SQLITE_BUSY at once and the caller decides how to wait (write-lock.ts).
 *
 * It runs one statement the way sqld's `Vm::execute_query` does (`connection/program.rs`): prepare,
 * bind with sqld's parameter rules (`query.rs` Params::bind), read every row, and report
 * `changes()` only for INSERT/UPDATE/DELETE and `last_insert_rowid()` only for INSERT.
 */
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import Database from 'libsql';
import type { SqlValue, StmtResult } from './protocol.js';
import {
  hranaErrorFromSqlite,
  isNativeSqliteError,
  isSyntaxError,
  parseErrorFromSyntax,
  primaryCode,
  SQLITE_BUSY,
  stmtError,
  type HranaError,
} from './sqld-errors.js';
import type { SqldStatement } from './sqld-rules.js';
import type { LockParticipant, WriteLockArbiter } from './write-lock.js';

export type StatementOutcome = { ok: true; result: StmtResult } | { ok: false; error: HranaError; busy: boolean };

export interface Arguments {
  positional: SqlValue[];
  named: { name: string; value: SqlValue }[];
}

interface NativeColumn {
  name: string;
  type: string | null;
}

interface NativeStatement {
  reader: boolean;
  columns(): NativeColumn[];
  raw(on: boolean): NativeStatement;
  safeIntegers(on: boolean): NativeStatement;
  all(values: unknown[]): unknown[];
  /** The first row or undefined; the driver resets the statement afterwards. */
  get(values: unknown[]): unknown;
  run(values: unknown[]): unknown;
}

interface NativeDatabase {
  inTransaction: boolean;
  prepare(sql: string): NativeStatement;
  exec(sql: string): void;
  close(): void;
}

export function openNativeDatabase(path: string): NativeDatabase {
  return new Database(path) as unknown as NativeDatabase;
}

/** query.rs Params::bind: the value for each parameter SQLite numbered, or why there is none. */
function bindValues(statement: SqldStatement, args: Arguments): SqlValue[] | string {
  const named = args.named.length > 0;
  const given = named ? args.named.length : args.positional.length;
  const { count, names } = statement.params;
  if (count < given) return `too many parameters, expected ${count} found ${given}`;
  const byName = new Map(args.named.map((a) => [a.name, a.value] as const));
  const position = (i: number) => (named ? undefined : args.positional[i - 1]);
  const values: SqlValue[] = [];
  for (let i = 1; i <= count; i++) {
    const name = names[i - 1] ?? null;
    let value: SqlValue | undefined;
    if (name === null) value = position(i);
    else if (name.startsWith('?')) value = position(Number(name.slice(1)));
    else value = named ? (byName.get(name) ?? byName.get(name.slice(1))) : undefined;
    if (value === undefined) {
      // sqld lets an EXPLAIN run with unbound parameters.
      if (statement.isExplain) return values;
      return `value for parameter ${name ?? i} not found`;
    }
    values.push(value);
  }
  return values;
}

/** Statements after which the connection holds a read transaction, when inside a transaction. */
const touchesDatabase = (s: SqldStatement) => s.kind === 'Read' || s.kind === 'Write' || s.kind === 'DDL' || s.takesWriteLock;

/** One statement's tries: retries reuse the prepared statement the busy try left behind. */
export interface Attempt {
  prepared?: NativeStatement;
  /** The prepared statement stopped on SQLITE_BUSY and was not run to its end since. */
  stuck?: boolean;
}

function unquote(text: string): string {
  const quote = text[0];
  if (quote === '[') return text.slice(1, -1);
  if (quote === '"' || quote === '`' || quote === "'")
    return text
      .slice(1, -1)
      .split(quote + quote)
      .join(quote);
  return text;
}

/**
 * CREATE … IF NOT EXISTS names an object that may exist already; then it is a no-op that takes
 * no write lock. Returns the object's schema, type and name, when the statement is one of those.
 */
function conditionalCreate(s: SqldStatement): { schema: string; type: string; name: string } | undefined {
  if (s.kind !== 'DDL') return undefined;
  const words = s.tokens.map((t) => (t.kind === 'word' ? t.text.toUpperCase() : ''));
  const at = words.findIndex((w, i) => w === 'IF' && words[i + 1] === 'NOT' && words[i + 2] === 'EXISTS');
  if (at < 0) return undefined;
  const type = words.slice(1, at).find((w) => ['TABLE', 'INDEX', 'TRIGGER', 'VIEW'].includes(w));
  const first = s.tokens[at + 3];
  if (!type || !first) return undefined;
  const qualified = s.tokens[at + 4]?.kind === 'dot' ? s.tokens[at + 5] : undefined;
  return {
    schema: qualified ? unquote(first.text) : 'main',
    type: type.toLowerCase(),
    name: unquote((qualified ?? first).text),
  };
}

function quietly(db: NativeDatabase, sql: string): void {
  try {
    db.exec(sql);
  } catch {
    // ROLLBACK outside a transaction, COMMIT of nothing: there was nothing to end.
  }
}

/*
 * Why statements are not simply prepared and run: a statement the native driver stops on
 * SQLITE_BUSY stays active inside SQLite until the same object runs again or is garbage
 * collected (the driver has no reset), and while it is active the connection's later writes are
 * never committed. So the write lock is taken first by statements that finalize themselves
 * (`exec`): `BEGIN IMMEDIATE` before a write outside a transaction (then COMMIT after it, which
 * is what autocommit does) and `exec` for BEGIN itself. Only a write inside a transaction that
 * does not hold the lock yet runs as it is; if it is stuck and the caller gives up, the
 * connection is replaced once its transaction is over (see `giveUp`).
 */
export class StreamConnection implements LockParticipant {
  #db: NativeDatabase;
  /**
   * Statements prepared on this connection, by SQL text (sqld keeps a statement cache per
   * connection too). A statement that failed is dropped from it: one stopped on SQLITE_BUSY stays
   * active and must never be run again from the cache.
   */
  #statements = new Map<string, NativeStatement>();
  /** A stream ran a PRAGMA that changes this connection: it is not handed to another stream. */
  #tainted = false;
  /** A given-up busy statement is still active: replace the connection when the transaction ends. */
  #stuck = false;
  /** A read transaction is open: SQLite will not wait for the write lock (see write-lock.ts). */
  readTxnOpen = false;
  /** A waiter stole this connection's lock; the next program fails with TRANSACTION_TIMEOUT. */
  forcedRollback = false;

  constructor(
    private readonly path: string,
    private readonly arbiter: WriteLockArbiter,
    /** What `PRAGMA busy_timeout` answers: sqld's connections say 100, ours wait outside SQLite. */
    private readonly busyTimeoutMs: number,
  ) {
    this.#db = StreamConnection.#open(path);
  }

  static #open(path: string): NativeDatabase {
    const db = openNativeDatabase(path);
    db.exec('PRAGMA busy_timeout = 0');
    // connection_core.rs sets `synchronous` from the durability mode, "relaxed" (NORMAL) by default.
    db.exec('PRAGMA synchronous = NORMAL');
    return db;
  }

  get inTransaction(): boolean {
    return this.#db.inTransaction;
  }

  forceRollback(): void {
    quietly(this.#db, 'ROLLBACK');
    this.readTxnOpen = false;
    this.forcedRollback = true;
    this.#replaceIfStuck();
  }

  /** Drops the connection; an open transaction is rolled back, as closing a SQLite connection does. */
  close(): void {
    // The native close leaves a "zombie" that keeps its locks while any statement object waits
    // for garbage collection, so roll back first: the lock must be free the moment we say so.
    if (this.#db.inTransaction) quietly(this.#db, 'ROLLBACK');
    this.arbiter.forget(this);
    this.#db.close();
  }

  /** The SQL_PARSE_ERROR sqld's own parser would give, or undefined when SQLite's parser agrees. */
  syntaxError(statement: { sql: string; start: number }, wholeSql: string): HranaError | undefined {
    if (this.#statements.has(statement.sql)) return undefined; // it prepared before: its syntax is fine
    try {
      this.#db.prepare(statement.sql);
    } catch (error) {
      if (isNativeSqliteError(error) && isSyntaxError(error)) return parseErrorFromSyntax(error, wholeSql, statement.start);
    }
    return undefined;
  }

  /** Runs one statement once; a busy database is reported, never waited for. */
  execute(statement: SqldStatement, args: Arguments, attempt: Attempt = {}): StatementOutcome {
    const started = performance.now();
    let prepared = attempt.prepared;
    if (!prepared) {
      try {
        // A PRAGMA is prepared afresh: what it does can depend on the connection's state when it runs.
        prepared = statement.pragma === undefined ? this.#prepare(statement.sql) : this.#db.prepare(statement.sql);
      } catch (error) {
        return this.#failure(error, statement, false);
      }
      attempt.prepared = prepared;
    }
    if (statement.pragma !== undefined && /=|\(/.test(statement.sql)) this.#tainted = true;
    const bound = bindValues(statement, args);
    if (typeof bound === 'string') return { ok: false, error: stmtError.argsInvalid(bound), busy: false };
    const values = bound.map((v) => (v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v));
    const cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type ?? null }));
    let rows: SqlValue[][] = [];
    const lockFirst = statement.takesWriteLock && statement.kind !== 'TxnBegin' && !this.#db.inTransaction && !this.#exists(conditionalCreate(statement));
    try {
      if (statement.kind === 'TxnBegin') this.#db.exec(statement.sql);
      else {
        if (lockFirst) this.#db.exec('BEGIN IMMEDIATE');
        attempt.stuck = true;
        if (prepared.reader) rows = prepared.raw(true).safeIntegers(true).all(values).map(toRow);
        else prepared.run(values);
        attempt.stuck = false;
      }
    } catch (error) {
      // Only a statement that ran into SQLITE_BUSY itself stays active; other errors end it.
      if (!(isNativeSqliteError(error) && primaryCode(error) === SQLITE_BUSY)) attempt.stuck = false;
      this.#statements.delete(statement.sql);
      if (lockFirst) quietly(this.#db, 'ROLLBACK');
      return this.#failure(error, statement, true);
    }
    if (statement.pragma === 'busy_timeout' && rows.length === 1) rows = [[BigInt(this.busyTimeoutMs)]];
    let affectedRowCount = 0;
    let lastInsertRowid: bigint | null = null;
    if (statement.isIud || statement.isInsert) {
      const [changes, rowid] = this.#prepare('SELECT changes(), last_insert_rowid()').raw(true).safeIntegers(true).all([])[0] as [bigint, bigint];
      if (statement.isIud) affectedRowCount = Number(changes);
      if (statement.isInsert) lastInsertRowid = rowid;
    }
    if (lockFirst && this.#db.inTransaction) {
      try {
        this.#db.exec('COMMIT');
      } catch (error) {
        // In autocommit the statement itself fails this way (a deferred foreign key, say).
        quietly(this.#db, 'ROLLBACK');
        return this.#failure(error, statement, true);
      }
    }
    this.#afterStatement(statement, true);
    return { ok: true, result: { cols, rows, affectedRowCount, lastInsertRowid, durationMs: performance.now() - started } };
  }

  #prepare(sql: string): NativeStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      if (this.#statements.size >= 64) this.#statements.delete(this.#statements.keys().next().value!);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Whether another stream may take this connection over (the server keeps a few idle ones, as
   * sqld reuses its connections): nothing open, nothing stuck, no PRAGMA of this stream left on it.
   */
  get reusable(): boolean {
    return !this.#db.inTransaction && !this.#stuck && !this.forcedRollback && !this.#tainted;
  }

  /** Whether a CREATE … IF NOT EXISTS finds its object (then it runs without taking the lock). */
  #exists(object: ReturnType<typeof conditionalCreate>): boolean {
    if (!object) return false;
    const schema = `"${object.schema.replace(/"/g, '""')}"`;
    try {
      // `get` resets the statement after its row, so nothing is left in progress.
      const query = this.#db.prepare(`SELECT 1 FROM ${schema}.sqlite_schema WHERE type = ? AND name = ? COLLATE NOCASE`);
      return query.get([object.type, object.name]) !== undefined;
    } catch {
      return false; // an unknown schema: let the statement itself fail
    }
  }

  /** The caller stops retrying a busy statement: it fails with SQLITE_BUSY as it is. */
  giveUp(attempt: Attempt): void {
    if (attempt.stuck) this.#stuck = true;
    this.#replaceIfStuck();
  }

  /** hrana `describe`: sqld prepares the text as it is, without its statement rules. */
  describe(sql: string): { cols: NativeColumn[] } | HranaError {
    try {
      return { cols: this.#db.prepare(sql).columns() };
    } catch (error) {
      if (!isNativeSqliteError(error)) throw error;
      return hranaErrorFromSqlite(error, sql, false);
    }
  }

  /**
   * Outside a transaction a stuck statement would keep every later write of this connection
   * uncommitted, so the stream gets a fresh connection (losing only per-connection PRAGMAs).
   */
  #replaceIfStuck(): void {
    if (!this.#stuck || this.#db.inTransaction) return;
    this.#db.close();
    this.#db = StreamConnection.#open(this.path);
    this.#statements = new Map();
    this.#stuck = false;
  }

  #failure(error: unknown, statement: SqldStatement, prepared: boolean): StatementOutcome {
    if (!isNativeSqliteError(error)) throw error;
    const busy = primaryCode(error) === SQLITE_BUSY;
    // A failed write inside a transaction may still hold the write lock it took.
    this.#afterStatement(statement, prepared && !busy);
    return { ok: false, error: hranaErrorFromSqlite(error, statement.sql, prepared), busy };
  }

  #afterStatement(statement: SqldStatement, ran: boolean): void {
    const inTransaction = this.#db.inTransaction;
    if (!inTransaction) this.readTxnOpen = false;
    else if (ran && touchesDatabase(statement)) this.readTxnOpen = true;
    this.arbiter.noteStatement(this, inTransaction, ran && statement.takesWriteLock);
    this.#replaceIfStuck();
  }
}

function toRow(row: unknown): SqlValue[] {
  return (row as unknown[]).map((value) => (Buffer.isBuffer(value) ? new Uint8Array(value) : (value as SqlValue)));
}
