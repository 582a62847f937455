/**
 * The server's clock. Every rule that depends on time (cooldown, intent expiry, grace window,
 * rate-limit windows, audit times) reads it from here, so tests and the demo can move it.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Real time plus an offset: the demo's "move the clock", the tests' injected clock, and a host's
 * way to test the grace window (`new AdjustableClock({ offsetMs: 8 * 86_400_000 })`, or
 * `clock.advance(…)` between steps; give the same clock to `createApp`, `dangerZone` and
 * `startBackgroundJobs`). The commands take CLOCK_OFFSET (`8d`, `-2h`, `90m`).
 */
export class AdjustableClock implements Clock {
  #offsetMs: number;

  constructor(options: { offsetMs?: number } = {}) {
    this.#offsetMs = options.offsetMs ?? 0;
  }

  /** How far this clock is ahead of real time (negative: behind). */
  get offsetMs(): number {
    return this.#offsetMs;
  }

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

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A signed duration with a unit, as CLOCK_OFFSET takes it: `8d`, `-2h`, `90m`, `1.5d`, `250ms`.
 * Returns milliseconds, or null when the text is not one.
 */
export function parseDuration(text: string): number | null {
  const match = /^([+-]?\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  return match ? Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]) : null;
}

/** The clock a command runs on: real time, or real time moved by CLOCK_OFFSET (with a warning). */
export function clockWithOffset(offsetMs: number, warn: (line: string) => void = console.warn): Clock {
  if (offsetMs === 0) return systemClock;
  warn(
    `[org-danger-zone] CLOCK_OFFSET: this process's clock runs ${offsetMs / 3_600_000} hours ${offsetMs > 0 ? 'ahead of' : 'behind'} real time (for tests; never in production).`,
  );
  return new AdjustableClock({ offsetMs });
}
