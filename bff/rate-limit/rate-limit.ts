/**
 * Rate limits counted in the database (SPEC 4.4), so they hold across BFF processes. A window
 * opens at a key's first hit and lasts `windowSeconds`; both checks run on the server's clock.
 * One statement per hit: the upsert reads and bumps the counter atomically, so it can join the
 * batch of whatever else the refusal writes.
 *
 * A limit on costly work (a password check, an export) is taken before the work, never after
 * (SPEC 8): `reserveStatement` counts the attempt only while the window has room, in one
 * conditional upsert, so of any number of concurrent requests, in any number of processes, at most
 * `max` get a reservation. What turns out not to count (a right password) is given back with
 * `refundStatement`.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import { runBatch, type Statement } from '../db/batch.js';
import type { Db } from '../db/database.js';
import { tablesOf, type WriteTx } from '../db/handle.js';
import { refuse } from '../domain-error.js';
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
  const { rateLimitCounter } = tablesOf(db);
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
  const { rateLimitCounter } = tablesOf(db);
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

/**
 * Takes one attempt if the window has room: returns the counter after it, or no row when the
 * window is full (nothing is written then). The upsert's `WHERE` is evaluated against the row under
 * the database's write lock, so two requests can never both take the last attempt.
 */
export function reserveStatement(db: Db, policy: string, key: string, setting: RateLimitSetting, now: Date) {
  const { rateLimitCounter } = tablesOf(db);
  const nowMs = now.getTime();
  const windowMs = setting.windowSeconds * 1000;
  const expired = sql`${rateLimitCounter.windowStart} + ${windowMs} <= ${nowMs}`;
  return db
    .insert(rateLimitCounter)
    .values({ key: `${policy}:${key}`, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimitCounter.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimitCounter.count} + 1 end`,
        windowStart: sql`case when ${expired} then ${nowMs} else ${rateLimitCounter.windowStart} end`,
      },
      setWhere: sql`${expired} or ${rateLimitCounter.count} < ${setting.max}`,
    })
    .returning();
}

export type Reservation = { reserved: true; limit: RateLimitState } | { reserved: false; limit: RateLimitState };

/** Takes one attempt (see `reserveStatement`); when the window is full, says until when. */
export async function reserve(db: Db, policy: string, key: string, setting: RateLimitSetting, now: Date): Promise<Reservation> {
  const rows = await reserveStatement(db, policy, key, setting, now);
  if (rows.length > 0) return { reserved: true, limit: stateAfterHit(policy, setting, rows) };
  return { reserved: false, limit: await peekLimit(db, policy, key, setting, now) };
}

/**
 * Gives back an attempt that turned out not to count, in the window it was taken in (a window that
 * has since restarted is left alone). Never below zero.
 */
export function refundStatement(db: Db, policy: string, key: string, taken: RateLimitState) {
  const { rateLimitCounter } = tablesOf(db);
  const windowStart = new Date(taken.resetAt.getTime() - taken.setting.windowSeconds * 1000);
  return db
    .update(rateLimitCounter)
    .set({ count: sql`${rateLimitCounter.count} - 1` })
    .where(and(eq(rateLimitCounter.key, `${policy}:${key}`), eq(rateLimitCounter.windowStart, windowStart), gt(rateLimitCounter.count, 0)));
}

/** The counter as it stands after a refund of `taken`. */
export function afterRefund(taken: RateLimitState): RateLimitState {
  return state(taken.policy, taken.setting, Math.max(0, taken.used - 1), taken.resetAt.getTime() - taken.setting.windowSeconds * 1000);
}

/** Counts one hit on its own (one round trip) and returns the counter after it. */
export async function hitLimit(db: Db, policy: string, key: string, setting: RateLimitSetting, now: Date): Promise<RateLimitState> {
  return stateAfterHit(policy, setting, await hitStatement(db, policy, key, setting, now));
}

/** Seconds until the window resets, at least 1. */
export function retryAfterSeconds(limit: RateLimitState, now: Date): number {
  return Math.max(1, Math.ceil((limit.resetAt.getTime() - now.getTime()) / 1000));
}

/** One limit an action counts against: a policy, whose key (a user, an org), and its setting. */
export interface LimitKey {
  policy: string;
  key: string;
  setting: RateLimitSetting;
}

/**
 * Inside the caller's write transaction: takes one attempt from every limit and runs `effects` in
 * the same round trip; if any limit is full, refuses with it (429), and the transaction's rollback
 * gives back whatever was taken and undoes the effects. Returns the limit closest to running out.
 */
export async function takeEach(tx: WriteTx, limits: readonly LimitKey[], now: Date, effects: readonly Statement[] = []): Promise<RateLimitState> {
  const results = await runBatch(tx, [...limits.map((l) => reserveStatement(tx, l.policy, l.key, l.setting, now)), ...effects]);
  const states: RateLimitState[] = [];
  for (const [i, limit] of limits.entries()) {
    const rows = results[i] as { count: number; windowStart: Date }[];
    if (rows.length === 0) {
      const full = await peekLimit(tx, limit.policy, limit.key, limit.setting, now);
      refuse('rate_limited', { retryAfter: retryAfterSeconds(full, now) }, full);
    }
    states.push(stateAfterHit(limit.policy, limit.setting, rows));
  }
  return states.reduce((tightest, s) => (s.remaining < tightest.remaining ? s : tightest));
}
