/**
 * Opens the database behind the BFF: an embedded libSQL file, a remote libSQL server (Turso, sqld)
 * by URL and auth token, or PostgreSQL by `postgres://` URL or the host's own `pg` pool
 * (postgres.ts, loaded only then). Everything that differs between the libSQL two is decided
 * here, once:
 * - a file gets WAL (several processes share it), the busy timeout as SQLite's own, a prepared
 *   hot-path reader with `data_version`, and the purge's tuning PRAGMAs and WAL checkpoints;
 * - a remote server refuses those PRAGMAs (sqld: `SQL_PARSE_ERROR`), so none are sent; the busy
 *   timeout becomes the writer's deadline for the server's lock (writer.ts), and a stream a failed
 *   request leaves behind is closed at once (`writerFetch`).
 */
import { createClient, type Client } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientReader, fileReader, type Reader } from './reader.js';
import { createWriter, libsqlOf, type Writer } from './writer.js';

export type { Db, Tables, WriteTx } from './handle.js';

/**
 * node-postgres's `Pool` (`pg`), as much of it as the danger zone needs to know here: the host's
 * own. Described, not imported, so a host without `pg` needs no types of it.
 */
export interface PostgresPool {
  connect(): Promise<unknown>;
  query(...args: never[]): unknown;
  end(): Promise<void>;
  listenerCount(event: string): number;
}

export interface DatabaseOptions {
  /** `file:…`, `libsql://…`/`https://…` (a libSQL server), or `postgres://…`/`postgresql://…`. */
  url?: string | undefined;
  authToken?: string | undefined;
  /**
   * PostgreSQL through the host's own pool (the one its better-auth uses), or its drizzle
   * `node-postgres` instance: the danger zone's tables then live beside better-auth's. Never ended
   * by `close()`.
   */
  pool?: PostgresPool | { $client: PostgresPool } | undefined;
  /** How long a write waits for another process's lock before answering 503 `database_busy`. */
  busyTimeoutMs?: number | undefined;
  /** PostgreSQL: the longest one statement of ours may run before it is cancelled (503 `database_busy`). */
  statementTimeoutMs?: number | undefined;
}

export interface Database {
  kind: 'file' | 'remote' | 'postgres';
  /** Where it is, for messages (never with a password). */
  url: string;
  /** How it was opened. */
  options: DatabaseOptions;
  /**
   * Whether the purge runs in a worker thread with a connection of its own (libSQL: every query
   * of an embedded file blocks its thread). PostgreSQL's driver does not block, and a host's pool
   * cannot cross into a thread: its purge runs beside the requests.
   */
  purgeInWorker: boolean;
  writer: Writer;
  reader: Reader;
  /**
   * The purge's own connection: a 64 MB page cache keeps the indexes it walks in memory (a 1M-row
   * org slowed to a third of the speed of a 100k one without it); WAL checkpoints are taken between
   * batches (`checkpoint`) instead of inside whichever commit crosses the threshold; NORMAL sync is
   * what SQLite recommends with WAL. Nothing to tune on a remote server.
   */
  tuneForBulkDeletes(): Promise<void>;
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

const isFileUrl = (url: string) => url.startsWith('file:');
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const opened = { ...options, busyTimeoutMs, statementTimeoutMs };
  if (options.pool || (options.url && isPostgresUrl(options.url))) return { ...(await openPostgresDatabase(opened)), options: opened };
  if (!options.url) throw new Error('openDatabase: give a `url` (file:, libsql:, postgres:) or a PostgreSQL `pool`.');
  const database = isFileUrl(options.url) ? await openFile(options.url, busyTimeoutMs) : await openRemote(options.url, options.authToken, busyTimeoutMs);
  return { ...database, options: opened };
}

async function openPostgresDatabase(options: DatabaseOptions & { busyTimeoutMs: number; statementTimeoutMs: number }): Promise<Omit<Database, 'options'>> {
  // Loaded only now: `pg` is an optional peer dependency, needed by PostgreSQL hosts only.
  const { openPostgres } = await import('./postgres.js').catch((error: unknown) => {
    throw new Error('PostgreSQL needs the `pg` package: npm install pg', { cause: error });
  });
  const pool = options.pool && '$client' in options.pool ? options.pool.$client : options.pool;
  const engine = openPostgres({ url: options.url, pool, busyTimeoutMs: options.busyTimeoutMs, statementTimeoutMs: options.statementTimeoutMs });
  return {
    kind: 'postgres',
    url: options.url ? redactedUrl(options.url) : "postgres (the host's pool)",
    purgeInWorker: false,
    writer: engine.writer,
    reader: engine.reader,
    // Nothing to tune: a batch is one short transaction, VACUUM is the server's.
    tuneForBulkDeletes: async () => undefined,
    checkpoint: async () => undefined,
    close: () => engine.close(),
  };
}

