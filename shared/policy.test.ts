/** The rules of SPEC 3 as policy.ts decides them: every rule, every boundary, no I/O. */
import { describe, expect, it } from 'vitest';
import { messages } from './messages.js';
import {
  choosePurgeDate,
  dueReminders,
  checkConfirmation,
  confirmationComplete,
  decideAccess,
  decideCancel,
  decideDelete,
  decideExport,
  decideHandOff,
  decideInvitation,
  decideLeave,
  decideOwnerDeparture,
  decideOwnershipOffer,
  checkOfferAnswer,
  checkOfferTarget,
  stepUpMethodsFor,
  decideRoleChange,
  deletionBlockers,
  effectiveRole,
  impersonationAllows,
  isSignInLocked,
  namesMatch,
  purgeDue,
  REAUTH_WINDOW_MS,
  reauthRequired,
  viewerFacts,
  type HostNotice,
  type IntentFacts,
  type OrgFacts,
  type ViewerFacts,
} from './policy.js';

const now = new Date('2026-11-22T12:00:00Z');
const org = (over: Partial<OrgFacts> = {}): OrgFacts => ({
  status: 'active',
  members: 3,
  owners: 1,
  activeResources: 0,
  creditsRemaining: 0,
  subscriptionActive: false,
  purgeStarted: false,
  legalHold: false,
  deletionDisabled: false,
  hostBlockers: [],
  hostWarnings: [],
  ...over,
});
const viewer = (over: Partial<ViewerFacts> = {}): ViewerFacts => {
  const hasPassword = over.hasPassword ?? true;
  return { role: 'owner', impersonated: false, hasPassword, signedInAt: now, stepUp: [hasPassword ? 'password' : 'recent_sign_in'], ...over };
};
const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);
const host = (code: string, message: string, count?: number): HostNotice => ({
  code,
  message,
  host: true,
  ...(count === undefined ? {} : { params: { count } }),
});

describe('roles and viewer facts', () => {
  it('reads better-auth role lists; any other role is a member', () => {
    expect(effectiveRole('owner')).toBe('owner');
    expect(effectiveRole('admin, owner')).toBe('owner');
    expect(effectiveRole('admin')).toBe('admin');
    expect(effectiveRole('billing')).toBe('member');
    expect(effectiveRole('')).toBe('member');
  });

  it('builds viewer facts one way: no role is a member; password and sign-in time default safely', () => {
    expect(viewerFacts({ role: null })).toEqual({ role: 'member', impersonated: false, hasPassword: true, signedInAt: null, stepUp: ['password'] });
    expect(viewerFacts({ role: 'admin,owner', impersonatedBy: 'usr_x', hasPassword: false, signedInAt: now })).toEqual({
      role: 'owner',
      impersonated: true,
      hasPassword: false,
      signedInAt: now,
      stepUp: ['recent_sign_in'],
    });
  });
});

