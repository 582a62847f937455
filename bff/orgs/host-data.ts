/**
 * How a host fills the built-in facts of an org (SPEC 2): its active resources (they block a
 * deletion, with their count), its subscription and its credits (warnings the owner must
 * acknowledge). The host calls these whenever its own systems change them (a device registered,
 * a plan renewed, credits spent); the danger zone stores them beside the org, so the state stays one
 * query, every decision reads the same facts, and the purge removes them with the org. The QA page's
 * controls use the same functions.
 *
 * For facts that live in the host's own systems and must be read at decision time instead, the
 * `hostFacts` hook of `createApp` adds the host's own blockers and warnings.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import * as z from 'zod';
import type { Database } from '../db/database.js';
import { tablesOf } from '../db/handle.js';

const text = (max: number) => z.string().min(1).max(max);

export const orgResourceInput = z.strictObject({
  /** The host's id for it: putting the same id again updates it. */
  id: text(128),
  /** What it is (`camera`, `cluster`, `project`): shown in the impact. */
  kind: text(40),
  name: text(200),
  /** Only `active` resources block deletion. */
  status: z.enum(['active', 'decommissioned']),
});
export type OrgResourceInput = z.input<typeof orgResourceInput>;

export const orgSubscriptionInput = z.strictObject({
  status: z.enum(['active', 'canceled']),
  plan: text(100),
  renewsAt: z.date().nullable(),
});
export type OrgSubscriptionInput = z.input<typeof orgSubscriptionInput>;

/** Thrown when the org is not in the danger zone's database (a typo'd id, or an org already purged). */
export class UnknownOrgError extends Error {
  constructor(readonly orgId: string) {
    super(`No organization ${JSON.stringify(orgId)} in the danger zone's database.`);
  }
}

type Writer = Pick<Database, 'writer'>;

/** A host's resource ids need only be unique within its org: stored under the org's id. */
const storedId = (orgId: string, id: string) => `${orgId}/${id}`;
const excluded = (column: string) => sql.raw(`excluded.${column}`);

async function assertOrg(tx: Database['writer']['db'], orgId: string): Promise<void> {
  const { organization } = tablesOf(tx);
  const [row] = await tx.select({ id: organization.id }).from(organization).where(eq(organization.id, orgId));
  if (!row) throw new UnknownOrgError(orgId);
}

/** Adds or updates the org's resources by id, in one transaction. */
export async function putOrgResources(database: Writer, orgId: string, resources: readonly OrgResourceInput[], now = new Date()): Promise<void> {
  const rows = z.array(orgResourceInput).parse(resources);
  await database.writer.transaction(
    async (tx) => {
      const { orgResource } = tablesOf(tx);
      await assertOrg(tx, orgId);
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500).map((r) => ({ ...r, id: storedId(orgId, r.id), organizationId: orgId, createdAt: now }));
        await tx
          .insert(orgResource)
          .values(chunk)
          .onConflictDoUpdate({ target: orgResource.id, set: { kind: excluded('kind'), name: excluded('name'), status: excluded('status') } });
      }
    },
    { org: orgId },
  );
}

/** Removes the org's resources with these ids (resources of other orgs are never touched). */
export async function removeOrgResources(database: Writer, orgId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { orgResource } = tablesOf(database.writer.db);
  const removed = await database.writer.db
    .delete(orgResource)
    .where(
      and(
        eq(orgResource.organizationId, orgId),
        inArray(
          orgResource.id,
          ids.map((id) => storedId(orgId, id)),
        ),
      ),
    )
    .returning({ id: orgResource.id });
  return removed.length;
}

/** The org's subscription, or `null` for none. */
export async function setOrgSubscription(database: Writer, orgId: string, subscription: OrgSubscriptionInput | null): Promise<void> {
  const values = subscription && orgSubscriptionInput.parse(subscription);
  await database.writer.transaction(
    async (tx) => {
      const { orgSubscription } = tablesOf(tx);
      await assertOrg(tx, orgId);
      if (!values) await tx.delete(orgSubscription).where(eq(orgSubscription.organizationId, orgId));
      else
        await tx
          .insert(orgSubscription)
          .values({ organizationId: orgId, ...values })
          .onConflictDoUpdate({ target: orgSubscription.organizationId, set: values });
    },
    { org: orgId },
  );
}

/** The org's remaining credits (0: nothing to warn about). */
export async function setOrgCredits(database: Writer, orgId: string, balance: number): Promise<void> {
  const value = z.number().int().min(0).max(1e15).parse(balance);
  await database.writer.transaction(
    async (tx) => {
      const { orgCredits } = tablesOf(tx);
      await assertOrg(tx, orgId);
      await tx
        .insert(orgCredits)
        .values({ organizationId: orgId, balance: value })
        .onConflictDoUpdate({ target: orgCredits.organizationId, set: { balance: value } });
    },
    { org: orgId },
  );
}
