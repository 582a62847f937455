/**
 * `npm run bench`: size, speed and scale, measured side by side in one run, written to
 * bench/results/latest.json and printed as a table. Ratios within one run are the figures to
 * trust on a noisy 2-core machine; absolute times are context. Exits 1 when one of the widget's figures
 * is over its budget (bench/widget.ts: 10,240 B gzip before the first render, a skeleton that moves
 * the page by at most 2 px, a cold click → dialog within ×1.3 a minimal Lit element's); nothing here is
 * a test assertion. The remote database's figures (bench/remote.ts) and PostgreSQL's
 * (bench/postgres.ts) come last; BENCH_REMOTE=0 and BENCH_POSTGRES=0 leave them out. BENCH_ONLY=widget measures the widget alone and updates only its figures in
 * latest.json.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../bff/db/database.js';
import { startServerProcess, type ServerProcess } from '../test/helpers/server-process.js';
import { seedBulkOrg } from '../test/helpers/bulk-seed.js';
import { orgIds, signInCookie } from './demo.js';
import { latencyProbe, load, rounds, ROUNDS, type LoadResult } from './load.js';
import { postgresFigures, postgresTable, type PostgresFigures } from './postgres.js';
import { remoteFigures, remoteTable, type RemoteFigures } from './remote.js';
import { buildWidget, overBudget, widgetFigures, widgetTable, type WidgetFigures } from './widget.js';
import { round } from './stats.js';

const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const SIZES = (process.env.BENCH_PURGE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const WIDGET_ONLY = process.env.BENCH_ONLY === 'widget';

const log = (line: string) => console.log(`[bench] ${line}`);

// ---------------------------------------------------------------- helpers

// ---------------------------------------------------------------- purge at scale

/** Runs the purge in the bench server's worker thread (the production path) and reads its stats. */
async function runPurge(server: ServerProcess) {
  const res = await fetch(`${server.url}/bench/purge`, { method: 'POST' });
  const body = (await res.json()) as {
    result: { purged: { removed: Record<string, number>; stats: { durationMs: number; longestTransactionMs: number; batches: number } }[] };
    rssBeforeMb: number;
    peakRssMb: number;
  };
  const purged = body.result.purged[0]!;
  return {
    durationMs: purged.stats.durationMs,
    rows: Object.values(purged.removed).reduce((a, b) => a + b, 0),
    longestTransactionMs: purged.stats.longestTransactionMs,
    batches: purged.stats.batches,
    peakMemoryMb: round(body.peakRssMb - body.rssBeforeMb),
  };
}

