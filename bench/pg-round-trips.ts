/**
 * A TCP proxy in front of a PostgreSQL server that counts round trips: what the bench's remote
 * rows count with the Hrana server's counters, on PostgreSQL's wire protocol. node-postgres waits
 * for the server after each simple query (`Q`) and after each `Sync` (`S`) that ends an extended
 * query (Parse/Bind/Execute), and does not pipeline, so each of those messages from a client is one
 * round trip. A round trip between a `begin…` and a `commit`/`rollback` on one connection is one
 * of its write transaction's.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface RoundTripStats {
  /** Every round trip of every connection since the last reset. */
  total: number;
  /** The round trips of each transaction finished since the last reset (BEGIN to COMMIT, both included). */
  transactions: number[];
}

export interface RoundTripProxy {
  port: number;
  stats: RoundTripStats;
  reset(): void;
  close(): Promise<void>;
}

export async function startRoundTripProxy(target: { host: string; port: number }): Promise<RoundTripProxy> {
  const stats: RoundTripStats = { total: 0, transactions: [] };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    for (const s of [client, upstream]) s.on('close', () => sockets.delete(s));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    upstream.pipe(client);
    let buffered = Buffer.alloc(0);
    let started = false; // the startup message has no type byte
    let inTransaction: number | null = null;
    const textOf = (type: string, body: Buffer): string => {
      if (type === 'Q') return body.toString('utf8', 0, Math.min(body.length, 64));
      // Parse: a statement name (NUL-terminated), then the query text.
      const nameEnd = body.indexOf(0);
      return body.toString('utf8', nameEnd + 1, Math.min(body.length, nameEnd + 65));
    };
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (!started) {
          if (buffered.length < 4) return;
          const length = buffered.readInt32BE(0);
          if (buffered.length < length) return;
          buffered = buffered.subarray(length);
          started = true;
          continue;
        }
        if (buffered.length < 5) return;
        const type = String.fromCharCode(buffered[0]!);
        const length = buffered.readInt32BE(1);
        if (buffered.length < 1 + length) return;
        const body = buffered.subarray(5, 1 + length);
        buffered = buffered.subarray(1 + length);
        if (type === 'Q' || type === 'P') {
          const text = textOf(type, body).trimStart().toLowerCase();
          if (text.startsWith('begin')) inTransaction = 0;
          if (type === 'Q') countRoundTrip(/^(commit|rollback)/.test(text));
          else pendingEnd = /^(commit|rollback)/.test(text);
        }
        if (type === 'S') countRoundTrip(pendingEnd);
      }
    });
    let pendingEnd = false;
    const countRoundTrip = (ends: boolean) => {
      stats.total++;
      if (inTransaction !== null) inTransaction++;
      if (ends && inTransaction !== null) {
        stats.transactions.push(inTransaction);
        inTransaction = null;
      }
      pendingEnd = false;
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    stats,
    reset() {
      stats.total = 0;
      stats.transactions = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
