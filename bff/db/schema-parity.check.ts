/**
 * Compile-time proof that the PostgreSQL tables are the SQLite tables, column for column: the same
 * export names, the same columns under the same SQL names, the same JS types read and written, the
 * same nullability and defaults. The domain is typed by the SQLite definitions (handle.ts) and gets
 * the PostgreSQL ones at run time from a PostgreSQL handle: a column added to one file and not the
 * other, or typed differently, fails `npm run typecheck`. Nothing here runs or ships.
 */
import type { InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';
import type * as pg from './pg-tables.js';
import type * as sqlite from './tables.js';
import type { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';
import type { DatabaseOptions } from './database.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

/** Each column's SQL name, nullability and whether it has a default. */
type Columns<T extends Table> = {
  [K in keyof T['_']['columns']]: {
    name: T['_']['columns'][K]['_']['name'];
    notNull: T['_']['columns'][K]['_']['notNull'];
    hasDefault: T['_']['columns'][K]['_']['hasDefault'];
  };
};

type TwinOf<Name extends keyof typeof sqlite & keyof typeof pg> = (typeof sqlite)[Name] extends infer S extends Table
  ? (typeof pg)[Name] extends infer P extends Table
    ? [
        Same<InferSelectModel<S>, InferSelectModel<P>>,
        Same<InferInsertModel<S>, InferInsertModel<P>>,
        Same<Columns<S>, Columns<P>>,
        Same<S['_']['name'], P['_']['name']>,
      ]
    : [false]
  : [false];

type Tables = { [K in keyof typeof sqlite]: (typeof sqlite)[K] extends Table ? K : never }[keyof typeof sqlite];
type AllTwins = { [K in Tables]: K extends keyof typeof pg ? (TwinOf<K> extends [true, true, true, true] ? true : K) : K }[Tables];

export type Checks = [
  // Every SQLite table has a PostgreSQL twin with the same shape (a failing one is named here)…
  Holds<AllTwins>,
  // …and PostgreSQL has no table SQLite lacks.
  Holds<Same<Exclude<{ [K in keyof typeof pg]: (typeof pg)[K] extends Table ? K : never }[keyof typeof pg], Tables>, never>>,
];

/** A host's node-postgres pool, and its drizzle instance, are what `openDatabase` takes. */
export type PoolChecks = [
  Holds<Pool extends NonNullable<DatabaseOptions['pool']> ? true : false>,
  Holds<ReturnType<typeof drizzle<Record<string, never>, Pool>> extends NonNullable<DatabaseOptions['pool']> ? true : false>,
];
