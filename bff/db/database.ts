/**
 * Opens the libSQL database behind the BFF: an embedded file, or a remote libSQL server (Turso,
 * sqld) by URL and auth token. Everything that differs between the two is decided here, once:
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
  const writer = createWriter(writerClient, { kind: 'file' });
  const reader = fileReader(createClient({ url, timeout: busyTimeoutMs, concurrency: 4 }), path, busyTimeoutMs, () => writer.writes);
  return {
    kind: 'file',
    url,
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
    close() {
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

/** For tests: a client on the same database, outside the writer and the reader. */
export function rawClient(options: DatabaseOptions): Client {
  return createClient({ url: options.url, authToken: options.authToken });
}