/**
 * The URL without its secrets, for messages and logs: a password, and the `authToken` that
 * libSQL's client also takes from the query string (`libsql://db.example?authToken=…`).
 */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('authToken')) parsed.searchParams.set('authToken', '***');
    return parsed.toString();
  } catch {
    return `${url.split(':')[0]} (unparsable URL)`;
  }
}

async function openFile(url: string, busyTimeoutMs: number): Promise<Omit<Database, 'options'>> {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  // One connection: the writer's lock already allows one write at a time, and the purge's tuning
  // PRAGMAs then apply to everything it runs.
  const writerClient = createClient({ url, timeout: busyTimeoutMs, concurrency: 1 });
  // WAL lets several processes share the file and readers never wait for the writer; the mode
  // is stored in the file, so setting it once here is enough.
  await writerClient.execute('PRAGMA journal_mode = WAL');
  const writer = createWriter(writerClient, { kind: 'file' });
  const reader = fileReader(createClient({ url, timeout: busyTimeoutMs, concurrency: 4 }), path, busyTimeoutMs, () => writer.writes);
  return {
    kind: 'file',
    url,
    purgeInWorker: true,
    writer,
    reader,
    async tuneForBulkDeletes() {
      for (const pragma of ['PRAGMA cache_size = -65536', 'PRAGMA synchronous = NORMAL', 'PRAGMA wal_autocheckpoint = 0']) {
        await libsqlOf(writer.db).run(pragma);
      }
    },
    async checkpoint() {
      await libsqlOf(writer.db).run('PRAGMA wal_checkpoint(PASSIVE)');
    },
    async close() {
      reader.close();
      writerClient.close();
    },
  };
}

async function openRemote(url: string, authToken: string | undefined, busyTimeoutMs: number): Promise<Omit<Database, 'options'>> {
  const writerClient = createClient({ url, authToken, fetch: writerFetch });
  const writer = createWriter(writerClient, { kind: 'remote', lockDeadlineMs: busyTimeoutMs });
  const reader = clientReader(createClient({ url, authToken }));
  return {
    kind: 'remote',
    url: redactedUrl(url),
    purgeInWorker: true,
    writer,
    reader,
    tuneForBulkDeletes: async () => undefined,
    checkpoint: async () => undefined,
    async close() {
      reader.close();
      writerClient.close();
    },
  };
}

/**
 * The writer client's fetch. When a request on an open stream fails (the network, a 5xx), the
 * server may still hold that stream and with it a transaction and the write lock, until the stream
 * expires (sqld: 10 s) while every other writer queues behind it. So the stream is closed at once,
 * with the baton the failed request carried: closing a stream rolls its transaction back. (If the
 * server did use that baton, the close is refused and changes nothing.)
 */
const writerFetch: typeof globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  if (!/\/(pipeline|cursor)$/.test(request.url)) return globalThis.fetch(request);
  const body = await request.clone().text();
  try {
    const response = await globalThis.fetch(request);
    if (response.status >= 500) closeStream(request, body);
    return response;
  } catch (error) {
    closeStream(request, body);
    throw error;
  }
};

function closeStream(request: Request, body: string): void {
  let baton: unknown;
  try {
    baton = (JSON.parse(body) as { baton?: unknown }).baton;
  } catch {
    return;
  }
  if (typeof baton !== 'string') return;
  const headers = new Headers(request.headers);
  headers.set('content-type', 'application/json');
  void globalThis
    .fetch(request.url, { method: 'POST', headers, body: JSON.stringify({ baton, requests: [{ type: 'close' }] }) })
    .then((res) => res.body?.cancel())
    .catch(() => undefined);
}

/** For tests: a libSQL client on the same database, outside the writer and the reader. */
export function rawClient(options: DatabaseOptions): Client {
  return createClient({ url: options.url!, authToken: options.authToken });
}