describe('access (D6)', () => {
  const active = { id: 'org_a', status: 'active' as const };
  const pending = { id: 'org_a', status: 'pending_deletion' as const };
  it('a non-member, a missing org and another org’s key are told the org does not exist', () => {
    expect(decideAccess(null, { kind: 'member', role: 'owner' })).toEqual({ allowed: false, code: 'org_not_found' });
    expect(decideAccess(active, { kind: 'member', role: null })).toEqual({ allowed: false, code: 'org_not_found' });
    expect(decideAccess(active, { kind: 'apiKey', orgId: 'org_b' })).toEqual({ allowed: false, code: 'org_not_found' });
  });
  it('members and the org’s key reach an active org; while pending only owners do', () => {
    for (const role of ['owner', 'admin', 'member'] as const) expect(decideAccess(active, { kind: 'member', role }).allowed).toBe(true);
    expect(decideAccess(active, { kind: 'apiKey', orgId: 'org_a' }).allowed).toBe(true);
    expect(decideAccess(pending, { kind: 'member', role: 'owner' }).allowed).toBe(true);
    for (const role of ['admin', 'member'] as const) {
      expect(decideAccess(pending, { kind: 'member', role })).toEqual({ allowed: false, code: 'org_pending_deletion' });
    }
    expect(decideAccess(pending, { kind: 'apiKey', orgId: 'org_a' })).toEqual({ allowed: false, code: 'org_pending_deletion' });
  });
  it('a sign-in is locked only when every membership is pending and not owned', () => {
    expect(isSignInLocked([])).toBe(false);
    expect(isSignInLocked([{ status: 'pending_deletion', role: 'member' }])).toBe(true);
    expect(
      isSignInLocked([
        { status: 'pending_deletion', role: 'admin' },
        { status: 'pending_deletion', role: 'member' },
      ]),
    ).toBe(true);
    expect(
      isSignInLocked([
        { status: 'pending_deletion', role: 'member' },
        { status: 'read_only', role: 'member' },
      ]),
    ).toBe(false);
    expect(isSignInLocked([{ status: 'pending_deletion', role: 'owner' }])).toBe(false);
  });
  it('an impersonated session reads and cancels, nothing else (C2)', () => {
    expect([impersonationAllows('read'), impersonationAllows('cancel'), impersonationAllows('change')]).toEqual([true, true, false]);
  });
  it('nobody is invited into, or accepts an invitation to, an org pending deletion', () => {
    expect(decideInvitation({ status: 'active' }).allowed).toBe(true);
    expect(decideInvitation({ status: 'read_only' }).allowed).toBe(true);
    expect(codes(decideInvitation({ status: 'pending_deletion' }))).toEqual(['org_pending_deletion']);
  });
});

describe('leave and hand-off (L1–L4)', () => {
  it('members and admins leave; an owner leaves while another owner remains', () => {
    expect(decideLeave(org(), viewer({ role: 'member' })).allowed).toBe(true);
    expect(decideLeave(org({ status: 'read_only' }), viewer({ role: 'admin' })).allowed).toBe(true);
    expect(decideLeave(org({ owners: 2 }), viewer()).allowed).toBe(true);
  });
  it('the only owner: sole_owner with others present, sole_member alone (the boundary is members > 1)', () => {
    expect(codes(decideLeave(org({ owners: 1, members: 2 }), viewer()))).toEqual(['sole_owner']);
    expect(codes(decideLeave(org({ owners: 1, members: 1 }), viewer()))).toEqual(['sole_member']);
    expect(decideLeave(org({ owners: 1, members: 1 }), viewer()).reasons[0]!.message).toBe(messages.sole_member({}));
  });
  it('nobody leaves while pending, and an impersonated session never leaves', () => {
    expect(codes(decideLeave(org({ status: 'pending_deletion' }), viewer({ role: 'member' })))).toEqual(['org_pending_deletion']);
    expect(codes(decideLeave(org({ owners: 2 }), viewer({ impersonated: true })))).toEqual(['impersonation_scope']);
  });
  it('hand-off: owners only, with someone to hand to, not while pending', () => {
    expect(decideHandOff(org(), viewer()).allowed).toBe(true);
    expect(codes(decideHandOff(org(), viewer({ role: 'admin' })))).toEqual(['not_owner']);
    expect(codes(decideHandOff(org({ members: 1 }), viewer()))).toEqual(['sole_member']);
    expect(codes(decideHandOff(org({ status: 'pending_deletion' }), viewer()))).toEqual(['org_pending_deletion']);
    expect(codes(decideHandOff(org(), viewer({ impersonated: true })))).toEqual(['impersonation_scope']);
  });
});

