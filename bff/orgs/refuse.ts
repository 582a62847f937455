/**
 * Turns a policy decision that says no into the spec's error. The state endpoint shows the same
 * reasons, so what the widget explains is exactly what the server answers.
 */
import type { ErrorCode } from '../../shared/errors.js';
import type { Decision, ReasonCode } from '../../shared/policy.js';
import { fail, type ErrorFields } from '../http/errors.js';

const errorForReason: Record<ReasonCode, ErrorCode> = {
  impersonation_scope: 'impersonation_scope',
  not_owner: 'not_owner',
  not_admin: 'not_admin',
  org_pending_deletion: 'org_pending_deletion',
  sole_owner: 'sole_owner',
  sole_member: 'sole_member',
  already_pending: 'already_pending',
  read_only: 'deletion_blocked',
  has_active_resources: 'deletion_blocked',
  not_pending: 'not_pending',
  purge_started: 'not_pending',
};

/**
 * Throws unless the decision allows the action. The first reason decides the error (the policy
 * lists who-may-act reasons before blockers); `deletion_blocked` carries every blocker.
 */
export function assertAllowed(
  decision: Decision,
  options: { fields?: ErrorFields; override?: Partial<Record<ReasonCode, ErrorCode>> } = {},
): void {
  const [first] = decision.reasons;
  if (decision.allowed || !first) return;
  const code = options.override?.[first.code] ?? errorForReason[first.code];
  if (code === 'deletion_blocked') {
    fail(code, { reasons: decision.reasons.filter((r) => errorForReason[r.code] === 'deletion_blocked') });
  }
  fail(code, { message: first.message, ...options.fields });
}
