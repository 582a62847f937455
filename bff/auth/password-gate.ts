/**
 * Bounds concurrent password checks per account, so that scrypt (64 ms to 100 ms of a libuv thread
 * each; the pool has four) cannot be used to starve every other user's sign-in: one account's
 * checks run one at a time in this process, a few more may wait their turn, and any beyond that
 * are refused at once (429) instead of queueing. The rate limits decide how many attempts there
 * are in a window; this decides how many of them burn a thread at the same moment.
 *
 * The plugin installs it around better-auth's `password.verify` (`init`), so every endpoint that
 * checks a password goes through it (sign-in, verify-password, change-password, the username and
 * phone-number plugins, and the danger zone's own confirmation, which calls the same function).
 * The account is recognised by its stored hash (its salt is unique), so no lookup is needed.
 */
import { APIError } from 'better-auth/api';
import { messages } from '../../shared/messages.js';

/** Checks of one account that may wait behind the running one before more are refused. */
export const MAX_WAITING_PER_ACCOUNT = 4;
const RETRY_AFTER_SECONDS = 1;

/** Too many checks of one account at once: answered 429 with the spec's body. */
export class PasswordChecksBusyError extends APIError {
  constructor() {
    const message = messages.rate_limited({ retryAfter: RETRY_AFTER_SECONDS });
    const error = { code: 'rate_limited', message, retryAfter: RETRY_AFTER_SECONDS };
    super('TOO_MANY_REQUESTS', { ...error, error }, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
  }
}

interface Lane {
  running: boolean;
  waiting: (() => void)[];
}

export class PasswordGate {
  readonly #lanes = new Map<string, Lane>();

  /** Runs `check` once no other check of `account` runs in this process. */
  async run<T>(account: string, check: () => Promise<T>): Promise<T> {
    let lane = this.#lanes.get(account);
    if (!lane) {
      lane = { running: false, waiting: [] };
      this.#lanes.set(account, lane);
    }
    if (lane.running) {
      if (lane.waiting.length >= MAX_WAITING_PER_ACCOUNT) throw new PasswordChecksBusyError();
      await new Promise<void>((resolve) => lane.waiting.push(resolve));
    }
    lane.running = true;
    try {
      return await check();
    } finally {
      const next = lane.waiting.shift();
      if (next) next();
      else this.#lanes.delete(account);
    }
  }
}

type Verify = (data: { password: string; hash: string }) => Promise<boolean>;

/** better-auth's `password.verify`, one check per account at a time. */
export function gatedVerify(verify: Verify, gate = new PasswordGate()): Verify {
  return (data) => gate.run(data.hash, () => verify(data));
}