describe('delete (D1–D3) and re-authentication (D4)', () => {
  it('owners only; an already pending org says so first', () => {
    expect(decideDelete(org({ members: 1 }), viewer(), now)).toEqual({ allowed: true, reasons: [], warnings: [] });
    expect(codes(decideDelete(org(), viewer({ role: 'admin' }), now))).toEqual(['not_owner']);
    expect(codes(decideDelete(org({ status: 'pending_deletion' }), viewer(), now))).toEqual(['already_pending']);
    expect(codes(decideDelete(org(), viewer({ impersonated: true }), now))).toEqual(['impersonation_scope']);
  });
  it('every blocker at once, in order: the deployment switch, the legal hold, read-only, resources (with their count), the host’s', () => {
    const d = decideDelete(
      org({ deletionDisabled: true, legalHold: true, status: 'read_only', activeResources: 3, hostBlockers: [host('acme:clusters', '3 active clusters', 3)] }),
      viewer(),
      now,
    );
    expect(codes(d)).toEqual(['deletion_disabled', 'legal_hold', 'read_only', 'has_active_resources', 'acme:clusters']);
    expect(d.reasons[3]).toEqual({ code: 'has_active_resources', message: messages.has_active_resources({ count: 3 }), params: { count: 3 } });
    expect(d.reasons[4]).toMatchObject({ host: true, params: { count: 3 } });
    expect(codes(decideDelete(org({ activeResources: 1 }), viewer(), now))).toEqual(['has_active_resources']);
  });
  it('warnings to acknowledge: subscription, credits (above 0), other members (above 1), then the host’s', () => {
    const d = decideDelete(
      org({ subscriptionActive: true, creditsRemaining: 1, members: 2, hostWarnings: [host('billing.invoice', 'An unpaid invoice')] }),
      viewer(),
      now,
    );
    expect(d.allowed).toBe(true);
    expect(d.warnings.map((w) => w.code)).toEqual(['active_subscription', 'credits_remaining', 'other_members', 'billing.invoice']);
    expect(decideDelete(org({ creditsRemaining: 0, members: 1 }), viewer(), now).warnings).toEqual([]);
    expect(d.warnings[2]!.message).toBe('1 other person loses access.');
  });
  it('without a password, a sign-in older than 5 minutes must be renewed; exactly 5 minutes is still recent', () => {
    const at = (msAgo: number) => viewer({ hasPassword: false, signedInAt: new Date(now.getTime() - msAgo) });
    expect(reauthRequired(at(REAUTH_WINDOW_MS), now)).toBe(false);
    expect(reauthRequired(at(REAUTH_WINDOW_MS + 1), now)).toBe(true);
    expect(reauthRequired(viewer({ hasPassword: true, signedInAt: new Date(0) }), now)).toBe(false);
    expect(reauthRequired(viewer({ hasPassword: false, signedInAt: null }), now)).toBe(false);
    expect(codes(decideDelete(org({ members: 1 }), at(REAUTH_WINDOW_MS + 1), now))).toEqual(['reauth_required']);
    // Blockers come first; the re-authentication is the last thing to fix.
    expect(codes(decideDelete(org({ members: 1, activeResources: 2 }), at(REAUTH_WINDOW_MS + 1), now))).toEqual(['has_active_resources', 'reauth_required']);
  });
  it('the management API’s blockers hold for a pending org too', () => {
    expect(codes({ reasons: deletionBlockers(org({ status: 'pending_deletion' })) })).toEqual(['already_pending']);
  });
});

describe('no org left without an owner (issue 21)', () => {
  const org = (otherOwners: number, otherMembers: number) => ({ id: `o${otherOwners}${otherMembers}`, name: 'Acme', otherOwners, otherMembers });

  it('a departure is allowed while every owned org keeps another owner who can act', () => {
    expect(decideOwnerDeparture([]).allowed).toBe(true);
    expect(decideOwnerDeparture([org(1, 1), org(2, 5)]).allowed).toBe(true);
  });

  it("L3's reasons: sole_owner where others remain, sole_member where nobody does; the blocking orgs come back", () => {
    const shared = org(0, 3);
    const alone = org(0, 0);
    expect(decideOwnerDeparture([org(1, 1), shared]).reasons.map((r) => r.code)).toEqual(['sole_owner']);
    expect(decideOwnerDeparture([alone]).reasons.map((r) => r.code)).toEqual(['sole_member']);
    const both = decideOwnerDeparture([shared, org(1, 2), alone]);
    expect([both.allowed, both.reasons.map((r) => r.code), both.orphaned]).toEqual([false, ['sole_owner', 'sole_member'], [shared, alone]]);
  });
});

