/**
 * The danger-zone state of SPEC 4.2 for one viewer: the org, the impact of deleting it, and each
 * action's decision from the same policy functions the write endpoints use.
 */
import {
  decideCancel,
  decideDelete,
  decideDeleteNow,
  decideExport,
  decideHandOff,
  decideLeave,
  decideOwnershipOffer,
  REAUTH_WINDOW_MS,
  reauthRequired,
  type Decision,
  type OrgFacts,
} from '../../shared/policy.js';
import type { HostMessages } from '../../shared/messages.js';
import type { DangerZoneState } from '../../shared/schemas.js';
import type { Settings } from '../settings.js';
import { sessionViewer } from './deletion.js';
import type { LoadedOrg, PendingOffer, ViewerSession } from './load.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const offerView = (offer: PendingOffer) => ({ ...offer, expiresAt: offer.expiresAt.toISOString() });

/** The offers still open on the app's clock (the one the demo moves), the viewer's side of each. */
function ownershipOffers(offers: readonly PendingOffer[], userId: string, now: Date): DangerZoneState['ownershipOffers'] {
  const open = offers.filter((o) => o.expiresAt > now);
  const incoming = open.find((o) => o.to.userId === userId);
  return { incoming: incoming ? offerView(incoming) : null, outgoing: open.filter((o) => o.from.userId === userId).map(offerView) };
}

/** The host's wording for our notices (its own blockers and warnings keep theirs). */
function reworded(decision: Decision, hostMessages: HostMessages | undefined): Decision {
  if (!hostMessages) return decision;
  const reword = <N extends Decision['reasons'][number] | Decision['warnings'][number]>(notice: N): N => {
    if ('host' in notice) return notice;
    const message = hostMessages(notice.code, notice.params ?? {});
    return message === undefined ? notice : { ...notice, message };
  };
  return { ...decision, reasons: decision.reasons.map(reword), warnings: decision.warnings.map(reword) };
}

export function buildState(
  loaded: LoadedOrg,
  facts: OrgFacts,
  viewerSession: ViewerSession,
  settings: Settings,
  now: Date,
  hostMessages?: HostMessages,
): DangerZoneState {
  const viewer = sessionViewer(loaded, viewerSession);
  const { org } = loaded;
  const handOff = reworded(decideHandOff(facts, viewer), hostMessages);
  const offerOwnership = reworded(decideOwnershipOffer(facts, viewer), hostMessages);
  return {
    org: {
      id: org.id,
      name: org.name,
      slug: org.slug,
      status: org.status,
      purgeAt: iso(org.purgeAt),
      deletionRequestedAt: iso(org.deletionRequestedAt),
      deletionRequestedBy: org.deletionRequestedBy,
      legalHold: facts.legalHold,
    },
    viewer: { userId: viewerSession.userId, role: viewer.role, impersonated: viewer.impersonated },
    impact: loaded.impact,
    actions: {
      leave: reworded(decideLeave(facts, viewer), hostMessages),
      handOff,
      delete: reworded(decideDelete(facts, viewer, now), hostMessages),
      cancelDeletion: reworded(decideCancel(facts, viewer), hostMessages),
      export: reworded(decideExport(facts, viewer), hostMessages),
      offerOwnership,
      deleteNow: reworded(decideDeleteNow(facts, viewer, now), hostMessages),
    },
    ownershipOffers: ownershipOffers(loaded.offers, viewerSession.userId, now),
    // The hand-off's candidates, and an offer's (those who are not owners yet).
    successors: handOff.allowed || offerOwnership.allowed ? loaded.successors : [],
    now: now.toISOString(),
    settings: {
      cooldownSeconds: settings.cooldownSeconds,
      graceDays: settings.graceDays,
      maxGraceDays: settings.maxGraceDays,
      intentTtlSeconds: settings.intentTtlSeconds,
      passwordRequired: viewerSession.stepUp.includes('password'),
      stepUp: viewerSession.stepUp,
      // With no other step-up, D4 asks for a recent sign-in: the widget says by when.
      reauthBy: viewerSession.stepUp.includes('recent_sign_in') ? new Date(viewerSession.createdAt.getTime() + REAUTH_WINDOW_MS).toISOString() : null,
    },
  };
}

/**
 * The state as JSON, kept with the loaded facts it was built from: the session cache hands back
 * the same LoadedOrg object while nothing in the database has changed, so its serialization is
 * reused (a WeakMap: it goes when the loaded facts go) and only the server's clock, the one part
 * that moves, is written per request. Not kept when the host's hook supplied facts (they may change
 * without the database changing), and rebuilt when a passwordless viewer's re-authentication
 * window closes. One per app instance.
 */
export class StateJsonCache {
  readonly #entries = new WeakMap<LoadedOrg, { session: ViewerSession; reauth: boolean; json: string }>();

  json(loaded: LoadedOrg, facts: OrgFacts, viewerSession: ViewerSession, settings: Settings, now: Date, keep: boolean, hostMessages?: HostMessages): string {
    const reauth = reauthRequired(sessionViewer(loaded, viewerSession), now);
    let entry = keep ? this.#entries.get(loaded) : undefined;
    if (!entry || entry.session !== viewerSession || entry.reauth !== reauth) {
      const { now: _now, ...rest } = buildState(loaded, facts, viewerSession, settings, now, hostMessages);
      entry = { session: viewerSession, reauth, json: JSON.stringify(rest).slice(0, -1) };
      if (keep) this.#entries.set(loaded, entry);
    }
    return `${entry.json},"now":"${now.toISOString()}"}`;
  }
}
