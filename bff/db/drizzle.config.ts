import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate` writes a migration for every change to schema.ts. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './bff/db/schema.ts',
  out: './bff/db/migrations',
});
