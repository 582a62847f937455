/**
 * PostgreSQL's rows of `npm run bench` (issue 20), on a throwaway server of the bench's own
 * (test/helpers/postgres-cluster.ts: Debian's PostgreSQL, durability off as in the tests):
 * - the state endpoint ÷ a bare Hono route of the same process, in one process and in two sharing
 *   the database (median of ROUNDS back-to-back rounds, as the file's rows);
 * - a confirmation's and a cancel's latency and round trips, counted by a proxy on the wire
 *   (pg-round-trips.ts): in all, and in the write transaction;
 * - the purge of an org of N rows beside another of the same size, against one unbatched DELETE
 *   of the same rows in one transaction on the same server: time, longest transaction, and the
 *   other org's state p99 during each.
 * BENCH_POSTGRES=0 leaves them out; BENCH_POSTGRES_PURGE_SIZES (default 10000,100000) sets the
 * sizes: 1,000,000 is opt-in (seeding three million rows takes minutes on a 2-core machine).
 * Alone: `tsx bench/postgres.ts`.
 */
import { sql } from 'drizzle-orm';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { rows } from '../bff/db/batch.js';
import { openDatabase } from '../bff/db/database.js';
import { DEMO_PASSWORD } from '../bff/demo/data-set.js';
import { seedBulkOrg } from '../test/helpers/bulk-seed.js';
import { startPostgresCluster } from '../test/helpers/postgres-cluster.js';
import { startServerProcess, type ServerProcess } from '../test/helpers/server-process.js';
import { orgIds, signInCookie } from './demo.js';
import { latencyProbe, load, rounds } from './load.js';
import { startRoundTripProxy, type RoundTripProxy } from './pg-round-trips.js';
import { serverEnv } from './remote.js';
import { median, round } from './stats.js';

const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const SIZES = (process.env.BENCH_POSTGRES_PURGE_SIZES ?? '10000,100000').split(',').map(Number);
const CYCLES = Number(process.env.BENCH_REMOTE_CYCLES ?? 10);

/** The tables seedBulkOrg fills that reference the org without a cascade: an unbatched delete empties them first. */
const orgScoped = ['org_resource', 'org_audit_log', 'outbox', 'org_api_key'];

