/**
 * Rate limits counted in the database (SPEC 4.4), so they hold across BFF processes. A window
 * opens at a key's first hit and lasts `windowSeconds`; both checks run on the server's clock.
 * One statement per hit: the upsert reads and bumps the counter atomically, so it can join the
 * batch of whatever else the refusal writes.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { rateLimitCounter } from '../db/schema.js';
import type { RateLimitSetting } from '../settings.js';

export interface RateLimitState {
  policy: string;
  setting: RateLimitSetting;
  used: number;
  remaining: number;
  resetAt: Date;
  exceeded: boolean;
}

function state(policy: string, setting: RateLimitSetting, used: number, windowStart: number): RateLimitState {
  return {
    policy,
    setting,
    used,
    remaining: Math.max(0, setting.max - used),
    resetAt: new Date(windowStart + setting.windowSeconds * 1000),
    exceeded: used >= setting.max,
  };
}

/** The counter as it stands, without counting this request. */
export async function peekLimit(db: Db, policy: string, key: string, setting: RateLimitSetting, now: Date): Promise<RateLimitState> {
  const [row] = await db
    .select()
    .from(rateLimitCounter)
    .where(eq(rateLimitCounter.key, `${policy}:${key}`));
  const windowMs = setting.windowSeconds * 1000;
  if (!row || row.windowStart.getTime() + windowMs <= now.getTime()) return state(policy, setting, 0, now.getTime());
  return state(policy, setting, row.count, row.windowStart.getTime());
}

/** Counts one hit; the statement returns the counter after it (`stateAfterHit`). */
export function hitStatement(db: Db, policy: string, key: string, setting: RateLimitSetting, now: Date) {
  const nowMs = now.getTime();
  const windowMs = setting.windowSeconds * 1000;
  const expired = sql`${rateLimitCounter.windowStart} + ${windowMs} <= ${nowMs}`;
  return db
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
}

export function stateAfterHit(policy: string, setting: RateLimitSetting, rows: readonly { count: number; windowStart: Date }[]): RateLimitState {
  const [row] = rows;
  if (!row) throw new Error('the rate-limit upsert returned no row');
  return state(policy, setting, row.count, row.windowStart.getTime());
}

/** Counts one hit on its own (one round trip) and returns the counter after it. */
export async function hitLimit(db: Db, policy: string, key: string, setting: RateLimitSetting, now: Date): Promise<RateLimitState> {
  return stateAfterHit(policy, setting, await hitStatement(db, policy, key, setting, now));
}

/** Seconds until the window resets, at least 1. */
export function retryAfterSeconds(limit: RateLimitState, now: Date): number {
  return Math.max(1, Math.ceil((limit.resetAt.getTime() - now.getTime()) / 1000));
}
