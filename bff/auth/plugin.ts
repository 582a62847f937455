/**
 * The danger zone as a better-auth plugin: what a host adds to its own `betterAuth({ plugins })`,
 * beside `organization()` and its other plugins (two-factor, passkeys, social sign-in…), the way
 * better-auth's own plugins and `@better-auth/stripe` ship:
 *
 *   betterAuth({ …, plugins: [organization(), dangerZone({ database })] })
 *
 * - schema: the lifecycle fields on `organization` (so the host's schema generator adds them);
 * - the refusal of better-auth's own leave, delete and update-member-role, which would bypass the
 *   owner check, the grace window, the confirmation and the audit (ours replace them);
 * - the guard on its other organization endpoints (D6, C2, invitations into pending orgs);
 * - the invitation email, written into the outbox before better-auth answers (or the invitation is
 *   withdrawn and the request fails: invitation-email.ts);
 * - the sign-in lockout (D6): a sign-in is refused with 423 when every membership of the user is
 *   in an org pending deletion where they are not an owner;
 * - the sign-in limit (sign-in-limit.ts): sign-ins, sign-ups and every password better-auth is
 *   asked to check count per client address in the danger zone's own table, taken before the
 *   password is looked at, in every mode and every host, across processes; failed sign-ins count
 *   per account too, from any address;
 * - one password check per account at a time in each process (password-gate.ts), so scrypt cannot
 *   be used to starve everyone else's sign-in;
 * - no org left without an owner (owner-departure.ts): `remove-member` of the last owner, and an
 *   account deleted or banned (`delete-user`, `admin/remove-user`, `admin/ban-user`) while its user
 *   is an org's last owner, are refused with L3's reasons; the database's triggers back them up.
 */
import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { systemClock, type Clock } from '../clock.js';
import { VerifiedSignatures } from '../http/credentials.js';
import type { Database } from '../db/database.js';
import { MailRenderer, type EmailOptions } from '../mail/templates.js';
import { defaultLogger, type Logger } from '../observability/logger.js';
import { slugPaths, slugReservationGuard, type SlugReservation } from './slug-reservation.js';
import { invitationEmailHook, type InvitationEmailOptions } from './invitation-email.js';
import { authRefusal, orgPluginGuard } from './org-plugin-guard.js';
import { callerSession } from './caller.js';
import { impersonatedMayCall } from './impersonation-scope.js';
import { isDepartureCall, ownerDepartureGuard, refusingOrphans } from './owner-departure.js';
import { checkInput } from './input-rules.js';
import { gatedVerify } from './password-gate.js';
import { memberRemovalAudit } from './member-removal.js';
import { platformAdminGuard, platformAdminPaths } from './platform-admin.js';
import { findSignInLockout } from './sign-in-lockout.js';
import { isPasswordAttempt, signInAccount, signInLimit } from './sign-in-limit.js';

export const DANGER_ZONE_PLUGIN_ID = 'org-danger-zone';

export interface DangerZonePluginOptions {
  /** The danger zone's database (`openDatabase`): the guards read memberships and sessions from it. */
  database: Pick<Database, 'reader' | 'writer'>;
  /**
   * Invitation emails through the danger zone's outbox (and SMTP): the link each one carries. An
   * invitation is answered only once its email is written. Without this option, better-auth's own
   * `sendInvitationEmail` (if you set one) is the only email sent.
   */
  invitationEmails?: InvitationEmailOptions;
  /** The clock the emails are dated by and the sign-in limit's windows run on (the app's, when a test or the demo moves it). */
  clock?: Clock;
  /** Where the plugin's events go (`invitation.email_failed`); one JSON line each by default. */
  logger?: Logger;
  /** The invitation email's templates per locale, and each recipient's locale (give `createApp` the same). */
  emails?: EmailOptions;
  /** Sign-in and sign-up attempts per client address and window (seconds). Default: 10 per 60 s. */
  signInRateLimit?: { max: number; window: number };
  /**
   * Failed sign-ins per account (the email, username or phone number signed in with), from any
   * address, per window (seconds). Default: 20 per 900 s. A right password does not count.
   */
  signInAccountRateLimit?: { max: number; window: number };
  /**
   * A purged org's slug stays reserved this many days after the purge, for everyone or all but its
   * former owners (issue 21); better-auth's create, update and check-slug refuse it meanwhile
   * (`slug_reserved`). Default: released at the purge.
   */
  slugReservation?: SlugReservation;
}

