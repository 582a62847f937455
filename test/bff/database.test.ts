/** The database guarantees the rules lean on: foreign keys inside transactions, WAL, migrations. */
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as t from '../../bff/db/tables.js';
import { applyMigrations } from '../../bff/db/migrate.js';
import { useTestBff } from '../helpers/bff.js';
import { libsqlOf } from '../../bff/db/writer.js';

const bff = useTestBff();

/** drizzle wraps the driver's error; the constraint is named in its cause. */
async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) messages.push(String((e as Error).message));
    return messages.join(' | ');
  }
  return 'no error';
}

it('enforces foreign keys inside write transactions, on every pooled connection', async () => {
  const db = bff.database.writer.db;
  // Several transactions in a row, so the pool hands out more than one connection.
  for (let i = 0; i < 3; i++) {
    const pragma = await libsqlOf(db).transaction(async (tx) => tx.all<{ foreign_keys: number }>(sql`PRAGMA foreign_keys`));
    expect(pragma[0]?.foreign_keys).toBe(1);
    expect(
      await failure(
        libsqlOf(db).transaction(async (tx) => {
          await tx.insert(t.orgResource).values({
            id: `res_orphan_${i}`,
            organizationId: 'org_doesNotExist',
            kind: 'camera',
            name: 'orphan',
            createdAt: new Date(),
          });
        }),
      ),
    ).toMatch(/FOREIGN KEY constraint failed/);
  }
  const orphans = await db.select().from(t.orgResource);
  expect(orphans).toHaveLength(0);
});

it('refuses to delete an org row that still has org-scoped rows (no silent cascade)', async () => {
  const db = bff.database.writer.db;
  await db.insert(t.organization).values({ id: 'org_withChild', name: 'x', slug: 'with-child', createdAt: new Date() });
  await db.insert(t.orgResource).values({ id: 'res_child', organizationId: 'org_withChild', kind: 'camera', name: 'c', createdAt: new Date() });
  expect(await failure(libsqlOf(db).transaction(async (tx) => tx.delete(t.organization).where(sql`id = 'org_withChild'`)))).toMatch(
    /FOREIGN KEY constraint failed/,
  );
});

it('runs in WAL mode and applying the migrations twice is harmless', async () => {
  const [mode] = await libsqlOf(bff.database.writer.db).all<{ journal_mode: string }>(sql`PRAGMA journal_mode`);
  expect(mode?.journal_mode).toBe('wal');
  expect(await applyMigrations(bff.database.writer, ['auth', 'danger-zone'])).toEqual([]);
});

it('the state never outlives a change made by another connection (the hot-path cache follows data_version)', async () => {
  const { createClient } = await import('@libsql/client');
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
  const other = createClient({ url: bff.url });
  await other.execute({ sql: 'update organization set name = ? where id = ?', args: ['After', org.id] });
  await nextTurn();
  expect(((await (await state()).json()) as { org: { name: string } }).org.name).toBe('After');
  await other.execute({ sql: 'delete from session where token = ?', args: [token] });
  await nextTurn();
  expect((await state()).status).toBe(401);
  // A change made by this process itself is seen at once, in the same turn.
  await bff.database.writer.db.update(t.organization).set({ name: 'Mine' }).where(eq(t.organization.id, org.id));
  const ownerAgain = await bff.signIn(owner.email);
  await nextTurn();
  await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: ownerAgain });
  await bff.database.writer.db.update(t.organization).set({ name: 'Mine, renamed' }).where(eq(t.organization.id, org.id));
  expect(((await (await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: ownerAgain })).json()) as { org: { name: string } }).org.name).toBe(
    'Mine, renamed',
  );
  other.close();
});
