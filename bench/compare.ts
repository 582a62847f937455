/**
 * `tsx bench/compare.ts <another checkout>`: the state endpoint in that checkout (e.g. a worktree of
 * an older commit, with its node_modules) against this one, each server beside its own bare /ping.
 *
 * Throughput on this VM swings by ±20% from one minute to the next, whichever code runs, so the
 * figure compared is the server's own CPU time per request (user + system, from /proc, over the
 * requests of a round): what a request costs, which neighbours and the load generator hardly move.
 * Rounds alternate between the checkouts; the medians are printed, with each round.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../test/helpers/server-process.js';
import { orgIds, signInCookie } from './demo.js';
import { load } from './load.js';
import { median, round } from './stats.js';

const SECONDS = Number(process.env.COMPARE_SECONDS ?? 5);
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 5);
const TICKS_PER_SECOND = 100; // USER_HZ: Linux reports process times in 1/100 s

/** The process's CPU time so far, in microseconds (fields 14 and 15 of /proc/<pid>/stat). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1e6;
}

async function start(cwd: string) {
  const dir = mkdtempSync(join(tmpdir(), 'odz-ab-'));
  const server = await startServerProcess({ DEMO: '1', DATABASE_URL: `file:${join(dir, 'b.db')}` }, 'bench/server.ts', { cwd });
  const [ids, { cookie }] = await Promise.all([orgIds(server), signInCookie(server, 'grace@example.com')]);
  return {
    ...server,
    org: ids['globex-partners']!,
    cookie,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
type Server = Awaited<ReturnType<typeof start>>;

/** A round of SECONDS over 50 connections: the server's CPU µs per request, and the rate. */
async function measure(server: Server, path: string, headers: Record<string, string>, seconds = SECONDS) {
  const before = cpuMicros(server.process.pid!);
  const result = await load(`${server.url}${path}`, headers, seconds);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { cpuMicros: (cpuMicros(server.process.pid!) - before) / result.requests, requestsPerSecond: result.requestsPerSecond };
}

const other = process.argv[2];
if (!other) throw new Error('usage: tsx bench/compare.ts <another checkout of this project, with its node_modules>');
const servers = { before: await start(other), after: await start(process.cwd()) };
const statePath = (s: Server) => `/api/orgs/${s.org}/danger-zone`;
// Warm up: the JIT's first minutes are not what a running server costs.
for (const s of Object.values(servers)) {
  await measure(s, '/ping', {}, 3);
  await measure(s, statePath(s), { cookie: s.cookie }, 10);
}
const rounds: Record<keyof typeof servers, { state: number; ping: number; stateRate: number }[]> = { before: [], after: [] };
for (let i = 0; i < ROUNDS; i++) {
  for (const name of ['before', 'after'] as const) {
    const s = servers[name];
    const ping = await measure(s, '/ping', {});
    const state = await measure(s, statePath(s), { cookie: s.cookie });
    rounds[name].push({ state: state.cpuMicros, ping: ping.cpuMicros, stateRate: state.requestsPerSecond });
    console.log(`${name}: state ${round(state.cpuMicros, 1)} µs CPU (${Math.round(state.requestsPerSecond)} req/s), ping ${round(ping.cpuMicros, 1)} µs CPU`);
  }
}
await Promise.all(Object.values(servers).map((s) => s.stop()));
const summary = Object.fromEntries(
  Object.entries(rounds).map(([name, r]) => [
    name,
    {
      stateCpuMicros: round(median(r.map((x) => x.state)), 1),
      pingCpuMicros: round(median(r.map((x) => x.ping)), 1),
      // The same "÷ bare Hono" as bench/run.ts, but in cost: ping's CPU per request over state's.
      stateOverPing: round(median(r.map((x) => x.ping / x.state)), 2),
      stateRequestsPerSecond: Math.round(median(r.map((x) => x.stateRate))),
    },
  ]),
);
console.log(JSON.stringify(summary, null, 2));
console.log(`state endpoint's CPU per request, after ÷ before: ${round(summary.after!.stateCpuMicros / summary.before!.stateCpuMicros, 2)}`);
