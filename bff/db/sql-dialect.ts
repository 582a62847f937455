/**
 * The few pieces of raw SQL that differ by engine, asked for by what they mean. Everything else in
 * a raw query is written once, in SQL both engines read alike: double-quoted identifiers (`"user"`
 * is reserved on PostgreSQL), `cast(count(*) as integer)`, `x is true`, `coalesce`, `||`, `exists`.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { engineOf, type Db } from './handle.js';

export interface SqlDialect {
  /** JSON text of one object: `{ key: value, … }`. */
  jsonObject(fields: Record<string, SQLWrapper>): SQL<string>;
  /** As an aggregate: JSON text of an array with one such object per row, in the rows' order. */
  jsonArrayOfObjects(fields: Record<string, SQLWrapper>): SQL<string | null>;
  /**
   * A better-auth timestamp as epoch milliseconds. better-auth's tables are the host's: integer
   * milliseconds on SQLite, `timestamp` on PostgreSQL (our own tables store milliseconds on both).
   */
  epochMs(column: SQLWrapper): SQL<number>;
}

const jsonKey = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `'key', value, 'key', value…`: keys are our own constants, checked, then inlined. */
function keyValues(fields: Record<string, SQLWrapper>): SQL {
  const parts = Object.entries(fields).map(([key, value]) => {
    if (!jsonKey.test(key)) throw new Error(`not a JSON key of ours: ${key}`);
    return sql`${sql.raw(`'${key}'`)}, ${value}`;
  });
  return sql.join(parts, sql`, `);
}

const sqlite: SqlDialect = {
  jsonObject: (fields) => sql<string>`json_object(${keyValues(fields)})`,
  jsonArrayOfObjects: (fields) => sql<string | null>`json_group_array(json_object(${keyValues(fields)}))`,
  epochMs: (column) => sql<number>`${column}`,
};

const postgres: SqlDialect = {
  // json, not jsonb: keys keep the order given. As text, like SQLite's, for the caller to parse.
  jsonObject: (fields) => sql<string>`json_build_object(${keyValues(fields)})::text`,
  jsonArrayOfObjects: (fields) => sql<string | null>`json_agg(json_build_object(${keyValues(fields)}))::text`,
  // `timestamp` holds UTC wall-clock time (drizzle writes ISO strings), which `extract` reads as UTC.
  epochMs: (column) => sql<number>`(extract(epoch from ${column}) * 1000)::float8`,
};

export function sqlFor(db: Db): SqlDialect {
  return engineOf(db) === 'postgres' ? postgres : sqlite;
}
