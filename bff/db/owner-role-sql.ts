import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * SQL twin of `effectiveRole(…) === 'owner'`: better-auth may store several comma-separated roles
 * ("admin, owner"), so an owner is any member whose list contains `owner`.
 */
export function isOwnerRole(role: SQLWrapper): SQL<boolean> {
  return sql<boolean>`(',' || replace(${role}, ' ', '') || ',') like '%,owner,%'`;
}
