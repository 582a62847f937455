/**
 * C2 on better-auth's own endpoints (SPEC 8): a session a platform admin made by impersonating a
 * user may only read that session, read organizations, set the active one, and end the
 * impersonation (stop impersonating, or sign out). Everything else, whatever plugin it comes from,
 * is 403 `impersonation_scope`: an allow-list, so an endpoint added by a later version or another
 * plugin is refused until someone decides otherwise. In particular it never sees another session's
 * token (`list-sessions` answers tokens), and it cannot change the user (`update-user`,
 * `change-email`, `revoke-session`, …).
 */
import { impersonationAllows } from '../../shared/policy.js';

const reads = /^\/(get-session|organization\/(get-[a-z-]+|list|list-[a-z-]+|check-slug|has-permission))$/;
const endings = /^\/(sign-out|admin\/stop-impersonating)$/;

/** What a call of one of better-auth's endpoints is, for the policy: a read, or a change. */
export function authCallKind(path: string): 'read' | 'change' {
  return reads.test(path) || endings.test(path) || path === '/organization/set-active' ? 'read' : 'change';
}

/** Whether the policy lets an impersonated session call `path`. */
export function impersonatedMayCall(path: string): boolean {
  return impersonationAllows(authCallKind(path));
}
