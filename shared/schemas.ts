/**
 * zod schemas for every request and response of SPEC 4. The BFF validates requests with them and
 * the tests parse responses with them; the widget imports only the inferred types, so zod stays
 * out of its bundle.
 */
import * as z from 'zod';
import { deletionReasonCodes, errorCodes, reasonCodes, stepUpMethods, warningCodes } from './codes.js';

/** Ids are opaque; anything outside this alphabet or length in a path is `invalid_uri`. */
export const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
export const id = z.string().regex(idPattern);

export const orgStatus = z.enum(['active', 'read_only', 'pending_deletion']);
export const role = z.enum(['owner', 'admin', 'member']);
const isoDateTime = z.iso.datetime();

export const reasonCode = z.enum(reasonCodes);
export const warningCode = z.enum(warningCodes);
export const errorCode = z.enum(errorCodes);
/**
 * A host application's own blocker or warning code: namespaced (`billing.unpaid_invoice`,
 * `acme:active_clusters`), so it can never be taken for one of ours, at most 64 characters.
 */
export const hostCode = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*[.:][a-z0-9_.:-]+$/);

const params = z.record(z.string(), z.number());
const hostNotice = z.object({ code: hostCode, message: z.string(), params: params.optional(), host: z.literal(true) });
export const reason = z.union([z.object({ code: reasonCode, message: z.string(), params: params.optional() }), hostNotice]);
export const warning = z.union([z.object({ code: warningCode, message: z.string(), params: params.optional() }), hostNotice]);

export const decision = z.object({
  allowed: z.boolean(),
  reasons: z.array(reason),
  warnings: z.array(warning),
});

// ---- requests ----

export const leaveRequest = z.strictObject({ successorUserId: id.optional() });

export const roleChangeRequest = z.strictObject({ role });

/** Ownership with consent (issue 21): the member to offer it to, and whether the offering owner leaves once it is accepted. */
export const ownershipOfferRequest = z.strictObject({ userId: id, leaveAfter: z.boolean().optional() });

export const legalHoldRequest = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const stepUpMethod = z.enum(stepUpMethods);

/** How the owner confirms it is them (D4, issue 21): one of the methods the state's `settings.stepUp` lists. */
export const stepUpProof = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('password'), password: z.string().max(1000) }),
  /** A TOTP code from an authenticator app, or one of the backup codes (better-auth's two-factor plugin). */
  z.strictObject({ method: z.literal('totp'), code: z.string().trim().min(1).max(64) }),
  /** The one-time code `POST …/step-up/email-code` sent (better-auth's email-OTP plugin). */
  z.strictObject({ method: z.literal('email_otp'), code: z.string().trim().min(1).max(64) }),
  /** For a viewer with no other method: a sign-in within the last 5 minutes. */
  z.strictObject({ method: z.literal('recent_sign_in') }),
]);

/** D4: what proves the owner means it, the same for scheduling a deletion and for "delete now". */
const deletionConfirmation = {
  intentId: id,
  // Bounded so a hostile body cannot make us normalize megabytes; far above any real org name.
  confirmName: z.string().max(1000),
  /** As before step-up methods: the same as `stepUp: {method: 'password', password}`. */
  password: z.string().max(1000).optional(),
  stepUp: stepUpProof.optional(),
  // Our warning codes and the host's own (issue 14); a code nobody warned about is simply unused.
  acknowledgements: z
    .array(z.union([warningCode, hostCode]))
    .max(64)
    .default([]),
};

/** Why the org is deleted (issue 21): a code, and a few words of the owner's own. */
export const deletionReason = z.strictObject({
  code: z.enum(deletionReasonCodes),
  text: z.string().trim().max(500).optional(),
});

export const deletionRequest = z.strictObject({
  ...deletionConfirmation,
  /** The purge date the owner chose: from `now + settings.graceDays` to `now + settings.maxGraceDays`; default the earliest. */
  purgeAt: isoDateTime.optional(),
  reason: deletionReason.optional(),
});

/** "Delete now" (issue 21): a fresh intent, made after the deletion was scheduled, and the same confirmation. */
export const deleteNowRequest = z.strictObject(deletionConfirmation);

// ---- responses ----

export const orgSummary = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  status: orgStatus,
});

export const person = z.object({ userId: z.string(), name: z.string(), email: z.string() });

/** An ownership offer waiting for its answer, as the state shows it to the two people it concerns. */
export const ownershipOfferView = z.object({
  offerId: z.string(),
  from: person,
  to: person,
  leaveAfter: z.boolean(),
  expiresAt: isoDateTime,
});

