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
