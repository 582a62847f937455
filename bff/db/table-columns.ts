/**
 * Every column of every table in the database, and whether it is a foreign key to
 * `organization(id)`: what the purge reads to find host tables that hold an org's rows without
 * being registered (issue 19, trap 2). Asking the database for its own schema is engine-specific;
 * this is the one function that does it (SQLite and libSQL here; PostgreSQL answers the same from
 * its catalog).
 */
import { getTableName, is, sql, Table } from 'drizzle-orm';
import { tablesOf, type Db } from './handle.js';
import { libsqlOf } from './writer.js';

export interface TableColumn {
  table: string;
  column: string;
  /** A foreign key from this column to `organization`. */
  referencesOrganization: boolean;
}

export async function listTableColumns(db: Db): Promise<TableColumn[]> {
  // One statement: the table-valued pragmas are plain reads (sqld allows them, unlike PRAGMA statements).
  const rows = await libsqlOf(db).all<{ table_name: string; column_name: string; references_org: number }>(sql`
    select m.name as table_name, c.name as column_name,
      exists (select 1 from pragma_foreign_key_list(m.name) f where f."from" = c.name and f."table" = 'organization') as references_org
    from sqlite_master m join pragma_table_info(m.name) c
    where m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\'
    order by m.name, c.cid`);
  return rows.map((r) => ({ table: r.table_name, column: r.column_name, referencesOrganization: Boolean(r.references_org) }));
}

/** The tables the danger zone itself knows what to do with: ours and better-auth's. */
export function knownTableNames(db: Db): Set<string> {
  return new Set((Object.values(tablesOf(db)) as unknown[]).flatMap((value) => (is(value, Table) ? [getTableName(value)] : [])));
}
