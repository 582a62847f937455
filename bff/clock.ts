/**
 * The server's clock. Every rule that depends on time (cooldown, intent expiry, grace window,
 * rate-limit windows, audit times) reads it from here, so tests and the demo can move it.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Real time plus an offset: the demo's "move the clock" and the tests' injected clock. */
export class AdjustableClock implements Clock {
  #offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  advance(ms: number): Date {
    this.#offsetMs += ms;
    return this.now();
  }

  set(to: Date): Date {
    this.#offsetMs = to.getTime() - Date.now();
    return this.now();
  }

  reset(): void {
    this.#offsetMs = 0;
  }
}
