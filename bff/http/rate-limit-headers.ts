/**
 * SPEC 4.4's fields on every response of a limited route: `X-RateLimit-Limit`, `-Remaining`,
 * `-Reset` (epoch seconds), and the IETF fields (draft-ietf-httpapi-ratelimit-headers)
 * `RateLimit-Policy` and `RateLimit`.
 */
import { retryAfterSeconds, type RateLimitState } from '../rate-limit/rate-limit.js';

export function rateLimitHeaders(limit: RateLimitState, now: Date): Record<string, string> {
  const resetIn = retryAfterSeconds(limit, now);
  return {
    'X-RateLimit-Limit': String(limit.setting.max),
    'X-RateLimit-Remaining': String(limit.remaining),
    'X-RateLimit-Reset': String(Math.ceil(limit.resetAt.getTime() / 1000)),
    'RateLimit-Policy': `"${limit.policy}";q=${limit.setting.max};w=${limit.setting.windowSeconds}`,
    RateLimit: `"${limit.policy}";r=${limit.remaining};t=${resetIn}`,
  };
}
