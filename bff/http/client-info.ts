import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { ClientAddressResolver } from './client-address.js';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/**
 * The client's address (see client-address.ts: the socket's peer, or the address the outermost
 * trusted proxy saw) and user agent, for the audit log and the per-address limits.
 */
export function clientInfo(c: Context, resolveAddress: ClientAddressResolver): ClientInfo {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return {
    ip: resolveAddress(incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for')),
    userAgent: c.req.header('user-agent') ?? null,
  };
}