/** Paths of better-auth's organization plugin that would bypass SPEC 3; ours replace them. */
const replacedPaths: Record<string, string> = {
  '/organization/leave': 'POST {api}/orgs/:orgId/leave',
  '/organization/delete': 'POST {api}/orgs/:orgId/deletion',
  '/organization/update-member-role': 'POST {api}/orgs/:orgId/members/:userId/role',
};

/**
 * Where the danger zone's routes are, as the caller sees them: `createApp` serves better-auth at
 * `<mount>/api/auth`, so its `basePath` (`/dz/api/auth`) names the mount prefix too.
 */
export function dangerZoneApiBase(authBasePath: string | undefined): string {
  return (authBasePath ?? '/api/auth').replace(/\/auth\/?$/, '');
}

export const DEFAULT_SIGN_IN_RATE_LIMIT = { max: 10, window: 60 };
export const DEFAULT_SIGN_IN_ACCOUNT_RATE_LIMIT = { max: 20, window: 900 };

/** What the app that serves the plugin's auth tells it: whether changes record webhook events. */
export interface DangerZoneAppLink {
  webhookEvents: boolean;
}

/** Called by `createApp` with the plugin it found in the auth instance. */
export function linkDangerZonePlugin(plugin: object, link: DangerZoneAppLink): void {
  const target = (plugin as { dangerZoneApp?: DangerZoneAppLink }).dangerZoneApp;
  if (target) Object.assign(target, link);
}

