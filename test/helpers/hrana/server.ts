/**
 * Our own Hrana-over-HTTP server for tests: a libSQL file behind the HTTP endpoints
 * `@libsql/client` 0.18 uses, with sqld's rules (streams, batons and their expiry, statement rules,
 * lock waiting, transaction timeout, error shapes, bearer-token auth), so the BFF's suites can run
 * against a remote `DATABASE_URL` without a sqld binary. The rules and where sqld states them are
 * described in the modules beside this one.
 *
 * For tests and benchmarks it also counts HTTP requests (client round trips), overall and per
 * stream, adds latency to every response, holds SQLite's write lock from outside, and injects
 * network faults.
 *
 * Endpoints (`libsql-server/src/http/user/mod.rs`): GET `/v2` and `/v3` (version probes),
 * POST `/v2/pipeline` and `/v3/pipeline` (JSON), GET `/health`, GET `/version`. Not served:
 * `/v3/cursor` and the Protobuf endpoints (`/v3-protobuf…`), which 0.18's HTTP client never calls
 * (it pins Hrana 2 over JSON); a client that probes `/v3-protobuf` gets 404 and falls back to v2.
 */
import { Buffer } from 'node:buffer';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openNativeDatabase, StreamConnection } from './connection.js';
import { handlePipeline } from './pipeline.js';
import { decodePipelineRequest, encodePipelineResponse } from './protocol.js';
import { isNativeSqliteError, primaryCode, ProtocolError, SQLITE_BUSY, SqldHttpError, StreamExpiredError } from './sqld-errors.js';
import { StreamRegistry } from './streams.js';
import { AbortedWaitError, WriteLockArbiter } from './write-lock.js';

/** sqld's defaults, and where sqld sets them. */
export const SQLD_DEFAULTS = {
  /** `EXPIRATION` in hrana/http/stream.rs: an idle stream expires after 10 s. */
  streamIdleTimeoutMs: 10_000,
  /** `CLEANUP` in hrana/http/stream.rs: an expired stream's baton says STREAM_EXPIRED for 300 s. */
  expiredStreamMemoryMs: 300_000,
  /** libsql-sys/src/connection.rs opens every connection with `busy_timeout` 100 ms. */
  lockWaitTimeoutMs: 100,
  /** `TXN_TIMEOUT` in connection/mod.rs: 5 s before a waiter may steal a transaction's lock. */
  transactionTimeoutMs: 5_000,
} as const;

export interface HranaServerOptions {
  /** The SQLite file; created when missing, switched to WAL. */
  path: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** When set, pipeline requests need `Authorization: Bearer <authToken>` (else 401, like sqld). */
  authToken?: string;
  streamIdleTimeoutMs?: number;
  expiredStreamMemoryMs?: number;
  lockWaitTimeoutMs?: number;
  transactionTimeoutMs?: number;
  /** Added to every response, as `setLatency` does. */
  latencyMs?: number;
}

export interface HranaStats {
  /** Every HTTP request received: each is one client round trip. */
  httpRequests: number;
  pipelineRequests: number;
  streamsOpened: number;
  /** Pipeline requests per stream, by the stream's serial number (1, 2, … in opening order). */
  perStream: Map<number, number>;
  /** Statements that met a locked database (and waited, unless SQLite's rules say fail at once). */
  lockWaits: number;
  /** Statements that failed with SQLITE_BUSY after the wait. */
  busyErrors: number;
  /** Transactions rolled back because a waiter stole their lock (TRANSACTION_TIMEOUT). */
  transactionTimeouts: number;
  streamsExpired: number;
  /** Requests whose client went away while they waited for the lock; nothing of them ran on. */
  abandonedWaits: number;
  faultsInjected: number;
}

/**
 * - `network`: the connection is reset as soon as the request arrives; nothing runs.
 * - `lost-response`: the request runs, then the connection is reset instead of answering.
 * - `server-error`: 500 with sqld's `{"error": …}` body; nothing runs.
 */
export type FaultKind = 'network' | 'lost-response' | 'server-error';

export interface HranaServerEvents {
  request: [path: string];
  lockWait: [];
  busyError: [];
  transactionTimeout: [];
  streamExpired: [serial: number];
  abandonedWait: [];
  writeLockHeld: [];
  writeLockReleased: [];
}

