/**
 * A platform operator's legal hold on an org (Google Vault, Microsoft Purview style): while it
 * stands, no deletion may be scheduled (`legal_hold`, a blocker the policy reports like any other)
 * and a pending purge waits; owners may still cancel. Setting and lifting it are audited in the
 * platform log (which outlives the org) and the org's own.
 */
import { eq } from 'drizzle-orm';
import { bothAudits, type AuditActor } from '../audit/audit.js';
import { readBatch, runBatch } from '../db/batch.js';
import type { Database } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { refuse } from '../domain-error.js';

export interface LegalHold {
  reason: string;
  setBy: string;
  setAt: Date;
}

export async function setLegalHold(database: Database, input: { orgId: string; reason: string; actor: AuditActor; now: Date }): Promise<LegalHold> {
  const { orgId, reason, actor, now } = input;
  return database.writer.transaction(
    async (tx) => {
      const { organization, orgLegalHold } = tablesOf(tx);
      const [orgs, holds] = await readBatch(tx, [
        tx.select({ id: organization.id, name: organization.name }).from(organization).where(eq(organization.id, orgId)),
        tx.select().from(orgLegalHold).where(eq(orgLegalHold.organizationId, orgId)),
      ]);
      const [org] = orgs;
      if (!org) refuse('org_not_found');
      const [existing] = holds;
      const hold = { reason, setBy: actor.label, setAt: existing?.setAt ?? now };
      await runBatch(tx, [
        tx
          .insert(orgLegalHold)
          .values({ organizationId: orgId, ...hold })
          .onConflictDoUpdate({ target: orgLegalHold.organizationId, set: { reason } }),
        ...bothAudits(
          tx,
          org,
          actor,
          { action: 'org.legal_hold_set', target: { type: 'organization', id: orgId }, details: { reason, previousReason: existing?.reason ?? null } },
          now,
        ),
      ]);
      return hold;
    },
    { org: orgId },
  );
}

/** Lifts the hold; false when there was none. */
export async function liftLegalHold(database: Database, input: { orgId: string; actor: AuditActor; now: Date }): Promise<boolean> {
  const { orgId, actor, now } = input;
  return database.writer.transaction(
    async (tx) => {
      const { organization, orgLegalHold } = tablesOf(tx);
      const [orgs, holds] = await readBatch(tx, [
        tx.select({ id: organization.id, name: organization.name }).from(organization).where(eq(organization.id, orgId)),
        tx.select().from(orgLegalHold).where(eq(orgLegalHold.organizationId, orgId)),
      ]);
      const [org] = orgs;
      if (!org) refuse('org_not_found');
      const [hold] = holds;
      if (!hold) return false;
      await runBatch(tx, [
        tx.delete(orgLegalHold).where(eq(orgLegalHold.organizationId, orgId)),
        ...bothAudits(
          tx,
          org,
          actor,
          { action: 'org.legal_hold_lifted', target: { type: 'organization', id: orgId }, details: { reason: hold.reason, setAt: hold.setAt.toISOString() } },
          now,
        ),
      ]);
      return true;
    },
    { org: orgId },
  );
}
