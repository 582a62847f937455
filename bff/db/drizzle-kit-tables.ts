/**
 * What a host's drizzle-kit needs to leave the danger zone alone (issue 19, trap 3), the same for
 * both engines: the names of our tables as a `tablesFilter` that excludes them. `push` introspects
 * only the tables the filter lets through, so ours (and our journal) are never planned for a drop;
 * `generate` never sees them unless the host lists our schema (it should not: our migrations, not
 * the host's, create our tables).
 */
import { getTableName, is, Table } from 'drizzle-orm';

/** Our migrations' journal: not a table of the schema modules, and not the host's either. */
const journal = 'odz_migrations';

export function excludingTables(schema: Record<string, unknown>): string[] {
  const names = Object.values(schema).flatMap((value) => (is(value, Table) ? [getTableName(value)] : []));
  return [...names, journal].sort().map((name) => `!${name}`);
}