async function confirmAndCancel(server: ServerProcess, proxy: RoundTripProxy) {
  const session = { cookie: (await signInCookie(server, 'hank@example.com')).cookie, orgs: await orgIds(server) };
  const orgId = session.orgs['hooli-xyz']!;
  const headers = { cookie: session.cookie, origin: server.url, 'content-type': 'application/json' };
  const measured = async (send: () => Promise<Response>, expected: number) => {
    proxy.reset();
    const started = performance.now();
    const res = await send();
    await res.arrayBuffer();
    const ms = performance.now() - started;
    if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}`);
    return { ms, total: proxy.stats.total, transaction: Math.max(0, ...proxy.stats.transactions) };
  };
  const confirms: Awaited<ReturnType<typeof measured>>[] = [];
  const cancels: Awaited<ReturnType<typeof measured>>[] = [];
  for (let i = 0; i < CYCLES; i++) {
    const intent = (await (await fetch(`${server.url}/api/orgs/${orgId}/deletion-intents`, { method: 'POST', headers })).json()) as { intentId: string };
    const body = JSON.stringify({ intentId: intent.intentId, confirmName: 'Hooli XYZ', password: DEMO_PASSWORD, acknowledgements: ['other_members'] });
    confirms.push(await measured(() => fetch(`${server.url}/api/orgs/${orgId}/deletion`, { method: 'POST', headers, body }), 202));
    cancels.push(await measured(() => fetch(`${server.url}/api/orgs/${orgId}/deletion`, { method: 'DELETE', headers }), 200));
  }
  const summary = (xs: typeof confirms) => ({
    medianMs: round(median(xs.map((x) => x.ms))),
    roundTrips: Math.max(...xs.map((x) => x.total)),
    transactionRoundTrips: Math.max(...xs.map((x) => x.transaction)),
  });
  return { confirm: summary(confirms), cancel: summary(cancels) };
}

/** One transaction deleting every row of the org at once: what the batched purge is measured against. */
async function unbatchedDelete(url: string, orgId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    await client.query('begin');
    let rows = 0;
    for (const table of orgScoped) rows += (await client.query(`delete from "${table}" where organization_id = $1`, [orgId])).rowCount ?? 0;
    // member and invitation go by their cascade (our member triggers let owners go with the org row).
    const cascaded = await client.query<{ n: string }>(
      `select (select count(*) from member where organization_id = $1) + (select count(*) from invitation where organization_id = $1) as n`,
      [orgId],
    );
    await client.query('delete from organization where id = $1', [orgId]);
    await client.query('commit');
    return { rows: rows + Number(cascaded.rows[0]!.n), ms: performance.now() - started };
  } finally {
    await client.end();
  }
}

async function purgeAtScale(server: ServerProcess, url: string, probe: { url: string; headers: Record<string, string> }, log: (line: string) => void) {
  const database = await openDatabase({ url });
  const results = [];
  try {
    for (const size of SIZES) {
      log(`postgres: purge of ${size.toLocaleString('en')} rows, and one unbatched DELETE of as many…`);
      await seedBulkOrg(database, `Bystander ${size}`, size, false);
      await seedBulkOrg(database, `Doomed ${size}`, size, true);
      const victim = await seedBulkOrg(database, `Deleted at once ${size}`, size, false);
      // Fresh statistics after the bulk inserts, as autovacuum would have them.
      await rows(database.writer.db, sql`analyze`);
      const idleProbe = latencyProbe(probe.url, probe.headers);
      await new Promise((r) => setTimeout(r, 3000));
      const idle = await idleProbe.stop();

      const duringPurge = latencyProbe(probe.url, probe.headers);
      const res = await fetch(`${server.url}/bench/purge`, { method: 'POST' });
      const purged = (
        (await res.json()) as {
          result: { purged: { removed: Record<string, number>; stats: { durationMs: number; longestTransactionMs: number; batches: number } }[] };
        }
      ).result.purged[0]!;
      const busy = await duringPurge.stop();

      const duringDelete = latencyProbe(probe.url, probe.headers);
      const unbatched = await unbatchedDelete(url, victim);
      const busyDelete = await duringDelete.stop();
      const purgedRows = Object.values(purged.removed).reduce((a, b) => a + b, 0);
      results.push({
        rows: purgedRows,
        seconds: round(purged.stats.durationMs / 1000, 2),
        rowsPerSecond: Math.round(purgedRows / (purged.stats.durationMs / 1000)),
        batches: purged.stats.batches,
        longestTransactionMs: purged.stats.longestTransactionMs,
        otherOrgP99IdleMs: idle.p99Ms,
        otherOrgP99DuringMs: busy.p99Ms,
        otherOrgFailuresDuring: busy.failures,
        unbatched: {
          rows: unbatched.rows,
          seconds: round(unbatched.ms / 1000, 2),
          transactionMs: Math.round(unbatched.ms),
          otherOrgP99DuringMs: busyDelete.p99Ms,
          otherOrgFailuresDuring: busyDelete.failures,
        },
      });
      log(`postgres: ${JSON.stringify(results.at(-1))}`);
    }
  } finally {
    await database.close();
  }
  return results;
}

export async function postgresFigures(log: (line: string) => void = console.log) {
  const cluster = await startPostgresCluster();
  try {
    const url = await cluster.createDatabase('bench');
    const env = { ...serverEnv(url), PURGE_INTERVAL_SECONDS: '0' };
    const a = await startServerProcess(env, 'bench/server.ts');
    try {
      const ids = await orgIds(a);
      const globex = ids['globex-partners']!;
      const auth = { cookie: (await signInCookie(a, 'grace@example.com')).cookie };
      const stateUrl = (s: ServerProcess) => `${s.url}/api/orgs/${globex}/danger-zone`;

      log(`postgres: state endpoint, one process (rounds of ${LOAD_SECONDS} s, 50 connections)…`);
      await load(stateUrl(a), auth, 2);
      const one = await rounds(
        () => load(`${a.url}/ping`, {}, LOAD_SECONDS),
        () => load(stateUrl(a), auth, LOAD_SECONDS),
      );
      log('postgres: state endpoint, two processes…');
      const b = await startServerProcess(env, 'bench/server.ts');
      let two;
      try {
        await load(stateUrl(b), auth, 2);
        const both = async (path: (s: ServerProcess) => string, headers: Record<string, string>) => {
          const [ra, rb] = await Promise.all([load(path(a), headers, LOAD_SECONDS, 25), load(path(b), headers, LOAD_SECONDS, 25)]);
          return {
            ...ra,
            requestsPerSecond: ra.requestsPerSecond + rb.requestsPerSecond,
            p99Ms: Math.max(ra.p99Ms, rb.p99Ms),
            p50Ms: Math.max(ra.p50Ms, rb.p50Ms),
          };
        };
        two = await rounds(
          () => both((s) => `${s.url}/ping`, {}),
          () => both(stateUrl, auth),
        );
      } finally {
        await b.stop();
      }

      log('postgres: a confirmation and a cancel, their latency and round trips…');
      const proxy = await startRoundTripProxy({ host: '127.0.0.1', port: cluster.port });
      let writes;
      const counted = await startServerProcess({ ...env, DATABASE_URL: url.replace(`:${cluster.port}/`, `:${proxy.port}/`) }, 'bench/server.ts');
      try {
        writes = await confirmAndCancel(counted, proxy);
      } finally {
        await counted.stop();
        await proxy.close();
      }

      log('postgres: purge at scale…');
      const purge = await purgeAtScale(a, url, { url: stateUrl(a), headers: auth }, log);
      return { oneProcess: one, twoProcesses: two, writes, purge };
    } finally {
      await a.stop();
    }
  } finally {
    await cluster.dispose();
  }
}

export type PostgresFigures = Awaited<ReturnType<typeof postgresFigures>>;

export function postgresTable(r: PostgresFigures): string[] {
  return [
    `| PostgreSQL: state endpoint, 1 process (median round) | ${r.oneProcess.state.requestsPerSecond} req/s, p99 ${r.oneProcess.state.p99Ms} ms; ping ${r.oneProcess.ping.requestsPerSecond} req/s: **${r.oneProcess.ratio}** (rounds: ${r.oneProcess.ratios.join(', ')}) |`,
    `| PostgreSQL: state endpoint, 2 processes | ${r.twoProcesses.state.requestsPerSecond} req/s together, p99 ${r.twoProcesses.state.p99Ms} ms; ping ${r.twoProcesses.ping.requestsPerSecond} req/s: **${r.twoProcesses.ratio}** (rounds: ${r.twoProcesses.ratios.join(', ')}) |`,
    `| PostgreSQL: confirm deletion / cancel (median of ${CYCLES}) | ${r.writes.confirm.medianMs} ms / ${r.writes.cancel.medianMs} ms; round trips ${r.writes.confirm.roundTrips} / ${r.writes.cancel.roundTrips} in all, **${r.writes.confirm.transactionRoundTrips} / ${r.writes.cancel.transactionRoundTrips}** in the write transaction |`,
    ...r.purge.map(
      (x) =>
        `| PostgreSQL: purge ${x.rows.toLocaleString('en')} rows (beside an org of the same size) | ${x.seconds} s, ${x.rowsPerSecond.toLocaleString('en')} rows/s, ${x.batches} batches, longest transaction **${x.longestTransactionMs} ms**; another org's p99 ${x.otherOrgP99IdleMs} → ${x.otherOrgP99DuringMs} ms. One unbatched DELETE of ${x.unbatched.rows.toLocaleString('en')} rows: ${x.unbatched.seconds} s in **one ${x.unbatched.transactionMs} ms transaction**, another org's p99 ${x.unbatched.otherOrgP99DuringMs} ms |`,
    ),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await postgresFigures((line) => console.log(`[bench] ${line}`));
  console.log(JSON.stringify(figures, null, 2));
  console.log(['', '| measure | result |', '| --- | --- |', ...postgresTable(figures)].join('\n'));
}
