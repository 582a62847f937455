/**
 * The HTTP contract of every route the BFF's app serves, as data: method, path, who may call it,
 * the request's schemas, the success answer's schema and every error code the route can answer.
 * The OpenAPI document (openapi.ts) is generated from this table and nothing else; the BFF validates
 * requests with these schemas; a test checks that the app serves exactly these routes and that every
 * answer of the BFF's test suite matches its route's entry (status, body, error code). A new route
 * is one entry here and its handler.
 *
 * Paths are relative to where the host mounts the app (`host.route('/dz', createApp(…))` serves
 * `/dz/api/orgs/…`), in Hono's syntax (`:orgId`).
 */
import * as z from 'zod';
import type { ErrorCode } from './codes.js';
import {
  deletionCancelledResponse,
  deletionIntentResponse,
  deletionRequest,
  deleteNowRequest,
  deletionScheduledResponse,
  apiKeyList,
  dangerZoneState,
  id,
  leaveRequest,
  legalHoldRequest,
  legalHoldResponse,
  orgSummary,
  roleChangeRequest,
  roleChangeResponse,
  stepUpEmailCodeResponse,
  offerParams,
  ownershipOfferAnswerResponse,
  ownershipOfferRequest,
  ownershipOfferResponse,
  deletionPreviewResponse,
} from './schemas.js';

/** Who may call a route: a user's session (cookie or bearer), an org API key, a management token. */
export type Credential = 'session' | 'apiKey' | 'managementToken';

export interface RouteContract {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  description: string;
  tag: 'Danger zone' | 'Exports' | 'Management';
  credentials: readonly Credential[];
  params: z.ZodObject;
  body?: z.ZodType;
  /** The success answer: its status and its JSON body (`null`: no body), or a CSV download. */
  success: { status: 200 | 201 | 202 | 204; body: z.ZodType | null } | { status: 200; csv: true };
  /** Takes `Idempotency-Key`: a retry with the same key replays the first answer. */
  idempotent?: boolean;
  /** Every answer carries `X-RateLimit-*` (SPEC 4.4). */
  rateLimited?: boolean;
  errors: readonly ErrorCode[];
}

const orgParams = z.object({ orgId: id });
const memberParams = z.object({ orgId: id, userId: id });
const apiKeyParams = z.object({ orgId: id, keyId: id });

/** What any route can answer: a malformed id in the path, a database that is busy, a defect. */
const always = ['invalid_uri', 'database_busy', 'internal_error'] as const satisfies readonly ErrorCode[];
/** A route under `/api/orgs/:orgId` that only a user's own session may call (D1, D6). */
const memberRoute = [...always, 'unauthorized', 'user_session_required', 'org_not_found', 'org_pending_deletion'] as const satisfies readonly ErrorCode[];
/** A write there: cross-site cookie writes are refused (CSRF), a body must be JSON. */
const memberWrite = [...memberRoute, 'forbidden_origin', 'invalid_request', 'impersonation_scope'] as const satisfies readonly ErrorCode[];
const idempotency = ['idempotency_key_in_use', 'idempotency_key_reused'] as const satisfies readonly ErrorCode[];
/** A management route: Auth0's order of checks (token, its rate limit, the id, the scope, the org). */
const management = [...always, 'invalid_token', 'rate_limited', 'insufficient_scope', 'org_not_found'] as const satisfies readonly ErrorCode[];

