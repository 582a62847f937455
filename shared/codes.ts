/**
 * Every code of the contract, as plain lists: reasons (why an action is not allowed), warnings
 * (what the owner must acknowledge) and errors (what the BFF answers). The zod enums in
 * `schemas.ts` and the widget's catalogues are built from these lists, so a code added here is a
 * compile error everywhere it is not handled yet. No zod here: the widget imports this module.
 */

export const reasonCodes = [
  'impersonation_scope',
  'not_owner',
  'not_admin',
  'org_pending_deletion',
  'sole_owner',
  'sole_member',
  'already_pending',
  'read_only',
  'has_active_resources',
  'legal_hold',
  'deletion_disabled',
  'reauth_required',
  'not_pending',
  'purge_started',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

export const warningCodes = ['active_subscription', 'credits_remaining', 'other_members'] as const;
export type WarningCode = (typeof warningCodes)[number];

/**
 * How an owner confirms it is them before deleting (D4, issue 21), in order of preference: a
 * passkey, a TOTP or backup code (better-auth's two-factor plugin), an emailed one-time code, the
 * password; `recent_sign_in` when the viewer has none of them (a sign-in within 5 minutes).
 */
export const stepUpMethods = ['passkey', 'totp', 'email_otp', 'password', 'recent_sign_in'] as const;
export type StepUpMethod = (typeof stepUpMethods)[number];

/** Why an owner deletes an org (issue 21): optional, kept in the platform audit and sent in the webhooks. */
export const deletionReasonCodes = ['no_longer_needed', 'duplicate', 'moving_elsewhere', 'too_expensive', 'privacy', 'other'] as const;
export type DeletionReasonCode = (typeof deletionReasonCodes)[number];

export const errorCodes = [
  'invalid_request',
  'invalid_uri',
  'invalid_successor',
  'invalid_offer',
  'unauthorized',
  'invalid_password',
  'invalid_code',
  'step_up_required',
  'reauth_required',
  'invalid_token',
  'not_owner',
  'not_admin',
  'user_session_required',
  'impersonation_scope',
  'admin_scope',
  'insufficient_scope',
  'forbidden_origin',
  'use_danger_zone',
  'org_not_found',
  'not_found',
  'member_not_found',
  'api_key_not_found',
  'offer_not_found',
  'sole_owner',
  'sole_member',
  'deletion_blocked',
  'already_pending',
  'not_pending',
  'offer_pending',
  'offer_answered',
  'idempotency_key_in_use',
  'intent_expired',
  'offer_expired',
  'payload_too_large',
  'unsupported_media_type',
  'name_mismatch',
  'purge_date_out_of_range',
  'acknowledgement_required',
  'idempotency_key_reused',
  'org_pending_deletion',
  'cooldown_active',
  'rate_limited',
  'internal_error',
  'database_busy',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Every code a message exists for. */
export type MessageCode = ReasonCode | WarningCode | ErrorCode;

/** Numbers a message is built from, so a client can phrase it in its own language. */
export type NoticeParams = Record<string, number>;
/** What a message reads its numbers from (a number it needs may be missing: it says 0). */
export type MessageParams = Readonly<Record<string, number | undefined>>;
