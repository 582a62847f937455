/**
 * better-auth's handler as the danger zone mounts it (`…/api/auth/*`, under whatever prefix the
 * host mounts the app at, matching better-auth's `basePath`):
 * - the client's address travels in headers of ours (client-address.ts), set here from the socket
 *   (or from `X-Forwarded-For` past the trusted proxies) with a proof under better-auth's secret,
 *   and never taken from the client: the plugin's sign-in limit counts per client, and
 *   better-auth's own limiter reads the same header in the standalone server;
 * - a 429 from better-auth's own limiter gets the standard `Retry-After` and the spec's error body
 *   beside better-auth's own fields (its limiter answers before any plugin hook could).
 */
import type { Context } from 'hono';
import { messages } from '../../shared/messages.js';
import { addressProof, CLIENT_IP_HEADER, CLIENT_IP_PROOF_HEADER, type ClientAddressResolver } from './client-address.js';
import { clientInfo } from './client-info.js';

export { CLIENT_IP_HEADER } from './client-address.js';

export interface AuthHandlerTarget {
  handler: (request: Request) => Promise<Response>;
  $context: Promise<{ secret: string }>;
}

export function authHandler(auth: AuthHandlerTarget, options: { clientAddress: ClientAddressResolver }) {
  let secret: string | undefined;
  return async (c: Context): Promise<Response> => {
    secret ??= (await auth.$context).secret;
    const headers = new Headers(c.req.raw.headers);
    headers.delete(CLIENT_IP_HEADER);
    headers.delete(CLIENT_IP_PROOF_HEADER);
    const { ip } = clientInfo(c, options.clientAddress);
    if (ip) {
      headers.set(CLIENT_IP_HEADER, ip);
      headers.set(CLIENT_IP_PROOF_HEADER, addressProof(secret, ip));
    }
    const request = new Request(c.req.raw, { headers });
    const response = await auth.handler(request);
    // better-auth's limiter says X-Retry-After; the plugin's own 429 already has the spec's body.
    const answer = response.status === 429 && response.headers.has('x-retry-after') ? await withRetryAfter(response) : response;
    answer.headers.set('X-Content-Type-Options', 'nosniff');
    // better-auth answers a path it does not know with an empty 404: the spec's body instead.
    if (answer.status === 404 && !answer.body)
      return Response.json(
        { error: { code: 'not_found', message: messages.not_found({}) } },
        { status: 404, headers: { 'X-Content-Type-Options': 'nosniff' } },
      );
    return answer;
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
