/**
 * The rules of SPEC 3 as pure functions. The BFF's state endpoint and its write endpoints call the
 * same functions with the same facts, so the widget can never show an action as allowed that the
 * server refuses, or the reverse. No I/O here: facts in, decision out.
 */

export type OrgStatus = 'active' | 'read_only' | 'pending_deletion';
export type Role = 'owner' | 'admin' | 'member';

export type ReasonCode =
  | 'impersonation_scope'
  | 'not_owner'
  | 'not_admin'
  | 'org_pending_deletion'
  | 'sole_owner'
  | 'sole_member'
  | 'already_pending'
  | 'read_only'
  | 'has_active_resources'
  | 'not_pending'
  | 'purge_started';

export type WarningCode = 'active_subscription' | 'credits_remaining' | 'other_members';

export const warningCodes = [
  'active_subscription',
  'credits_remaining',
  'other_members',
] as const satisfies readonly WarningCode[];

/** Numbers a message is built from, so a client can phrase it in its own language. */
export type NoticeParams = Record<string, number>;

export interface Notice<Code extends string = string> {
  code: Code;
  message: string;
  params?: NoticeParams;
}

export interface Decision {
  allowed: boolean;
  reasons: Notice<ReasonCode>[];
  warnings: Notice<WarningCode>[];
}

export interface OrgFacts {
  status: OrgStatus;
  members: number;
  owners: number;
  activeResources: number;
  creditsRemaining: number;
  subscriptionActive: boolean;
  /** The purge has begun removing rows; from then on the deletion cannot be cancelled. */
  purgeStarted: boolean;
}

