/**
 * Org API keys (`x-api-key`): random, shown once, stored as a SHA-256 hash. A key reads its org
 * (`GET /api/orgs/:orgId`) and never deletes anything (D1); while the org is pending deletion it
 * is refused (D5, D6) and works again after a cancel (C1), since the check reads the org's status.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { OrgStatus } from '../../shared/policy.js';
import { bothAudits, type AuditActor } from '../audit/audit.js';
import { runBatch } from '../db/batch.js';
import type { Database, Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { refuse } from '../domain-error.js';
import { newId } from '../ids.js';
import { API_KEY_PREFIX, hashSecret, mintSecret } from '../secrets.js';

export async function createApiKey(db: Db, input: { orgId: string; name: string; createdBy: string | null; now: Date }): Promise<{ id: string; key: string }> {
  const { secret, hash, shownPrefix } = mintSecret(API_KEY_PREFIX, 32);
  const id = newId('key');
  await db.insert(tablesOf(db).orgApiKey).values({
    id,
    organizationId: input.orgId,
    name: input.name,
    keyHash: hash,
    keyPrefix: shownPrefix,
    createdBy: input.createdBy,
    createdAt: input.now,
  });
  return { id, key: secret };
}

export interface ApiKeyOrg {
  keyId: string;
  org: { id: string; name: string; slug: string; status: OrgStatus; purgeAt: Date | null };
}

export async function findApiKeyOrg(db: Db, key: string): Promise<ApiKeyOrg | null> {
  const { orgApiKey, organization } = tablesOf(db);
  const [row] = await db
    .select({
      keyId: orgApiKey.id,
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      status: organization.status,
      purgeAt: organization.purgeAt,
    })
    .from(orgApiKey)
    .innerJoin(organization, eq(organization.id, orgApiKey.organizationId))
    .where(eq(orgApiKey.keyHash, hashSecret(key)));
  if (!row) return null;
  const { keyId, ...org } = row;
  return { keyId, org };
}

/** The org's keys, newest first (owners and admins; the route's policy decides). */
export async function listApiKeys(db: Db, orgId: string) {
  const { orgApiKey } = tablesOf(db);
  const rows = await db
    .select({
      id: orgApiKey.id,
      name: orgApiKey.name,
      prefix: orgApiKey.keyPrefix,
      createdAt: orgApiKey.createdAt,
      createdBy: orgApiKey.createdBy,
      lastUsedAt: orgApiKey.lastUsedAt,
    })
    .from(orgApiKey)
    .where(eq(orgApiKey.organizationId, orgId))
    .orderBy(desc(orgApiKey.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null }));
}

/**
 * Revokes one of the org's keys: it stops working at once (every key check reads the table). The
 * delete and both audit entries are one batch; a key of another org is `api_key_not_found`, as one
 * that does not exist.
 */
export async function revokeApiKey(database: Database, input: { org: { id: string; name: string }; keyId: string; actor: AuditActor; now: Date }) {
  const { org, keyId, actor, now } = input;
  await database.writer.transaction(async (tx) => {
    const { orgApiKey } = tablesOf(tx);
    const [key] = await tx
      .select({ id: orgApiKey.id, name: orgApiKey.name, prefix: orgApiKey.keyPrefix })
      .from(orgApiKey)
      .where(and(eq(orgApiKey.id, keyId), eq(orgApiKey.organizationId, org.id)));
    if (!key) refuse('api_key_not_found');
    await runBatch(tx, [
      tx.delete(orgApiKey).where(eq(orgApiKey.id, key.id)),
      ...bothAudits(
        tx,
        org,
        actor,
        { action: 'org.api_key_revoked', target: { type: 'api_key', id: key.id }, details: { name: key.name, prefix: key.prefix } },
        now,
      ),
    ]);
  });
}
