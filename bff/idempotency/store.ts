/**
 * The store behind `Idempotency-Key`: one row per (caller, key) holding the request's fingerprint
 * and, once answered, the answer. Rows live 24 hours in the database, so a retry through any BFF
 * process finds them. Every step is one statement, so two retries racing each other settle under
 * SQLite's lock: one proceeds, the other sees it in flight.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A first request that never recorded its answer (its process died) is given up after this. */
export const ABANDONED_AFTER_MS = 60_000;

export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Claim = { kind: 'proceed' } | { kind: 'replay'; answer: StoredAnswer } | { kind: 'in_flight' } | { kind: 'reused' };

/** Takes the key for this request, or says why not: answered already, in flight, or used for another request. */
export async function claimKey(db: Db, scope: string, key: string, fingerprint: string, nowMs: number): Promise<Claim> {
  const { idempotencyKey } = tablesOf(db);
  const fresh = {
    scope,
    key,
    fingerprint,
    status: null,
    headers: null,
    body: null,
    createdAt: new Date(nowMs),
    expiresAt: new Date(nowMs + IDEMPOTENCY_TTL_MS),
  };
  const mine = and(eq(idempotencyKey.scope, scope), eq(idempotencyKey.key, key));
  // New, or taking over an expired key or an abandoned first attempt of the same request.
  const [taken] = await db
    .insert(idempotencyKey)
    .values(fresh)
    .onConflictDoUpdate({
      target: [idempotencyKey.scope, idempotencyKey.key],
      set: fresh,
      setWhere: or(
        lt(idempotencyKey.expiresAt, new Date(nowMs)),
        and(isNull(idempotencyKey.status), eq(idempotencyKey.fingerprint, fingerprint), lt(idempotencyKey.createdAt, new Date(nowMs - ABANDONED_AFTER_MS))),
      ),
    })
    .returning({ scope: idempotencyKey.scope });
  // A row comes back only when it was inserted or taken over: this request goes ahead.
  if (taken) return { kind: 'proceed' };
  const [row] = await db.select().from(idempotencyKey).where(mine);
  if (!row) return { kind: 'proceed' };
  if (row.fingerprint !== fingerprint) return { kind: 'reused' };
  if (row.status === null) return { kind: 'in_flight' };
  return { kind: 'replay', answer: { status: row.status, headers: JSON.parse(row.headers ?? '{}') as Record<string, string>, body: row.body ?? '' } };
}

export async function recordAnswer(db: Db, scope: string, key: string, answer: StoredAnswer): Promise<void> {
  const { idempotencyKey } = tablesOf(db);
  await db
    .update(idempotencyKey)
    .set({ status: answer.status, headers: JSON.stringify(answer.headers), body: answer.body })
    .where(and(eq(idempotencyKey.scope, scope), eq(idempotencyKey.key, key)));
}

/** An answer a retry should not be given again (the server was busy, or told the client to wait): the key is freed. */
export async function releaseKey(db: Db, scope: string, key: string): Promise<void> {
  const { idempotencyKey } = tablesOf(db);
  await db.delete(idempotencyKey).where(and(eq(idempotencyKey.scope, scope), eq(idempotencyKey.key, key), isNull(idempotencyKey.status)));
}

export async function forgetExpiredKeys(db: Db, nowMs: number): Promise<void> {
  const { idempotencyKey } = tablesOf(db);
  await db.delete(idempotencyKey).where(lt(idempotencyKey.expiresAt, new Date(nowMs)));
}
