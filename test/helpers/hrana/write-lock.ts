/**
 * Waiting for SQLite's write lock without blocking the event loop, with sqld's two layers of rules:
 *
 * 1. Between sqld's own connections (our streams), `libsql-server/src/connection/connection_manager.rs`
 *    queues a writer behind the connection that holds the write lock and lets it go when that
 *    transaction ends. If the holder's transaction is older than the transaction timeout
 *    (`TXN_TIMEOUT`, 5 s, `connection/mod.rs`), the waiter steals the lock: the holder is rolled
 *    back (`force_rollback`) and its next request fails with TRANSACTION_TIMEOUT
 *    (`connection_core.rs`). Nobody is rolled back while nobody waits.
 * 2. Against anything else holding the lock (another process, `holdWriteLock`), SQLite's own
 *    busy handler applies: sqld opens every connection with `busy_timeout` 100 ms
 *    (`libsql-sys/src/connection.rs`), after which the statement fails with SQLITE_BUSY. SQLite
 *    only calls the busy handler when the connection has no read transaction open
 *    (btree.c, `sqlite3BtreeBeginTrans`): upgrading a read transaction fails at once.
 *
 * Our connections use `busy_timeout` 0, so every attempt answers at once; this module decides
 * whether and when to try again. Waiters are woken in arrival order.
 */

export interface LockParticipant {
  /** Rolls the participant's transaction back because a waiter stole its lock. */
  forceRollback(): void;
}

export interface LockWaitOptions {
  /** Wait for SQLite's write lock held from outside the server; sqld: 100 ms. */
  lockWaitTimeoutMs: number;
  /** Age after which a stream's write transaction may be stolen by a waiter; sqld: 5000 ms. */
  transactionTimeoutMs: number;
  onSteal?: (holder: LockParticipant) => void;
}

/** Per statement: when it first met an outside holder, and its place in the queue. */
export interface WaitState {
  ticket: number;
  outsideSince?: number;
}

export class AbortedWaitError extends Error {
  constructor() {
    super('The client went away while its request waited for the write lock');
  }
}

interface Waiter {
  ticket: number;
  wake: () => void;
  cancel: () => void;
}

// SQLite's busy handler sleeps 1, 2, 5, 10, … ms between attempts; a short poll is close enough
// and notices a lock that an unknown process releases.
const OUTSIDE_POLL_MS = 5;

export class WriteLockArbiter {
  #holder: LockParticipant | undefined;
  #holderSince = 0;
  #waiters: Waiter[] = [];
  #nextTicket = 0;

  constructor(private readonly options: LockWaitOptions) {}

  get holder(): LockParticipant | undefined {
    return this.#holder;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  newWait(): WaitState {
    return { ticket: this.#nextTicket++ };
  }

  /**
   * After every statement a participant ran: whether its connection is still in a transaction,
   * and whether the statement took the write lock. Ending the transaction releases the lock.
   */
  noteStatement(participant: LockParticipant, inTransaction: boolean, tookWriteLock: boolean): void {
    if (!inTransaction) {
      if (this.#holder === participant) this.#release();
    } else if (tookWriteLock && this.#holder !== participant) {
      this.#holder = participant;
      this.#holderSince = Date.now();
    }
  }

  /** The participant's connection is gone (closed, expired): its lock with it. */
  forget(participant: LockParticipant): void {
    if (this.#holder === participant) this.#release();
  }

  /** A holder outside the server let go: everyone may try again now. */
  outsideReleased(): void {
    this.#wakeAll();
  }

  /** The server stops: every waiting statement is abandoned. */
  cancelAll(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.cancel();
  }

  /**
   * A statement met SQLITE_BUSY. Resolves `true` when it should try again, `false` when it
   * should fail with SQLITE_BUSY; rejects with `AbortedWaitError` when `signal` aborts.
   */
  async waitAfterBusy(participant: LockParticipant, state: WaitState, readTxnOpen: boolean, signal: AbortSignal): Promise<boolean> {
    const holder = this.#holder;
    if (holder && holder !== participant) {
      state.outsideSince = undefined;
      const deadline = this.#holderSince + this.options.transactionTimeoutMs;
      await this.#sleep(state.ticket, deadline - Date.now(), signal, () => {
        // Still the same transaction, now older than the timeout: take its lock away.
        if (this.#holder === holder) this.#steal(holder);
      });
      return true;
    }
    if (readTxnOpen) return false;
    const now = Date.now();
    state.outsideSince ??= now;
    const left = state.outsideSince + this.options.lockWaitTimeoutMs - now;
    if (left <= 0) return false;
    await this.#sleep(state.ticket, Math.min(OUTSIDE_POLL_MS, left), signal);
    return true;
  }

  #steal(holder: LockParticipant): void {
    this.#holder = undefined;
    holder.forceRollback();
    this.options.onSteal?.(holder);
    this.#wakeAll();
  }

  #release(): void {
    this.#holder = undefined;
    this.#wakeAll();
  }

  #wakeAll(): void {
    const waiters = this.#waiters.sort((a, b) => a.ticket - b.ticket);
    this.#waiters = [];
    for (const waiter of waiters) waiter.wake();
  }

  /** Sleeps until woken, or `ms` passed (then runs `onTimeout` first), or `signal` aborts. */
  #sleep(ticket: number, ms: number, signal: AbortSignal, onTimeout?: () => void): Promise<void> {
    if (signal.aborted) return Promise.reject(new AbortedWaitError());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { ticket, wake: () => done(resolve), cancel: () => done(() => reject(new AbortedWaitError())) };
      const timer = setTimeout(
        () => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          done(resolve);
          onTimeout?.();
        },
        Math.max(0, ms),
      );
      const onAbort = () => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        done(() => reject(new AbortedWaitError()));
      };
      const done = (settle: () => void) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        settle();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }
}
