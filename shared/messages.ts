/**
 * The one table of default English messages, for every reason, warning and error code. The BFF
 * answers with these; the widget's English catalogue is this table, and its other catalogues
 * translate the same codes. A code used both as a reason and as an error (`sole_owner`) reads the
 * same in both places.
 */
import type { MessageCode, MessageParams } from './codes.js';

export type Message = (params: MessageParams) => string;

/**
 * A host's own wording for a code (its language, its tone), or undefined to keep ours:
 * `createApp({ messages })`, for every error body and every reason and warning of the state.
 */
export type HostMessages = (code: MessageCode, params: MessageParams) => string | undefined;

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const minutes = (seconds = 0) => Math.max(1, Math.ceil(seconds / 60));

export const messages: Record<MessageCode, Message> = {
  // reasons (and the errors that share their code)
  impersonation_scope: () => 'An impersonated session may only read the state and cancel a deletion.',
  not_owner: () => 'Only owners can do this.',
  not_admin: () => 'Only owners and admins can do this.',
  org_pending_deletion: () => 'This organization is scheduled for deletion. Ask an owner to cancel it.',
  sole_owner: () => 'You are the only owner. Promote another member to Owner first.',
  sole_member: () => 'You are the only member. Delete the organization instead.',
  already_pending: () => 'Deletion is already scheduled.',
  read_only: () => 'The organization is read-only. Reactivate it before deleting it.',
  has_active_resources: ({ count = 0 }) => `${count} active ${plural(count, 'resource', 'resources')} must be decommissioned first.`,
  legal_hold: () => 'The organization is under a legal hold: it cannot be deleted until the hold is lifted.',
  deletion_disabled: () => 'Deleting organizations is turned off on this service. Contact support.',
  reauth_required: () => 'For your safety, deleting needs a recent sign-in: sign out, sign in again, then delete within 5 minutes.',
  not_pending: () => 'No deletion is scheduled.',
  purge_started: () => 'The final deletion has started and can no longer be stopped.',

  // warnings
  active_subscription: () => 'The active subscription ends without a refund. Cancel it first to avoid losing prorated time.',
  credits_remaining: ({ balance = 0 }) => `The remaining ${balance.toLocaleString('en')} ${plural(balance, 'credit is', 'credits are')} lost.`,
  other_members: ({ count = 0 }) => `${count} ${plural(count, 'other person loses', 'other people lose')} access.`,

  // errors
  invalid_request: () => 'The request is not valid.',
  invalid_uri: () => 'The path contains a malformed id.',
  invalid_successor: () => 'The successor must be another member of this organization.',
  invalid_offer: () => 'Offer ownership to another member of this organization who is not an owner yet.',
  offer_not_found: () => 'No such ownership offer for you.',
  offer_pending: () => 'An offer to this member is already waiting for an answer.',
  offer_answered: () => 'This offer has already been answered or withdrawn.',
  offer_expired: () => 'This offer has expired. Ask the owner to offer it again.',
  unauthorized: () => 'Sign in to continue.',
  invalid_password: () => 'That password is not correct.',
  invalid_code: () => 'That code is not correct or has expired.',
  step_up_required: () => 'Confirm it is you first, with one of the ways offered.',
  invalid_token: () => 'The access token is missing, malformed or revoked.',
  user_session_required: () => "Only a user's own signed-in session can do this, not an API key or a token.",
  admin_scope: () =>
    "A platform admin cannot set the password, email or phone number of an organization's owner: the owner changes them themselves, or an admin impersonates them (reading and cancelling only).",
  insufficient_scope: () => 'Insufficient scope; expected any of: delete:organizations.',
  forbidden_origin: () => 'Cross-site requests are not allowed here.',
  use_danger_zone: () => 'This action goes through the danger zone, which enforces its rules.',
  org_not_found: () => 'No such organization.',
  not_found: () => 'Not found.',
  member_not_found: () => 'No such member in this organization.',
  api_key_not_found: () => 'No such API key in this organization.',
  deletion_blocked: () => 'The organization cannot be deleted yet.',
  idempotency_key_in_use: () => 'A request with this Idempotency-Key is still being processed. Retry once it has finished.',
  intent_expired: () => 'This confirmation has expired or was already used. Start again.',
  payload_too_large: () => 'The request body is too large.',
  unsupported_media_type: () => 'Send the request body as application/json.',
  name_mismatch: () => 'The name does not match. Type it exactly as shown, including case and spaces.',
  acknowledgement_required: () => 'Acknowledge every warning first.',
  purge_date_out_of_range: ({ min = 0, max = 0 }) => `Choose a deletion date between ${min} and ${max} days from now.`,
  idempotency_key_reused: () => 'This Idempotency-Key was already used for a different request.',
  cooldown_active: ({ retryAfter = 0 }) => `Wait for the cooldown to finish (${retryAfter} more ${plural(retryAfter, 'second', 'seconds')}).`,
  rate_limited: ({ retryAfter }) => `Too many attempts. Try again in ${minutes(retryAfter)} ${plural(minutes(retryAfter), 'minute', 'minutes')}.`,
  internal_error: () => 'Something went wrong on our side.',
  database_busy: () => 'The service is busy. Try again in a moment.',
};
