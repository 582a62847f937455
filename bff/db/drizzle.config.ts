import { defineConfig } from 'drizzle-kit';

/**
 * `npm run db:generate` writes a migration for every change to the danger zone's own tables
 * (schema.ts), then embeds the migrations into migrations/index.ts (see scripts/embed-migrations.ts).
 */
export default defineConfig({
  dialect: 'sqlite',
  schema: './bff/db/schema.ts',
  out: './bff/db/migrations/danger-zone',
  migrations: { table: 'odz_drizzle_kit_unused' },
});
