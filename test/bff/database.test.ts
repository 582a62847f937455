/** The database guarantees the rules lean on: foreign keys inside transactions, WAL, migrations. */
import type { EventEmitter } from 'node:events';
import { eq, sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../bff/db/migrate.js';
import { migrationSets } from '../../bff/db/migrations/index.js';
import { openDatabase } from '../../bff/db/database.js';
import { engineOf } from '../../bff/db/handle.js';
import { rows } from '../../bff/db/batch.js';
import { listTableColumns } from '../../bff/db/table-columns.js';
import { useTestBff } from '../helpers/bff.js';
import { failure } from '../helpers/failure.js';
import { tables as t } from '../helpers/tables.js';
import { postgresDatabase, testDatabaseUrl } from '../helpers/test-database.js';

const bff = useTestBff();

/** SQLite's words, or PostgreSQL's. */
const foreignKeyViolation = /FOREIGN KEY constraint failed|violates foreign key constraint/;

it('enforces foreign keys inside write transactions, on every pooled connection', async () => {
  // Several transactions in a row, so the pool hands out more than one connection.
  for (let i = 0; i < 3; i++) {
    if (!postgresDatabase) {
      // SQLite checks foreign keys only when each connection says so (PostgreSQL always does).
      const pragma = await bff.database.writer.transaction(async (tx) => rows<{ foreign_keys: number }>(tx, sql`PRAGMA foreign_keys`));
      expect(pragma[0]?.foreign_keys).toBe(1);
    }
    expect(
      await failure(
        bff.database.writer.transaction(async (tx) => {
          await tx.insert(t.orgResource).values({
            id: `res_orphan_${i}`,
            organizationId: 'org_doesNotExist',
            kind: 'camera',
            name: 'orphan',
            createdAt: new Date(),
          });
        }),
      ),
    ).toMatch(foreignKeyViolation);
  }
  const orphans = await bff.database.writer.db.select().from(t.orgResource);
  expect(orphans).toHaveLength(0);
});

it('refuses to delete an org row that still has org-scoped rows (no silent cascade)', async () => {
  const db = bff.database.writer.db;
  await db.insert(t.organization).values({ id: 'org_withChild', name: 'x', slug: 'with-child', createdAt: new Date() });
  await db.insert(t.orgResource).values({ id: 'res_child', organizationId: 'org_withChild', kind: 'camera', name: 'c', createdAt: new Date() });
  expect(await failure(bff.database.writer.transaction(async (tx) => tx.delete(t.organization).where(eq(t.organization.id, 'org_withChild'))))).toMatch(
    foreignKeyViolation,
  );
});

it.skipIf(postgresDatabase)('runs in WAL mode', async () => {
  const [mode] = await rows<{ journal_mode: string }>(bff.database.writer.db, sql`PRAGMA journal_mode`);
  expect(mode?.journal_mode).toBe('wal');
});

it('applying the migrations twice is harmless', async () => {
  expect(await applyMigrations(bff.database.writer, ['auth', 'danger-zone'])).toEqual([]);
});

describe("a host's database, migrated by the host's drizzle-kit first (issue 19.1)", () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'odz-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** better-auth's tables as a host's own migration made them, and drizzle-kit's journal beside them. */
  async function hostMigratedDatabase() {
    const target = await testDatabaseUrl(dir);
    const database = await openDatabase({ url: target.url });
    // The host's migration of better-auth's tables (our auth set's statements, without our journal).
    await database.writer.transaction(async (tx) => {
      for (const migration of migrationSets[engineOf(tx)].auth) for (const statement of migration.statements) await rows(tx, sql.raw(statement));
    });
    await rows(database.writer.db, sql.raw('create table "__drizzle_migrations" (id integer primary key, hash text not null, created_at bigint)'));
    await rows(database.writer.db, sql.raw(`insert into "__drizzle_migrations" (id, hash, created_at) values (1, 'host', 0)`));
    return { target, database };
  }

  it("gets every table of ours: drizzle-kit's journal is not ours", async () => {
    const { target, database } = await hostMigratedDatabase();
    try {
      const applied = await applyMigrations(database.writer);
      expect(applied).toContain('danger-zone/0000_danger_zone');
      const present = new Set((await listTableColumns(database.writer.db)).map((c) => c.table));
      for (const table of ['deletion_intent', 'outbox', 'org_audit_log', 'ownership_offer', 'webhook_event'])
        expect([table, present.has(table)]).toEqual([table, true]);
    } finally {
      await database.close();
      await target.dispose();
    }
  });

  it('a run whose journal lists migrations whose tables are gone says which tables and columns are missing', async () => {
    const { target, database } = await hostMigratedDatabase();
    try {
      await applyMigrations(database.writer);
      await rows(database.writer.db, sql.raw('drop table outbox'));
      await rows(database.writer.db, sql.raw('alter table organization drop column deletion_requested_by'));
      const message = await failure(applyMigrations(database.writer));
      expect(message).toContain('tables: outbox');
      expect(message).toContain('columns: organization.deletion_requested_by');
    } finally {
      await database.close();
      await target.dispose();
    }
  });
});

