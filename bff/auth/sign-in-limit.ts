/**
 * The sign-in limit, enforced by the plugin itself in the danger zone's own table, so it holds in
 * every mode and in every host (better-auth's own limiter is off outside production by default,
 * and its table exists only where the host created it): every sign-in, sign-up and request that
 * carries a password to check counts against the client's address (sign-ups apart from the rest,
 * so that creating accounts and guessing passwords do not share a budget), taken before
 * better-auth looks at the password (a conditional increment: of any number of concurrent
 * attempts, across processes, at most `max` a window get through).
 *
 * The client's address is the one the danger zone's handler vouched for (client-address.ts); a host
 * that mounts better-auth's handler itself gets better-auth's own reading of it
 * (`advanced.ipAddress`), which it configures for its proxies.
 */
import { APIError, type getIP } from 'better-auth/api';
import { messages } from '../../shared/messages.js';
import type { Db } from '../db/database.js';
import { limitKeyOf } from '../http/client-address.js';
import { rateLimitHeaders } from '../http/rate-limit-headers.js';
import { reserve, retryAfterSeconds } from '../rate-limit/rate-limit.js';
import type { RateLimitSetting } from '../settings.js';
import { callerAddress } from './caller.js';

/** Sign-ins and every other password check count under one key per address; sign-ups under another. */
export const SIGN_IN_POLICY = 'sign-in';
export const SIGN_UP_POLICY = 'sign-up';

/** What a before hook sees of better-auth's endpoint context. */
export interface AttemptContext {
  path: string;
  body?: unknown;
  headers?: Headers | undefined;
  request?: Request | undefined;
  context: { secret: string; options: Parameters<typeof getIP>[1] };
}

/**
 * Requests that are password attempts: sign-ins and sign-ups of every kind, and any other endpoint
 * that checks a password it is given (verify-password, change-password, delete-user, two-factor…).
 * A platform admin's `/admin/*` calls set passwords rather than guess them.
 */
export function isPasswordAttempt(ctx: { path?: string | undefined; body?: unknown }): boolean {
  const path = ctx.path ?? '';
  if (path.startsWith('/sign-in') || path.startsWith('/sign-up')) return true;
  if (path.startsWith('/admin/') || typeof ctx.body !== 'object' || ctx.body === null) return false;
  const body = ctx.body as Record<string, unknown>;
  return typeof body.password === 'string' || typeof body.currentPassword === 'string';
}

export function signInLimit(db: Db, setting: RateLimitSetting, now: () => Date) {
  return async (ctx: AttemptContext): Promise<void> => {
    // A call from the host's own server code (`auth.api.*` without a request) is not a client's attempt.
    const headers = ctx.request?.headers ?? ctx.headers;
    if (!headers) return;
    const address = callerAddress(ctx);
    const at = now();
    const policy = ctx.path.startsWith('/sign-up') ? SIGN_UP_POLICY : SIGN_IN_POLICY;
    const attempt = await reserve(db, policy, limitKeyOf(address), setting, at);
    if (attempt.reserved) return;
    const retryAfter = retryAfterSeconds(attempt.limit, at);
    const error = { code: 'rate_limited', message: messages.rate_limited({ retryAfter }), retryAfter };
    throw new APIError('TOO_MANY_REQUESTS', { ...error, error }, { 'Retry-After': String(retryAfter), ...rateLimitHeaders(attempt.limit, at) });
  };
}
