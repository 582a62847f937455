/**
 * Turns a policy decision that says no into the spec's error. The state endpoint shows the same
 * reasons, so what the widget explains is exactly what the server answers.
 */
import type { ErrorCode, ReasonCode } from '../../shared/codes.js';
import type { Decision, Reason } from '../../shared/policy.js';
import { refuse } from '../domain-error.js';

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
  legal_hold: 'deletion_blocked',
  deletion_disabled: 'deletion_blocked',
  reauth_required: 'reauth_required',
  not_pending: 'not_pending',
  purge_started: 'not_pending',
};

/** A host's own blocker always means "cannot be deleted yet". */
const errorFor = (reason: Reason): ErrorCode => ('host' in reason ? 'deletion_blocked' : errorForReason[reason.code]);

/**
 * Throws unless the decision allows the action. The first reason decides the error (the policy
 * lists who-may-act reasons before blockers); `deletion_blocked` carries every blocker.
 */
export function assertAllowed(decision: Decision, options: { override?: Partial<Record<ReasonCode, ErrorCode>> } = {}): void {
  const [first] = decision.reasons;
  if (decision.allowed || !first) return;
  const code = ('host' in first ? undefined : options.override?.[first.code]) ?? errorFor(first);
  if (code === 'deletion_blocked') refuse(code, { reasons: decision.reasons.filter((r) => errorFor(r) === 'deletion_blocked') });
  refuse(code, { message: first.message });
}
