import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/**
 * The client's address for the audit log: the socket's peer, or the first `X-Forwarded-For` hop
 * when the BFF runs behind a proxy the operator trusts (`TRUST_PROXY=1`). Never trusted otherwise,
 * since any client can send that header.
 */
export function clientInfo(c: Context, trustProxy: boolean): ClientInfo {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return {
    ip: forwarded || incoming?.socket?.remoteAddress || null,
    userAgent: c.req.header('user-agent') ?? null,
  };
}
