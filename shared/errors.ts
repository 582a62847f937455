/**
 * Every error code of the HTTP contract (SPEC 4) with its status and default English message.
 * The BFF answers `{"error": {"code", "message", …}}` from this table; the widget translates a
 * known code and falls back to the server's message for one it does not know.
 */
export const errorCatalog = {
  invalid_request: { status: 400, message: 'The request is not valid.' },
  invalid_uri: { status: 400, message: 'The path contains a malformed id.' },
  invalid_successor: {
    status: 400,
    message: 'The successor must be another member of this organization.',
  },
  unauthorized: { status: 401, message: 'Sign in to continue.' },
  invalid_password: { status: 401, message: 'The password is not correct.' },
  reauth_required: {
    status: 401,
    message: 'Sign in again: deleting an organization needs a sign-in from the last 5 minutes.',
  },
  invalid_token: { status: 401, message: 'The access token is missing, malformed or revoked.' },
  not_owner: { status: 403, message: 'Only owners can do this.' },
  not_admin: { status: 403, message: 'Only owners and admins can do this.' },
  user_session_required: {
    status: 403,
    message: "Only a user's own signed-in session can do this, not an API key or a token.",
  },
  impersonation_scope: {
    status: 403,
    message: 'An impersonated session may only read the state and cancel a deletion.',
  },
  insufficient_scope: {
    status: 403,
    message: 'Insufficient scope; expected any of: delete:organizations.',
  },
  forbidden_origin: {
    status: 403,
    message: 'Cross-site requests are not allowed here.',
  },
  org_not_found: { status: 404, message: 'No such organization.' },
  not_found: { status: 404, message: 'Not found.' },
  member_not_found: { status: 404, message: 'No such member in this organization.' },
  sole_owner: { status: 409, message: 'Promote another member to Owner first.' },
  sole_member: { status: 409, message: 'Delete the organization instead.' },
  deletion_blocked: { status: 409, message: 'The organization cannot be deleted yet.' },
  already_pending: { status: 409, message: 'Deletion is already scheduled.' },
  not_pending: { status: 409, message: 'No deletion is scheduled.' },
  intent_expired: {
    status: 410,
    message: 'This confirmation has expired or was already used. Start again.',
  },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send the request body as application/json.' },
  name_mismatch: {
    status: 422,
    message: 'The name does not match. Type it exactly as shown, including case and spaces.',
  },
  acknowledgement_required: { status: 422, message: 'Acknowledge every warning first.' },
  org_pending_deletion: {
    status: 423,
    message: 'This organization is scheduled for deletion. Ask an owner to cancel it.',
  },
  cooldown_active: { status: 425, message: 'Wait for the cooldown to finish.' },
  rate_limited: { status: 429, message: 'Too many attempts. Try again later.' },
  internal_error: { status: 500, message: 'Something went wrong on our side.' },
  database_busy: { status: 503, message: 'The service is busy. Try again in a moment.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalog;