describe('ownership with consent (issue 21)', () => {
  it('an owner offers, while the org is not pending deletion and someone else is in it', () => {
    const codes = (o: OrgFacts, v: ViewerFacts) => decideOwnershipOffer(o, v).reasons.map((r) => r.code);
    expect(decideOwnershipOffer(org(), viewer()).allowed).toBe(true);
    expect(codes(org(), viewer({ role: 'admin' }))).toEqual(['not_owner']);
    expect(codes(org({ status: 'pending_deletion' }), viewer())).toEqual(['org_pending_deletion']);
    expect(codes(org({ members: 1 }), viewer())).toEqual(['sole_member']);
    expect(codes(org(), viewer({ impersonated: true }))).toEqual(['impersonation_scope']);
  });

  it('to another member who is not an owner yet, one waiting offer at a time', () => {
    const target = (role: 'owner' | 'admin' | 'member', userId = 'usr_b') => ({ userId, role });
    expect(checkOfferTarget({ offeringUserId: 'usr_a', target: target('member'), pendingOfferToTarget: false })).toBeNull();
    expect(checkOfferTarget({ offeringUserId: 'usr_a', target: null, pendingOfferToTarget: false })).toBe('member_not_found');
    expect(checkOfferTarget({ offeringUserId: 'usr_a', target: target('owner'), pendingOfferToTarget: false })).toBe('invalid_offer');
    expect(checkOfferTarget({ offeringUserId: 'usr_a', target: target('member', 'usr_a'), pendingOfferToTarget: false })).toBe('invalid_offer');
    expect(checkOfferTarget({ offeringUserId: 'usr_a', target: target('admin'), pendingOfferToTarget: true })).toBe('offer_pending');
  });

  it('answered by the offered member only, before it expires, not while pending deletion', () => {
    const offer = { toUserId: 'usr_b', status: 'pending' as const, expiresAt: new Date(now.getTime() + 1) };
    const answerer = { userId: 'usr_b', impersonated: false, isMember: true };
    const check = (over: Partial<Parameters<typeof checkOfferAnswer>[0]>) => checkOfferAnswer({ offer, answerer, org: { status: 'active' }, now, ...over });
    expect(check({})).toBeNull();
    expect(check({ offer: null })).toBe('offer_not_found');
    expect(check({ answerer: { ...answerer, userId: 'usr_c' } })).toBe('offer_not_found');
    expect(check({ answerer: { ...answerer, isMember: false } })).toBe('offer_not_found');
    expect(check({ answerer: { ...answerer, impersonated: true } })).toBe('impersonation_scope');
    expect(check({ org: { status: 'pending_deletion' } })).toBe('org_pending_deletion');
    expect(check({ offer: { ...offer, status: 'declined' } })).toBe('offer_answered');
    expect(check({ offer: { ...offer, expiresAt: now } })).toBe('offer_expired');
  });
});

