/**
 * better-auth as the BFF configures it: email and password, organization, admin (impersonation)
 * and bearer plugins, on the same drizzle database as ours.
 *
 * - No cookie cache: a session we delete (D5, L5) stops working on its very next request.
 * - better-auth's own organization deletion is off and its leave is refused: both would bypass the
 *   rules of SPEC 3 (grace window, confirmation, audit, the owner check in one transaction).
 * - A sign-in is refused with 423 when every membership of the user is in an org pending deletion
 *   where they are not an owner (D6).
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { admin, bearer, organization } from 'better-auth/plugins';
import type { Db } from '../db/client.js';
import { newId } from '../ids.js';
import * as schema from '../db/schema.js';
import { errorCatalog } from '../../shared/errors.js';
import { findSignInLockout } from './sign-in-lockout.js';
import { guardOrgPluginEndpoint } from './org-plugin-guard.js';

export interface AuthOptions {
  db: Db;
  secret: string;
  baseURL: string;
  trustedOrigins: string[];
}

const idPrefixes: Record<string, string> = {
  user: 'usr',
  session: 'ses',
  account: 'acc',
  verification: 'ver',
  organization: 'org',
  member: 'mem',
  invitation: 'inv',
};

/** Paths of better-auth's organization plugin that would bypass SPEC 3; ours replace them. */
const replacedPaths: Record<string, string> = {
  '/organization/leave': 'POST /api/orgs/:orgId/leave',
  '/organization/delete': 'POST /api/orgs/:orgId/deletion',
  '/organization/update-member-role': 'POST /api/orgs/:orgId/members/:userId/role',
};

export function createAuth({ db, secret, baseURL, trustedOrigins }: AuthOptions) {
  return betterAuth({
    appName: 'org-danger-zone',
    secret,
    baseURL,
    basePath: '/api/auth',
    trustedOrigins,
    database: drizzleAdapter(db, { provider: 'sqlite', schema }),
    emailAndPassword: { enabled: true },
    session: { cookieCache: { enabled: false } },
    advanced: {
      database: {
        generateId: ({ model }) => newId(idPrefixes[model] ?? model.slice(0, 3)),
      },
    },
    plugins: [organization({ disableOrganizationDeletion: true }), admin(), bearer()],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const replacement = replacedPaths[ctx.path];
        if (replacement) {
          throw new APIError('FORBIDDEN', {
            code: 'use_danger_zone',
            message: `This action goes through ${replacement}, which enforces the danger-zone rules.`,
          });
        }
        await guardOrgPluginEndpoint(db, ctx);
      }),
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const lockout = await findSignInLockout(db, session.userId);
            if (!lockout) return;
            const body = {
              code: 'org_pending_deletion',
              message: errorCatalog.org_pending_deletion.message,
              purgeAt: lockout.purgeAt.toISOString(),
              contacts: lockout.contacts,
            };
            // The spec's error body, plus better-auth's flat `code`/`message` for its own client.
            throw new APIError('LOCKED', { ...body, error: body });
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
