/**
 * The remote database's figures (issue 13), measured against our Hrana-over-HTTP test server with
 * sqld's rules and an added round-trip time (0, 5 and 20 ms): the state endpoint's throughput and
 * p99 beside a bare route of the same process, a confirmation's and a cancel's latency and how many
 * round trips each takes (the write transaction's own, and the request's in all), and two BFF
 * processes against one server. Run by `npm run bench` (or alone: `tsx bench/remote.ts`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startHranaServer, type HranaServer } from '../test/helpers/hrana/server.js';
import { startServerProcess, type ServerProcess } from '../test/helpers/server-process.js';
import { DEMO_PASSWORD } from '../bff/demo/data-set.js';
import { orgIds, signInCookie } from './demo.js';
import { load } from './load.js';
import { median, round } from './stats.js';

const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 8);
const LATENCIES = [0, 5, 20];
const CYCLES = Number(process.env.BENCH_REMOTE_CYCLES ?? 10);

interface Session {
  cookie: string;
  orgs: Record<string, string>;
}

async function signIn(server: ServerProcess, email: string): Promise<Session> {
  return { cookie: (await signInCookie(server, email)).cookie, orgs: await orgIds(server) };
}

/** A request's latency and the Hrana requests it made: in all, and on its longest stream (its write transaction). */
async function measured(hrana: HranaServer, send: () => Promise<Response>, expected: number) {
  hrana.resetStats();
  const started = performance.now();
  const res = await send();
  const ms = performance.now() - started;
  await res.arrayBuffer();
  if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}`);
  return { ms, total: hrana.stats.pipelineRequests, transaction: Math.max(0, ...hrana.stats.perStream.values()) };
}

async function confirmAndCancel(server: ServerProcess, hrana: HranaServer, session: Session) {
  const orgId = session.orgs['hooli-xyz']!;
  const headers = { cookie: session.cookie, origin: server.url, 'content-type': 'application/json' };
  const confirms: Awaited<ReturnType<typeof measured>>[] = [];
  const cancels: Awaited<ReturnType<typeof measured>>[] = [];
  for (let i = 0; i < CYCLES; i++) {
    const intent = (await (await fetch(`${server.url}/api/orgs/${orgId}/deletion-intents`, { method: 'POST', headers })).json()) as { intentId: string };
    const body = JSON.stringify({ intentId: intent.intentId, confirmName: 'Hooli XYZ', password: DEMO_PASSWORD, acknowledgements: ['other_members'] });
    confirms.push(await measured(hrana, () => fetch(`${server.url}/api/orgs/${orgId}/deletion`, { method: 'POST', headers, body }), 202));
    cancels.push(await measured(hrana, () => fetch(`${server.url}/api/orgs/${orgId}/deletion`, { method: 'DELETE', headers }), 200));
  }
  const summary = (xs: typeof confirms) => ({
    medianMs: round(median(xs.map((x) => x.ms))),
    roundTrips: Math.max(...xs.map((x) => x.total)),
    transactionRoundTrips: Math.max(...xs.map((x) => x.transaction)),
  });
  return { confirm: summary(confirms), cancel: summary(cancels) };
}

/** The Hrana test server as its own process (as sqld would be), with a fixed added latency. */
async function hranaProcess(path: string, latencyMs: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/hrana/cli.ts', '--db', path, '--port', '0', '--latency-ms', String(latencyMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /hrana listening on (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`hrana exited with ${code}: ${out}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// Scrypt sign-ins and zero cooldown: the bench measures the database, not the waiting.
export const serverEnv = (url: string) => ({
  DEMO: '1',
  DEMO_HOST_PORT: '0',
  DATABASE_URL: url,
  DELETION_COOLDOWN_SECONDS: '0',
  SIGN_IN_RATE_LIMIT: '100000',
  INTENT_RATE_LIMIT: '100000',
  INTENT_ORG_RATE_LIMIT: '100000',
  CONFIRMATION_RATE_LIMIT: '100000',
});

