// The same recipe on a libSQL file (DATABASE_URL=file:…).
import { defineConfig } from 'drizzle-kit';
import { dangerZoneTablesFilter } from 'org-danger-zone/server/schema';

export default defineConfig({
  dialect: 'sqlite',
  schema: './sqlite-schema.js',
  out: './drizzle-sqlite',
  dbCredentials: { url: process.env.DATABASE_URL },
  tablesFilter: dangerZoneTablesFilter,
});
