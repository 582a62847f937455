/**
 * Crash safety of the purge: the one-shot purge command, killed with SIGKILL at random points
 * (before it starts, between batches, inside a write transaction), again and again, then run to
 * the end. The org must end with zero rows everywhere (a host's own table registered with the
 * purge included), every other org unchanged, and one `org.deleted` whose tally counts every row
 * exactly once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { rows } from '../../bff/db/batch.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { autoId, series, tables as t } from '../helpers/tables.js';
import { openAndMigrate } from '../../bff/runtime.js';
import { seedBulkOrg } from '../helpers/bulk-seed.js';
import { othersChecksum, rowsOf, type HostTableRef } from '../helpers/checksum.js';
import { testDatabaseUrl, type TestDatabase } from '../helpers/test-database.js';
import { record } from './report.js';

const dir = mkdtempSync(join(tmpdir(), 'odz-crash-'));
const host: HostTableRef[] = [{ table: 'host_clip', orgColumn: 'org_id' }];
let shared: TestDatabase;
let url: string;
let database: Awaited<ReturnType<typeof openAndMigrate>>;

beforeAll(async () => {
  shared = await testDatabaseUrl(dir);
  url = shared.url;
  database = await openAndMigrate({ DATABASE_URL: url, DATABASE_AUTH_TOKEN: undefined, DATABASE_BUSY_TIMEOUT_MS: 5000 });
});
afterAll(async () => {
  database?.close();
  await shared?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm run purge`'s command; kills it with SIGKILL after `killAfterMs` unless it ends first. */
function runPurge(killAfterMs: number | null): Promise<{ killed: boolean; code: number | null; output: string }> {
  return new Promise((resolve) => {
    // Runs that will be killed delete one row per batch, so each dies partway even though the
    // purge is fast (hundreds of thousands of rows a second in 1,000-row batches); the last run
    // uses the default.
    const batch = killAfterMs === null ? '1000' : '1';
    const child = spawn(process.execPath, ['--import', 'tsx', 'bff/cli.ts', 'purge'], {
      env: { ...process.env, DATABASE_URL: url, PURGE_BATCH_SIZE: batch, PURGE_LEASE_SECONDS: '0.25', PURGE_HOST_TABLES: 'host_clip.org_id' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    let killed = false;
    const timer =
      killAfterMs === null
        ? null
        : setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ killed, code, output });
    });
  });
}

it('a purge killed with SIGKILL at random points at least 20 times, then run again, finishes cleanly', async () => {
  const db = database.writer.db;
  const target = await seedBulkOrg(database, 'Doomed', 150_000, true);
  const bystanderA = await seedBulkOrg(database, 'Bystander A', 7_500, false);
  await seedBulkOrg(database, 'Bystander B', 7_500, false);
  // The host's own org-scoped table, registered with the purge (PURGE_HOST_TABLES).
  await rows(db, sql`create table host_clip (${autoId}, org_id text not null references organization(id), label text)`);
  await rows(db, sql`create index host_clip_org on host_clip (org_id)`);
  for (const [orgId, count] of [
    [target, 30_000],
    [bystanderA, 2_000],
  ] as const) {
    await rows(db, sql`${series(count)} insert into host_clip (org_id, label) select ${orgId}, 'clip ' || n from series`);
  }
  const before = await othersChecksum(db, target, host);
  const initial = await rowsOf(db, target, host);

  const kills: { afterMs: number; remaining: number }[] = [];
  for (let attempt = 0; kills.length < 24 && attempt < 60; attempt++) {
    // From before the command has even opened the database to deep into the batches.
    const afterMs = 600 + Math.round(Math.random() * 1500);
    const run = await runPurge(afterMs);
    const rows = await rowsOf(db, target, host);
    const remaining = Object.entries(rows)
      .filter(([k]) => k !== 'organization' && k !== 'purge_progress')
      .reduce((sum, [, n]) => sum + n, 0);
    if (!run.killed) break; // it finished on its own before the kill
    kills.push({ afterMs, remaining });
    // The dead runner's lease (0.25 s) must lapse before the next one may take over.
    await new Promise((r) => setTimeout(r, 300));
  }
  expect(kills.length).toBeGreaterThanOrEqual(20);
  expect((await rowsOf(db, target, host)).organization).toBe(1);

  const final = await runPurge(null);
  expect(final.code, final.output).toBe(0);
  const after = await rowsOf(db, target, host);
  expect(Object.values(after).every((n) => n === 0)).toBe(true);
  expect(await othersChecksum(db, target, host)).toEqual(before);
  const deleted = await db.select().from(t.platformAuditLog).where(eq(t.platformAuditLog.organizationId, target));
  expect(deleted.map((e) => e.action)).toEqual(['org.deleted']);
  const removed = (JSON.parse(deleted[0]!.details!) as { removed: Record<string, number> }).removed;
  // Each killed batch rolled back with its tally, so every row is counted exactly once.
  for (const [table, count] of Object.entries(initial)) {
    if (table === 'purge_progress' || table === 'deletion_intent' || table === 'org_subscription' || table === 'org_credits') continue;
    expect(removed[table] ?? 0, table).toBe(count);
  }
  const seededRows = Object.entries(initial)
    .filter(([k]) => k !== 'organization' && k !== 'purge_progress')
    .reduce((sum, [, n]) => sum + n, 0);
  // A kill landed mid-purge when that run had deleted something before it died.
  const midway = kills.filter((k, i) => k.remaining < (i === 0 ? seededRows : kills[i - 1]!.remaining)).length;
  record(7, 'Crash safety: the purge killed with SIGKILL', [
    `${kills.length} kills at random times (${Math.min(...kills.map((k) => k.afterMs))}–${Math.max(...kills.map((k) => k.afterMs))} ms after start) of the one-shot purge over an org of ` +
      `${seededRows.toLocaleString('en')} org-scoped rows (${initial.host_clip!.toLocaleString('en')} of them in a host table registered with the purge) beside two other orgs; ${midway} landed after the run had started deleting, the rest before it reached the database.`,
    `Rows left after each kill: ${kills.map((k) => k.remaining.toLocaleString('en')).join(' → ')}.`,
    "The final run finished with zero rows in every table of that org, the other orgs' checksums unchanged, one `org.deleted`, and a tally equal to the seeded row counts (no row counted twice or missed).",
  ]);
});
