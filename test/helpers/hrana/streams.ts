/**
 * Hrana-over-HTTP streams the way sqld keeps them (`libsql-server/src/hrana/http/stream.rs`):
 * a stream is one database connection named by a baton; every response carries a new baton
 * (a sequence number that moves on each request) signed with a per-server HMAC key, so a stale,
 * reused or forged baton is refused. A stream left idle for `EXPIRATION` (10 s) expires: its
 * connection is dropped (SQLite rolls back an open transaction and frees its lock) and the next
 * request with its baton gets STREAM_EXPIRED; sqld remembers expired streams for `CLEANUP`
 * (300 s), after which their batons are just invalid.
 */
import { Buffer } from 'node:buffer';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ProtocolError, StreamExpiredError } from './sqld-errors.js';

export interface StreamHandle<C> {
  /** A small number for stats and logs; sqld's own ids are random 64-bit numbers. */
  readonly serial: number;
  readonly id: bigint;
  /** The stream's connection; `undefined` once a `close` request ran. */
  conn: C | undefined;
  /** SQL texts kept by `store_sql` requests. */
  readonly sqls: Map<number, string>;
}

interface Entry<C> {
  handle: StreamHandle<C>;
  seq: bigint;
  acquired: boolean;
  idleTimer?: NodeJS.Timeout;
}

export interface StreamRegistryOptions<C> {
  idleTimeoutMs: number;
  /** How long an expired stream's baton still answers STREAM_EXPIRED; sqld: 300 s. */
  expiredMemoryMs: number;
  openConnection(): C;
  closeConnection(conn: C): void;
  onExpire?(handle: StreamHandle<C>): void;
}

const u64 = () => randomBytes(8).readBigUInt64BE();

export class StreamRegistry<C> {
  readonly #key = randomBytes(32);
  readonly #streams = new Map<bigint, Entry<C>>();
  readonly #expired = new Map<bigint, number>();
  #serials = 0;

  constructor(private readonly options: StreamRegistryOptions<C>) {}

  /** Opens a new stream (no baton) or takes the one the baton names for the current request. */
  acquire(baton: string | null): StreamHandle<C> {
    if (baton === null) {
      let id = u64();
      while (this.#streams.has(id) || this.#expired.has(id)) id = u64();
      const handle: StreamHandle<C> = { serial: ++this.#serials, id, conn: this.options.openConnection(), sqls: new Map() };
      // A random first sequence number makes batons of different streams hard to confuse.
      this.#streams.set(id, { handle, seq: u64(), acquired: true });
      return handle;
    }
    const [id, seq] = this.#decodeBaton(baton);
    const entry = this.#streams.get(id);
    if (!entry) {
      const expiredAt = this.#expired.get(id);
      if (expiredAt !== undefined && Date.now() - expiredAt < this.options.expiredMemoryMs) throw new StreamExpiredError();
      this.#expired.delete(id);
      throw ProtocolError.batonInvalid();
    }
    if (entry.acquired || entry.seq !== seq) throw ProtocolError.batonReused();
    entry.acquired = true;
    entry.seq = BigInt.asUintN(64, entry.seq + 1n);
    clearTimeout(entry.idleTimer);
    return entry.handle;
  }

  /** Ends the request: returns the next baton, or null when the stream was closed. */
  release(handle: StreamHandle<C>): string | null {
    const entry = this.#streams.get(handle.id);
    if (!entry) return null;
    if (handle.conn === undefined) {
      this.#streams.delete(handle.id);
      return null;
    }
    entry.acquired = false;
    entry.idleTimer = setTimeout(() => this.#expire(entry), this.options.idleTimeoutMs);
    entry.idleTimer.unref();
    return this.#encodeBaton(handle.id, entry.seq);
  }

  /** Drops a stream at once (a protocol error, a client that went away): like sqld's Guard drop. */
  destroy(handle: StreamHandle<C>): void {
    const entry = this.#streams.get(handle.id);
    if (!entry) return;
    clearTimeout(entry.idleTimer);
    this.#streams.delete(handle.id);
    this.#closeConn(handle);
  }

  /** Closes a stream's connection (the `close` request); `release` then forgets the stream. */
  closeConn(handle: StreamHandle<C>): void {
    this.#closeConn(handle);
  }

  get open(): number {
    return this.#streams.size;
  }

  closeAll(): void {
    for (const entry of [...this.#streams.values()]) this.destroy(entry.handle);
    this.#expired.clear();
  }

  #closeConn(handle: StreamHandle<C>): void {
    const conn = handle.conn;
    handle.conn = undefined;
    if (conn !== undefined) this.options.closeConnection(conn);
  }

  #expire(entry: Entry<C>): void {
    if (entry.acquired || this.#streams.get(entry.handle.id) !== entry) return;
    this.#streams.delete(entry.handle.id);
    const now = Date.now();
    this.#expired.set(entry.handle.id, now);
    for (const [id, at] of this.#expired) if (now - at >= this.options.expiredMemoryMs) this.#expired.delete(id);
    this.#closeConn(entry.handle);
    this.options.onExpire?.(entry.handle);
  }

  // stream.rs encode_baton: base64 (standard, unpadded) of stream id and sequence number (both
  // u64, big-endian) followed by their HMAC-SHA256.
  #encodeBaton(id: bigint, seq: bigint): string {
    const payload = Buffer.alloc(16);
    payload.writeBigUInt64BE(id, 0);
    payload.writeBigUInt64BE(seq, 8);
    const mac = createHmac('sha256', this.#key).update(payload).digest();
    return Buffer.concat([payload, mac]).toString('base64').replace(/=+$/, '');
  }

  #decodeBaton(baton: string): [bigint, bigint] {
    if (!/^[A-Za-z0-9+/]*$/.test(baton)) throw ProtocolError.batonInvalid();
    const data = Buffer.from(baton, 'base64');
    if (data.length !== 48) throw ProtocolError.batonInvalid();
    const payload = data.subarray(0, 16);
    const mac = createHmac('sha256', this.#key).update(payload).digest();
    if (!timingSafeEqual(mac, data.subarray(16))) throw ProtocolError.batonInvalid();
    return [payload.readBigUInt64BE(0), payload.readBigUInt64BE(8)];
  }
}
