/**
 * The shapes the element shares with its host: the state the BFF sends and the bodies the widget
 * sends back. They are written here without zod so that a host's type checker needs nothing but
 * this package (zod is the server's business); `state.check.ts` proves at compile time that they
 * are exactly the contract's (`shared/schemas.ts`).
 */
import type { Decision, OrgStatus, Reason, Role, StepUpMethod, Warning } from '../shared/policy.js';
import type { DeletionReasonCode } from '../shared/codes.js';

export type { Decision, HostNotice, Notice, OrgStatus, Reason, Role, StepUpMethod, Warning } from '../shared/policy.js';

export interface Person {
  userId: string;
  name: string;
  email: string;
}

/** `GET /api/orgs/:orgId/danger-zone`, for the signed-in viewer (SPEC 4.2). */
export interface DangerZoneState {
  org: {
    id: string;
    name: string;
    slug: string;
    status: OrgStatus;
    purgeAt: string | null;
    deletionRequestedAt: string | null;
    deletionRequestedBy: Person | null;
    /** A platform operator's legal hold: deletion is blocked and a pending purge waits. */
    legalHold: boolean;
  };
  viewer: { userId: string; role: Role; impersonated: boolean };
  impact: {
    members: number;
    owners: number;
    activeResources: number;
    apiKeys: number;
    invitations: number;
    creditsRemaining: number;
    subscription: { status: string; renewsAt: string | null } | null;
  };
  actions: {
    leave: Decision;
    handOff: Decision;
    delete: Decision;
    cancelDeletion: Decision;
    export: Decision;
    offerOwnership: Decision;
    /** While pending: purge at the next pass instead of at the end of the grace window. */
    deleteNow: Decision;
  };
  /** Offers waiting for an answer: the one made to the viewer, and those the viewer made. */
  ownershipOffers: { incoming: OwnershipOffer | null; outgoing: OwnershipOffer[] };
  successors: (Person & { role: Role })[];
  /** The server's clock. */
  now: string;
  settings: {
    cooldownSeconds: number;
    graceDays: number;
    /** The latest purge date an owner may choose, in days from the request. */
    maxGraceDays: number;
    intentTtlSeconds: number;
    passwordRequired: boolean;
    /** How this viewer may confirm it is them, in order of preference. */
    stepUp: StepUpMethod[];
    /** Without a password, deleting needs a sign-in from the last 5 minutes: until when that holds. */
    reauthBy: string | null;
  };
}

/** What deleting the org would remove (issue 21), counted by the purge's own steps. */
export interface DeletionPreview {
  tables: Record<string, number>;
  hostTables: Record<string, number>;
  blockers: Reason[];
  warnings: Warning[];
  unregistered: { table: string; column: string; rows: number }[];
}

export interface DeletionIntent {
  intentId: string;
  notBefore: string;
  expiresAt: string;
}

export interface DeletionRequest {
  intentId: string;
  confirmName: string;
  password?: string;
  /** How the owner confirms it is them (one of `settings.stepUp`). */
  stepUp?: StepUpProof;
  /** Warning codes, ours and the host's. */
  acknowledgements: string[];
  /** The purge date chosen, within `settings.graceDays`…`maxGraceDays` from now; default the earliest. */
  purgeAt?: string;
  /** Why (optional): kept in the platform audit and sent in the webhooks. */
  reason?: { code: DeletionReasonCode; text?: string };
}

/** An ownership offer waiting for its answer (issue 21). */
export interface OwnershipOffer {
  offerId: string;
  from: Person;
  to: Person;
  leaveAfter: boolean;
  expiresAt: string;
}

export type StepUpProof =
  { method: 'password'; password: string } | { method: 'totp'; code: string } | { method: 'email_otp'; code: string } | { method: 'recent_sign_in' };

/** The spec's error body, `{"error": {...}}`: a code, a message and the fields the code names. */
export interface ErrorDetail {
  code: string;
  message: string;
  reasons?: Reason[] | undefined;
  purgeAt?: string | undefined;
  retryAfter?: number | undefined;
  missing?: string[] | undefined;
  contacts?: { name: string; email: string }[] | undefined;
  methods?: StepUpMethod[] | undefined;
  [field: string]: unknown;
}
