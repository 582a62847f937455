/**
 * The rules of SPEC 3, and only here: pure functions, facts in, decisions out. The BFF's state
 * endpoint, every write endpoint, the management API and the better-auth guards call these with
 * the facts they read, and the widget calls the same confirmation check to enable its button, so
 * what the widget shows can never disagree with what the server decides. No I/O, no clock of its
 * own (`now` is a fact), and nothing heavier than the code lists: the widget imports this module.
 */
import type { ErrorCode, NoticeParams, ReasonCode, StepUpMethod, WarningCode } from './codes.js';
import { messages } from './messages.js';

export { reasonCodes, stepUpMethods, warningCodes, type ReasonCode, type StepUpMethod, type WarningCode } from './codes.js';

export type OrgStatus = 'active' | 'read_only' | 'pending_deletion';
export type Role = 'owner' | 'admin' | 'member';

/** D4: a user without a password must have signed in this recently to delete. */
export const REAUTH_WINDOW_MS = 5 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface Notice<Code extends string = ReasonCode | WarningCode> {
  code: Code;
  message: string;
  params?: NoticeParams;
}

/**
 * A blocker or warning the host application adds (its own clusters, invoices…). Its code is the
 * host's, so it carries its own message; `host: true` keeps it apart from ours.
 */
export interface HostNotice {
  code: string;
  message: string;
  params?: NoticeParams;
  host: true;
}

export type Reason = Notice<ReasonCode> | HostNotice;
export type Warning = Notice<WarningCode> | HostNotice;

export interface Decision {
  allowed: boolean;
  reasons: Reason[];
  warnings: Warning[];
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
  /** A platform operator's legal hold: no deletion may be scheduled, and a pending purge waits. */
  legalHold: boolean;
  /** The deployment has turned deletion off (`DELETION_DISABLED=1`). */
  deletionDisabled: boolean;
  /** What the host application adds for this org, merged into every decision about deleting it. */
  hostBlockers: HostNotice[];
  hostWarnings: HostNotice[];
}

/** Who is asking, as the rules see them. */
export interface ViewerFacts {
  role: Role;
  /** A platform admin acting as this user (better-auth admin plugin): C2 limits what they may do. */
  impersonated: boolean;
  /** The user has a password; without one, D4 asks for a recent sign-in instead. */
  hasPassword: boolean;
  /** When the viewer's session was created (signed in); null when the caller is not a session. */
  signedInAt: Date | null;
  /** How this viewer may confirm it is them (D4), in order of preference: `stepUpMethodsFor`. */
  stepUp: readonly StepUpMethod[];
}

/** What the host's better-auth offers for a step-up: the plugins it has. */
export interface HostStepUp {
  passkey: boolean;
  twoFactor: boolean;
  emailOtp: boolean;
}

/**
 * The step-up methods of one viewer (issue 21), in order of preference, among what the host's
 * better-auth has and what the viewer has set up. A user with two-factor enabled must present the
 * second factor: a passkey (a factor of its own) or a TOTP or backup code, never the password or an
 * emailed code alone. A user with neither a password nor a second factor may still rely on D4's
 * sign-in within 5 minutes (`recent_sign_in`).
 */
export function stepUpMethodsFor(host: HostStepUp, user: { hasPassword: boolean; twoFactorEnabled: boolean; hasPasskey: boolean }): StepUpMethod[] {
  const methods: StepUpMethod[] = [];
  if (host.passkey && user.hasPasskey) methods.push('passkey');
  if (host.twoFactor && user.twoFactorEnabled) return [...methods, 'totp'];
  if (host.emailOtp) methods.push('email_otp');
  methods.push(user.hasPassword ? 'password' : 'recent_sign_in');
  return methods;
}

