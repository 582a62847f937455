/**
 * The spec's error response (SPEC 4): `{"error": {"code", "message", …fields the code names}}`
 * with the code's status. The one `onError` of the app sends everything thrown through here:
 * a domain refusal as it is, a busy or unreachable database as 503 `database_busy`, Hono's own
 * refusals (malformed JSON) as 400; anything else is the caller's to report as 500.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { MessageParams } from '../../shared/codes.js';
import { errorStatus } from '../../shared/errors.js';
import { messages, type HostMessages } from '../../shared/messages.js';
import { isLastOwnerViolation, isRetryableDatabaseError } from '../db/busy.js';
import { DomainError } from '../domain-error.js';
import { rateLimitHeaders } from './rate-limit-headers.js';

export const DATABASE_BUSY_RETRY_SECONDS = 1;

/** What was thrown, as a refusal of the contract, or null for a defect (500). */
export function toDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  // decodeURIComponent of a path a client wrote: `%`, `%E0%A4%A`.
  if (error instanceof URIError) return new DomainError('invalid_uri', { message: 'The path is not valid percent-encoding.' });
  if (isRetryableDatabaseError(error)) return new DomainError('database_busy', { retryAfter: DATABASE_BUSY_RETRY_SECONDS });
  if (isLastOwnerViolation(error)) return new DomainError('sole_owner');
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals (malformed JSON, body too large) keep their message in our body.
    const code = error.status === 401 ? 'unauthorized' : error.status === 404 ? 'not_found' : 'invalid_request';
    return new DomainError(code, { message: error.message || messages[code]({}) });
  }
  return null;
}

export function errorBody(error: DomainError, hostMessages?: HostMessages) {
  const params = Object.fromEntries(Object.entries(error.fields).filter(([, v]) => typeof v === 'number')) as MessageParams;
  const { message: ours = messages[error.code](params), ...fields } = error.fields as { message?: string };
  return { error: { code: error.code, message: hostMessages?.(error.code, params) ?? ours, ...fields } };
}

/** The headers a refusal carries: when to retry, the rate limit, and how to authenticate (RFC 6750). */
export function errorHeaders(error: DomainError, now: Date): Record<string, string> {
  const headers: Record<string, string> = error.rateLimit ? rateLimitHeaders(error.rateLimit, now) : {};
  const retryAfter = error.fields.retryAfter;
  if (typeof retryAfter === 'number') headers['Retry-After'] = String(retryAfter);
  if (errorStatus[error.code] === 401) {
    // RFC 6750 §3: a 401 names the scheme; a bad token says so (a missing one says nothing more).
    headers['WWW-Authenticate'] = error.code === 'invalid_token' ? 'Bearer realm="org-danger-zone", error="invalid_token"' : 'Bearer realm="org-danger-zone"';
  }
  return headers;
}

export function errorResponse(c: Context, error: DomainError, now: Date, hostMessages?: HostMessages): Response {
  return c.json(errorBody(error, hostMessages), errorStatus[error.code] as ContentfulStatusCode, errorHeaders(error, now));
}