async function purgeAtScale(server: ServerProcess, databaseUrl: string, probe: { url: string; headers: Record<string, string> }) {
  const database = await openDatabase({ url: databaseUrl });
  const close = () => database.close();
  const results = [];
  for (const size of SIZES) {
    log(`purge: seeding an org of ${size.toLocaleString('en')} rows beside another of the same size…`);
    await seedBulkOrg(database, `Bystander ${size}`, size, false);
    await seedBulkOrg(database, `Doomed ${size}`, size, true);
    const idleProbe = latencyProbe(probe.url, probe.headers);
    await new Promise((r) => setTimeout(r, 3000));
    const idle = await idleProbe.stop();
    const duringProbe = latencyProbe(probe.url, probe.headers);
    const purge = await runPurge(server);
    const busy = await duringProbe.stop();
    results.push({
      rows: purge.rows,
      seconds: round(purge.durationMs / 1000, 2),
      rowsPerSecond: Math.round(purge.rows / (purge.durationMs / 1000)),
      batches: purge.batches,
      longestTransactionMs: purge.longestTransactionMs,
      peakMemoryMb: purge.peakMemoryMb,
      otherOrgP99IdleMs: idle.p99Ms,
      otherOrgP99DuringMs: busy.p99Ms,
      otherOrgP99Ratio: round(busy.p99Ms / idle.p99Ms, 2),
      otherOrgRequestsDuring: busy.requests,
      otherOrgFailuresDuring: busy.failures,
    });
    log(`purge: ${JSON.stringify(results.at(-1))}`);
  }
  close();
  return results;
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'odz-bench-'));
  const databaseUrl = `file:${join(dir, 'bench.db')}`;
  const env = { DEMO: '1', DATABASE_URL: databaseUrl, PURGE_INTERVAL_SECONDS: '0' };
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: round(totalmem() / 2 ** 30), node: process.version },
  };
  try {
    log('building the widget…');
    buildWidget();

    const a = await startServerProcess(env, 'bench/server.ts');
    const ids = await orgIds(a);
    const [globex, hooli] = [ids['globex-partners']!, ids['hooli-xyz']!];
    const grace = await signInCookie(a, 'grace@example.com');
    const hank = await signInCookie(a, 'hank@example.com');

    const widget = await widgetFigures(a, { firstRender: { orgId: globex, cookie: grace.cookie }, click: { orgId: hooli, cookie: hank.cookie } }, log);
    results.widget = { date: new Date().toISOString(), ...widget };
    if (WIDGET_ONLY) {
      await a.stop();
      return finish(results, started);
    }

    log(`state endpoint under load (${ROUNDS} rounds of ${LOAD_SECONDS} s each, 50 connections)…`);
    const stateUrl = (s: ServerProcess) => `${s.url}/api/orgs/${globex}/danger-zone`;
    const auth = { cookie: grace.cookie };
    await load(stateUrl(a), auth, 2); // warm-up
    const one = await rounds(
      () => load(`${a.url}/ping`, {}, LOAD_SECONDS),
      () => load(stateUrl(a), auth, LOAD_SECONDS),
    );
    const b = await startServerProcess(env, 'bench/server.ts');
    await load(stateUrl(b), auth, 2);
    const both = async (path: (s: ServerProcess) => string, headers: Record<string, string>) => {
      const [ra, rb] = await Promise.all([load(path(a), headers, LOAD_SECONDS, 25), load(path(b), headers, LOAD_SECONDS, 25)]);
      return {
        requestsPerSecond: ra.requestsPerSecond + rb.requestsPerSecond,
        p50Ms: Math.max(ra.p50Ms, rb.p50Ms),
        p99Ms: Math.max(ra.p99Ms, rb.p99Ms),
        requests: ra.requests + rb.requests,
        non2xx: ra.non2xx + rb.non2xx,
        errors: ra.errors + rb.errors,
      };
    };
    const two = await rounds(
      () => both((s) => `${s.url}/ping`, {}),
      () => both(stateUrl, auth),
    );
    await b.stop();
    const counted = (await (await fetch(`${a.url}/bench/promises?org=${globex}`, { headers: auth })).json()) as { promisesPerRequest: number };
    results.stateEndpoint = { oneProcess: one, twoProcesses: two, promisesPerRequest: counted.promisesPerRequest };

    log('purge at scale…');
    const purge = await purgeAtScale(a, databaseUrl, { url: stateUrl(a), headers: auth });
    results.purge = purge;
    const [small, , large] = purge;
    if (small && large) {
      const rowsGrowth = large.rows / small.rows;
      results.growth = {
        rowsGrowth: round(rowsGrowth, 1),
        timeGrowth: round(large.seconds / Math.max(small.seconds, 0.001), 1),
        memoryGrowth: round(Math.max(large.peakMemoryMb, 1) / Math.max(small.peakMemoryMb, 1), 2),
        atMostLinear:
          large.seconds / Math.max(small.seconds, 0.001) <= rowsGrowth * 1.2 && Math.max(large.peakMemoryMb, 1) <= Math.max(small.peakMemoryMb, 1) * rowsGrowth,
      };
    }
    await a.stop();

    if (process.env.BENCH_REMOTE !== '0') results.remote = await remoteFigures(log);
    if (process.env.BENCH_POSTGRES !== '0') results.postgres = await postgresFigures(log);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  finish(results, started);
}

/**
 * Writes latest.json and prints the table. With BENCH_ONLY=widget, the other figures in
 * latest.json stay as their last full run left them (the widget's carry their own date) and the
 * table shows the widget's rows alone.
 */
