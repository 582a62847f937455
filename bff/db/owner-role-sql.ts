import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SqlDialect } from './sql-dialect.js';

/**
 * SQL twin of `effectiveRole(…) === 'owner'`: better-auth may store several comma-separated roles
 * ("admin, owner"), so an owner is any member whose list contains `owner`.
 */
export function isOwnerRole(role: SQLWrapper): SQL<boolean> {
  return sql<boolean>`(',' || replace(${role}, ' ', '') || ',') like '%,owner,%'`;
}

/**
 * An owner who can act for their org: an owner, not on their way out (`owner_departure`, a
 * deletion or ban of their account under way) and not banned. The one definition of "another
 * owner" for the state, the writes and better-auth's guards; the `member` triggers of migration
 * 0005 say the same in the database's own words. `now` is real time (epoch ms), as bans are.
 */
export function isOwnerWhoCanAct(d: SqlDialect, row: { role: SQLWrapper; userId: SQLWrapper }, now: SQLWrapper | number): SQL<boolean> {
  return sql<boolean>`(${isOwnerRole(row.role)}
    and not exists (select 1 from owner_departure od where od.user_id = ${row.userId} and od.until > ${now})
    and not exists (select 1 from "user" bu where bu.id = ${row.userId} and bu.banned is true
                    and (bu.ban_expires is null or ${d.epochMs(sql`bu.ban_expires`)} > ${now})))`;
}
