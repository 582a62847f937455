/**
 * The HTTP status of every error code of the contract (SPEC 4). The BFF answers
 * `{"error": {"code", "message", …}}` with this status and the message from `messages.ts`.
 */
import type { ErrorCode } from './codes.js';

export type { ErrorCode } from './codes.js';

export const errorStatus = {
  invalid_request: 400,
  invalid_uri: 400,
  invalid_successor: 400,
  invalid_offer: 400,
  unauthorized: 401,
  invalid_password: 401,
  invalid_code: 401,
  step_up_required: 401,
  reauth_required: 401,
  invalid_token: 401,
  not_owner: 403,
  not_admin: 403,
  user_session_required: 403,
  impersonation_scope: 403,
  admin_scope: 403,
  insufficient_scope: 403,
  forbidden_origin: 403,
  use_danger_zone: 403,
  org_not_found: 404,
  not_found: 404,
  member_not_found: 404,
  api_key_not_found: 404,
  offer_not_found: 404,
  sole_owner: 409,
  sole_member: 409,
  deletion_blocked: 409,
  already_pending: 409,
  not_pending: 409,
  offer_pending: 409,
  offer_answered: 409,
  idempotency_key_in_use: 409,
  intent_expired: 410,
  offer_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  name_mismatch: 422,
  purge_date_out_of_range: 422,
  acknowledgement_required: 422,
  idempotency_key_reused: 422,
  org_pending_deletion: 423,
  cooldown_active: 425,
  rate_limited: 429,
  internal_error: 500,
  database_busy: 503,
} as const satisfies Record<ErrorCode, number>;