export interface HranaServer {
  /** `http://127.0.0.1:<port>`: usable as DATABASE_URL for `@libsql/client`. */
  readonly url: string;
  readonly options: Readonly<Required<Omit<HranaServerOptions, 'authToken'>>> & { authToken?: string };
  readonly stats: HranaStats;
  /** Emits what happens inside, so tests wait for it instead of for time. */
  readonly events: EventEmitter<HranaServerEvents>;
  resetStats(): void;
  /** Delay added to every HTTP response from now on (a simulated round-trip time). */
  setLatency(ms: number): void;
  /**
   * Takes SQLite's write lock from a connection of its own (`BEGIN IMMEDIATE`) and commits after
   * `ms`, without blocking the event loop. When the lock is free it is taken before this returns;
   * otherwise as soon as it frees. Resolves once the lock is released again.
   */
  holdWriteLock(ms: number): Promise<void>;
  /** Releases every lock `holdWriteLock` holds, now. */
  releaseWriteLock(): void;
  /** The next `n` HTTP requests fail the way `kind` says. */
  failNextRequests(n: number, kind: FaultKind): void;
  /** Streams currently open (not closed, not expired). */
  readonly openStreams: number;
  close(): Promise<void>;
}

const emptyStats = (): HranaStats => ({
  httpRequests: 0,
  pipelineRequests: 0,
  streamsOpened: 0,
  perStream: new Map(),
  lockWaits: 0,
  busyErrors: 0,
  transactionTimeouts: 0,
  streamsExpired: 0,
  abandonedWaits: 0,
  faultsInjected: 0,
});

// hrana/http/mod.rs handle_index
const INDEX_TEXT = 'Hello, this is HTTP API v2 (Hrana over HTTP)';

/** auth/user_auth_strategies/jwt.rs: the AuthError sqld's bearer-token check gives, if any. */
function authError(header: string | undefined, token: string): string | undefined {
  if (header === undefined) return 'Expected authorization header but none given';
  const space = header.indexOf(' ');
  if (space < 0) return "Auth string does not conform to '<scheme> <token>' form";
  if (header.slice(0, space).toLowerCase() !== 'bearer') {
    return 'The authentication scheme in the `Authorization` HTTP header is not supported';
  }
  return header.slice(space + 1) === token ? undefined : 'The JWT is invalid';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('The client went away before sending its whole request'));
    });
  });
}

