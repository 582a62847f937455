/**
 * `org-danger-zone migrate`: applies the danger zone's migrations to DATABASE_URL (its own tables,
 * its own journal), on a database whose better-auth tables the host's migrations created.
 * `--auth` also creates better-auth's tables, as the standalone server does at start.
 */
import { databaseEnvSchema, databaseOptionsFrom, parseEnv } from '../config.js';
import { openDatabase } from '../db/database.js';
import { applyMigrations } from '../db/migrate.js';

export async function migrateCommand(args: { auth: boolean }): Promise<void> {
  const env = parseEnv(process.env, databaseEnvSchema);
  const database = await openDatabase(databaseOptionsFrom(env));
  try {
    const applied = await applyMigrations(database.writer, args.auth ? ['auth', 'danger-zone'] : ['danger-zone']);
    console.log(applied.length ? `Applied ${applied.join(', ')} to ${database.url}` : `${database.url} is up to date.`);
  } finally {
    await database.close();
  }
}
