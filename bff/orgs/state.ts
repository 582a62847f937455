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

/**
 * The state as JSON. loadBySession hands back the same LoadedOrg object while nothing in the
 * database has changed, so its serialization is kept with it (a WeakMap: it goes when the loaded
 * facts go) and only the server's clock, the one part that moves, is written per request.
 */
const serialized = new WeakMap<LoadedOrg, { session: ViewerSession; json: string }>();

export function stateJson(loaded: LoadedOrg, viewerSession: ViewerSession, settings: Settings, now: Date): string {
  let entry = serialized.get(loaded);
  if (!entry || entry.session !== viewerSession) {
    const { now: _now, ...rest } = buildState(loaded, viewerSession, settings, now);
    entry = { session: viewerSession, json: JSON.stringify(rest).slice(0, -1) };
    serialized.set(loaded, entry);
  }
  return `${entry.json},"now":"${now.toISOString()}"}`;
}
