/**
 * A real HTTP receiver on loopback for the webhook tests: records every request (headers and raw
 * body), answers with the status the test sets, can hold answers back (a slow receiver), and can go
 * down and come back up on the same URL.
 *
 * "Down" keeps the port bound and resets every connection at once: the sender sees a network
 * failure, as with a receiver that is off. Closing the port instead would let the next outgoing
 * connection on this machine take it as its ephemeral port, and `up()` would fail with EADDRINUSE.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  id: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The status later requests get (default 204). */
  answer(status: number): void;
  /** Holds every later request open until `release()`; `held()` resolves when one is being held. */
  hold(): { held: Promise<void>; release(): void };
  /** Every new connection is reset (and open ones closed) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** Resolves once `count` requests have been received in all. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let status = 204;
  let gate: { promise: Promise<void>; onHeld: () => void } | null = null;
  const waiters: { count: number; resolve: () => void }[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString(), id: String(req.headers['webhook-id'] ?? '') });
        for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
        if (gate) {
          gate.onHeld();
          await gate.promise;
        }
        res.writeHead(status).end();
      })();
    });
  };
  let isDown = false;
  const server: Server = createServer(handler);
  server.on('connection', (socket: Socket) => {
    if (isDown) socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const down = async () => {
    isDown = true;
    server.closeAllConnections();
  };
  const up = async () => {
    isDown = false;
  };
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answer: (s) => (status = s),
    hold() {
      let release!: () => void;
      let onHeld!: () => void;
      const held = new Promise<void>((r) => (onHeld = r));
      gate = { promise: new Promise<void>((r) => (release = r)), onHeld };
      return {
        held,
        release: () => {
          gate = null;
          release();
        },
      };
    },
    down,
    up,
    waitFor: (count) => (received.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    close,
  };
}