describe('step-up methods (D4, issue 21)', () => {
  const all = { passkey: true, twoFactor: true, emailOtp: true };
  const none = { passkey: false, twoFactor: false, emailOtp: false };
  const user = (over: Partial<{ hasPassword: boolean; twoFactorEnabled: boolean; hasPasskey: boolean }> = {}) => ({
    hasPassword: true,
    twoFactorEnabled: false,
    hasPasskey: false,
    ...over,
  });

  it("in order of preference, among what the host's better-auth has and the viewer has set up", () => {
    expect(stepUpMethodsFor(all, user({ hasPasskey: true }))).toEqual(['passkey', 'email_otp', 'password']);
    expect(stepUpMethodsFor(none, user({ hasPasskey: true, twoFactorEnabled: true }))).toEqual(['password']);
    expect(stepUpMethodsFor({ ...none, emailOtp: true }, user({ hasPassword: false }))).toEqual(['email_otp', 'recent_sign_in']);
  });

  it('with two-factor on, the second factor is required: neither the password, an emailed code nor a recent sign-in alone', () => {
    expect(stepUpMethodsFor(all, user({ twoFactorEnabled: true }))).toEqual(['totp']);
    expect(stepUpMethodsFor(all, user({ twoFactorEnabled: true, hasPasskey: true, hasPassword: false }))).toEqual(['passkey', 'totp']);
  });

  it('a recent sign-in for a viewer with neither a password nor a second factor (D4)', () => {
    expect(stepUpMethodsFor(none, user({ hasPassword: false }))).toEqual(['recent_sign_in']);
    expect(stepUpMethodsFor({ ...none, passkey: true }, user({ hasPassword: false }))).toEqual(['recent_sign_in']);
  });

  it('the confirmation takes only a method the viewer has; the password user who sends none is asked for it', () => {
    const base = {
      intent: { orgId: 'o', userId: 'u', sessionId: 's', notBefore: new Date(0), expiresAt: new Date(now.getTime() + 1), usedAt: null },
      expected: { orgId: 'o', userId: 'u', sessionId: 's' },
      now,
      typedName: 'Acme',
      orgName: 'Acme',
      warnings: [],
      acknowledged: [],
    };
    const twoFactor = viewer({ stepUp: ['totp'] });
    expect(checkConfirmation({ ...base, viewer: twoFactor, stepUp: 'totp' })).toBeNull();
    expect(checkConfirmation({ ...base, viewer: twoFactor, stepUp: 'password' })).toEqual({ code: 'step_up_required', methods: ['totp'] });
    expect(checkConfirmation({ ...base, viewer: twoFactor, stepUp: null })).toEqual({ code: 'step_up_required', methods: ['totp'] });
    expect(checkConfirmation({ ...base, viewer: viewer(), stepUp: null })).toEqual({ code: 'password_missing' });
    expect(checkConfirmation({ ...base, viewer: viewer({ stepUp: ['email_otp', 'password'] }), stepUp: 'email_otp' })).toBeNull();
    expect(checkConfirmation({ ...base, viewer: viewer({ stepUp: ['email_otp', 'password'] }), stepUp: null })).toEqual({ code: 'password_missing' });
    // Without a password: an emailed code, or a sign-in within 5 minutes (D4).
    const stale = viewer({ hasPassword: false, stepUp: ['email_otp', 'recent_sign_in'], signedInAt: new Date(now.getTime() - REAUTH_WINDOW_MS - 1) });
    expect(checkConfirmation({ ...base, viewer: stale, stepUp: 'email_otp' })).toBeNull();
    expect(checkConfirmation({ ...base, viewer: stale, stepUp: null })).toEqual({ code: 'reauth_required' });
    expect(checkConfirmation({ ...base, viewer: { ...stale, signedInAt: now }, stepUp: null })).toBeNull();
    expect(reauthRequired(stale, now)).toBe(false);
  });
});