export function dangerZone(options: DangerZonePluginOptions) {
  const db = options.database.reader.db;
  const guard = orgPluginGuard(db);
  const clock = options.clock ?? systemClock;
  const invitationEmail =
    options.invitationEmails &&
    invitationEmailHook(options.database, options.invitationEmails, {
      clock,
      logger: options.logger ?? defaultLogger,
      mail: new MailRenderer(options.emails),
    });
  const signIn = options.signInRateLimit ?? DEFAULT_SIGN_IN_RATE_LIMIT;
  const platformAdmin = platformAdminGuard(options.database, () => clock.now());
  const departures = ownerDepartureGuard(options.database);
  const slugGuard = slugReservationGuard(db, options.slugReservation, () => clock.now());
  const signatures = new VerifiedSignatures();
  const perAccount = options.signInAccountRateLimit ?? DEFAULT_SIGN_IN_ACCOUNT_RATE_LIMIT;
  const attempts = signInLimit(
    options.database.writer.db,
    { address: { max: signIn.max, windowSeconds: signIn.window }, account: { max: perAccount.max, windowSeconds: perAccount.window } },
    () => clock.now(),
  );
  // What the app records, as createApp tells it (`linkDangerZonePlugin`): one configuration, not two.
  const app: DangerZoneAppLink = { webhookEvents: false };
  const memberRemoved = memberRemovalAudit(options.database, { now: () => clock.now(), webhookEvents: () => app.webhookEvents });
  return {
    id: DANGER_ZONE_PLUGIN_ID,
    /** Set by `createApp` (linkDangerZonePlugin); not an option. */
    dangerZoneApp: app,
    schema: {
      organization: {
        fields: {
          // Written only by the danger zone; `input: false` keeps them out of better-auth's client.
          status: { type: 'string', required: true, defaultValue: 'active', input: false },
          deletionRequestedAt: { type: 'date', required: false, input: false },
          deletionRequestedBy: { type: 'string', required: false, input: false },
          purgeAt: { type: 'date', required: false, input: false },
        },
      },
      // The admin plugin's columns that the danger zone reads (impersonation for C2 and the audit;
      // bans in the state query), declared here too, so that a host without the admin plugin gets
      // them from its schema generator. Same definitions as the admin plugin's: the two merge.
      session: {
        fields: {
          impersonatedBy: { type: 'string', required: false, input: false },
        },
      },
      user: {
        fields: {
          banned: { type: 'boolean', required: false, defaultValue: false, input: false },
          banExpires: { type: 'date', required: false, input: false },
        },
      },
    },
    hooks: {
      before: [
        // C2 beyond the organization endpoints (whose guard applies it too): an allow-list.
        {
          matcher: (ctx) => !ctx.path?.startsWith('/organization/') && !impersonatedMayCall(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            const session = await callerSession(db, ctx, signatures);
            if (session?.impersonatedBy) throw authRefusal('FORBIDDEN', 'impersonation_scope');
          }),
        },
        {
          matcher: (ctx) => Boolean(ctx.path?.startsWith('/organization/')),
          handler: createAuthMiddleware(async (ctx) => {
            const replacement = replacedPaths[ctx.path];
            if (replacement) {
              const route = replacement.replace('{api}', dangerZoneApiBase(ctx.context.options.basePath));
              const body = { code: 'use_danger_zone', message: `This action goes through ${route}, which enforces the danger-zone rules.` };
              throw new APIError('FORBIDDEN', { ...body, error: body });
            }
            await guard(ctx);
          }),
        },
        // A purged org's slug, while the deployment keeps it reserved (issue 21).
        { matcher: (ctx) => slugPaths.has(ctx.path ?? ''), handler: createAuthMiddleware(async (ctx) => slugGuard(ctx)) },
        // No org left without an owner: after the guard above (pending orgs, impersonation).
        { matcher: (ctx) => ctx.path === '/organization/remove-member', handler: createAuthMiddleware(departures.beforeRemoveMember) },
        // Names and strings at the door: before anything is written or a password checked.
        { matcher: (ctx) => ctx.body !== undefined || ctx.query !== undefined, handler: createAuthMiddleware(async (ctx) => checkInput(ctx)) },
        { matcher: isPasswordAttempt, handler: createAuthMiddleware(attempts.reserve) },
        // After the sign-in limit: a password guess is counted before anything is reserved.
        // Before a ban through update-user is reserved: a refusal here leaves nothing to release.
        { matcher: (ctx) => ctx.path === '/admin/update-user', handler: createAuthMiddleware(platformAdmin.beforeUpdateUser) },
        { matcher: isDepartureCall, handler: createAuthMiddleware(departures.reserve) },
        { matcher: (ctx) => ctx.path === '/admin/set-user-password', handler: createAuthMiddleware(platformAdmin.beforeSetPassword) },
        // better-auth answers 500 when the admin's own session is not with this request (an
        // impersonation by bearer token, or the admin's session ended): say so, as a 400.
        {
          matcher: (ctx) => ctx.path === '/admin/stop-impersonating',
          handler: createAuthMiddleware(async (ctx) => {
            const session = await callerSession(db, ctx, signatures);
            if (!session?.impersonatedBy) return;
            const cookie = await ctx.getSignedCookie(ctx.context.createAuthCookie('admin_session').name, ctx.context.secret);
            const token = typeof cookie === 'string' ? cookie.split(':')[0] : undefined;
            const adminSession = token ? await ctx.context.internalAdapter.findSession(token) : null;
            if (adminSession?.session.userId === session.impersonatedBy) return;
            const body = {
              code: 'ADMIN_SESSION_NOT_FOUND',
              message: "The platform admin's own session is not with this request, or has ended: sign out, then sign in again as the admin.",
            };
            throw new APIError('BAD_REQUEST', { ...body, error: body });
          }),
        },
      ],
      after: [
        ...(invitationEmail
          ? [
              {
                matcher: (ctx: { path?: string }) => ctx.path === '/organization/invite-member',
                handler: createAuthMiddleware(async (ctx) => invitationEmail(ctx)),
              },
            ]
          : []),
        { matcher: isDepartureCall, handler: createAuthMiddleware(departures.release) },
        { matcher: (ctx) => signInAccount(ctx) !== null, handler: createAuthMiddleware(attempts.refund) },
        { matcher: (ctx) => ctx.path === '/organization/remove-member', handler: createAuthMiddleware(memberRemoved) },
        {
          matcher: (ctx) => platformAdminPaths.has(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            const replaced = await platformAdmin.after(ctx);
            return replaced === undefined ? undefined : ctx.json(replaced);
          }),
        },
      ],
    },
    init: (ctx) => ({
      context: { password: { ...ctx.password, verify: gatedVerify(ctx.password.verify) }, adapter: refusingOrphans(ctx.adapter) },
      options: {
        databaseHooks: {
          session: {
            create: {
              before: async (session: { userId: string }) => {
                const lockout = await findSignInLockout(db, session.userId);
                if (lockout) throw authRefusal('LOCKED', 'org_pending_deletion', { purgeAt: lockout.purgeAt.toISOString(), contacts: lockout.contacts });
              },
            },
          },
        },
      },
    }),
  } satisfies BetterAuthPlugin & { dangerZoneApp: DangerZoneAppLink };
}