function finish(results: Record<string, unknown>, started: number) {
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  mkdirSync('bench/results', { recursive: true });
  const file = 'bench/results/latest.json';
  const previous = WIDGET_ONLY && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : null;
  writeFileSync(file, `${JSON.stringify(previous ? { ...previous, widget: results.widget } : results, null, 2)}\n`);
  if (WIDGET_ONLY) console.log(`\n${['| measure | result |', '| --- | --- |', ...widgetTable(results.widget as WidgetFigures)].join('\n')}\n`);
  else printTable(results);
  const over = overBudget(results.widget as WidgetFigures);
  for (const line of over) console.error(`\nBUDGET EXCEEDED: ${line}.`);
  if (over.length > 0) process.exitCode = 1;
}

function printTable(r: Record<string, unknown>) {
  const s = r.stateEndpoint as {
    oneProcess: { ping: LoadResult; state: LoadResult; ratio: number; ratios: number[] };
    twoProcesses: { ping: LoadResult; state: LoadResult; ratio: number; ratios: number[] };
    promisesPerRequest?: number;
  };
  const p = r.purge as {
    rows: number;
    seconds: number;
    rowsPerSecond: number;
    longestTransactionMs: number;
    peakMemoryMb: number;
    otherOrgP99IdleMs: number;
    otherOrgP99DuringMs: number;
    otherOrgP99Ratio: number;
  }[];
  const g = r.growth as { rowsGrowth: number; timeGrowth: number; memoryGrowth: number; atMostLinear: boolean } | undefined;
  const lines = [
    `org-danger-zone benchmarks, ${String(r.date).slice(0, 10)} (${(r.machine as { cpus: number }).cpus} cores, Node ${(r.machine as { node: string }).node})`,
    '',
    '| measure | result |',
    '| --- | --- |',
    ...widgetTable(r.widget as WidgetFigures),
    `| state endpoint, 1 process, 50 connections (median round) | ${s.oneProcess.state.requestsPerSecond} req/s, p50 ${s.oneProcess.state.p50Ms} ms, p99 ${s.oneProcess.state.p99Ms} ms |`,
    `| bare Hono /ping, same process, same round | ${s.oneProcess.ping.requestsPerSecond} req/s, p50 ${s.oneProcess.ping.p50Ms} ms, p99 ${s.oneProcess.ping.p99Ms} ms |`,
    `| **state ÷ ping, 1 process** (median of ${s.oneProcess.ratios.length} rounds: ${s.oneProcess.ratios.join(', ')}) | **${s.oneProcess.ratio}** |`,
    ...(s.promisesPerRequest === undefined ? [] : [`| promises one state request makes (in process, counted) | ${s.promisesPerRequest} |`]),
    `| state endpoint, 2 processes sharing the database (median round) | ${s.twoProcesses.state.requestsPerSecond} req/s (p99 ${s.twoProcesses.state.p99Ms} ms) against ping ${s.twoProcesses.ping.requestsPerSecond} req/s: **${s.twoProcesses.ratio}** (rounds: ${s.twoProcesses.ratios.join(', ')}) |`,
    ...p.map(
      (x) =>
        `| purge ${x.rows.toLocaleString('en')} rows (beside an org of the same size) | ${x.seconds} s, **${x.rowsPerSecond.toLocaleString('en')} rows/s**, longest write transaction **${x.longestTransactionMs} ms**, memory +${x.peakMemoryMb} MB at peak; another org's p99 ${x.otherOrgP99IdleMs} → ${x.otherOrgP99DuringMs} ms (**×${x.otherOrgP99Ratio}**) |`,
    ),
    ...(g
      ? [
          `| growth from the smallest to the largest org | rows ×${g.rowsGrowth}, time ×${g.timeGrowth}, peak memory ×${g.memoryGrowth}: ${g.atMostLinear ? 'at most linear' : 'WORSE THAN LINEAR'} |`,
        ]
      : []),
    ...(r.remote ? remoteTable(r.remote as RemoteFigures) : []),
    ...(r.postgres ? postgresTable(r.postgres as PostgresFigures) : []),
  ];
  console.log(`\n${lines.join('\n')}\n`);
}

await main();