export interface ViewerFacts {
  role: Role;
  /** A platform admin acting as this user (better-auth admin plugin). */
  impersonated: boolean;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Default English text for each reason and warning; the widget has its own catalogue. */
export const noticeMessages: Record<ReasonCode | WarningCode, (p: NoticeParams) => string> = {
  impersonation_scope: () => 'An impersonated session may only read the state and cancel a deletion.',
  not_owner: () => 'Only owners can do this.',
  not_admin: () => 'Only owners and admins can export.',
  org_pending_deletion: () => 'The organization is scheduled for deletion.',
  sole_owner: () => 'Promote another member to Owner first.',
  sole_member: () => 'Delete the organization instead.',
  already_pending: () => 'Deletion is already scheduled.',
  read_only: () => 'The organization is read-only. Reactivate it before deleting it.',
  has_active_resources: ({ count = 0 }) =>
    `${count} active ${plural(count, 'resource', 'resources')} must be decommissioned first.`,
  not_pending: () => 'No deletion is scheduled.',
  purge_started: () => 'The final purge has already started and cannot be stopped.',
  active_subscription: () =>
    'The active subscription ends without a refund. Cancel it first to avoid losing prorated time.',
  credits_remaining: ({ balance = 0 }) =>
    `The remaining balance of ${balance} ${plural(balance, 'credit', 'credits')} is lost.`,
  other_members: ({ count = 0 }) =>
    `${count} ${plural(count, 'other person loses', 'other people lose')} access.`,
};

function notice<Code extends ReasonCode | WarningCode>(code: Code, params?: NoticeParams): Notice<Code> {
  const message = noticeMessages[code](params ?? {});
  return params ? { code, message, params } : { code, message };
}

function decision(reasons: Notice<ReasonCode>[], warnings: Notice<WarningCode>[] = []): Decision {
  return { allowed: reasons.length === 0, reasons, warnings };
}

/** L1–L3. An owner may leave while another owner remains; the only owner is told what to do instead. */
export function decideLeave(org: OrgFacts, viewer: ViewerFacts): Decision {
  if (viewer.impersonated) return decision([notice('impersonation_scope')]);
  if (org.status === 'pending_deletion') return decision([notice('org_pending_deletion')]);
  if (viewer.role === 'owner' && org.owners <= 1) {
    return decision([org.members > 1 ? notice('sole_owner') : notice('sole_member')]);
  }
  return decision([]);
}

/** L4. The only owner with other members may hand ownership to one of them and leave in one step. */
export function decideHandOff(org: OrgFacts, viewer: ViewerFacts): Decision {
  if (viewer.impersonated) return decision([notice('impersonation_scope')]);
  if (org.status === 'pending_deletion') return decision([notice('org_pending_deletion')]);
  if (viewer.role !== 'owner') return decision([notice('not_owner')]);
  if (org.members <= 1) return decision([notice('sole_member')]);
  return decision([]);
}

/** D1–D3. Who may delete, what blocks it, and what the owner must acknowledge. */
export function decideDelete(org: OrgFacts, viewer: ViewerFacts): Decision {
  if (viewer.impersonated) return decision([notice('impersonation_scope')]);
  if (viewer.role !== 'owner') return decision([notice('not_owner')]);
  if (org.status === 'pending_deletion') return decision([notice('already_pending')]);
  return decision(deletionBlockers(org), deletionWarnings(org));
}

/** D2 blockers that hold whoever asks, the management API included. */
export function deletionBlockers(org: OrgFacts): Notice<ReasonCode>[] {
  const blockers: Notice<ReasonCode>[] = [];
  if (org.status === 'pending_deletion') blockers.push(notice('already_pending'));
  if (org.status === 'read_only') blockers.push(notice('read_only'));
  if (org.activeResources > 0) {
    blockers.push(notice('has_active_resources', { count: org.activeResources }));
  }
  return blockers;
}

/** D3. Facts the owner must acknowledge by code before the deletion is accepted. */
export function deletionWarnings(org: OrgFacts): Notice<WarningCode>[] {
  const warnings: Notice<WarningCode>[] = [];
  if (org.subscriptionActive) warnings.push(notice('active_subscription'));
  if (org.creditsRemaining > 0) {
    warnings.push(notice('credits_remaining', { balance: org.creditsRemaining }));
  }
  const others = org.members - 1;
  if (others > 0) warnings.push(notice('other_members', { count: others }));
  return warnings;
}

/** C1–C2. Owners cancel while pending; an admin impersonating an owner may too. */
export function decideCancel(org: OrgFacts, viewer: ViewerFacts): Decision {
  if (viewer.role !== 'owner') return decision([notice('not_owner')]);
  if (org.status !== 'pending_deletion') return decision([notice('not_pending')]);
  if (org.purgeStarted) return decision([notice('purge_started')]);
  return decision([]);
}

/**
 * Changing a member's role: owners only, never leaving the org without an owner (the same L2
 * invariant as leaving), and not while the deletion is pending (owners may only read, export and
 * cancel then).
 */
export function decideRoleChange(
  org: OrgFacts,
  viewer: ViewerFacts,
  change: { from: Role; to: Role },
): Decision {
  if (viewer.impersonated) return decision([notice('impersonation_scope')]);
  if (org.status === 'pending_deletion') return decision([notice('org_pending_deletion')]);
  if (viewer.role !== 'owner') return decision([notice('not_owner')]);
  if (change.from === 'owner' && change.to !== 'owner' && org.owners <= 1) return decision([notice('sole_owner')]);
  return decision([]);
}

/** E1. Owners and admins export; while pending only owners can reach the org at all. */
export function decideExport(org: OrgFacts, viewer: ViewerFacts): Decision {
  if (viewer.impersonated) return decision([notice('impersonation_scope')]);
  if (viewer.role === 'member') return decision([notice('not_admin')]);
  if (org.status === 'pending_deletion' && viewer.role !== 'owner') {
    return decision([notice('org_pending_deletion')]);
  }
  return decision([]);
}

/**
 * better-auth stores several roles as a comma-separated list ("admin,owner"); any role a host
 * defines beyond these behaves as a member (SPEC 2).
 */
export function effectiveRole(stored: string): Role {
  const roles = stored.split(',').map((r) => r.trim());
  if (roles.includes('owner')) return 'owner';
  if (roles.includes('admin')) return 'admin';
  return 'member';
}
