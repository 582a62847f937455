/**
 * The busy and reconnect policy, in one place: which database errors mean "the database is busy
 * or out of reach for a moment, try again" (answered 503 `database_busy` with `Retry-After`, never
 * a 500), and which leave a file connection that must be reopened.
 *
 * - An embedded file: SQLITE_BUSY or SQLITE_LOCKED after the busy timeout, and CLIENT_CLOSED for a
 *   read cut off while the pool reconnected after one.
 * - A remote libSQL server (sqld, Turso): its busy error, a transaction or stream it expired
 *   (`TRANSACTION_TIMEOUT`, `TRANSACTION_BUSY`, `STREAM_EXPIRED`…), a server error (5xx), a
 *   network error, and our own lock-wait timeout (the request aborted, see `writer.ts`).
 * - PostgreSQL: a lock not granted within `lock_timeout`, a statement past `statement_timeout`, a
 *   serialization failure or deadlock, the server shutting down or starting up, too many
 *   connections, a pool that could not connect in time, and a connection lost mid-way (after
 *   which the connection is destroyed, `isConnectionLost`).
 */

/** The error's codes and names along its cause chain, for matching. */
function* chain(error: unknown): Generator<{ code?: unknown; name?: unknown; message?: unknown }> {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    yield e as { code?: unknown; name?: unknown; message?: unknown };
  }
}

/** SQLite's own lock errors: on a file they also mean the connection must be reopened (writer.ts). */
export function isSqliteBusy(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && (e.code.startsWith('SQLITE_BUSY') || e.code === 'SQLITE_LOCKED')) return true;
  }
  return false;
}

const remoteRetryableCodes = new Set([
  'CLIENT_CLOSED',
  'TRANSACTION_TIMEOUT',
  'TRANSACTION_BUSY',
  'STREAM_EXPIRED',
  'STREAM_CLOSED',
  'SERVER_ERROR',
  'HRANA_CLOSED_ERROR',
  'HRANA_WEBSOCKET_ERROR',
  'HTTP_ERROR',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * PostgreSQL's SQLSTATEs that say "not now": lock_not_available (lock_timeout), query_canceled
 * (statement_timeout), serialization_failure, deadlock_detected, too_many_connections, the
 * server shutting down, crashed or starting up, and the connection exceptions (class 08).
 */
const postgresRetryableCodes = new Set(['55P03', '57014', '40001', '40P01', '53300', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

/** node-postgres's own words for a connection that is gone or could not be made in time. */
const connectionLostMessage =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed/i;

/**
 * A PostgreSQL connection that can no longer be used (the server went away, a shutdown, a socket
 * error): it is destroyed instead of going back to the pool.
 */
export function isConnectionLost(error: unknown): boolean {
  for (const e of chain(error)) {
    if (
      typeof e.code === 'string' &&
      (e.code.startsWith('08') || e.code.startsWith('57P') || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e.code))
    ) {
      return true;
    }
    if (typeof e.message === 'string' && connectionLostMessage.test(e.message)) return true;
  }
  return false;
}

/** True when a retry after a short wait is the right answer (503 `database_busy`). */
export function isRetryableDatabaseError(error: unknown): boolean {
  if (error instanceof DatabaseBusyError || isSqliteBusy(error) || isConnectionLost(error)) return true;
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && (remoteRetryableCodes.has(e.code) || postgresRetryableCodes.has(e.code))) return true;
    // Our lock-wait timeout aborts the request (AbortSignal.timeout): TimeoutError or AbortError.
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
    // undici's network failure: `TypeError: fetch failed` with the socket error as its cause.
    if (e.name === 'TypeError' && e.message === 'fetch failed') return true;
    if (typeof e.message === 'string' && /server returned HTTP status 5\d\d/.test(e.message)) return true;
  }
  return false;
}

/** What the `member` triggers (migration 0005) abort with when a write would leave an org with no owner. */
export const LAST_OWNER_MARKER = 'org_danger_zone: last owner';

/**
 * The database refused a write that would have left an org with no owner: the application's own
 * check passed, but a concurrent change (another owner leaving, an account being deleted) got
 * there first. The caller answers it as the application would have: `sole_owner`.
 */
export function isLastOwnerViolation(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.message === 'string' && e.message.includes(LAST_OWNER_MARKER)) return true;
  }
  return false;
}

/** A write could not get the database's lock in time (DATABASE_BUSY_TIMEOUT_MS). */
export class DatabaseBusyError extends Error {
  constructor(message = 'The database stayed locked longer than the busy timeout.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseBusyError';
  }
}
