/**
 * The impact preview (issue 21): what deleting an org would remove, before anything is typed. The
 * rows come from the purge's own steps (purge/purge.ts, `previewPurge`), so the preview and the
 * purge cannot disagree; the blockers and warnings from the policy that decides the deletion.
 */
import { deletionBlockers, deletionWarnings, type OrgFacts } from '../../shared/policy.js';
import type { DeletionPreview } from '../../shared/schemas.js';
import type { Database } from '../db/database.js';
import { previewPurge } from '../purge/purge.js';
import { takeEach, type RateLimitState } from '../rate-limit/rate-limit.js';
import type { Settings } from '../settings.js';

export const PREVIEW_POLICY = 'deletion-previews';

/**
 * An owner's preview, limited per user and per org like the deletion intents it goes with (their
 * settings, counted apart): each counts every row of a large org, so a loop of them must not
 * keep the readers from everyone else.
 */
export async function ownerDeletionPreview(
  deps: { database: Database; settings: Settings },
  input: { orgId: string; userId: string; facts: OrgFacts; now: Date },
): Promise<{ preview: DeletionPreview; limit: RateLimitState }> {
  const limits = deps.settings.intentLimit;
  const limit = await deps.database.writer.transaction((tx) =>
    takeEach(
      tx,
      [
        { policy: PREVIEW_POLICY, key: `user:${input.userId}`, setting: limits.user },
        { policy: PREVIEW_POLICY, key: `org:${input.orgId}`, setting: limits.org },
      ],
      input.now,
    ),
  );
  return { preview: await deletionPreview(deps.database, input), limit };
}

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
