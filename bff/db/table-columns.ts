/**
 * Every column of every table in the database, and whether it is a foreign key to
 * `organization(id)`: what the purge reads to find host tables that hold an org's rows without
 * being registered (issue 19, trap 2), and what a migration checks it created. Asking the
 * database for its own schema is engine-specific; this is the one function that does it (SQLite's
 * table-valued pragmas; PostgreSQL's catalog, for the tables of the current schema).
 */
import { getTableName, is, sql, Table } from 'drizzle-orm';
import { rows } from './batch.js';
import { engineOf, tablesOf, type Db } from './handle.js';
import { libsqlOf } from './writer.js';

export interface TableColumn {
  table: string;
  column: string;
  /** A foreign key from this column to `organization`. */
  referencesOrganization: boolean;
}

export async function listTableColumns(db: Db): Promise<TableColumn[]> {
  if (engineOf(db) === 'postgres') {
    const found = await rows<{ table_name: string; column_name: string; references_org: boolean }>(
      db,
      sql`select c.relname as table_name, a.attname as column_name,
        exists (select 1 from pg_constraint k join pg_class r on r.oid = k.confrelid
                where k.conrelid = c.oid and k.contype = 'f' and r.relname = 'organization' and a.attnum = any(k.conkey)) as references_org
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relkind in ('r', 'p')
      order by c.relname, a.attnum`,
    );
    return found.map((r) => ({ table: r.table_name, column: r.column_name, referencesOrganization: r.references_org }));
  }
  // One statement: the table-valued pragmas are plain reads (sqld allows them, unlike PRAGMA statements).
  const found = await libsqlOf(db).all<{ table_name: string; column_name: string; references_org: number }>(sql`
    select m.name as table_name, c.name as column_name,
      exists (select 1 from pragma_foreign_key_list(m.name) f where f."from" = c.name and f."table" = 'organization') as references_org
    from sqlite_master m join pragma_table_info(m.name) c
    where m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\'
    order by m.name, c.cid`);
  return found.map((r) => ({ table: r.table_name, column: r.column_name, referencesOrganization: Boolean(r.references_org) }));
}

/** The tables the danger zone itself knows what to do with: ours and better-auth's. */
export function knownTableNames(db: Db): Set<string> {
  return new Set((Object.values(tablesOf(db)) as unknown[]).flatMap((value) => (is(value, Table) ? [getTableName(value)] : [])));
}