describe('the confirmation (D4)', () => {
  const intent = (over: Partial<IntentFacts> = {}): IntentFacts => ({
    orgId: 'org_a',
    userId: 'usr_a',
    sessionId: 'ses_a',
    notBefore: new Date(now.getTime() - 1),
    expiresAt: new Date(now.getTime() + 60_000),
    usedAt: null,
    ...over,
  });
  const check = (over: Partial<Parameters<typeof checkConfirmation>[0]> = {}) =>
    checkConfirmation({
      intent: intent(),
      expected: { orgId: 'org_a', userId: 'usr_a', sessionId: 'ses_a' },
      now,
      typedName: 'Acme Robotics',
      orgName: 'Acme Robotics',
      warnings: [],
      acknowledged: [],
      viewer: viewer(),
      stepUp: 'password',
      ...over,
    });

  it('passes when everything holds', () => expect(check()).toBeNull());
  it('an intent that is missing, used, expired, or another org’s, user’s or session’s: intent_expired', () => {
    expect(check({ intent: null })).toEqual({ code: 'intent_expired' });
    expect(check({ intent: intent({ usedAt: now }) })).toEqual({ code: 'intent_expired' });
    expect(check({ intent: intent({ expiresAt: now }) })).toEqual({ code: 'intent_expired' });
    for (const other of [{ orgId: 'org_b' }, { userId: 'usr_b' }, { sessionId: 'ses_b' }])
      expect(check({ intent: intent(other) })).toEqual({ code: 'intent_expired' });
  });
  it('before notBefore: cooldown_active with the seconds left, rounded up; at notBefore it passes', () => {
    expect(check({ intent: intent({ notBefore: new Date(now.getTime() + 1) }) })).toEqual({ code: 'cooldown_active', retryAfter: 1 });
    expect(check({ intent: intent({ notBefore: new Date(now.getTime() + 9_001) }) })).toEqual({ code: 'cooldown_active', retryAfter: 10 });
    expect(check({ intent: intent({ notBefore: now }) })).toBeNull();
  });
  it('every warning acknowledged by code, the host’s too', () => {
    const warnings = decideDelete(org({ creditsRemaining: 5, hostWarnings: [host('billing.invoice', 'Unpaid')] }), viewer(), now).warnings;
    expect(check({ warnings, acknowledged: ['credits_remaining'] })).toEqual({
      code: 'acknowledgement_required',
      missing: ['other_members', 'billing.invoice'],
    });
    expect(check({ warnings, acknowledged: ['credits_remaining', 'other_members', 'billing.invoice'] })).toBeNull();
  });
  it('the exact name: case, spaces, punctuation count; NFC on both sides', () => {
    for (const typed of ['acme robotics', 'Acme Robotics ', ' Acme Robotics', 'Acme  Robotics', 'Acme Robotics.', 'Acme\u200bRobotics']) {
      expect(check({ typedName: typed })).toEqual({ code: 'name_mismatch', counts: true });
    }
    expect(namesMatch('Cafe\u0301', 'Café')).toBe(true);
    expect(namesMatch('Café', 'Cafe\u0301')).toBe(true);
  });
  it('a password when the user has one; without one, a recent sign-in', () => {
    expect(check({ stepUp: null })).toEqual({ code: 'password_missing' });
    const old = viewer({ hasPassword: false, signedInAt: new Date(now.getTime() - REAUTH_WINDOW_MS - 1) });
    expect(check({ viewer: old, stepUp: null })).toEqual({ code: 'reauth_required' });
    expect(check({ viewer: viewer({ hasPassword: false }), stepUp: null })).toBeNull();
  });
  it('the widget’s Confirm button enables on the same checks', () => {
    const warnings = decideDelete(org({ members: 2 }), viewer(), now).warnings;
    const base = { typedName: 'Acme', orgName: 'Acme', warnings, acknowledged: ['other_members'], stepUpRequired: true, stepUpGiven: true };
    expect(confirmationComplete(base)).toBe(true);
    expect(confirmationComplete({ ...base, typedName: 'acme' })).toBe(false);
    expect(confirmationComplete({ ...base, acknowledged: [] })).toBe(false);
    expect(confirmationComplete({ ...base, stepUpGiven: false })).toBe(false);
    expect(confirmationComplete({ ...base, stepUpRequired: false, stepUpGiven: false })).toBe(true);
  });
});

