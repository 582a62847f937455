/**
 * `org-danger-zone migrate`: applies the danger zone's migrations to DATABASE_URL (its own tables,
 * its own journal), on a database whose better-auth tables the host's migrations created.
 * `--auth` also creates better-auth's tables, as the standalone server does at start.
 */
import { databaseEnvSchema, parseEnv } from '../config.js';
import { openDatabase } from '../db/database.js';
import { applyMigrations } from '../db/migrate.js';

export async function migrateCommand(args: { auth: boolean }): Promise<void> {
  const env = parseEnv(process.env, databaseEnvSchema);
  const database = await openDatabase({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN, busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS });
  try {
    const applied = await applyMigrations(database.writer, args.auth ? ['auth', 'danger-zone'] : ['danger-zone']);
    console.log(applied.length ? `Applied ${applied.join(', ')} to ${env.DATABASE_URL}` : `${env.DATABASE_URL} is up to date.`);
  } finally {
    database.close();
  }
}
