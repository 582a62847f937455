/**
 * Rate limits counted in the database (SPEC 4.4), so they hold across BFF processes. A window
 * opens at a key's first hit and lasts `windowSeconds`; both checks run on the server's clock.
 * One statement per hit: the upsert reads and bumps the counter atomically.
 */
import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rateLimitCounter } from '../db/schema.js';
import type { RateLimitSetting } from '../settings.js';

export interface RateLimitState {
  policy: string;
  limit: number;
  used: number;
  remaining: number;
  resetAt: Date;
  exceeded: boolean;
}

function state(policy: string, setting: RateLimitSetting, used: number, windowStart: number, now: Date): RateLimitState {
  return {
    policy,
    limit: setting.max,
    used,
    remaining: Math.max(0, setting.max - used),
    resetAt: new Date(windowStart + setting.windowSeconds * 1000),
    exceeded: used >= setting.max,
  };
}

/** The counter as it stands, without counting this request. */
export async function peekLimit(
  db: Queryable,
  policy: string,
  key: string,
  setting: RateLimitSetting,
  now: Date,
): Promise<RateLimitState> {
  const [row] = await db
    .select()
    .from(rateLimitCounter)
    .where(eq(rateLimitCounter.key, `${policy}:${key}`));
  const windowMs = setting.windowSeconds * 1000;
  if (!row || row.windowStart.getTime() + windowMs <= now.getTime()) return state(policy, setting, 0, now.getTime(), now);
  return state(policy, setting, row.count, row.windowStart.getTime(), now);
}

/** Counts one hit and returns the counter after it. */
export async function hitLimit(
  db: Queryable,
  policy: string,
  key: string,
  setting: RateLimitSetting,
  now: Date,
): Promise<RateLimitState> {
  const nowMs = now.getTime();
  const windowMs = setting.windowSeconds * 1000;
  const expired = sql`${rateLimitCounter.windowStart} + ${windowMs} <= ${nowMs}`;
  const [row] = await db
    .insert(rateLimitCounter)
    .values({ key: `${policy}:${key}`, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimitCounter.key,
      // SQLite evaluates every SET expression against the old row, so both see the old window.
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimitCounter.count} + 1 end`,
        windowStart: sql`case when ${expired} then ${nowMs} else ${rateLimitCounter.windowStart} end`,
      },
    })
    .returning();
  return state(policy, setting, row!.count, row!.windowStart.getTime(), now);
}

/** Seconds until the window resets, at least 1. */
export function retryAfterSeconds(limit: RateLimitState, now: Date): number {
  return Math.max(1, Math.ceil((limit.resetAt.getTime() - now.getTime()) / 1000));
}

/**
 * The X-RateLimit fields on every response of a limited route, and the IETF fields
 * (draft-ietf-httpapi-ratelimit-headers) `RateLimit-Policy` and `RateLimit`.
 */
export function rateLimitHeaders(limit: RateLimitState, setting: RateLimitSetting, now: Date): Record<string, string> {
  const resetIn = retryAfterSeconds(limit, now);
  return {
    'X-RateLimit-Limit': String(limit.limit),
    'X-RateLimit-Remaining': String(limit.remaining),
    'X-RateLimit-Reset': String(Math.ceil(limit.resetAt.getTime() / 1000)),
    'RateLimit-Policy': `"${limit.policy}";q=${setting.max};w=${setting.windowSeconds}`,
    RateLimit: `"${limit.policy}";r=${limit.remaining};t=${resetIn}`,
  };
}
