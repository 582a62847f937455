/**
 * `org-danger-zone/server/schema`: the danger zone's tables on SQLite and libSQL for a host's
 * queries and drizzle-kit, with what drizzle-kit needs to leave them alone (README, Databases):
 *
 *   tablesFilter: dangerZoneTablesFilter                  // drizzle.config: push never drops ours
 *   sqliteTable('session', {…}, (t) => [...dangerZoneSessionIndexes(t)])
 *   sqliteTable('organization', {…}, (t) => [...dangerZoneOrganizationIndexes(t)])
 *
 * The two index helpers declare, in the host's own definitions of better-auth's tables, the two
 * indexes our migrations add to them (danger-zone/0001): without them `drizzle-kit push` plans to
 * drop them, since it sees indexes on those tables that the host's schema does not have.
 */
import { index, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { excludingTables } from './drizzle-kit-tables.js';
import * as ours from './schema.js';

export * from './schema.js';

/** drizzle-kit's `tablesFilter`: every table but ours and our journal (add your own patterns beside it). */
export const dangerZoneTablesFilter: string[] = excludingTables(ours);

/** D5 and L5 find the sessions that have an org active. */
export const dangerZoneSessionIndexes = (t: { activeOrganizationId: AnySQLiteColumn }) => [index('session_active_org_idx').on(t.activeOrganizationId)];

/** P1 finds the orgs whose grace window has passed. */
export const dangerZoneOrganizationIndexes = (t: { status: AnySQLiteColumn; purgeAt: AnySQLiteColumn }) => [
  index('organization_purge_idx').on(t.status, t.purgeAt),
];
