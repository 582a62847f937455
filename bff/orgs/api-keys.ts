/**
 * Org API keys (`x-api-key`): random, shown once, stored as a SHA-256 hash. A key reads its org
 * (`GET /api/orgs/:orgId`) and never deletes anything (D1); while the org is pending deletion it
 * is refused (D5, D6) and works again after a cancel (C1), since the check reads the org's status.
 */
import { eq } from 'drizzle-orm';
import type { OrgStatus } from '../../shared/policy.js';
import type { Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
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
