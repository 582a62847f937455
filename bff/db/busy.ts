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

/** True when a retry after a short wait is the right answer (503 `database_busy`). */
export function isRetryableDatabaseError(error: unknown): boolean {
  if (error instanceof DatabaseBusyError || isSqliteBusy(error)) return true;
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && remoteRetryableCodes.has(e.code)) return true;
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
