/**
 * Runs a background job every `intervalMs`: never two runs of it at once, an error reported and
 * the next run tried as usual, timers unref'd so they never keep a process alive.
 */
import { describeError } from '../log.js';

export interface IntervalJob {
  /** Runs now (or waits for the run under way) and resolves with its result. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startIntervalJob(
  name: string,
  intervalMs: number,
  run: () => Promise<void>,
  onError: (error: unknown) => void = (error) => console.error(`[${name}] ${describeError(error)}`),
): IntervalJob {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    running ??= run()
      .catch(onError)
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = intervalMs > 0 ? setInterval(() => void tick(), intervalMs) : null;
  timer?.unref();
  return {
    runNow: () => (stopped ? Promise.resolve() : tick()),
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