export const routes = {
  getOpenApiDocument: {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    description: 'The OpenAPI 3.1 document of the app, its server URL the prefix the host mounted the app under. Public.',
    tag: 'Danger zone',
    credentials: [],
    params: z.object({}),
    success: { status: 200, body: z.looseObject({ openapi: z.literal('3.1.0') }) },
    errors: ['internal_error'],
  },
  getDangerZoneState: {
    method: 'get',
    path: '/api/orgs/:orgId/danger-zone',
    summary: "The danger zone's state for the signed-in viewer",
    description:
      'The org, the viewer, the impact of deleting it, and for each action (leave, hand-off, delete, cancel, export) whether it is allowed, with reasons and warnings: the same policy decides the writes. An impersonated session may read it.',
    tag: 'Danger zone',
    credentials: ['session'],
    params: orgParams,
    success: { status: 200, body: dangerZoneState },
    errors: memberRoute,
  },
  getDeletionPreview: {
    method: 'get',
    path: '/api/orgs/:orgId/deletion-preview',
    summary: 'What deleting the org would remove, before anything is typed (issue 21)',
    description:
      "Owners only (an impersonated session may read it); limited per user and per org like the deletion intents (`INTENT_RATE_LIMIT`, counted apart). Rows per table as the purge counts them (the same steps; `organization: 1`, and the sessions that would lose it as `session (org unset)`), the host's registered tables apart, the blockers and warnings of deleting it, and rows in tables nobody registered (which stop the purge).",
    tag: 'Danger zone',
    credentials: ['session'],
    params: orgParams,
    success: { status: 200, body: deletionPreviewResponse },
    rateLimited: true,
    errors: [...memberRoute, 'not_owner', 'rate_limited'],
  },
  leaveOrganization: {
    method: 'post',
    path: '/api/orgs/:orgId/leave',
    summary: 'Leave the organization (L1–L5)',
    description:
      'The only owner names a successor among the members (`successorUserId`): promoted to owner, and the caller leaves, in one transaction. Without one the only owner is refused (`sole_owner`, or `sole_member` when nobody else is in it).',
    tag: 'Danger zone',
    credentials: ['session'],
    params: orgParams,
    body: leaveRequest,
    success: { status: 204, body: null },
    idempotent: true,
    errors: [...memberWrite, ...idempotency, 'sole_owner', 'sole_member', 'invalid_successor'],
  },
  createDeletionIntent: {
    method: 'post',
    path: '/api/orgs/:orgId/deletion-intents',
    summary: 'Start a deletion: a single-use intent (D4)',
    description:
      'Owners only: to schedule a deletion, or, while it is pending, to delete now. The confirmation is refused before `notBefore` (the cooldown) and after `expiresAt`; the intent is bound to its org, user and session. The body is empty. Limited per user and per org (`INTENT_RATE_LIMIT`).',
    tag: 'Danger zone',
    credentials: ['session'],
    params: orgParams,
    success: { status: 201, body: deletionIntentResponse },
    errors: [...memberWrite, 'not_owner', 'deletion_blocked', 'already_pending', 'not_pending', 'reauth_required', 'rate_limited'],
  },
  sendStepUpEmailCode: {
    method: 'post',
    path: '/api/orgs/:orgId/step-up/email-code',
    summary: 'Email a one-time code to confirm a deletion with (issue 21)',
    description:
      "Owners whose `settings.stepUp` offers `email_otp`: the host's better-auth (its email-OTP plugin) sends a code to the viewer's own address, for `stepUp: {method: 'email_otp', code}`. At most 5 a user per 15 minutes. The body is empty.",
    tag: 'Danger zone',
    credentials: ['session'],
    params: orgParams,
    success: { status: 202, body: stepUpEmailCodeResponse },
    errors: [...memberWrite, 'not_owner', 'deletion_blocked', 'already_pending', 'not_pending', 'reauth_required', 'step_up_required', 'rate_limited'],
  },
  scheduleDeletion: {
    method: 'post',
    path: '/api/orgs/:orgId/deletion',
    summary: 'Confirm the deletion: the org enters its grace window (D4, D5)',
    description:
      "The intent, the org's name typed exactly (NFC, no trimming, no case folding), a step-up of the viewer's (`stepUp`: one of the state's `settings.stepUp`; `password` alone still works; a user with none signs in again within 5 minutes) and every warning acknowledged by code. Failed confirmations count toward a rate limit. Optional: the purge date (`purgeAt`, from `now + settings.graceDays` to `now + settings.maxGraceDays`, else 422 `purge_date_out_of_range`) and a reason (`{code, text?}`, kept in the platform audit and sent in `org.deletion_scheduled`).",
    tag: 'Danger zone',
    credentials: ['session'],
    params: orgParams,
    body: deletionRequest,
    success: { status: 202, body: deletionScheduledResponse },
    idempotent: true,
    rateLimited: true,
    errors: [
      ...memberWrite,
      ...idempotency,
      'invalid_password',
      'invalid_code',
      'step_up_required',
      'reauth_required',
      'not_owner',
      'deletion_blocked',
      'already_pending',
      'intent_expired',
      'name_mismatch',
      'purge_date_out_of_range',
      'acknowledgement_required',
      'cooldown_active',
      'rate_limited',
    ],
  },
  deleteNow: {
    method: 'post',
    path: '/api/orgs/:orgId/deletion/now',
    summary: 'Delete a pending org now: the purge runs at its next pass (issue 21)',
    description:
      'Owners only, while the deletion is pending, with a fresh intent (opened after the deletion was scheduled) and the same confirmation as scheduling: the name typed exactly, a step-up, every warning acknowledged, the cooldown. Refused while a legal hold or a host blocker holds. Audited in both logs and sent as `org.deletion_expedited`.',
    tag: 'Danger zone',
    credentials: ['session'],
    params: orgParams,
    body: deleteNowRequest,
    success: { status: 202, body: deletionScheduledResponse },
    idempotent: true,
    rateLimited: true,
    errors: [
      ...memberWrite,
      ...idempotency,
      'invalid_password',
      'invalid_code',
      'step_up_required',
      'reauth_required',
      'not_owner',
      'not_pending',
      'deletion_blocked',
      'intent_expired',
      'name_mismatch',
      'acknowledgement_required',
      'cooldown_active',
      'rate_limited',
    ],
  },
  cancelDeletion: {
    method: 'delete',
    path: '/api/orgs/:orgId/deletion',
    summary: 'Cancel a pending deletion (C1, C2)',
    description: 'Owners only, while pending and before the purge has started. A platform admin impersonating an owner may cancel.',
    tag: 'Danger zone',
    credentials: ['session'],
    params: orgParams,
    success: { status: 200, body: deletionCancelledResponse },
    idempotent: true,
    errors: [...memberWrite, ...idempotency, 'not_owner', 'not_pending'],
  },
  changeMemberRole: {
    method: 'post',
    path: '/api/orgs/:orgId/members/:userId/role',
    summary: "Change a member's role",
    description:
      'Owners only; the last owner cannot step down (`sole_owner`), checked in the same transaction as the change. Limited per user and per org (`ROLE_CHANGE_RATE_LIMIT`).',
    tag: 'Danger zone',
    credentials: ['session'],
    params: memberParams,
    body: roleChangeRequest,
    success: { status: 200, body: roleChangeResponse },
    idempotent: true,
    errors: [...memberWrite, ...idempotency, 'not_owner', 'member_not_found', 'sole_owner', 'rate_limited'],
  },
  offerOwnership: {
    method: 'post',
    path: '/api/orgs/:orgId/ownership-offers',
    summary: 'Offer ownership to a member (issue 21)',
    description:
      'Owners only, never while the org is pending deletion. The member becomes an owner only by accepting (in the widget; an email tells them) before `expiresAt` (7 days). With `leaveAfter`, the offering owner leaves in the same transaction as the acceptance. One offer per member waits at a time. Audited; webhook `ownership.offered`.',
    tag: 'Danger zone',
    credentials: ['session'],
    params: orgParams,
    body: ownershipOfferRequest,
    success: { status: 201, body: ownershipOfferResponse },
    idempotent: true,
    errors: [...memberWrite, ...idempotency, 'not_owner', 'sole_member', 'member_not_found', 'invalid_offer', 'offer_pending'],
  },
  acceptOwnershipOffer: {
    method: 'post',
    path: '/api/orgs/:orgId/ownership-offers/:offerId/accept',
    summary: 'Accept an offer of ownership (issue 21)',
    description:
      'The offered member only (anyone else: 404 `offer_not_found`), while it waits and has not expired. Promotes them to owner and, with `leaveAfter`, removes the offering owner, in one transaction. Audited; webhooks `ownership.accepted`, `member.role_changed`, `member.left`.',
    tag: 'Danger zone',
    credentials: ['session'],
    params: offerParams,
    success: { status: 200, body: ownershipOfferAnswerResponse },
    idempotent: true,
    errors: [...memberWrite, ...idempotency, 'offer_not_found', 'offer_answered', 'offer_expired'],
  },
  declineOwnershipOffer: {
    method: 'post',
    path: '/api/orgs/:orgId/ownership-offers/:offerId/decline',
    summary: 'Decline an offer of ownership (issue 21)',
    description: 'The offered member only, while it waits and has not expired. Nothing else changes. Audited; webhook `ownership.declined`.',
    tag: 'Danger zone',
    credentials: ['session'],
    params: offerParams,
    success: { status: 200, body: ownershipOfferAnswerResponse },
    idempotent: true,
    errors: [...memberWrite, ...idempotency, 'offer_not_found', 'offer_answered', 'offer_expired'],
  },
  exportAuditLog: {
    method: 'get',
    path: '/api/orgs/:orgId/exports/audit-log.csv',
    summary: "The org's audit log as CSV (E1)",
    description:
      'Owners and admins (owners only while pending). RFC 4180, UTF-8, a header row, streamed; formula cells neutralized. Audited; limited per user and per org (`EXPORT_RATE_LIMIT`).',
    tag: 'Exports',
    credentials: ['session'],
    params: orgParams,
    success: { status: 200, csv: true },
    errors: [...memberRoute, 'not_admin', 'impersonation_scope', 'rate_limited'],
  },
  exportMembers: {
    method: 'get',
    path: '/api/orgs/:orgId/exports/members.csv',
    summary: "The org's members as CSV (E1)",
    description:
      'Owners and admins (owners only while pending). RFC 4180, UTF-8, a header row, streamed; formula cells neutralized. Audited; limited per user and per org (`EXPORT_RATE_LIMIT`).',
    tag: 'Exports',
    credentials: ['session'],
    params: orgParams,
    success: { status: 200, csv: true },
    errors: [...memberRoute, 'not_admin', 'impersonation_scope', 'rate_limited'],
  },
  listApiKeys: {
    method: 'get',
    path: '/api/orgs/:orgId/api-keys',
    summary: "The org's API keys",
    description: 'Owners and admins. Each key with its name and first characters; the key itself is shown only when it is made.',
    tag: 'Danger zone',
    credentials: ['session'],
    params: orgParams,
    success: { status: 200, body: apiKeyList },
    errors: [...memberRoute, 'not_admin', 'impersonation_scope'],
  },
  revokeApiKey: {
    method: 'delete',
    path: '/api/orgs/:orgId/api-keys/:keyId',
    summary: 'Revoke an org API key',
    description: 'Owners and admins. The key stops working at once. Audited in the org and platform logs (`org.api_key_revoked`).',
    tag: 'Danger zone',
    credentials: ['session'],
    params: apiKeyParams,
    success: { status: 204, body: null },
    errors: [...memberWrite, 'not_admin', 'api_key_not_found'],
  },
  getOrganization: {
    method: 'get',
    path: '/api/orgs/:orgId',
    summary: 'The org, for a member or its own API key',
    description: 'An org API key (`x-api-key`) reads its own org; while the org is pending deletion it is refused (423), like every member but the owners.',
    tag: 'Danger zone',
    credentials: ['session', 'apiKey'],
    params: orgParams,
    success: { status: 200, body: orgSummary },
    errors: memberRoute,
  },
  setLegalHold: {
    method: 'put',
    path: '/api/v2/organizations/:orgId/legal-hold',
    summary: 'Put an org under a legal hold',
    description: 'Scope `manage:legal_holds`. No deletion may be scheduled; a pending purge waits past its date; owners may still cancel. Audited.',
    tag: 'Management',
    credentials: ['managementToken'],
    params: orgParams,
    body: legalHoldRequest,
    success: { status: 200, body: legalHoldResponse },
    rateLimited: true,
    errors: [...management, 'invalid_request'],
  },
  liftLegalHold: {
    method: 'delete',
    path: '/api/v2/organizations/:orgId/legal-hold',
    summary: 'Lift a legal hold',
    description: 'Scope `manage:legal_holds`; 404 `not_found` when the org has no hold. Audited.',
    tag: 'Management',
    credentials: ['managementToken'],
    params: orgParams,
    success: { status: 204, body: null },
    rateLimited: true,
    errors: [...management, 'not_found'],
  },
  getOrganizationDeletionPreview: {
    method: 'get',
    path: '/api/v2/organizations/:orgId/deletion-preview',
    summary: 'What deleting the org would remove (issue 21)',
    description:
      'Scope `delete:organizations`. The same answer as the owners’ `GET /api/orgs/:orgId/deletion-preview`, with the blockers that hold for the management API.',
    tag: 'Management',
    credentials: ['managementToken'],
    params: orgParams,
    success: { status: 200, body: deletionPreviewResponse },
    errors: management,
  },
  deleteOrganization: {
    method: 'delete',
    path: '/api/v2/organizations/:orgId',
    summary: 'Schedule an org for deletion (Auth0-compatible)',
    description: 'Scope `delete:organizations`. The org enters the same grace window as an owner’s deletion; owners may still cancel.',
    tag: 'Management',
    credentials: ['managementToken'],
    params: orgParams,
    success: { status: 204, body: null },
    idempotent: true,
    rateLimited: true,
    errors: [...management, ...idempotency, 'deletion_blocked'],
  },
} as const satisfies Record<string, RouteContract>;

export type RouteName = keyof typeof routes;
