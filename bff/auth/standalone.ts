/**
 * better-auth as the standalone server configures it: email and password, organization, admin
 * (impersonation), bearer, two-factor and email one-time codes (step-up), and the danger zone's own
 * plugin, on the danger zone's database. A host
 * that brings its own better-auth does the same in its own config (see the README's "Install").
 *
 * - No cookie cache: a session we delete (D5, L5) stops working on its very next request.
 * - Sign-ins and sign-ups are limited by the plugin itself (sign-in-limit.ts). better-auth's own
 *   limiter is on in every mode too, for its other endpoints (it only turns itself on in
 *   production by default), with its counters in the database so it holds across BFF processes;
 *   the client's address reaches it through the header the HTTP layer sets (http/auth-handler.ts).
 * - The email-OTP plugin is here for the step-up's emailed code only, which the danger zone sends
 *   and checks through `auth.api` on the server. Its HTTP endpoints answer 404: they sign in
 *   (`sign-in/email-otp`) and reset passwords with nothing but a code from the mailbox, which
 *   skips a user's TOTP (two-factor guards the email, username and phone sign-ins only) and counts
 *   against no per-account limit; and the step-up's own code would sign its owner in.
 * - Invitation emails go through our outbox. Their ids are opaque: better-auth asks for a verified
 *   email before an invitation is accepted when ids come from a custom generator, because it
 *   cannot tell whether they are guessable. Ours are not: 83 random bits after the time prefix
 *   (ids.ts), sent only to the invited address, and better-auth still checks that the accepting
 *   session's email is the invited one. So we say so, rather than send verification emails that
 *   would add nothing an unguessable link does not already prove.
 */
import type { SlugReservation } from './slug-reservation.js';
import { betterAuth } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import { admin, bearer, emailOTP, organization, twoFactor } from 'better-auth/plugins';
import type { Clock } from '../clock.js';
import { betterAuthAdapter } from '../db/auth-adapter.js';
import type { Database } from '../db/database.js';
import { CLIENT_IP_HEADER } from '../http/auth-handler.js';
import { newId } from '../ids.js';
import { runBatch } from '../db/batch.js';
import { tablesOf } from '../db/handle.js';
import { mailStatements } from '../mail/outbox.js';
import { oneTimeCodeMail } from '../mail/templates.js';
import { systemClock } from '../clock.js';
import { dangerZone } from './plugin.js';
import { messages } from '../../shared/messages.js';

/** The email-OTP plugin's endpoints, all of them: over HTTP the standalone server has none. */
const isEmailOtpPath = (path: string | undefined) => Boolean(path && (/^\/email-otp\//.test(path) || /\/email-otp$/.test(path)));

/** Before every endpoint: a client's request (not the server's own `auth.api` call) for an email-OTP endpoint is 404. */
const serverSideEmailOtpOnly = createAuthMiddleware(async (ctx) => {
  if (ctx.request && isEmailOtpPath(ctx.path)) {
    const body = { code: 'not_found', message: messages.not_found({}) };
    throw new APIError('NOT_FOUND', { ...body, error: body });
  }
});

export interface StandaloneAuthOptions {
  database: Database;
  secret: string;
  baseURL: string;
  basePath?: string;
  trustedOrigins: string[];
  /** The page an invitation email links to; `{id}` is replaced by the invitation's id. */
  invitationUrl: string;
  /** Sign-in attempts per client address and window. */
  signInRateLimit?: { max: number; window: number };
  /** Failed sign-ins per account, from any address, and window. */
  signInAccountRateLimit?: { max: number; window: number };
  /** A purged org's slug kept reserved after the purge (issue 21). */
  slugReservation?: SlugReservation;
  clock?: Clock;
}

/** How long an emailed one-time code is good for (better-auth's default, said in the email). */
const ONE_TIME_CODE_SECONDS = 300;

const idPrefixes: Record<string, string> = {
  user: 'usr',
  session: 'ses',
  account: 'acc',
  verification: 'ver',
  organization: 'org',
  member: 'mem',
  invitation: 'inv',
  rateLimit: 'rl',
  twoFactor: 'tf',
};

export function createStandaloneAuth(options: StandaloneAuthOptions) {
  const { database } = options;
  const acceptUrl = (id: string) => options.invitationUrl.replaceAll('{id}', encodeURIComponent(id));
  return betterAuth({
    appName: 'org-danger-zone',
    secret: options.secret,
    baseURL: options.baseURL,
    basePath: options.basePath ?? '/api/auth',
    trustedOrigins: options.trustedOrigins,
    database: betterAuthAdapter(database),
    emailAndPassword: { enabled: true },
    hooks: { before: serverSideEmailOtpOnly },
    session: { cookieCache: { enabled: false } },
    // better-auth's limiter for its other endpoints; sign-ins and sign-ups are the plugin's (its own
    // table, taken before the password is checked), counted once rather than by both.
    rateLimit: { enabled: true, storage: 'database', customRules: { '/sign-in/*': false, '/sign-up/*': false } },
    advanced: {
      database: { generateId: ({ model }) => newId(idPrefixes[model] ?? model.slice(0, 3)) },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    plugins: [
      organization({ disableOrganizationDeletion: true, requireEmailVerificationOnInvitation: false }),
      admin(),
      bearer(),
      // Step-up beyond the password (issue 21): TOTP and backup codes, and codes by email, which
      // go through the outbox (and SMTP) like every other email; the demo mailbox shows them.
      twoFactor({ issuer: 'org-danger-zone' }),
      emailOTP({
        expiresIn: ONE_TIME_CODE_SECONDS,
        disableSignUp: true,
        sendVerificationOTP: async ({ email, otp }) => {
          const { user } = tablesOf(database.writer.db);
          await database.writer.transaction(async (tx) => {
            const [recipient] = await tx.select({ name: user.name }).from(user).where(eq(user.email, email));
            await runBatch(
              tx,
              mailStatements(tx, {
                orgId: '',
                event: 'one_time_code',
                recipients: [{ name: recipient?.name ?? email, email }],
                content: oneTimeCodeMail({ code: otp, minutes: ONE_TIME_CODE_SECONDS / 60 }),
                at: (options.clock ?? systemClock).now(),
              }),
            );
          });
        },
      }),
      dangerZone({
        database,
        invitationEmails: { acceptUrl },
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.signInRateLimit ? { signInRateLimit: options.signInRateLimit } : {}),
        ...(options.signInAccountRateLimit ? { signInAccountRateLimit: options.signInAccountRateLimit } : {}),
        ...(options.slugReservation ? { slugReservation: options.slugReservation } : {}),
      }),
    ],
  });
}

export type StandaloneAuth = ReturnType<typeof createStandaloneAuth>;
