import { defineConfig } from 'drizzle-kit';

/**
 * better-auth's tables for the standalone server (auth-schema.ts): `npm run db:generate` writes
 * their migrations too. A host with its own better-auth never runs these.
 */
export default defineConfig({
  dialect: 'sqlite',
  schema: './bff/db/auth-schema.ts',
  out: './bff/db/migrations/auth',
  migrations: { table: 'odz_drizzle_kit_unused' },
});
