/**
 * `org-danger-zone/server/pg-schema`: the danger zone's tables on PostgreSQL, the twin of
 * `org-danger-zone/server/schema` (schema-export.ts) with the same three helpers for drizzle-kit:
 *
 *   tablesFilter: dangerZoneTablesFilter                  // drizzle.config: push never drops ours
 *   pgTable('session', {…}, (t) => [...dangerZoneSessionIndexes(t)])
 *   pgTable('organization', {…}, (t) => [...dangerZoneOrganizationIndexes(t)])
 *
 * Our member triggers (no org without an owner) and their function are not tables: drizzle-kit
 * neither reads nor drops them.
 */
import { index, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { excludingTables } from './drizzle-kit-tables.js';
import * as ours from './pg-schema.js';

export * from './pg-schema.js';

/** drizzle-kit's `tablesFilter`: every table but ours and our journal (add your own patterns beside it). */
export const dangerZoneTablesFilter: string[] = excludingTables(ours);

/** D5 and L5 find the sessions that have an org active. */
export const dangerZoneSessionIndexes = (t: { activeOrganizationId: AnyPgColumn }) => [index('session_active_org_idx').on(t.activeOrganizationId)];

/** P1 finds the orgs whose grace window has passed. */
export const dangerZoneOrganizationIndexes = (t: { status: AnyPgColumn; purgeAt: AnyPgColumn }) => [index('organization_purge_idx').on(t.status, t.purgeAt)];