export const dangerZoneState = z.object({
  org: orgSummary.extend({
    purgeAt: isoDateTime.nullable(),
    deletionRequestedAt: isoDateTime.nullable(),
    deletionRequestedBy: person.nullable(),
    /** A platform operator's legal hold: deletion is blocked and a pending purge waits. */
    legalHold: z.boolean(),
  }),
  viewer: z.object({ userId: z.string(), role, impersonated: z.boolean() }),
  impact: z.object({
    members: z.number().int(),
    owners: z.number().int(),
    activeResources: z.number().int(),
    apiKeys: z.number().int(),
    invitations: z.number().int(),
    creditsRemaining: z.number(),
    subscription: z.object({ status: z.string(), renewsAt: isoDateTime.nullable() }).nullable(),
  }),
  actions: z.object({
    leave: decision,
    handOff: decision,
    delete: decision,
    cancelDeletion: decision,
    export: decision,
    /** Offering ownership to another member (issue 21); the candidates are `successors` who are not owners. */
    offerOwnership: decision,
    /** While pending: purge at the next pass instead of at the end of the grace window (issue 21). */
    deleteNow: decision,
  }),
  /** Offers waiting for an answer: the one made to the viewer, and those the viewer made. */
  ownershipOffers: z.object({ incoming: ownershipOfferView.nullable(), outgoing: z.array(ownershipOfferView) }),
  successors: z.array(person.extend({ role })),
  /** The server's clock, so a client can say "in 6 days" against the time the rules use. */
  now: isoDateTime,
  settings: z.object({
    cooldownSeconds: z.number().int(),
    graceDays: z.number(),
    /** The latest purge date an owner may choose, in days from the request (issue 21). */
    maxGraceDays: z.number(),
    intentTtlSeconds: z.number().int(),
    passwordRequired: z.boolean(),
    /** How this viewer may confirm it is them, in order of preference (issue 21). */
    stepUp: z.array(stepUpMethod),
    /** Without a password, deleting needs a sign-in from the last 5 minutes: until when that holds. */
    reauthBy: isoDateTime.nullable(),
  }),
});

export const deletionIntentResponse = z.object({
  intentId: z.string(),
  notBefore: isoDateTime,
  expiresAt: isoDateTime,
});

export const deletionScheduledResponse = z.object({
  status: z.literal('pending_deletion'),
  purgeAt: isoDateTime,
});

/**
 * What deleting the org would remove (issue 21), counted by the purge's own steps: rows per table,
 * the host's registered tables apart, what blocks it and what the owner must acknowledge.
 */
export const deletionPreviewResponse = z.object({
  tables: z.record(z.string(), z.number().int()),
  hostTables: z.record(z.string(), z.number().int()),
  blockers: z.array(reason),
  warnings: z.array(warning),
  /** Rows in tables nobody registered with the purge: it stops before removing anything while there are any. */
  unregistered: z.array(z.object({ table: z.string(), column: z.string(), rows: z.number().int() })),
});

export const stepUpEmailCodeResponse = z.object({ sentTo: z.string() });

export const ownershipOfferResponse = z.object({ offerId: z.string(), expiresAt: isoDateTime });
export const ownershipOfferAnswerResponse = z.object({ offerId: z.string(), status: z.enum(['accepted', 'declined']) });
export const offerParams = z.object({ orgId: id, offerId: id });

export const deletionCancelledResponse = z.object({ status: z.literal('active') });

export const roleChangeResponse = z.object({ userId: z.string(), role });

export const apiKeySummary = z.object({
  id: z.string(),
  name: z.string(),
  /** The key's first characters, to recognise it (the key itself is shown only when it is made). */
  prefix: z.string(),
  createdAt: isoDateTime,
  createdBy: z.string().nullable(),
  lastUsedAt: isoDateTime.nullable(),
});
export const apiKeyList = z.object({ apiKeys: z.array(apiKeySummary) });

export const legalHoldResponse = z.object({ legalHold: z.object({ reason: z.string(), setBy: z.string(), setAt: isoDateTime }) });

export const errorBody = z.object({
  error: z
    .object({
      code: errorCode,
      message: z.string(),
      reasons: z.array(reason).optional(),
      purgeAt: isoDateTime.optional(),
      retryAfter: z.number().int().optional(),
      missing: z.array(z.string()).optional(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      contacts: z.array(z.object({ name: z.string(), email: z.string() })).optional(),
      methods: z.array(stepUpMethod).optional(),
    })
    .loose(),
});

export type LeaveRequest = z.infer<typeof leaveRequest>;
export type RoleChangeRequest = z.infer<typeof roleChangeRequest>;
export type DeletionRequest = z.input<typeof deletionRequest>;
export type DeleteNowRequest = z.input<typeof deleteNowRequest>;
export type DeletionReason = z.infer<typeof deletionReason>;
export type OrgSummary = z.infer<typeof orgSummary>;
export type Person = z.infer<typeof person>;
export type DangerZoneState = z.infer<typeof dangerZoneState>;
export type DeletionIntentResponse = z.infer<typeof deletionIntentResponse>;
export type DeletionScheduledResponse = z.infer<typeof deletionScheduledResponse>;
export type DeletionCancelledResponse = z.infer<typeof deletionCancelledResponse>;
export type RoleChangeResponse = z.infer<typeof roleChangeResponse>;
export type LegalHoldRequest = z.infer<typeof legalHoldRequest>;
export type LegalHoldResponse = z.infer<typeof legalHoldResponse>;
export type ErrorBody = z.infer<typeof errorBody>;
export type StepUpProof = z.infer<typeof stepUpProof>;
export type DeletionPreview = z.infer<typeof deletionPreviewResponse>;
export type OwnershipOfferView = z.infer<typeof ownershipOfferView>;
export type OwnershipOfferRequest = z.infer<typeof ownershipOfferRequest>;