export async function startHranaServer(input: HranaServerOptions): Promise<HranaServer> {
  const options = {
    port: 0,
    host: '127.0.0.1',
    latencyMs: 0,
    ...SQLD_DEFAULTS,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  } as HranaServer['options'];
  let stats = emptyStats();
  let latencyMs = options.latencyMs;
  const faults: FaultKind[] = [];
  const events = new EventEmitter<HranaServerEvents>();
  const pending = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      pending.delete(timer);
      fn();
    }, ms);
    pending.add(timer);
    return timer;
  };

  // sqld keeps its databases in WAL mode; the journal mode lives in the file.
  const setup = openNativeDatabase(options.path);
  setup.exec('PRAGMA journal_mode = WAL');
  setup.close();

  const arbiter = new WriteLockArbiter({
    lockWaitTimeoutMs: options.lockWaitTimeoutMs,
    transactionTimeoutMs: options.transactionTimeoutMs,
    onSteal: () => {
      stats.transactionTimeouts++;
      events.emit('transactionTimeout');
    },
  });
  // Idle connections of closed streams, handed to new streams: opening a SQLite connection (and
  // preparing its statements again) for every request would make this server, not the client,
  // what a benchmark measures.
  const idle: StreamConnection[] = [];
  const streams = new StreamRegistry<StreamConnection>({
    idleTimeoutMs: options.streamIdleTimeoutMs,
    expiredMemoryMs: options.expiredStreamMemoryMs,
    openConnection: () => {
      stats.streamsOpened++;
      return idle.pop() ?? new StreamConnection(options.path, arbiter, options.lockWaitTimeoutMs);
    },
    closeConnection: (conn) => {
      if (conn.reusable && idle.length < 8) idle.push(conn);
      else conn.close();
    },
    onExpire: (handle) => {
      stats.streamsExpired++;
      events.emit('streamExpired', handle.serial);
    },
  });

  const send = (res: ServerResponse, status: number, contentType: string | undefined, body: string, lose = false) => {
    const finish = () => {
      if (res.destroyed) return;
      if (lose) {
        res.socket?.destroy();
        return;
      }
      const headers: Record<string, string | number> = { 'content-length': Buffer.byteLength(body) };
      if (contentType) headers['content-type'] = contentType;
      res.writeHead(status, headers).end(body);
    };
    if (latencyMs > 0) later(latencyMs, finish);
    else finish();
  };
  const sendJson = (res: ServerResponse, status: number, body: unknown, lose = false) =>
    send(res, status, 'application/json', typeof body === 'string' ? body : JSON.stringify(body), lose);

  async function pipeline(req: IncomingMessage, res: ServerResponse, version: 2 | 3, lose: boolean): Promise<void> {
    stats.pipelineRequests++;
    if (options.authToken !== undefined) {
      const problem = authError(req.headers.authorization, options.authToken);
      // error.rs: AuthError answers 401 `{"error": "Unauthorized: `…`"}`.
      if (problem) return sendJson(res, 401, { error: `Unauthorized: \`${problem}\`` }, lose);
    }
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const body = await readBody(req);
    try {
      const outcome = await handlePipeline(decodePipelineRequest(body), {
        version,
        streams,
        arbiter,
        signal: abort.signal,
        onStream: (stream) => stats.perStream.set(stream.serial, (stats.perStream.get(stream.serial) ?? 0) + 1),
        onLockWait: () => {
          stats.lockWaits++;
          events.emit('lockWait');
        },
        onBusyError: () => {
          stats.busyErrors++;
          events.emit('busyError');
        },
        onAttach: (namespace) => {
          // program.rs check_program_auth: a namespace must allow attach, and ours allow none.
          throw new SqldHttpError(403, `Authorization forbidden: Namespace \`${namespace}\` doesn't allow attach`);
        },
      });
      sendJson(res, 200, encodePipelineResponse(outcome.baton, outcome.results), lose);
    } catch (error) {
      if (error instanceof AbortedWaitError) {
        stats.abandonedWaits++;
        events.emit('abandonedWait');
      } else if (error instanceof ProtocolError) {
        send(res, 400, 'text/plain', error.message, lose);
      } else if (error instanceof StreamExpiredError) {
        sendJson(res, 400, error.error, lose);
      } else if (error instanceof SqldHttpError) {
        sendJson(res, error.status, { error: error.message }, lose);
      } else {
        sendJson(res, 500, { error: `Internal Error: \`${String(error)}\`` }, lose);
      }
    }
  }

  const server = createServer((req, res) => {
    stats.httpRequests++;
    const path = (req.url ?? '/').split('?')[0] as string;
    events.emit('request', path);
    const fault = faults.shift();
    if (fault) stats.faultsInjected++;
    if (fault === 'network') {
      req.socket.destroy();
      return;
    }
    if (fault === 'server-error') {
      req.resume();
      return sendJson(res, 500, { error: 'Internal Error: `injected fault`' });
    }
    const lose = fault === 'lost-response';
    const pipelineMatch = /^\/v([23])\/pipeline$/.exec(path);
    if (req.method === 'POST' && pipelineMatch) {
      pipeline(req, res, Number(pipelineMatch[1]) as 2 | 3, lose).catch((error: unknown) => {
        sendJson(res, 500, { error: `Internal Error: \`${String(error)}\`` }, lose);
      });
      return;
    }
    req.resume();
    if (req.method === 'GET' && (path === '/v2' || path === '/v3')) return send(res, 200, 'text/plain', INDEX_TEXT, lose);
    if (req.method === 'GET' && path === '/health') return send(res, 200, undefined, '', lose);
    if (req.method === 'GET' && path === '/version') return send(res, 200, undefined, 'org-danger-zone hrana test server', lose);
    send(res, 404, undefined, '', lose);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  /** Outside lock holders, each with the function that commits and lets go. */
  const holders = new Map<ReturnType<typeof openNativeDatabase>, () => void>();
  function holdWriteLock(ms: number): Promise<void> {
    const db = openNativeDatabase(options.path);
    db.exec('PRAGMA busy_timeout = 0');
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const release = () => {
        clearTimeout(timer);
        if (!holders.delete(db)) return;
        if (db.inTransaction) db.exec('COMMIT');
        db.close();
        events.emit('writeLockReleased');
        arbiter.outsideReleased();
        resolve();
      };
      holders.set(db, release);
      const attempt = () => {
        if (!holders.has(db)) return resolve(); // released before it was ever taken
        try {
          db.exec('BEGIN IMMEDIATE');
        } catch (error) {
          if (isNativeSqliteError(error) && primaryCode(error) === SQLITE_BUSY) {
            timer = later(5, attempt);
            return;
          }
          holders.delete(db);
          db.close();
          return reject(error);
        }
        events.emit('writeLockHeld');
        timer = later(ms, release);
      };
      attempt();
    });
  }

  return {
    url: `http://${options.host}:${port}`,
    options,
    get stats() {
      return stats;
    },
    events,
    resetStats: () => {
      stats = emptyStats();
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    holdWriteLock,
    releaseWriteLock: () => {
      for (const release of [...holders.values()]) release();
    },
    failNextRequests: (n, kind) => {
      for (let i = 0; i < n; i++) faults.push(kind);
    },
    get openStreams() {
      return streams.open;
    },
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      arbiter.cancelAll();
      streams.closeAll();
      for (const conn of idle.splice(0)) conn.close();
      for (const release of [...holders.values()]) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
