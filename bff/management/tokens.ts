/**
 * Management tokens (SPEC 4.3): platform-level bearer tokens with scopes, created by an operator
 * from the command line (`org-danger-zone token create`), shown once, stored as a SHA-256 hash.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { newId } from '../ids.js';
import { hashSecret, MANAGEMENT_TOKEN_PREFIX, mintSecret } from '../secrets.js';

export const knownScopes = ['delete:organizations', 'manage:legal_holds'] as const;
export type Scope = (typeof knownScopes)[number];

export interface ManagementTokenRecord {
  id: string;
  name: string;
  scopes: string[];
}

export async function createManagementToken(db: Db, input: { name: string; scopes: string[]; now: Date }): Promise<{ id: string; token: string }> {
  const { managementToken } = tablesOf(db);
  const { secret: token, hash } = mintSecret(MANAGEMENT_TOKEN_PREFIX, 40);
  const id = newId('mgt');
  await db.insert(managementToken).values({
    id,
    name: input.name,
    tokenHash: hash,
    scopes: input.scopes.join(' '),
    createdAt: input.now,
  });
  return { id, token };
}

export async function findManagementToken(db: Db, token: string): Promise<ManagementTokenRecord | null> {
  const { managementToken } = tablesOf(db);
  const [row] = await db
    .select({ id: managementToken.id, name: managementToken.name, scopes: managementToken.scopes })
    .from(managementToken)
    .where(and(eq(managementToken.tokenHash, hashSecret(token)), isNull(managementToken.revokedAt)));
  return row ? { ...row, scopes: row.scopes.split(' ').filter(Boolean) } : null;
}

export async function revokeManagementToken(db: Db, id: string, now: Date): Promise<boolean> {
  const { managementToken } = tablesOf(db);
  const rows = await db.update(managementToken).set({ revokedAt: now }).where(eq(managementToken.id, id)).returning({ id: managementToken.id });
  return rows.length > 0;
}
