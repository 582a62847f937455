/**
 * The host's own org-scoped tables in the purge (SPEC 7), configured once (issue 19, trap 2):
 *
 * - One configuration. What the running app registers (`startBackgroundJobs({ purge: { hostTables }
 *   })` or `registerHostTables`) is stored in `purge_host_table`, and every purge reads it: the one
 *   in the app's worker thread and `org-danger-zone purge` from cron, which used to know only
 *   PURGE_HOST_TABLES. What a purge is given itself (PURGE_HOST_TABLES, `hostTables`) adds to it.
 * - Nothing forgotten silently. Before it removes anything of an org, and again in the transaction
 *   that deletes the org row, the purge looks for the org's rows in tables nobody registered: any
 *   table with a foreign key to `organization`, or a column named like an org id, that is neither
 *   ours nor better-auth's. Finding some, it purges nothing (more) of that org and reports it failed,
 *   naming each table, so the command exits 1 instead of leaving rows behind and saying "done".
 */
import { and, eq, not, or, sql, type SQL } from 'drizzle-orm';
import { rows } from '../db/batch.js';
import type { Database, Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { knownTableNames, listTableColumns } from '../db/table-columns.js';

/** A host table whose `orgColumn` holds an org's id. `retain`: kept past the purge on purpose. */
export interface HostTable {
  table: string;
  orgColumn: string;
  retain?: boolean;
}

/** A column that holds org ids in a table nobody registered, with the rows one org has in it. */
export interface UnregisteredColumn {
  table: string;
  column: string;
  referencesOrganization: boolean;
}

export interface UnregisteredRows extends UnregisteredColumn {
  /** Rows of the org in it, counted up to `ROW_COUNT_CAP`. */
  rows: number;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Column names that say "an org's id" whatever the host's naming convention. */
const orgIdColumn = /^(organization|org)_?id$/i;
export const ROW_COUNT_CAP = 1000;

/** `table.org_column`, or `table.org_column:keep` for a table that keeps the rows, as PURGE_HOST_TABLES lists them. */
export function parseHostTable(spec: string): HostTable {
  const [name = '', mode] = spec.split(':');
  const [table = '', orgColumn = '', extra] = name.split('.');
  if (!identifier.test(table) || !identifier.test(orgColumn) || extra !== undefined || (mode !== undefined && mode !== 'keep')) {
    throw new Error(`A host table is table.org_column, or table.org_column:keep for one that keeps the org's rows; got ${JSON.stringify(spec)}.`);
  }
  return mode === 'keep' ? { table, orgColumn, retain: true } : { table, orgColumn };
}

function assertIdentifiers(tables: readonly HostTable[]): void {
  for (const { table, orgColumn } of tables) {
    if (!identifier.test(table) || !identifier.test(orgColumn)) throw new Error(`Invalid host table ${table}.${orgColumn}.`);
  }
}

/**
 * Stores the app's host tables for every purge to read, replacing what was registered before (the
 * running app's configuration is the truth; a table it no longer names is no longer emptied).
 */
export async function registerHostTables(database: Pick<Database, 'writer'>, tables: readonly HostTable[], now = new Date()): Promise<void> {
  assertIdentifiers(tables);
  await database.writer.transaction(async (tx) => {
    const { purgeHostTable } = tablesOf(tx);
    const listed = tables.map(({ table, orgColumn }) => and(eq(purgeHostTable.tableName, table), eq(purgeHostTable.orgColumn, orgColumn)));
    await tx.delete(purgeHostTable).where(listed.length > 0 ? not(or(...listed)!) : undefined);
    if (tables.length > 0) {
      // An upsert, not a delete and an insert: two processes registering at once (where writers do
      // not queue for one lock) both succeed, the second one's rows winning.
      await tx
        .insert(purgeHostTable)
        .values(tables.map(({ table, orgColumn, retain }) => ({ tableName: table, orgColumn, retain: retain ?? false, registeredAt: now })))
        .onConflictDoUpdate({
          target: [purgeHostTable.tableName, purgeHostTable.orgColumn],
          set: { retain: sql.raw('excluded.retain'), registeredAt: sql.raw('excluded.registered_at') },
        });
    }
  });
}

export async function registeredHostTables(db: Db): Promise<HostTable[]> {
  const registered = await db.select().from(tablesOf(db).purgeHostTable);
  return registered.map((r) => (r.retain ? { table: r.tableName, orgColumn: r.orgColumn, retain: true } : { table: r.tableName, orgColumn: r.orgColumn }));
}

/** What one purge run empties, and which columns it must find empty before it may delete an org. */
export interface HostTablePlan {
  /** Registered or given, not retained, and present in the database (a dropped table holds no rows). */
  emptied: HostTable[];
  unregistered: UnregisteredColumn[];
}

/** Reads the registration and the schema once per purge run. */
export async function planHostTables(database: Pick<Database, 'reader'>, given: readonly HostTable[] = []): Promise<HostTablePlan> {
  assertIdentifiers(given);
  const db = database.reader.db;
  const knownTables = knownTableNames(db);
  const [stored, columns] = await Promise.all([registeredHostTables(db), listTableColumns(db)]);
  const key = (table: string, column: string) => `${table}.${column}`;
  const configured = new Map<string, HostTable>();
  for (const table of [...stored, ...given]) configured.set(key(table.table, table.orgColumn), table);
  const present = new Set(columns.map((c) => key(c.table, c.column)));
  const emptied = [...configured.values()].filter((h) => !h.retain && present.has(key(h.table, h.orgColumn)));
  const unregistered = columns
    .filter((c) => !knownTables.has(c.table) && (c.referencesOrganization || orgIdColumn.test(c.column)))
    // A retained table with a foreign key to `organization` would keep the org row from being deleted: still flagged.
    .filter((c) => {
      const host = configured.get(key(c.table, c.column));
      return !host || (host.retain === true && c.referencesOrganization);
    })
    .map(({ table, column, referencesOrganization }) => ({ table, column, referencesOrganization }));
  return { emptied, unregistered };
}

/** One read: how many rows (up to the cap) the org has in each unregistered column. */
export function unregisteredRowsQuery(columns: readonly UnregisteredColumn[], orgId: string): SQL | null {
  if (columns.length === 0) return null;
  const parts = columns.map(
    (c) =>
      sql`select cast(${c.table} as text) as table_name, cast(${c.column} as text) as column_name,
        (select cast(count(*) as integer) from (select 1 from ${sql.identifier(c.table)} where ${sql.identifier(c.column)} = ${orgId} limit ${ROW_COUNT_CAP}) as found) as row_count`,
  );
  return sql.join(parts, sql` union all `);
}

export function rowsFound(
  columns: readonly UnregisteredColumn[],
  rows: readonly { table_name: string; column_name: string; row_count: number }[],
): UnregisteredRows[] {
  return rows
    .filter((r) => r.row_count > 0)
    .map((r) => {
      const column = columns.find((c) => c.table === r.table_name && c.column === r.column_name)!;
      return { ...column, rows: r.row_count };
    });
}

export async function findUnregisteredRows(db: Db, columns: readonly UnregisteredColumn[], orgId: string): Promise<UnregisteredRows[]> {
  const query = unregisteredRowsQuery(columns, orgId);
  if (!query) return [];
  return rowsFound(columns, await rows<{ table_name: string; column_name: string; row_count: number }>(db, query));
}

/** The org has rows the purge was not told about: nothing (more) of it is removed. */
export class UnregisteredHostRows extends Error {
  constructor(
    readonly orgId: string,
    readonly found: readonly UnregisteredRows[],
  ) {
    const list = found
      .map(
        (f) =>
          `${f.table}.${f.column} (${f.rows >= ROW_COUNT_CAP ? `${ROW_COUNT_CAP}+` : f.rows} ${f.rows === 1 ? 'row' : 'rows'}${f.referencesOrganization ? ', a foreign key to organization' : ''})`,
      )
      .join(', ');
    super(
      `org ${orgId} has rows in tables the purge was not told about: ${list}. Nothing more of it was removed. Register each table ` +
        '(startBackgroundJobs({ purge: { hostTables } }), registerHostTables(), or PURGE_HOST_TABLES=table.column), ' +
        'or mark one that keeps its rows on purpose as table.column:keep (retain: true).',
    );
  }
}