it('the state never outlives a change made by another connection (revocation lag 0)', async () => {
  const make = bff.make;
  const owner = await make.user();
  const org = await make.org({ name: 'Before', members: [{ userId: owner.id, role: 'owner' }] });
  const token = await bff.signIn(owner.email);
  const state = async () => bff.request(`/api/orgs/${org.id}/danger-zone`, { token });
  expect(((await (await state()).json()) as { org: { name: string } }).org.name).toBe('Before');
  expect(((await (await state()).json()) as { org: { name: string } }).org.name).toBe('Before');
  // Another connection, as another process would have. A request sees every commit finished before
  // the event-loop turn it is handled in (a real request arrives in a turn of its own; here the
  // next turn is awaited to stand for that).
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  const other = await openDatabase({ url: bff.url });
  try {
    await rows(other.writer.db, sql`update organization set name = ${'After'} where id = ${org.id}`);
    await nextTurn();
    expect(((await (await state()).json()) as { org: { name: string } }).org.name).toBe('After');
    await rows(other.writer.db, sql`delete from session where token = ${token}`);
    await nextTurn();
    expect((await state()).status).toBe(401);
  } finally {
    await other.close();
  }
  // A change made by this process itself is seen at once, in the same turn.
  await bff.database.writer.db.update(t.organization).set({ name: 'Mine' }).where(eq(t.organization.id, org.id));
  const ownerAgain = await bff.signIn(owner.email);
  await nextTurn();
  await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: ownerAgain });
  await bff.database.writer.db.update(t.organization).set({ name: 'Mine, renamed' }).where(eq(t.organization.id, org.id));
  expect(((await (await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: ownerAgain })).json()) as { org: { name: string } }).org.name).toBe(
    'Mine, renamed',
  );
});

it.runIf(postgresDatabase)('a connection the server drops between two statements of a transaction fails that transaction as busy, and only it', async () => {
  const admin = await openDatabase({ url: bff.url });
  try {
    const outcome = bff.database.writer.transaction(async (tx) => {
      const [me] = await rows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
      // The connection the transaction holds, to wait for its end (drizzle keeps it as `session.client`).
      const client = (tx as unknown as { session: { client: EventEmitter } }).session.client;
      const ended = new Promise((resolve) => client.once('end', resolve));
      await rows(admin.writer.db, sql`select pg_terminate_backend(${me!.pid})`);
      // Nothing of ours runs on the connection when the server drops it: node-postgres reports it
      // as an 'error' event on the client, which, unheard, would end the process.
      await ended;
      await tx
        .insert(t.verification)
        .values({ id: 'dropped', identifier: 'dropped', value: 'dropped', expiresAt: new Date(), createdAt: new Date(), updatedAt: new Date() });
    });
    expect(await failure(outcome)).toMatch(/busy or out of reach/);
    expect(await admin.writer.db.select().from(t.verification).where(eq(t.verification.id, 'dropped'))).toHaveLength(0);
    // The next transaction gets a live connection.
    await bff.database.writer.transaction(async (tx) => rows(tx, sql`select 1`));
  } finally {
    await admin.close();
  }
});
