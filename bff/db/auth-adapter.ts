/**
 * better-auth's own database access for the standalone server, which brings its own better-auth:
 * its drizzle adapter on the danger zone's database, with the provider and the definitions of
 * better-auth's tables for the engine. A host's better-auth keeps the host's adapter.
 */
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import * as authTables from './auth-schema.js';
import type { Database } from './database.js';
import * as pgAuthTables from './pg-auth-schema.js';

export function betterAuthAdapter(database: Pick<Database, 'writer' | 'kind'>) {
  return database.kind === 'postgres'
    ? drizzleAdapter(database.writer.db, { provider: 'pg', schema: pgAuthTables })
    : drizzleAdapter(database.writer.db, { provider: 'sqlite', schema: authTables });
}
