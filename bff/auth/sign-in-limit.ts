/**
 * The sign-in limit, enforced by the plugin itself in the danger zone's own table, so it holds in
 * every mode and in every host (better-auth's own limiter is off outside production by default,
 * and its table exists only where the host created it): every sign-in, sign-up and request that
 * carries a password to check counts against the client's address (sign-ups apart from the rest,
 * so that creating accounts and guessing passwords do not share a budget), taken before
 * better-auth looks at the password (a conditional increment: of any number of concurrent
 * attempts, across processes, at most `max` a window get through). A sign-in counts against the
 * account it names too, whatever the address, and is given back when the password was right.
 *
 * The client's address is the one the danger zone's handler vouched for (client-address.ts); a host
 * that mounts better-auth's handler itself gets better-auth's own reading of it
 * (`advanced.ipAddress`), which it configures for its proxies.
 */
import { APIError, isAPIError, type getIP } from 'better-auth/api';
import { messages } from '../../shared/messages.js';
import type { Db } from '../db/database.js';
import { limitKeyOf } from '../http/client-address.js';
import { rateLimitHeaders } from '../http/rate-limit-headers.js';
import { peekLimit, refundStatement, reserve, retryAfterSeconds, type RateLimitState } from '../rate-limit/rate-limit.js';
import type { RateLimitSetting } from '../settings.js';
import { callerAddress } from './caller.js';

/** Sign-ins and every other password check count under one key per address; sign-ups under another. */
export const SIGN_IN_POLICY = 'sign-in';
export const SIGN_UP_POLICY = 'sign-up';
/**
 * Failed sign-ins per account, whatever the address: the address limit alone lets an attacker with
 * many addresses (a botnet, an IPv6 /48's 65,536 /64s) guess one account's password without end.
 * Taken before the password is checked, given back when it was right, so only failures use it up.
 */
export const SIGN_IN_ACCOUNT_POLICY = 'sign-in-account';

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

/**
 * The account a sign-in names, as better-auth looks it up (emails and usernames lower-cased), with
 * the endpoint it came through; null for anything else (sign-ups, a session's own password checks,
 * sign-ins without a password such as social or passkey ones).
 */
export function signInAccount(ctx: { path?: string | undefined; body?: unknown }): string | null {
  if (!ctx.path?.startsWith('/sign-in/') || typeof ctx.body !== 'object' || ctx.body === null) return null;
  const body = ctx.body as Record<string, unknown>;
  if (typeof body.password !== 'string') return null;
  const named = body.email ?? body.username ?? body.phoneNumber;
  return typeof named === 'string' && named.trim() !== '' ? `${ctx.path}:${named.trim().toLowerCase()}` : null;
}

function refusal(limit: RateLimitState, at: Date): APIError {
  const retryAfter = retryAfterSeconds(limit, at);
  const error = { code: 'rate_limited', message: messages.rate_limited({ retryAfter }), retryAfter };
  return new APIError('TOO_MANY_REQUESTS', { ...error, error }, { 'Retry-After': String(retryAfter), ...rateLimitHeaders(limit, at) });
}

export function signInLimit(db: Db, limits: { address: RateLimitSetting; account: RateLimitSetting }, now: () => Date) {
  return {
    /** Before better-auth checks a password: one attempt of the address's window, and of the account's. */
    async reserve(ctx: AttemptContext): Promise<void> {
      // A call from the host's own server code (`auth.api.*` without a request) is not a client's attempt.
      const headers = ctx.request?.headers ?? ctx.headers;
      if (!headers) return;
      const address = callerAddress(ctx);
      const at = now();
      const policy = ctx.path.startsWith('/sign-up') ? SIGN_UP_POLICY : SIGN_IN_POLICY;
      const attempt = await reserve(db, policy, limitKeyOf(address), limits.address, at);
      if (!attempt.reserved) throw refusal(attempt.limit, at);
      const account = signInAccount(ctx);
      if (!account) return;
      const accountAttempt = await reserve(db, SIGN_IN_ACCOUNT_POLICY, account, limits.account, at);
      if (!accountAttempt.reserved) throw refusal(accountAttempt.limit, at);
    },

    /** After a sign-in: a right password gives its account's attempt back (a wrong one keeps it). */
    async refund(ctx: AttemptContext & { context: { returned?: unknown } }): Promise<void> {
      const headers = ctx.request?.headers ?? ctx.headers;
      const account = signInAccount(ctx);
      if (!headers || !account || ctx.context.returned === undefined || isAPIError(ctx.context.returned)) return;
      const taken = await peekLimit(db, SIGN_IN_ACCOUNT_POLICY, account, limits.account, now());
      await refundStatement(db, SIGN_IN_ACCOUNT_POLICY, account, taken);
    },
  };
}
