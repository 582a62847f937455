import { defineConfig } from 'drizzle-kit';

/** The danger zone's own tables on PostgreSQL (pg-schema.ts): `npm run db:generate` writes both engines' migrations. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './bff/db/pg-schema.ts',
  out: './bff/db/migrations/pg/danger-zone',
  migrations: { table: 'odz_drizzle_kit_unused' },
});
