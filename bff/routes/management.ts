/**
 * SPEC 4.3: the management API for platform operators, Auth0-compatible in shape:
 * `DELETE /api/v2/organizations/:orgId` with `Authorization: Bearer <management token>` puts the
 * org into the same grace window as an owner's deletion (owners may still cancel). Checks run in
 * Auth0's order: the token (401), its rate limit (429), the id (400), the scope (403), the org
 * (404), the blockers (409).
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { deletionBlockers } from '../../shared/policy.js';
import { idPattern } from '../../shared/schemas.js';
import type { AuditActor } from '../audit/audit.js';
import { fail } from '../http/errors.js';
import type { AppDeps, AppEnv } from '../http/env.js';
import { MANAGEMENT_TOKEN_PREFIX } from '../http/credentials.js';
import { clientInfo } from '../http/client-info.js';
import { findManagementToken, type ManagementTokenRecord } from '../management/tokens.js';
import { markPendingDeletion } from '../orgs/deletion.js';
import { loadForUser } from '../orgs/load.js';
import { hitLimit, rateLimitHeaders, retryAfterSeconds } from '../rate-limit/rate-limit.js';

interface ManagementEnv extends AppEnv {
  Variables: { token: ManagementTokenRecord };
}

export const MANAGEMENT_POLICY = 'management-api';

export function managementRoutes(deps: AppDeps) {
  const { db, clock, settings } = deps;

  const bearerToken = createMiddleware<ManagementEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const value = /^bearer /i.test(header) ? header.slice(7).trim() : '';
    const token = value.startsWith(MANAGEMENT_TOKEN_PREFIX) ? await findManagementToken(db, value) : null;
    if (!token) fail('invalid_token');
    const now = clock.now();
    const limit = await hitLimit(db, MANAGEMENT_POLICY, token.id, settings.managementLimit, now);
    const headers = rateLimitHeaders(limit, settings.managementLimit, now);
    if (limit.used > settings.managementLimit.max) {
      const retryAfter = retryAfterSeconds(limit, now);
      fail('rate_limited', { retryAfter }, { ...headers, 'Retry-After': String(retryAfter) });
    }
    c.set('token', token);
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });

  return new Hono<ManagementEnv>().delete('/organizations/:orgId', bearerToken, async (c) => {
    const orgId = c.req.param('orgId');
    if (!idPattern.test(orgId)) fail('invalid_uri');
    const token = c.get('token');
    if (!token.scopes.includes('delete:organizations')) fail('insufficient_scope');
    const client = clientInfo(c, deps.trustProxy);
    const actor: AuditActor = {
      userId: null,
      label: `management token "${token.name}" (${token.id})`,
      impersonatorUserId: null,
      ip: client.ip,
      userAgent: client.userAgent,
    };
    const now = clock.now();
    await db.transaction(async (tx) => {
      const loaded = await loadForUser(tx, null, orgId);
      if (!loaded) fail('org_not_found');
      const blockers = deletionBlockers(loaded.facts);
      if (blockers.length > 0) fail('deletion_blocked', { reasons: blockers });
      await markPendingDeletion(tx, {
        org: loaded.org,
        initiator: { userId: null, name: `A platform operator (${token.name})`, email: '' },
        actor,
        now,
        graceDays: settings.graceDays,
        details: { via: 'management_api', tokenId: token.id },
      });
    });
    return c.body(null, 204);
  });
}
