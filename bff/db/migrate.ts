/**
 * Applies the migrations, with a journal of our own (`odz_migrations`), so they never collide with
 * a host's own migrations (drizzle-kit's `__drizzle_migrations`, better-auth's, anyone's).
 *
 * Two sets:
 * - `danger-zone`: our tables only (and indexes our queries need on better-auth's tables, added
 *   with IF NOT EXISTS). This is all a host's database gets: it runs on a database whose
 *   better-auth tables the host's own migrations created.
 * - `auth`: better-auth's tables, for the standalone server, which brings its own better-auth.
 *
 * Each migration runs in one write transaction together with its journal entry, after checking the
 * journal under the lock, so two processes starting at once apply it once. (A future migration
 * that needs `PRAGMA foreign_keys=OFF`, which SQLite ignores inside a transaction, will need its
 * own path.)
 */
import { sql } from 'drizzle-orm';
import { migrationSets } from './migrations/index.js';
import { libsqlOf, type Writer } from './writer.js';

export type MigrationSetName = 'auth' | 'danger-zone';
export interface Migration {
  name: string;
  statements: readonly string[];
}
export type MigrationSets = Record<MigrationSetName, readonly Migration[]>;

const JOURNAL = 'odz_migrations';

/**
 * Databases made by version 0.1 recorded one migration in drizzle's journal; its schema is exactly
 * these three of ours, so such a database is adopted instead of migrated again.
 */
const adoptedFromLegacy = ['auth/0000_better_auth', 'danger-zone/0000_danger_zone', 'danger-zone/0001_indexes_on_auth_tables'];

/** better-auth's tables our tables and queries rely on (its own migrations create them in a host's database). */
const betterAuthTables = ['user', 'session', 'account', 'organization', 'member', 'invitation'];

export class MigrationPrerequisiteError extends Error {}

export async function applyMigrations(writer: Writer, sets: readonly MigrationSetName[] = ['danger-zone']): Promise<string[]> {
  if (!sets.includes('auth')) await assertBetterAuthTables(writer);
  await libsqlOf(writer.db).run(sql.raw(`create table if not exists ${JOURNAL} (id text primary key not null, applied_at integer not null)`));
  await adoptLegacyDatabase(writer);
  const applied: string[] = [];
  for (const set of sets) {
    for (const migration of migrationSets[set]) {
      const id = `${set}/${migration.name}`;
      const ran = await writer.transaction(async (handle) => {
        const tx = libsqlOf(handle);
        const [done] = await tx.all<{ id: string }>(sql`select id from ${sql.identifier(JOURNAL)} where id = ${id}`);
        if (done) return false;
        await tx.$client.batch([...migration.statements, { sql: `insert into ${JOURNAL} (id, applied_at) values (?, ?)`, args: [id, Date.now()] }]);
        return true;
      });
      if (ran) applied.push(id);
    }
  }
  return applied;
}

async function assertBetterAuthTables(writer: Writer): Promise<void> {
  const rows = await libsqlOf(writer.db).all<{ name: string }>(sql`select name from sqlite_master where type = 'table'`);
  const present = new Set(rows.map((r) => r.name));
  const missing = betterAuthTables.filter((table) => !present.has(table));
  if (missing.length > 0) {
    throw new MigrationPrerequisiteError(
      `The danger zone's tables go beside better-auth's, and this database lacks ${missing.join(', ')}. ` +
        "Run your better-auth migrations first (with the organization plugin and ours, dangerZone()), or `org-danger-zone migrate --auth` to create better-auth's tables too (the standalone server's way).",
    );
  }
}

async function adoptLegacyDatabase(writer: Writer): Promise<void> {
  await writer.transaction(async (handle) => {
    const tx = libsqlOf(handle);
    const [journal, legacy] = await tx.batch([
      tx.all<{ n: number }>(sql`select count(*) as n from ${sql.identifier(JOURNAL)}`),
      tx.all<{ n: number }>(sql`select count(*) as n from sqlite_master where type = 'table' and name = '__drizzle_migrations'`),
    ]);
    if (journal[0]!.n > 0 || legacy[0]!.n === 0) return;
    const now = Date.now();
    await tx.$client.batch(adoptedFromLegacy.map((id) => ({ sql: `insert into ${JOURNAL} (id, applied_at) values (?, ?)`, args: [id, now] })));
  });
}
