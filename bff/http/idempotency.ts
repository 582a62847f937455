/**
 * `Idempotency-Key` (IETF httpapi draft "The Idempotency-Key HTTP Header Field") on the destructive
 * endpoints: a retry with the same key and body gets the first answer replayed (status, body, the
 * headers that matter, `Idempotent-Replayed: true`); the same key with another body is 422
 * `idempotency_key_reused`; a retry while the first is still in flight is 409
 * `idempotency_key_in_use`. An answer that says "try again later" (408, 425, 429, 5xx) is not kept,
 * so the retry really runs again.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/database.js';
import { refuse } from '../domain-error.js';
import { claimKey, recordAnswer, releaseKey } from '../idempotency/store.js';

const KEY = /^[\x21-\x7e]{1,255}$/;
const replayedHeaders = ['content-type', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit-policy', 'ratelimit'];
const notKept = (status: number) => status === 408 || status === 425 || status === 429 || status >= 500;

/** What makes two requests "the same request": method, path and body. */
export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
}

/**
 * `scopeOf` names the caller whose keys these are; null (no caller yet) leaves the request to the
 * authentication that follows, which refuses it.
 */
export function idempotent(db: Db, scopeOf: (c: Context) => string | null | Promise<string | null>) {
  return createMiddleware(async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (!KEY.test(key)) refuse('invalid_request', { message: 'Idempotency-Key must be 1 to 255 visible ASCII characters.' });
    const scope = await scopeOf(c);
    if (scope === null) return next();
    const fingerprint = requestFingerprint(c.req.method, new URL(c.req.url).pathname, await c.req.text());
    const claim = await claimKey(db, scope, key, fingerprint, Date.now());
    if (claim.kind === 'reused') refuse('idempotency_key_reused');
    if (claim.kind === 'in_flight') refuse('idempotency_key_in_use', { retryAfter: 1 });
    if (claim.kind === 'replay') {
      const { status, headers, body } = claim.answer;
      return new Response(status === 204 ? null : body, { status, headers: { ...headers, 'Idempotent-Replayed': 'true' } });
    }
    await next();
    if (notKept(c.res.status)) {
      await releaseKey(db, scope, key);
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of replayedHeaders) {
      const value = c.res.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    await recordAnswer(db, scope, key, { status: c.res.status, headers, body: await c.res.clone().text() });
  });
}
