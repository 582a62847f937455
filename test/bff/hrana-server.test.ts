/**
 * Our Hrana-over-HTTP test server, seen the way the BFF sees a remote libSQL server: real
 * `@libsql/client` over HTTP on 127.0.0.1 to a real libSQL file. Every expectation about an
 * error names sqld's code, because that is what `LibsqlError.code` carries to the BFF.
 * Waits are for answers and for the server's events, never for time to pass.
 */
import { createClient, type Client, type Config } from '@libsql/client';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLD_DEFAULTS, startHranaServer, type HranaServer, type HranaServerOptions } from '../helpers/hrana/server.js';

let dir: string;
let databases = 0;
const servers: HranaServer[] = [];
const clients: Client[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'odz-hrana-'));
});

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(servers.map((server) => server.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** A server over a fresh database file of its own. */
async function serve(options: Partial<HranaServerOptions> = {}): Promise<HranaServer> {
  const server = await startHranaServer({ path: join(dir, `db-${++databases}.sqlite`), ...options });
  servers.push(server);
  return server;
}

function connect(server: HranaServer, config: Partial<Config> = {}): Client {
  const client = createClient({ url: server.url, ...config });
  clients.push(client);
  return client;
}

/** The rejection a promise ends with, as the BFF would see it. */
async function failure(work: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await work;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a failure, got an answer');
}

async function count(client: Client, table = 't'): Promise<number> {
  const result = await client.execute(`SELECT count(*) AS n FROM ${table}`);
  return Number(result.rows[0]?.n);
}

/** One raw Hrana pipeline request, for what the client never sends on its own. */
async function pipeline(server: HranaServer, body: unknown, version = 2): Promise<Response> {
  return fetch(`${server.url}/v${version}/pipeline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const execute = (sql: string) => ({ type: 'execute', stmt: { sql } });

describe('what @libsql/client does over HTTP', () => {
  let server: HranaServer;
  let db: Client;
  beforeAll(async () => {
    server = await serve();
    db = connect(server, { intMode: 'bigint' });
    await db.execute('CREATE TABLE v (id INTEGER PRIMARY KEY, i INTEGER, f REAL, t TEXT, b BLOB, n TEXT)');
  });

  it('execute: every value type round-trips, with RETURNING, rowsAffected and lastInsertRowid', async () => {
    const big = 9_007_199_254_740_993n; // past Number.MAX_SAFE_INTEGER
    const inserted = await db.execute({
      sql: 'INSERT INTO v (i, f, t, b, n) VALUES (?, ?, ?, ?, ?) RETURNING id',
      args: [big, 1.5, 'héllo ☃', new Uint8Array([0, 1, 255]), null],
    });
    expect(inserted.columns).toEqual(['id']);
    expect(inserted.rows[0]?.id).toBe(1n);
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(1n);

    const read = await db.execute({ sql: 'SELECT i, f, t, b, n, typeof(i) AS ti, typeof(f) AS tf FROM v WHERE id = :id', args: { id: 1n } });
    expect(read.columns).toEqual(['i', 'f', 't', 'b', 'n', 'ti', 'tf']);
    expect(read.columnTypes).toEqual(['INTEGER', 'REAL', 'TEXT', 'BLOB', 'TEXT', '', '']);
    const row = read.rows[0];
    expect(row?.i).toBe(big);
    expect(row?.f).toBe(1.5);
    expect(row?.t).toBe('héllo ☃');
    expect([...new Uint8Array(row?.b as ArrayBuffer)]).toEqual([0, 1, 255]);
    expect(row?.n).toBeNull();
    expect([row?.ti, row?.tf]).toEqual(['integer', 'real']);
    // sqld reports changes() only for INSERT/UPDATE/DELETE and last_insert_rowid() only for INSERT.
    expect(read.rowsAffected).toBe(0);
    expect(read.lastInsertRowid).toBeUndefined();
    const updated = await db.execute("UPDATE v SET t = 'x'");
    expect([updated.rowsAffected, updated.lastInsertRowid]).toEqual([1, undefined]);
  });

  it('execute: a JavaScript number travels as a float, a bigint as an integer', async () => {
    const result = await db.execute({ sql: 'SELECT typeof(?) AS a, typeof(?) AS b', args: [2, 2n] });
    expect(result.rows[0]).toMatchObject({ a: 'real', b: 'integer' });
    const strings = connect(server, { intMode: 'string' });
    expect((await strings.execute('SELECT 9223372036854775807 AS m')).rows[0]?.m).toBe('9223372036854775807');
  });

  it("batch: 'write', 'deferred' and 'read' run in one transaction; a failing statement undoes the batch", async () => {
    await db.execute('CREATE TABLE b (x INTEGER UNIQUE)');
    const written = await db.batch(['INSERT INTO b VALUES (1)', 'INSERT INTO b VALUES (2)', 'SELECT count(*) AS n FROM b'], 'write');
    expect(written.map((r) => r.rowsAffected)).toEqual([1, 1, 0]);
    expect(written[2]?.rows[0]?.n).toBe(2n);
    expect((await db.batch(['INSERT INTO b VALUES (3)'], 'deferred'))[0]?.rowsAffected).toBe(1);
    expect((await db.batch(['SELECT count(*) AS n FROM b'], 'read'))[0]?.rows[0]?.n).toBe(3n);

    const broken = await failure(db.batch(['INSERT INTO b VALUES (4)', 'INSERT INTO b VALUES (1)'], 'write'));
    expect(broken.code).toBe('SQLITE_CONSTRAINT');
    expect(broken.message).toContain('UNIQUE constraint failed: b.x');
    expect(await count(db, 'b')).toBe(3);
  });

  it('transaction: execute and batch calls, then commit or rollback', async () => {
    await db.execute('CREATE TABLE tx (x)');
    const committed = await db.transaction('write');
    await committed.execute('INSERT INTO tx VALUES (1)');
    await committed.batch(['INSERT INTO tx VALUES (2)', 'INSERT INTO tx VALUES (3)']);
    expect((await committed.execute('SELECT count(*) AS n FROM tx')).rows[0]?.n).toBe(3n);
    await committed.commit();
    expect(await count(db, 'tx')).toBe(3);

    const rolledBack = await db.transaction('write');
    await rolledBack.execute('DELETE FROM tx');
    await rolledBack.rollback();
    expect(await count(db, 'tx')).toBe(3);
  });

  it('executeMultiple runs statements in order and stops at the first failure, keeping what ran', async () => {
    await db.executeMultiple('CREATE TABLE m (x); INSERT INTO m VALUES (1); INSERT INTO m VALUES (2);');
    expect(await count(db, 'm')).toBe(2);
    const stopped = await failure(db.executeMultiple('INSERT INTO m VALUES (3); INSERT INTO missing VALUES (1); INSERT INTO m VALUES (4);'));
    expect(stopped.code).toBe('SQLITE_UNKNOWN');
    expect(stopped.message).toContain('no such table: missing');
    expect(await count(db, 'm')).toBe(3);
  });

  it('migrate runs its statements with foreign keys off, in one transaction', async () => {
    await db.execute('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
    await db.migrate(['CREATE TABLE child (p INTEGER REFERENCES parent (id))', 'INSERT INTO child VALUES (42)']);
    expect(await count(db, 'child')).toBe(1);
  });

  it('a trigger body with its own semicolons is one statement', async () => {
    await db.executeMultiple(`
      CREATE TABLE audit (x);
      CREATE TRIGGER log AFTER INSERT ON m BEGIN
        INSERT INTO audit VALUES (CASE WHEN new.x > 0 THEN new.x END);
      END;
      INSERT INTO m VALUES (5);`);
    expect(await count(db, 'audit')).toBe(1);
  });
});

describe("sqld's statement rules", () => {
  let db: Client;
  beforeAll(async () => {
    db = connect(await serve());
    await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES t (id))');
  });

  // query_analysis.rs: pragmas that change a setting, and statements it has no kind for.
  it.each([
    'PRAGMA cache_size = -65536',
    'PRAGMA synchronous = NORMAL',
    'PRAGMA wal_autocheckpoint = 0',
    'PRAGMA wal_checkpoint(PASSIVE)',
    'PRAGMA journal_mode = WAL',
    'PRAGMA busy_timeout = 5000',
    'PRAGMA optimize',
    'PRAGMA no_such_pragma',
    'VACUUM',
    'ANALYZE',
    "ATTACH DATABASE 'other.db' AS other",
    'CREATE TEMP TABLE scratch (x)',
    'CREATE TEMPORARY VIEW v AS SELECT 1',
    'DELETE FROM _litestream_seq',
  ])('refuses %s with SQL_PARSE_ERROR', async (sql) => {
    const refused = await failure(db.execute(sql));
    expect(refused.code).toBe('SQL_PARSE_ERROR');
    expect(refused.message).toBe(`SQL_PARSE_ERROR: SQL string could not be parsed: unsupported statement: ${sql}`);
  });

  it('refuses a whole batch or sequence when one statement is refused, before running any of it', async () => {
    const batch = await failure(db.batch(['INSERT INTO t (id) VALUES (100)', 'PRAGMA synchronous = NORMAL'], 'write'));
    expect(batch.code).toBe('SQL_PARSE_ERROR');
    const sequence = await failure(db.executeMultiple('INSERT INTO t (id) VALUES (101); VACUUM;'));
    expect(sequence.code).toBe('SQL_PARSE_ERROR');
    expect(await count(db)).toBe(0);
  });

  it.each([
    ['PRAGMA foreign_keys', [[1]]],
    ['PRAGMA foreign_keys = ON', []],
    ['PRAGMA journal_mode', [['wal']]],
    ['PRAGMA synchronous', [[1]]],
    ['PRAGMA busy_timeout', [[SQLD_DEFAULTS.lockWaitTimeoutMs]]],
    ['PRAGMA user_version', [[0]]],
    [
      'PRAGMA main.table_info(t)',
      [
        [0, 'id', 'INTEGER', 0, null, 1],
        [1, 'parent', 'INTEGER', 0, null, 0],
      ],
    ],
    ['PRAGMA integrity_check', [['ok']]],
    ['EXPLAIN QUERY PLAN SELECT * FROM t WHERE id = 1', [[expect.any(Number), 0, 0, expect.stringContaining('t')]]],
    ['BEGIN', []],
  ])('runs %s', async (sql, rows) => {
    const result = await db.execute(sql);
    expect(result.rows.map((row) => Array.from({ length: row.length }, (_, i) => row[i]))).toEqual(rows);
  });

  it('runs BEGIN and COMMIT as plain statements on one stream', async () => {
    await db.executeMultiple('BEGIN; INSERT INTO t (id) VALUES (7); COMMIT;');
    expect(await count(db)).toBe(1);
    await db.execute('DELETE FROM t');
  });

  it('enforces foreign keys on every stream by default, and a PRAGMA on one stream stays there', async () => {
    await db.execute('PRAGMA foreign_keys = OFF');
    const orphan = await failure(db.execute('INSERT INTO t (id, parent) VALUES (1, 999)'));
    expect(orphan.code).toBe('SQLITE_CONSTRAINT');
    expect(orphan.message).toContain('FOREIGN KEY constraint failed');
    const tx = await db.transaction('write');
    expect((await tx.execute('PRAGMA foreign_keys')).rows[0]?.[0]).toBe(1);
    await tx.rollback();
  });

  it("answers SQLite's errors with sqld's codes", async () => {
    expect(await failure(db.execute('SELECT * FROM missing'))).toMatchObject({
      code: 'SQLITE_UNKNOWN',
      message: 'SQLITE_UNKNOWN: SQLite error: no such table: missing',
    });
    expect(await failure(db.execute('SELECT nope FROM t'))).toMatchObject({
      code: 'SQL_INPUT_ERROR',
      message: 'SQL_INPUT_ERROR: SQL input error: no such column: nope (at offset 7)',
    });
    expect(await failure(db.execute('SELECT * FRM t'))).toMatchObject({
      code: 'SQL_PARSE_ERROR',
      message: 'SQL_PARSE_ERROR: SQL string could not be parsed: syntax error around L1:13: `FRM`',
    });
    expect((await failure(db.execute('SELECT 1; SELECT 2'))).code).toBe('SQL_MANY_STATEMENTS');
    expect((await failure(db.execute('-- nothing'))).code).toBe('SQL_NO_STATEMENT');
    expect(await failure(db.execute({ sql: 'SELECT ?, ?', args: [1] }))).toMatchObject({
      code: 'ARGS_INVALID',
      message: 'ARGS_INVALID: Arguments do not match SQL parameters: value for parameter 2 not found',
    });
    expect((await failure(db.execute({ sql: 'SELECT :a', args: [1] }))).code).toBe('ARGS_INVALID');
    expect((await failure(db.execute('COMMIT'))).message).toBe('SQLITE_UNKNOWN: SQLite error: cannot commit - no transaction is active');
  });
});

describe('streams and batons', () => {
  it('hands out a new baton per response and refuses a used, forged or closed one', async () => {
    const server = await serve();
    const opened = (await (await pipeline(server, { baton: null, requests: [execute('SELECT 1')] })).json()) as { baton: string };
    const next = (await (await pipeline(server, { baton: opened.baton, requests: [execute('SELECT 2')] })).json()) as { baton: string };
    expect(next.baton).not.toBe(opened.baton);

    const reused = await pipeline(server, { baton: opened.baton, requests: [execute('SELECT 3')] });
    expect(reused.status).toBe(400);
    expect(reused.headers.get('content-type')).toBe('text/plain');
    expect(await reused.text()).toBe('Received a baton that has already been used');

    const forged = await pipeline(server, { baton: `${next.baton.slice(0, -2)}AA`, requests: [] });
    expect([forged.status, await forged.text()]).toEqual([400, 'Received an invalid baton']);

    const closed = (await (await pipeline(server, { baton: next.baton, requests: [{ type: 'close' }] })).json()) as { baton: string | null };
    expect(closed.baton).toBeNull();
    expect(await (await pipeline(server, { baton: next.baton, requests: [] })).text()).toBe('Received an invalid baton');
    expect(server.openStreams).toBe(0);
  });

  it("follows Hrana's batch rules: conditions on earlier steps, step_results and step_errors side by side", async () => {
    const server = await serve();
    await connect(server).execute('CREATE TABLE u (x UNIQUE)');
    const step = (sql: string, condition?: unknown) => ({ stmt: { sql }, ...(condition ? { condition } : {}) });
    const response = await pipeline(server, {
      baton: null,
      requests: [
        {
          type: 'batch',
          batch: {
            steps: [
              step('INSERT INTO u VALUES (1)'),
              step('INSERT INTO u VALUES (1)'),
              step('SELECT 2', { type: 'ok', step: 1 }),
              step('SELECT 3', { type: 'error', step: 1 }),
              step('SELECT 4', {
                type: 'and',
                conds: [
                  { type: 'ok', step: 0 },
                  { type: 'not', cond: { type: 'ok', step: 2 } },
                ],
              }),
            ],
          },
        },
        { type: 'close' },
      ],
    });
    const body = (await response.json()) as {
      baton: string | null;
      results: { type: string; response: { result: { step_results: unknown[]; step_errors: unknown[] } } }[];
    };
    const { step_results: results, step_errors: errors } = body.results[0]!.response.result;
    expect(results.map((r) => r !== null)).toEqual([true, false, false, true, true]);
    expect(errors).toEqual([null, { message: 'SQLite error: UNIQUE constraint failed: u.x', code: 'SQLITE_CONSTRAINT' }, null, null, null]);
    expect(body.baton).toBeNull();

    const forward = await pipeline(server, { baton: null, requests: [{ type: 'batch', batch: { steps: [step('SELECT 1', { type: 'ok', step: 0 })] } }] });
    expect([forward.status, await forward.text()]).toEqual([400, 'Invalid reference to step in a batch condition']);
  });

  it('speaks Hrana 3 on /v3 (get_autocommit, is_autocommit) and refuses it on /v2 as sqld does', async () => {
    const server = await serve();
    const v3 = await pipeline(server, { baton: null, requests: [execute('BEGIN'), { type: 'get_autocommit' }, { type: 'close' }] }, 3);
    const body = (await v3.json()) as { results: { response: { is_autocommit?: boolean } }[] };
    expect(body.results[1]?.response.is_autocommit).toBe(false);
    const v2 = await pipeline(server, { baton: null, requests: [{ type: 'get_autocommit' }] }, 2);
    expect([v2.status, await v2.text()]).toEqual([400, 'The `get_autocommit` request is only supported in protocol version hrana3 and higher']);
    expect((await fetch(`${server.url}/v2`)).status).toBe(200);
    expect((await fetch(`${server.url}/v3-protobuf`)).status).toBe(404);
  });

  it('expires an idle stream: its transaction is rolled back, its lock freed, its baton answers STREAM_EXPIRED', async () => {
    const server = await serve({ streamIdleTimeoutMs: 50 });
    const db = connect(server);
    await db.execute('CREATE TABLE t (x)');
    const idle = await db.transaction('write');
    const expiry = once(server.events, 'streamExpired');
    await idle.execute('INSERT INTO t VALUES (1)');
    await expiry;

    const expired = await failure(idle.execute('INSERT INTO t VALUES (2)'));
    expect(expired).toMatchObject({ code: 'STREAM_EXPIRED', message: 'STREAM_EXPIRED: The stream has expired due to inactivity' });
    // The expired transaction's lock is gone: a write goes through without waiting.
    await db.execute('INSERT INTO t VALUES (3)');
    expect(server.stats.lockWaits).toBe(0);
    expect((await db.execute('SELECT x FROM t')).rows.map((r) => r.x)).toEqual([3]);
  });
});

describe('the write lock', () => {
  it('answers reads at once while another stream holds the write lock', async () => {
    const server = await serve();
    const db = connect(server);
    await db.execute('CREATE TABLE t (x)');
    const writer = await db.transaction('write');
    await writer.execute('INSERT INTO t VALUES (1)');
    expect(await count(db)).toBe(0);
    await writer.commit();
    expect(server.stats.lockWaits).toBe(0);
  });

  it('answers reads at once while something outside holds the write lock', async () => {
    const server = await serve();
    const db = connect(server);
    await db.execute('CREATE TABLE t (x)');
    const held = server.holdWriteLock(60_000);
    expect(await count(db)).toBe(0);
    expect(server.stats.lockWaits).toBe(0);
    server.releaseWriteLock();
    await held;
  });

  it('runs a CREATE … IF NOT EXISTS that finds its table without the write lock, as SQLite does', async () => {
    const server = await serve({ lockWaitTimeoutMs: 20 });
    const db = connect(server);
    await db.execute('CREATE TABLE t (x)');
    const held = server.holdWriteLock(60_000);
    await db.execute('CREATE TABLE IF NOT EXISTS t (x)');
    expect((await failure(db.execute('CREATE TABLE IF NOT EXISTS u (x)'))).code).toBe('SQLITE_BUSY');
    server.releaseWriteLock();
    await held;
    await db.execute('CREATE TABLE IF NOT EXISTS u (x)');
    await db.execute('INSERT INTO u VALUES (1)');
    expect(await count(db, 'u')).toBe(1);
  });

  it('makes a write wait for the transaction holding the lock, and proceed when it commits', async () => {
    const server = await serve();
    const db = connect(server);
    await db.execute('CREATE TABLE t (x)');
    const holder = await db.transaction('write');
    await holder.execute("INSERT INTO t VALUES ('first')");
    const waiting = once(server.events, 'lockWait');
    const second = db.execute("INSERT INTO t VALUES ('second')");
    await waiting;
    expect(await count(db)).toBe(0);
    await holder.commit();
    await second;
    expect((await db.execute('SELECT x FROM t ORDER BY rowid')).rows.map((r) => r.x)).toEqual(['first', 'second']);
  });

  it('fails a write with SQLITE_BUSY once the lock-wait limit passes while something outside holds the lock', async () => {
    const server = await serve({ lockWaitTimeoutMs: 20 });
    const db = connect(server);
    await db.execute('CREATE TABLE t (x)');
    const held = server.holdWriteLock(60_000);
    expect(await failure(db.execute('INSERT INTO t VALUES (1)'))).toMatchObject({
      code: 'SQLITE_BUSY',
      message: 'SQLITE_BUSY: SQLite error: database is locked',
    });
    expect((await failure(db.batch(['INSERT INTO t VALUES (2)'], 'write'))).code).toBe('SQLITE_BUSY');
    expect(server.stats.busyErrors).toBe(2);
    server.releaseWriteLock();
    await held;
    await db.execute('INSERT INTO t VALUES (3)');
    expect(await count(db)).toBe(1);
  });

  it('lets a write waiting on an outside lock proceed as soon as the lock frees', async () => {
    const server = await serve({ lockWaitTimeoutMs: 60_000 });
    const db = connect(server);
    await db.execute('CREATE TABLE t (x)');
    const held = server.holdWriteLock(60_000);
    const waiting = once(server.events, 'lockWait');
    const write = db.execute('INSERT INTO t VALUES (1)');
    await waiting;
    server.releaseWriteLock();
    await Promise.all([held, write]);
    expect(await count(db)).toBe(1);
  });

  it('rolls back a transaction older than the transaction timeout when a writer waits; its next request gets TRANSACTION_TIMEOUT', async () => {
    const server = await serve({ transactionTimeoutMs: 50 });
    const db = connect(server);
    await db.execute('CREATE TABLE t (x)');
    const slow = await db.transaction('write');
    await slow.execute("INSERT INTO t VALUES ('slow')");
    await db.execute("INSERT INTO t VALUES ('waiter')");
    expect(server.stats.transactionTimeouts).toBe(1);

    const next = await failure(slow.execute('SELECT 1'));
    expect(next).toMatchObject({ code: 'TRANSACTION_TIMEOUT' });
    expect(next.message).toContain('Transaction timed out');
    expect((await failure(slow.commit())).code).toBe('SQLITE_UNKNOWN'); // nothing left to commit
    expect((await db.execute('SELECT x FROM t')).rows.map((r) => r.x)).toEqual(['waiter']);
  });

  it('fails at once, as SQLite does, a write that would upgrade a read transaction; the stream recovers', async () => {
    const server = await serve({ lockWaitTimeoutMs: 60_000 });
    const db = connect(server);
    await db.execute('CREATE TABLE t (x)');
    const held = server.holdWriteLock(60_000);
    const upgrade = await failure(db.batch(['SELECT count(*) FROM t', 'INSERT INTO t VALUES (1)'], 'deferred'));
    expect(upgrade.code).toBe('SQLITE_BUSY');
    const interactive = await db.transaction('deferred');
    await interactive.execute('SELECT count(*) FROM t');
    expect((await failure(interactive.execute('INSERT INTO t VALUES (2)'))).code).toBe('SQLITE_BUSY');
    await interactive.rollback();
    server.releaseWriteLock();
    await held;
    await db.batch(['SELECT count(*) FROM t', 'INSERT INTO t VALUES (3)'], 'deferred');
    expect((await db.execute('SELECT x FROM t')).rows.map((r) => r.x)).toEqual([3]);
  }, 10_000);

  it('abandons a waiting request whose client went away: nothing of it runs', async () => {
    const server = await serve({ lockWaitTimeoutMs: 60_000 });
    const db = connect(server);
    await db.execute('CREATE TABLE t (x)');
    const controller = new AbortController();
    const impatient = connect(server, { fetch: (request: Request) => fetch(request, { signal: controller.signal }) });
    const held = server.holdWriteLock(60_000);
    const waiting = once(server.events, 'lockWait');
    const abandoned = once(server.events, 'abandonedWait');
    const attempt = impatient.execute('INSERT INTO t VALUES (1)');
    await waiting;
    controller.abort();
    expect(await failure(attempt)).toBeDefined();
    await abandoned;
    server.releaseWriteLock();
    await held;
    expect(await count(db)).toBe(0);
    expect(server.stats.abandonedWaits).toBe(1);
  });
});

describe('auth token', () => {
  it('answers 401 like sqld without the right bearer token', async () => {
    const server = await serve({ authToken: 'secret-token' });
    const anonymous = await failure(connect(server).execute('SELECT 1'));
    expect(anonymous).toMatchObject({ code: 'SERVER_ERROR' });
    expect(anonymous.message).toContain('401');
    expect((await failure(connect(server, { authToken: 'wrong' }).execute('SELECT 1'))).message).toContain('401');
    const body = await (await pipeline(server, { baton: null, requests: [] })).json();
    expect(body).toEqual({ error: 'Unauthorized: `Expected authorization header but none given`' });
    expect((await connect(server, { authToken: 'secret-token' }).execute('SELECT 1 AS one')).rows[0]?.one).toBe(1);
  });
});

describe('instrumentation', () => {
  it('counts round trips: execute, batch, executeMultiple and migrate take one; a transaction with one batch then commit takes two', async () => {
    const server = await serve();
    const db = connect(server);
    await db.execute('CREATE TABLE t (x)');
    const trips = async (work: () => Promise<unknown>) => {
      server.resetStats();
      await work();
      return [server.stats.httpRequests, [...server.stats.perStream.values()]];
    };
    expect(await trips(() => db.execute('SELECT 1'))).toEqual([1, [1]]);
    expect(await trips(() => db.batch(['INSERT INTO t VALUES (1)', 'SELECT count(*) FROM t'], 'write'))).toEqual([1, [1]]);
    expect(await trips(() => db.executeMultiple('INSERT INTO t VALUES (2); INSERT INTO t VALUES (3);'))).toEqual([1, [1]]);
    expect(await trips(() => db.migrate(['INSERT INTO t VALUES (4)']))).toEqual([1, [1]]);
    const transaction = async () => {
      const tx = await db.transaction('write');
      await tx.batch(['INSERT INTO t VALUES (5)', 'INSERT INTO t VALUES (6)']);
      await tx.commit();
    };
    expect(await trips(transaction)).toEqual([2, [2]]);
    const withExecutes = async () => {
      const tx = await db.transaction('write');
      await tx.execute('INSERT INTO t VALUES (7)');
      await tx.execute('INSERT INTO t VALUES (8)');
      await tx.commit();
    };
    expect(await trips(withExecutes)).toEqual([3, [3]]);
  });

  it('adds the set latency to every response', async () => {
    const server = await serve();
    const db = connect(server);
    server.setLatency(40);
    const started = performance.now();
    await db.execute('SELECT 1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
    server.setLatency(0);
  });

  it('injects network faults the client sees as errors, and keeps serving', async () => {
    const server = await serve();
    const db = connect(server);
    await db.execute('CREATE TABLE t (x)');

    server.failNextRequests(1, 'network');
    expect(await failure(db.execute('INSERT INTO t VALUES (1)'))).toBeInstanceOf(Error);
    expect(await count(db)).toBe(0);

    // The request ran; only its answer was lost (the case retries and idempotency keys exist for).
    server.failNextRequests(1, 'lost-response');
    await failure(db.execute('INSERT INTO t VALUES (2)'));
    expect(await count(db)).toBe(1);

    server.failNextRequests(1, 'server-error');
    expect((await failure(db.execute('SELECT 1'))).code).toBe('SERVER_ERROR');
    expect(server.stats.faultsInjected).toBe(3);
    expect(await count(db)).toBe(1);
  });
});

it('runs as its own process and prints its URL', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/hrana/cli.ts', '--db', join(dir, 'cli.sqlite'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const url = /^hrana listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
    expect(url).toBeDefined();
    const db = createClient({ url: url as string });
    clients.push(db);
    expect((await db.execute('SELECT 41 + 1 AS answer')).rows[0]?.answer).toBe(42);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});
