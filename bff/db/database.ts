/**
 * Opens the libSQL database behind the BFF: an embedded file, or a remote libSQL server (Turso,
 * sqld) by URL and auth token. Everything that differs between the two is decided here, once:
 * - a file gets WAL (several processes share it), the busy timeout as SQLite's own, a prepared
 *   hot-path reader with `data_version`, and the purge's tuning PRAGMAs and WAL checkpoints;
 * - a remote server refuses those PRAGMAs (sqld: `SQL_PARSE_ERROR`), so none are sent; the busy
 *   timeout becomes a deadline on the request that waits for the server's lock.
 */
import { createClient, type Client } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientReader, fileReader, type Reader } from './reader.js';
import { createWriter, type LockWait, type Writer } from './writer.js';

export type { Db, WriteTx } from './writer.js';

export interface DatabaseOptions {
  url: string;
  authToken?: string | undefined;
  /** How long a write waits for another process's lock before answering 503 `database_busy`. */
  busyTimeoutMs?: number | undefined;
}

export interface Database {
  kind: 'file' | 'remote';
  url: string;
  /** How it was opened: a worker thread opens its own connection with these. */
  options: DatabaseOptions;
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
  close(): void;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

const isFileUrl = (url: string) => url.startsWith('file:');

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const database = isFileUrl(options.url) ? await openFile(options.url, busyTimeoutMs) : await openRemote(options.url, options.authToken, busyTimeoutMs);
  return { ...database, options: { ...options, busyTimeoutMs } };
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
  const writer = createWriter(writerClient, { kind: 'file', busyTimeoutMs });
  const reader = fileReader(createClient({ url, timeout: busyTimeoutMs, concurrency: 4 }), path, busyTimeoutMs, () => writer.writes);
  return {
    kind: 'file',
    url,
    writer,
    reader,
    async tuneForBulkDeletes() {
      for (const pragma of ['PRAGMA cache_size = -65536', 'PRAGMA synchronous = NORMAL', 'PRAGMA wal_autocheckpoint = 0']) {
        await writer.db.run(pragma);
      }
    },
    async checkpoint() {
      await writer.db.run('PRAGMA wal_checkpoint(PASSIVE)');
    },
    close() {
      reader.close();
      writerClient.close();
    },
  };
}

async function openRemote(url: string, authToken: string | undefined, busyTimeoutMs: number): Promise<Omit<Database, 'options'>> {
  const { fetch, lockWait } = lockWaitFetch(busyTimeoutMs);
  const writerClient = createClient({ url, authToken, fetch });
  const writer = createWriter(writerClient, { kind: 'remote', busyTimeoutMs, lockWait });
  const reader = clientReader(createClient({ url, authToken }));
  return {
    kind: 'remote',
    url,
    writer,
    reader,
    tuneForBulkDeletes: async () => undefined,
    checkpoint: async () => undefined,
    close() {
      reader.close();
      writerClient.close();
    },
  };
}

/**
 * A fetch for the writer's client that puts a deadline on the one request the writer arms: the
 * request that carries BEGIN IMMEDIATE (or a write batch) and so waits for the server's lock.
 * Later requests of a transaction hold the lock already and are not cut off, so a COMMIT is never
 * abandoned halfway.
 */
function lockWaitFetch(timeoutMs: number): { fetch: typeof globalThis.fetch; lockWait: LockWait } {
  let armed = false;
  const isStatementRequest = (url: string) => /\/(pipeline|cursor)$/.test(url);
  return {
    lockWait: { arm: () => (armed = true), disarm: () => (armed = false) },
    fetch: (input, init) => {
      const request = new Request(input, init);
      if (!armed || !isStatementRequest(request.url)) return globalThis.fetch(request);
      armed = false;
      return globalThis.fetch(new Request(request, { signal: AbortSignal.timeout(timeoutMs) }));
    },
  };
}

/** For tests: a client on the same database, outside the writer and the reader. */
export function rawClient(options: DatabaseOptions): Client {
  return createClient({ url: options.url, authToken: options.authToken });
}
