import { defineConfig } from 'drizzle-kit';

/** better-auth's tables on PostgreSQL, for the standalone server only (pg-auth-schema.ts). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './bff/db/pg-auth-schema.ts',
  out: './bff/db/migrations/pg/auth',
  migrations: { table: 'odz_drizzle_kit_unused' },
});
