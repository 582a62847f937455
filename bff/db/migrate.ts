/**
 * Applies the generated migrations (bff/db/migrations). Runs at every start and as
 * `npm run db:migrate`; drizzle records what it applied, so running it twice is harmless.
 */
import { migrate } from 'drizzle-orm/libsql/migrator';
import { fileURLToPath } from 'node:url';
import type { Db } from './client.js';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function applyMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}
