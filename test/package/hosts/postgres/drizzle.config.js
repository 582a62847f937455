// The host's drizzle-kit, as org-danger-zone's README has it: the host's schema only, and a
// tablesFilter that leaves the danger zone's tables (and its journal) to its own migrations.
import { defineConfig } from 'drizzle-kit';
import { dangerZoneTablesFilter } from 'org-danger-zone/server/pg-schema';

export default defineConfig({
  dialect: 'postgresql',
  schema: './auth-schema.js',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL },
  tablesFilter: dangerZoneTablesFilter,
});
