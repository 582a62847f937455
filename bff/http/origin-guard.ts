/**
 * CSRF protection for cookie-authenticated writes (SPEC 4.1). A browser attaches the session
 * cookie to any request, even one a hostile page makes, but it always says where the request comes
 * from (`Origin`, `Sec-Fetch-Site`). A write carrying cookies must come from this origin or one in
 * `TRUSTED_ORIGINS`. Requests authenticated by a header (Bearer, `x-api-key`) cannot be forged
 * cross-site, so they pass; so do clients that are not browsers and send neither header. Only the
 * header that authenticates counts: a `Basic` Authorization is no credential of ours, and the
 * cookie beside it is what would be used.
 */
import { createMiddleware } from 'hono/factory';
import { refuse } from '../domain-error.js';
import { authenticatesByHeader } from './credentials.js';

/**
 * The methods the guard is mounted for: a GET, HEAD or OPTIONS changes nothing. A new write route
 * under /api/orgs must use one of these (a browser preflights any other method, and an untrusted
 * origin's preflight gets no CORS headers, but the guard is the check we own).
 */
export const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (sandboxed frames, file://) is never trusted
  }
}

export function originGuard(isTrustedOrigin: (origin: string) => boolean) {
  // Mounted for UNSAFE_METHODS only. Not async: a header-authenticated write passes without a promise of its own.
  return createMiddleware((c, next) => {
    if (authenticatesByHeader(c.req.raw.headers)) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    const sameOrigin = origin !== undefined && hostOf(origin) === new URL(c.req.url).host;
    const trusted = origin !== undefined && (sameOrigin || isTrustedOrigin(origin));
    if (origin !== undefined && !trusted) refuse('forbidden_origin');
    if (site === 'cross-site' && !trusted) refuse('forbidden_origin');
    return next();
  });
}
