/**
 * The spec's error body (SPEC 4): `{"error": {"code", "message", …fields the code names}}`.
 * Handlers throw `ApiError`; the one `onError` turns anything thrown into that body.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorCatalog, type ErrorCode } from '../../shared/errors.js';
import { isBusyError } from '../db/client.js';

export type ErrorFields = Record<string, unknown> & { message?: string };

export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly fields: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, fields: ErrorFields = {}, headers: Record<string, string> = {}) {
    const { message = errorCatalog[code].message, ...rest } = fields;
    super(errorCatalog[code].status as ContentfulStatusCode, { message });
    this.code = code;
    this.fields = rest;
    this.headers = headers;
  }

  body() {
    return { error: { code: this.code, message: this.message, ...this.fields } };
  }
}

/** Throws the error of `code`; `never` lets handlers use it in expressions. */
export function fail(code: ErrorCode, fields?: ErrorFields, headers?: Record<string, string>): never {
  throw new ApiError(code, fields, headers);
}

export function errorResponse(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(error.body(), error.status);
}

/**
 * SQLITE_BUSY: another process held the write lock longer than the busy timeout; or a read that
 * was cut off while the pool reconnected after one (CLIENT_CLOSED). Both are worth a retry.
 */
function isDatabaseBusy(error: unknown): boolean {
  if (isBusyError(error)) return true;
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === 'CLIENT_CLOSED') return true;
  }
  return false;
}

export const DATABASE_BUSY_RETRY_SECONDS = 1;

export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (isDatabaseBusy(error)) {
    return new ApiError('database_busy', { retryAfter: DATABASE_BUSY_RETRY_SECONDS }, {
      'Retry-After': String(DATABASE_BUSY_RETRY_SECONDS),
    });
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals (malformed JSON, body too large) keep their message in our body.
    const code: ErrorCode = error.status === 401 ? 'unauthorized' : error.status === 404 ? 'not_found' : 'invalid_request';
    return new ApiError(code, { message: error.message || errorCatalog[code].message });
  }
  return null;
}
