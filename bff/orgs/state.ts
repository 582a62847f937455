/**
 * The danger-zone state of SPEC 4.2 for one viewer: the org, the impact of deleting it, and each
 * action's decision from the same policy functions the write endpoints use.
 */
import {
  decideCancel,
  decideDelete,
  decideExport,
  decideHandOff,
  decideLeave,
  type ViewerFacts,
} from '../../shared/policy.js';
import type { DangerZoneState } from '../../shared/schemas.js';
import type { Settings } from '../settings.js';
import type { LoadedOrg, ViewerSession } from './load.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function buildState(loaded: LoadedOrg, viewerSession: ViewerSession, settings: Settings, now: Date): DangerZoneState {
  const role = loaded.role ?? 'member';
  const viewer: ViewerFacts = { role, impersonated: viewerSession.impersonatedBy !== null };
  const { org, facts } = loaded;
  const handOff = decideHandOff(facts, viewer);
  return {
    org: {
      id: org.id,
      name: org.name,
      slug: org.slug,
      status: org.status,
      purgeAt: iso(org.purgeAt),
      deletionRequestedAt: iso(org.deletionRequestedAt),
      deletionRequestedBy: org.deletionRequestedBy,
    },
    viewer: { userId: viewerSession.userId, role, impersonated: viewer.impersonated },
    impact: loaded.impact,
    actions: {
      leave: decideLeave(facts, viewer),
      handOff,
      delete: decideDelete(facts, viewer),
      cancelDeletion: decideCancel(facts, viewer),
      export: decideExport(facts, viewer),
    },
    successors: handOff.allowed ? loaded.successors : [],
    now: now.toISOString(),
    settings: {
      cooldownSeconds: settings.cooldownSeconds,
      graceDays: settings.graceDays,
      intentTtlSeconds: settings.intentTtlSeconds,
      passwordRequired: viewerSession.hasPassword,
    },
  };
}
