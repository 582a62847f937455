/** One autocannon round against a URL: what every bench script's load figures are made of. */
import autocannon from 'autocannon';
import { round } from './stats.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export function load(url: string, headers: Record<string, string>, seconds: number, connections = 50): Promise<LoadResult> {
  return new Promise((resolve, reject) =>
    autocannon({ url, connections, duration: seconds, headers }, (error, r) =>
      error
        ? reject(error)
        : resolve({
            requestsPerSecond: round(r.requests.average, 0),
            p50Ms: r.latency.p50,
            p99Ms: r.latency.p99,
            requests: r.requests.total,
            non2xx: r.non2xx,
            errors: r.errors,
          }),
    ),
  );
}

/**
 * Latency of one endpoint at a steady, moderate load: `workers` loops each sending the next request
 * when the last answered, timed in microseconds (autocannon rounds to whole milliseconds, too
 * coarse for a 2 ms p99). Runs until stopped.
 */
export function latencyProbe(url: string, headers: Record<string, string>, workers = 8) {
  const samples: number[] = [];
  let failures = 0;
  let running = true;
  const loop = async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (running && res.ok) samples.push(performance.now() - started);
        else if (!res.ok) failures++;
      } catch {
        failures++; // a dropped keep-alive connection: counted, and the loop goes on
      }
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      const sorted = samples.sort((a, b) => a - b);
      const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0, 2);
      return { requests: sorted.length, failures, p50Ms: at(0.5), p99Ms: at(0.99) };
    },
  };
}

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/**
 * Ping and state, alternating, ROUNDS times: the ratio of each round is taken back to back, and the
 * median round is reported, so a burst of noise on the machine moves one round, not the figure.
 */
export async function rounds(ping: () => Promise<LoadResult>, state: () => Promise<LoadResult>) {
  const all: { ping: LoadResult; state: LoadResult; ratio: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const p = await ping();
    const s = await state();
    all.push({ ping: p, state: s, ratio: round(s.requestsPerSecond / p.requestsPerSecond, 2) });
  }
  const sorted = [...all].sort((x, y) => x.ratio - y.ratio);
  const middle = sorted[Math.floor(sorted.length / 2)]!;
  return { ...middle, ratios: all.map((r) => r.ratio) };
}