describe('cancel, roles, export, purge', () => {
  it('cancel: owners, while pending, until the purge starts; an impersonating admin may', () => {
    const pending = org({ status: 'pending_deletion' });
    expect(decideCancel(pending, viewer()).allowed).toBe(true);
    expect(decideCancel(pending, viewer({ impersonated: true })).allowed).toBe(true);
    expect(codes(decideCancel(pending, viewer({ role: 'admin' })))).toEqual(['not_owner']);
    expect(codes(decideCancel(org(), viewer()))).toEqual(['not_pending']);
    expect(codes(decideCancel(org({ status: 'pending_deletion', purgeStarted: true }), viewer()))).toEqual(['purge_started']);
  });
  it('roles: owners change them, never leaving zero owners, not while pending', () => {
    expect(decideRoleChange(org({ owners: 2 }), viewer(), { from: 'owner', to: 'admin' }).allowed).toBe(true);
    expect(codes(decideRoleChange(org({ owners: 1 }), viewer(), { from: 'owner', to: 'member' }))).toEqual(['sole_owner']);
    expect(decideRoleChange(org({ owners: 1 }), viewer(), { from: 'member', to: 'owner' }).allowed).toBe(true);
    expect(codes(decideRoleChange(org(), viewer({ role: 'admin' }), { from: 'member', to: 'admin' }))).toEqual(['not_owner']);
    expect(codes(decideRoleChange(org({ status: 'pending_deletion' }), viewer(), { from: 'member', to: 'admin' }))).toEqual(['org_pending_deletion']);
    expect(codes(decideRoleChange(org(), viewer({ impersonated: true }), { from: 'member', to: 'admin' }))).toEqual(['impersonation_scope']);
  });
  it('export: owners and admins; while pending, owners only', () => {
    expect(decideExport(org(), viewer({ role: 'admin' })).allowed).toBe(true);
    expect(codes(decideExport(org(), viewer({ role: 'member' })))).toEqual(['not_admin']);
    expect(decideExport(org({ status: 'pending_deletion' }), viewer()).allowed).toBe(true);
    expect(codes(decideExport(org({ status: 'pending_deletion' }), viewer({ role: 'admin' })))).toEqual(['org_pending_deletion']);
    expect(codes(decideExport(org(), viewer({ impersonated: true })))).toEqual(['impersonation_scope']);
  });
  it('purge: pending, past purgeAt (inclusive), and not under a legal hold', () => {
    const due = { status: 'pending_deletion' as const, purgeAt: now, legalHold: false };
    expect(purgeDue(due, now)).toBe(true);
    expect(purgeDue({ ...due, purgeAt: new Date(now.getTime() + 1) }, now)).toBe(false);
    expect(purgeDue({ ...due, legalHold: true }, now)).toBe(false);
    expect(purgeDue({ ...due, status: 'active' }, now)).toBe(false);
    expect(purgeDue({ ...due, purgeAt: null }, now)).toBe(false);
  });
});

describe('purge dates and reminders (issue 21)', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const day = 86_400_000;
  const hour = 3_600_000;
  const bounds = { graceDays: 7, maxGraceDays: 30 };

  it('an owner chooses a date from the end of the grace window to the maximum; none chosen is the earliest', () => {
    expect(choosePurgeDate(undefined, now, bounds)).toEqual(new Date(now.getTime() + 7 * day));
    expect(choosePurgeDate(new Date(now.getTime() + 30 * day), now, bounds)).toEqual(new Date(now.getTime() + 30 * day));
    expect(choosePurgeDate(new Date(now.getTime() + 7 * day - 1), now, bounds)).toBeNull();
    expect(choosePurgeDate(new Date(now.getTime() + 30 * day + 1), now, bounds)).toBeNull();
  });

  it('a reminder is due once its moment has come, unless it had already passed when the deletion was asked', () => {
    const purgeAt = new Date(now.getTime() + 10 * hour);
    const hours = [72, 24];
    expect(dueReminders({ purgeAt, requestedAt: new Date(now.getTime() - 7 * day), legalHold: false }, hours, now)).toEqual({ claim: [72, 24], send: 24 });
    // Asked 2 days before the purge: the scheduling email said it; only the 24-hour one follows.
    expect(dueReminders({ purgeAt, requestedAt: new Date(purgeAt.getTime() - 48 * hour), legalHold: false }, hours, now)).toEqual({ claim: [24], send: 24 });
    expect(dueReminders({ purgeAt: new Date(now.getTime() + 30 * hour), requestedAt: null, legalHold: false }, hours, now)).toEqual({ claim: [72], send: 72 });
    expect(dueReminders({ purgeAt, requestedAt: null, legalHold: true }, hours, now)).toEqual({ claim: [], send: null });
  });
});