/** The one way viewer facts are built, from what the BFF reads about a session and a membership. */
export function viewerFacts(input: {
  role: string | null;
  impersonatedBy?: string | null;
  hasPassword?: boolean;
  signedInAt?: Date | null;
  stepUp?: readonly StepUpMethod[];
}): ViewerFacts {
  const hasPassword = input.hasPassword ?? true;
  return {
    role: input.role === null ? 'member' : effectiveRole(input.role),
    impersonated: Boolean(input.impersonatedBy),
    hasPassword,
    signedInAt: input.signedInAt ?? null,
    stepUp: input.stepUp ?? [hasPassword ? 'password' : 'recent_sign_in'],
  };
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

export function notice<Code extends ReasonCode | WarningCode>(code: Code, params?: NoticeParams): Notice<Code> {
  const message = messages[code](params ?? {});
  return params ? { code, message, params } : { code, message };
}

function decision(reasons: Reason[], warnings: Warning[] = []): Decision {
  return { allowed: reasons.length === 0, reasons, warnings };
}

// ---------------------------------------------------------------- access (D6)

export type AccessDecision = { allowed: true } | { allowed: false; code: 'org_not_found' | 'org_pending_deletion' };

// One object for the common answer: the state endpoint asks on every request.
const accessAllowed: AccessDecision = Object.freeze({ allowed: true });

/**
 * Who may reach an org at all. A non-member (or another org's API key) is told the org does not
 * exist; while the org is pending deletion, anyone but an owner is refused with its purge date
 * (D6), API keys included.
 */
export function decideAccess(
  org: { id: string; status: OrgStatus } | null,
  caller: { kind: 'member'; role: Role | null } | { kind: 'apiKey'; orgId: string },
): AccessDecision {
  if (!org) return { allowed: false, code: 'org_not_found' };
  if (caller.kind === 'member' ? caller.role === null : caller.orgId !== org.id) {
    return { allowed: false, code: 'org_not_found' };
  }
  const role = caller.kind === 'member' ? caller.role : null;
  if (lockedOutWhilePending(org.status, role)) return { allowed: false, code: 'org_pending_deletion' };
  return accessAllowed;
}

/** D6's core: while pending, only owners may reach the org (an API key has no role). */
function lockedOutWhilePending(status: OrgStatus, role: Role | null): boolean {
  return status === 'pending_deletion' && role !== 'owner';
}

/**
 * D6 for signing in: a user whose every membership is in an org pending deletion, where they are
 * not an owner, has nothing they may reach. A user in no org at all signs in as usual.
 */
export function isSignInLocked(memberships: readonly { status: OrgStatus; role: Role }[]): boolean {
  return memberships.length > 0 && memberships.every((m) => lockedOutWhilePending(m.status, m.role));
}

/**
 * C2: an impersonated session may read and cancel a deletion, nothing else. `read` covers the
 * state, better-auth's own get/list endpoints and switching the active org.
 */
export function impersonationAllows(action: 'read' | 'cancel' | 'change'): boolean {
  return action !== 'change';
}

/**
 * What a platform admin (better-auth's admin plugin) may do to a user outside impersonation. Setting
 * the password of an org's owner would hand the admin a normal owner session, outside C2's scope and
 * audited in the owner's name: refused. Anyone else's may be set (it is audited in their orgs).
 */
export function platformAdminMaySetPassword(target: { ownsAnOrg: boolean }): boolean {
  return !target.ownsAnOrg;
}

/**
 * The user fields a platform admin may change on an org's owner with `admin/update-user`: an
 * allow-list, since any field that says where the owner receives a link or a code (email, phone,
 * their verification, a field another plugin adds) lets the admin request a password reset and
 * take a normal owner session, exactly what `platformAdminMaySetPassword` refuses. A ban is a
 * departure and is decided by `decideOwnerDeparture`. Anyone else's fields may be changed (audited).
 */
const fieldsAnAdminMayChangeOnAnOwner = new Set(['name', 'image', 'role', 'banned', 'banReason', 'banExpires']);

export function platformAdminMayUpdateUser(target: { ownsAnOrg: boolean }, fields: readonly string[]): boolean {
  return !target.ownsAnOrg || fields.every((field) => fieldsAnAdminMayChangeOnAnOwner.has(field));
}

/**
 * L5 and D6 for invitations: while the org is pending deletion nobody may be invited into it, and
 * an invitation sent before cannot be accepted (owners included: the org is on its way out).
 */
export function decideInvitation(org: { status: OrgStatus }): Decision {
  return decideOrgChange(org);
}

/**
 * D6 for changes made through the auth provider's own endpoints (better-auth's rename, slug,
 * invitations, removals, teams, roles): none while the org is pending deletion, owners included,
 * as the danger zone's own role change refuses. Owners may read, export and cancel, nothing else.
 */
export function decideOrgChange(org: { status: OrgStatus }): Decision {
  return decision(org.status === 'pending_deletion' ? [notice('org_pending_deletion')] : []);
}

// ---------------------------------------------------------------- leave (L1–L4)

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

// ---------------------------------------------------------------- delete (D1–D4)

/** D4: the viewer's sign-in is older than 5 minutes (false for a caller that is not a session). */
function signInIsStale(viewer: ViewerFacts, now: Date): boolean {
  return viewer.signedInAt !== null && now.getTime() - viewer.signedInAt.getTime() > REAUTH_WINDOW_MS;
}

/** D4: a viewer whose only step-up is a recent sign-in must have signed in within the last 5 minutes. */
export function reauthRequired(viewer: ViewerFacts, now: Date): boolean {
  if (viewer.stepUp.length !== 1 || viewer.stepUp[0] !== 'recent_sign_in' || viewer.signedInAt === null) return false;
  return now.getTime() - viewer.signedInAt.getTime() > REAUTH_WINDOW_MS;
}

/** D1–D4. Who may delete, what blocks it, and what the owner must acknowledge. */
export function decideDelete(org: OrgFacts, viewer: ViewerFacts, now: Date): Decision {
  if (viewer.impersonated) return decision([notice('impersonation_scope')]);
  if (viewer.role !== 'owner') return decision([notice('not_owner')]);
  if (org.status === 'pending_deletion') return decision([notice('already_pending')]);
  const reasons: Reason[] = deletionBlockers(org);
  if (reauthRequired(viewer, now)) reasons.push(notice('reauth_required'));
  return decision(reasons, deletionWarnings(org));
}

/**
 * Delete now (issue 21): an owner of a pending org asks for the purge at its next pass instead of
 * the end of the grace window, with the same confirmation as scheduling. What would block a new
 * deletion blocks it too (a legal hold, the host's blockers, active resources), and so does a
 * purge already under way.
 */
export function decideDeleteNow(org: OrgFacts, viewer: ViewerFacts, now: Date): Decision {
  if (viewer.impersonated) return decision([notice('impersonation_scope')]);
  if (viewer.role !== 'owner') return decision([notice('not_owner')]);
  if (org.status !== 'pending_deletion') return decision([notice('not_pending')]);
  if (org.purgeStarted) return decision([notice('purge_started')]);
  const reasons: Reason[] = deletionBlockers(org).filter((r) => r.code !== 'already_pending');
  if (reauthRequired(viewer, now)) reasons.push(notice('reauth_required'));
  return decision(reasons, deletionWarnings(org));
}

/** The impact preview (issue 21): what deleting would remove, for owners (an impersonated session may read it). */
export function decideDeletionPreview(viewer: ViewerFacts): Decision {
  return decision(viewer.role === 'owner' ? [] : [notice('not_owner')]);
}

/** What a deletion's intent is for: scheduling one, or bringing a pending one forward. */
export function decideDeletionStep(org: OrgFacts, viewer: ViewerFacts, now: Date): Decision {
  return org.status === 'pending_deletion' ? decideDeleteNow(org, viewer, now) : decideDelete(org, viewer, now);
}

/**
 * The purge dates an owner may choose (issue 21): from the end of the minimum grace window to the
 * deployment's maximum, both counted from the request.
 */
export function purgeDateBounds(now: Date, settings: { graceDays: number; maxGraceDays: number }): { earliest: Date; latest: Date } {
  return { earliest: new Date(now.getTime() + settings.graceDays * DAY_MS), latest: new Date(now.getTime() + settings.maxGraceDays * DAY_MS) };
}

/** The purge date a request asks for, if it is within the bounds; null when it is not. */
export function choosePurgeDate(requested: Date | undefined, now: Date, settings: { graceDays: number; maxGraceDays: number }): Date | null {
  const { earliest, latest } = purgeDateBounds(now, settings);
  if (requested === undefined) return earliest;
  return requested >= earliest && requested <= latest ? requested : null;
}

/**
 * The reminders due for a pending org now (issue 21): each threshold whose moment has come and
 * that was still ahead when the deletion was requested (a deletion scheduled 2 days out gets no
 * "3 days left" email: the scheduling email said it). Several at once (the job did not run for a
 * while) are all claimed, and only the nearest is sent: `send`.
 */
export function dueReminders(
  org: { purgeAt: Date; requestedAt: Date | null; legalHold: boolean },
  hours: readonly number[],
  now: Date,
): { claim: number[]; send: number | null } {
  if (org.legalHold || org.purgeAt <= now) return { claim: [], send: null };
  const due = hours.filter((h) => {
    const at = org.purgeAt.getTime() - h * HOUR_MS;
    return now.getTime() >= at && (org.requestedAt === null || org.requestedAt.getTime() < at);
  });
  return { claim: due, send: due.length > 0 ? Math.min(...due) : null };
}

/** D2 blockers that hold whoever asks, the management API included, in the order they are shown. */
export function deletionBlockers(org: OrgFacts): Reason[] {
  const blockers: Reason[] = [];
  if (org.deletionDisabled) blockers.push(notice('deletion_disabled'));
  if (org.status === 'pending_deletion') blockers.push(notice('already_pending'));
  if (org.legalHold) blockers.push(notice('legal_hold'));
  if (org.status === 'read_only') blockers.push(notice('read_only'));
  if (org.activeResources > 0) blockers.push(notice('has_active_resources', { count: org.activeResources }));
  blockers.push(...org.hostBlockers);
  return blockers;
}

/** D3. Facts the owner must acknowledge by code before the deletion is accepted. */
export function deletionWarnings(org: OrgFacts): Warning[] {
  const warnings: Warning[] = [];
  if (org.subscriptionActive) warnings.push(notice('active_subscription'));
  if (org.creditsRemaining > 0) warnings.push(notice('credits_remaining', { balance: org.creditsRemaining }));
  const others = org.members - 1;
  if (others > 0) warnings.push(notice('other_members', { count: others }));
  warnings.push(...org.hostWarnings);
  return warnings;
}

/** D3: the warnings' codes that the request did not acknowledge. */
export function unacknowledged(warnings: readonly Warning[], acknowledged: readonly string[]): string[] {
  return warnings.map((w) => w.code).filter((code) => !acknowledged.includes(code));
}

/** D4: `confirmName` equals the org's name exactly: NFC on both sides, nothing trimmed or folded. */
export function namesMatch(typed: string, actual: string): boolean {
  return typed.normalize('NFC') === actual.normalize('NFC');
}

/**
 * What the person has entered in the delete dialog, complete enough to send: the exact name, every
 * warning acknowledged, the password when one is required. The widget enables its Confirm button
 * with this; the server decides again with `checkConfirmation`.
 */
export function confirmationComplete(input: {
  typedName: string;
  orgName: string;
  warnings: readonly Warning[];
  acknowledged: readonly string[];
  /** The viewer must present a step-up (any method but `recent_sign_in`), and whether it has been entered. */
  stepUpRequired: boolean;
  stepUpGiven: boolean;
}): boolean {
  return (
    namesMatch(input.typedName, input.orgName) &&
    unacknowledged(input.warnings, input.acknowledged).length === 0 &&
    (!input.stepUpRequired || input.stepUpGiven)
  );
}

export interface IntentFacts {
  /** When the dialog opened: an intent for "delete now" must be newer than the scheduling. */
  createdAt?: Date;
  orgId: string;
  userId: string;
  sessionId: string;
  notBefore: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export type ConfirmationRefusal =
  | { code: 'intent_expired' }
  | { code: 'cooldown_active'; retryAfter: number }
  | { code: 'acknowledgement_required'; missing: string[] }
  /** A wrong name counts toward the failed-confirmation limit (4.4). */
  | { code: 'name_mismatch'; counts: true }
  | { code: 'password_missing' }
  | { code: 'step_up_required'; methods: StepUpMethod[] }
  | { code: 'reauth_required' };

/**
 * D4, in the order the server checks it: the intent (single use, bound to this org, user and
 * session, not expired), its cooldown, the acknowledgements, the exact name, then the step-up: a
 * method this viewer has (its proof is checked by the caller, asynchronously), or, for a viewer
 * with none, a recent sign-in. Null when the confirmation may go on to the step-up's check.
 */
export function checkConfirmation(input: {
  intent: IntentFacts | null;
  expected: { orgId: string; userId: string; sessionId: string; createdAfter?: Date | null };
  now: Date;
  typedName: string;
  orgName: string;
  warnings: readonly Warning[];
  acknowledged: readonly string[];
  viewer: ViewerFacts;
  /** The step-up method the request presents (a password in the body is `password`), or null. */
  stepUp: StepUpMethod | null;
}): ConfirmationRefusal | null {
  const { intent, expected, now } = input;
  const bound = intent !== null && intent.orgId === expected.orgId && intent.userId === expected.userId && intent.sessionId === expected.sessionId;
  if (!bound || intent.usedAt !== null || now >= intent.expiresAt) return { code: 'intent_expired' };
  const { createdAfter } = expected;
  if (createdAfter && (!intent.createdAt || intent.createdAt < createdAfter)) return { code: 'intent_expired' };
  if (now < intent.notBefore) {
    return { code: 'cooldown_active', retryAfter: Math.ceil((intent.notBefore.getTime() - now.getTime()) / 1000) };
  }
  const missing = unacknowledged(input.warnings, input.acknowledged);
  if (missing.length > 0) return { code: 'acknowledgement_required', missing };
  if (!namesMatch(input.typedName, input.orgName)) return { code: 'name_mismatch', counts: true };
  const methods = input.viewer.stepUp;
  if (input.stepUp !== null && input.stepUp !== 'recent_sign_in' && methods.includes(input.stepUp)) return null;
  // Without a proof of another kind, a viewer who may rely on a recent sign-in relies on it (D4).
  if (methods.includes('recent_sign_in')) return signInIsStale(input.viewer, now) ? { code: 'reauth_required' } : null;
  // As before step-up methods existed: a password user who sent nothing is asked for the password.
  if (input.stepUp === null && methods.includes('password')) return { code: 'password_missing' };
  return { code: 'step_up_required', methods: [...methods] };
}

// ---------------------------------------------------------------- cancel, roles, export

/** C1–C2. Owners cancel while pending, and an admin impersonating an owner may too, until the purge starts. */
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
export function decideRoleChange(org: OrgFacts, viewer: ViewerFacts, change: { from: Role; to: Role }): Decision {
  const who = mayChangeRoles(org, viewer);
  if (!who.allowed) return who;
  if (change.from === 'owner' && change.to !== 'owner' && org.owners <= 1) return decision([notice('sole_owner')]);
  return decision([]);
}

/**
 * Who may change roles at all, whatever the change: asked before a role change takes a write
 * transaction or counts against the role-change limit, so a member's refused attempts cost neither.
 */
export function mayChangeRoles(org: Pick<OrgFacts, 'status'>, viewer: ViewerFacts): Decision {
  if (viewer.impersonated) return decision([notice('impersonation_scope')]);
  if (org.status === 'pending_deletion') return decision([notice('org_pending_deletion')]);
  if (viewer.role !== 'owner') return decision([notice('not_owner')]);
  return decision([]);
}

/** The org's API keys: owners and admins list and revoke them; an impersonated session may not. */
export function decideApiKeys(org: Pick<OrgFacts, 'status'>, viewer: ViewerFacts): Decision {
  if (viewer.impersonated) return decision([notice('impersonation_scope')]);
  if (viewer.role === 'member') return decision([notice('not_admin')]);
  if (org.status === 'pending_deletion' && viewer.role !== 'owner') return decision([notice('org_pending_deletion')]);
  return decision([]);
}

/** An org the departing user owns, as counted under the write lock (owners on their way out excluded). */
export interface OwnedOrgFacts {
  id: string;
  name: string;
  otherOwners: number;
  otherMembers: number;
}

/**
 * No path leaves an org with no owner (issue 21): a user's account may be deleted or banned, and
 * an owner removed from an org, only while every org they own keeps another owner. L3's reasons
 * say what to do instead: promote another member first (`sole_owner`), or, when nobody else is in
 * it, delete the organization (`sole_member`). The orgs that block come back with the decision.
 */
export function decideOwnerDeparture(owned: readonly OwnedOrgFacts[]): Decision & { orphaned: OwnedOrgFacts[] } {
  const orphaned = owned.filter((org) => org.otherOwners === 0);
  const reasons: Reason[] = [];
  if (orphaned.some((org) => org.otherMembers > 0)) reasons.push(notice('sole_owner'));
  if (orphaned.some((org) => org.otherMembers === 0)) reasons.push(notice('sole_member'));
  return { ...decision(reasons), orphaned };
}

// ---------------------------------------------------------------- ownership offers (issue 21)

/** How long an ownership offer waits for its answer, unless the deployment says otherwise. */
export const OWNERSHIP_OFFER_TTL_DAYS = 7;

/**
 * Ownership with consent: an owner offers it to another member, who becomes an owner only by
 * accepting. Not while the org is pending deletion (it cannot have offers), not as an
 * impersonated session, and only where there is someone to offer it to.
 */
export function decideOwnershipOffer(org: OrgFacts, viewer: ViewerFacts): Decision {
  if (viewer.impersonated) return decision([notice('impersonation_scope')]);
  if (org.status === 'pending_deletion') return decision([notice('org_pending_deletion')]);
  if (viewer.role !== 'owner') return decision([notice('not_owner')]);
  if (org.members <= 1) return decision([notice('sole_member')]);
  return decision([]);
}

/** Whom an offer may go to: another member of the org, not an owner yet, without an offer already waiting. */
export function checkOfferTarget(input: {
  offeringUserId: string;
  target: { userId: string; role: Role } | null;
  pendingOfferToTarget: boolean;
}): Extract<ErrorCode, 'member_not_found' | 'invalid_offer' | 'offer_pending'> | null {
  const { target } = input;
  if (!target) return 'member_not_found';
  if (target.userId === input.offeringUserId || target.role === 'owner') return 'invalid_offer';
  if (input.pendingOfferToTarget) return 'offer_pending';
  return null;
}

export interface OfferFacts {
  toUserId: string;
  status: 'pending' | 'accepted' | 'declined';
  expiresAt: Date;
}

/**
 * Who may answer an offer, and when: only the member it was made to (anyone else is told it does
 * not exist), in their own session, while it waits and has not expired, and not while the org is
 * pending deletion.
 */
export function checkOfferAnswer(input: {
  offer: OfferFacts | null;
  answerer: { userId: string; impersonated: boolean; isMember: boolean };
  org: { status: OrgStatus };
  now: Date;
}): Extract<ErrorCode, 'offer_not_found' | 'impersonation_scope' | 'org_pending_deletion' | 'offer_answered' | 'offer_expired'> | null {
  const { offer, answerer } = input;
  if (!offer || offer.toUserId !== answerer.userId || !answerer.isMember) return 'offer_not_found';
  if (answerer.impersonated) return 'impersonation_scope';
  if (input.org.status === 'pending_deletion') return 'org_pending_deletion';
  if (offer.status !== 'pending') return 'offer_answered';
  if (input.now >= offer.expiresAt) return 'offer_expired';
  return null;
}

/** E1. Owners and admins export; while pending only owners can reach the org at all. */
export function decideExport(org: OrgFacts, viewer: ViewerFacts): Decision {
  if (viewer.impersonated) return decision([notice('impersonation_scope')]);
  if (viewer.role === 'member') return decision([notice('not_admin')]);
  if (org.status === 'pending_deletion' && viewer.role !== 'owner') return decision([notice('org_pending_deletion')]);
  return decision([]);
}

// ---------------------------------------------------------------- purge (P1–P2)

/**
 * P1 with the legal hold: an org is purged once its grace window has passed, unless a legal hold
 * stops it (the purge waits; the org stays pending until the hold is lifted).
 */
export function purgeDue(org: { status: OrgStatus; purgeAt: Date | null; legalHold: boolean }, now: Date): boolean {
  return org.status === 'pending_deletion' && org.purgeAt !== null && org.purgeAt <= now && !org.legalHold;
}