export async function remoteFigures(log: (line: string) => void = console.log) {
  const dir = mkdtempSync(join(tmpdir(), 'odz-bench-remote-'));
  try {
    const throughput = [];
    for (const latencyMs of LATENCIES) {
      log(`remote: the state endpoint with ${latencyMs} ms added to each round trip…`);
      const hrana = await hranaProcess(join(dir, `throughput-${latencyMs}.db`), latencyMs);
      const server = await startServerProcess(serverEnv(hrana.url), 'bench/server.ts');
      try {
        const session = await signIn(server, 'hank@example.com');
        const ping = await load(`${server.url}/ping`, {}, LOAD_SECONDS);
        const state = await load(`${server.url}/api/orgs/${session.orgs['hooli-xyz']}/danger-zone`, { cookie: session.cookie }, LOAD_SECONDS);
        throughput.push({ latencyMs, state, ping, ratio: round(state.requestsPerSecond / ping.requestsPerSecond, 2) });
      } finally {
        await server.stop();
        await hrana.stop();
      }
    }

    log('remote: two processes against one server (+5 ms)…');
    const shared = await hranaProcess(join(dir, 'shared.db'), 5);
    let twoProcesses;
    try {
      const a = await startServerProcess(serverEnv(shared.url), 'bench/server.ts');
      const b = await startServerProcess(serverEnv(shared.url), 'bench/server.ts');
      try {
        const [sa, sb] = [await signIn(a, 'hank@example.com'), await signIn(b, 'hank@example.com')];
        const [ra, rb] = await Promise.all([
          load(`${a.url}/api/orgs/${sa.orgs['hooli-xyz']}/danger-zone`, { cookie: sa.cookie }, LOAD_SECONDS),
          load(`${b.url}/api/orgs/${sb.orgs['hooli-xyz']}/danger-zone`, { cookie: sb.cookie }, LOAD_SECONDS),
        ]);
        twoProcesses = { latencyMs: 5, requestsPerSecond: ra.requestsPerSecond + rb.requestsPerSecond, p99Ms: Math.max(ra.p99Ms, rb.p99Ms) };
      } finally {
        await a.stop();
        await b.stop();
      }
    } finally {
      await shared.stop();
    }

    log('remote: a confirmation and a cancel, their latency and round trips…');
    const counting = await startHranaServer({ path: join(dir, 'writes.db') });
    const server = await startServerProcess(serverEnv(counting.url), 'bench/server.ts');
    const writes = [];
    try {
      const session = await signIn(server, 'hank@example.com');
      for (const latencyMs of LATENCIES) {
        counting.setLatency(latencyMs);
        writes.push({ latencyMs, ...(await confirmAndCancel(server, counting, session)) });
      }
    } finally {
      await server.stop();
      await counting.close();
    }
    return { throughput, writes, twoProcesses };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type RemoteFigures = Awaited<ReturnType<typeof remoteFigures>>;

export function remoteTable(r: RemoteFigures): string[] {
  return [
    ...r.throughput.map(
      (l) =>
        `| remote, +${l.latencyMs} ms a round trip: state endpoint | ${l.state.requestsPerSecond} req/s, p99 ${l.state.p99Ms} ms (bare route ${l.ping.requestsPerSecond} req/s: **${l.ratio}**) |`,
    ),
    ...r.writes.map(
      (l) =>
        `| remote, +${l.latencyMs} ms: confirm deletion / cancel (median of ${CYCLES}) | ${l.confirm.medianMs} ms / ${l.cancel.medianMs} ms; round trips ${l.confirm.roundTrips} / ${l.cancel.roundTrips} in all, **${l.confirm.transactionRoundTrips} / ${l.cancel.transactionRoundTrips}** in the write transaction |`,
    ),
    `| remote, two BFF processes against one server (+${r.twoProcesses.latencyMs} ms) | state endpoint ${r.twoProcesses.requestsPerSecond} req/s together, p99 ${r.twoProcesses.p99Ms} ms |`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await remoteFigures((line) => console.log(`[bench] ${line}`));
  console.log(JSON.stringify(figures, null, 2));
  console.log(['', '| measure | result |', '| --- | --- |', ...remoteTable(figures)].join('\n'));
}
