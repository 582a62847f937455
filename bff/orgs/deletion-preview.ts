/**
 * The impact preview (issue 21): what deleting an org would remove, before anything is typed. The
 * rows come from the purge's own steps (purge/purge.ts, `previewPurge`), so the preview and the
 * purge cannot disagree; the blockers and warnings from the policy that decides the deletion.
 */
import { deletionBlockers, deletionWarnings, type OrgFacts } from '../../shared/policy.js';
import type { DeletionPreview } from '../../shared/schemas.js';
import type { Database } from '../db/database.js';
import { previewPurge } from '../purge/purge.js';

export async function deletionPreview(database: Database, input: { orgId: string; facts: OrgFacts }): Promise<DeletionPreview> {
  const purge = await previewPurge(database, input.orgId);
  return {
    tables: purge.tables,
    hostTables: purge.hostTables,
    // Scheduled already is not a blocker of what the purge will remove.
    blockers: deletionBlockers(input.facts).filter((r) => r.code !== 'already_pending'),
    warnings: deletionWarnings(input.facts),
    unregistered: purge.unregistered.map(({ table, column, rows }) => ({ table, column, rows })),
  };
}
