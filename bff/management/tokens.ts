/**
 * Management tokens (SPEC 4.3): platform-level bearer tokens with scopes, created by an operator
 * from the command line (`npm run token:create`), shown once, stored as a SHA-256 hash.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { managementToken } from '../db/schema.js';
import { hashSecret, MANAGEMENT_TOKEN_PREFIX } from '../http/credentials.js';
import { newId, randomBase62 } from '../ids.js';

export const knownScopes = ['delete:organizations'] as const;
export type Scope = (typeof knownScopes)[number];

export interface ManagementTokenRecord {
  id: string;
  name: string;
  scopes: string[];
}

export async function createManagementToken(
  db: Queryable,
  input: { name: string; scopes: string[]; now: Date },
): Promise<{ id: string; token: string }> {
  const token = `${MANAGEMENT_TOKEN_PREFIX}${randomBase62(40)}`;
  const id = newId('mgt');
  await db.insert(managementToken).values({
    id,
    name: input.name,
    tokenHash: hashSecret(token),
    scopes: input.scopes.join(' '),
    createdAt: input.now,
  });
  return { id, token };
}

export async function findManagementToken(db: Queryable, token: string): Promise<ManagementTokenRecord | null> {
  const [row] = await db
    .select({ id: managementToken.id, name: managementToken.name, scopes: managementToken.scopes })
    .from(managementToken)
    .where(and(eq(managementToken.tokenHash, hashSecret(token)), isNull(managementToken.revokedAt)));
  return row ? { ...row, scopes: row.scopes.split(' ').filter(Boolean) } : null;
}

export async function revokeManagementToken(db: Queryable, id: string, now: Date): Promise<boolean> {
  const rows = await db.update(managementToken).set({ revokedAt: now }).where(eq(managementToken.id, id)).returning({ id: managementToken.id });
  return rows.length > 0;
}
