/**
 * better-auth's handler as the danger zone mounts it (`…/api/auth/*`, under whatever prefix the
 * host mounts the app at, matching better-auth's `basePath`):
 * - the client's address travels in one header of ours, set here from the socket (or from the
 *   first `X-Forwarded-For` hop behind a proxy the operator trusts) and never taken from the client,
 *   so better-auth's rate limiter counts per client instead of one shared bucket;
 * - a 429 from its rate limiter gets the standard `Retry-After` and the spec's error body beside
 *   better-auth's own fields (its limiter answers before any plugin hook could).
 */
import type { Context } from 'hono';
import { messages } from '../../shared/messages.js';
import { clientInfo } from './client-info.js';

export const CLIENT_IP_HEADER = 'x-odz-client-ip';

export interface AuthHandlerTarget {
  handler: (request: Request) => Promise<Response>;
}

export function authHandler(auth: AuthHandlerTarget, options: { trustProxy: boolean }) {
  return async (c: Context): Promise<Response> => {
    const headers = new Headers(c.req.raw.headers);
    headers.delete(CLIENT_IP_HEADER);
    const { ip } = clientInfo(c, options.trustProxy);
    if (ip) headers.set(CLIENT_IP_HEADER, ip);
    const request = new Request(c.req.raw, { headers });
    const response = await auth.handler(request);
    return response.status === 429 ? withRetryAfter(response) : response;
  };
}

async function withRetryAfter(response: Response): Promise<Response> {
  const retryAfter = Number(response.headers.get('x-retry-after') ?? '60') || 60;
  const message = messages.rate_limited({ retryAfter });
  const headers = new Headers(response.headers);
  headers.set('Retry-After', String(retryAfter));
  headers.set('content-type', 'application/json');
  headers.delete('content-length');
  const body = { code: 'rate_limited', message, error: { code: 'rate_limited', message, retryAfter } };
  return new Response(JSON.stringify(body), { status: 429, headers });
}
