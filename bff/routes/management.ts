/**
 * SPEC 4.3: the management API for platform operators, Auth0-compatible in shape:
 * `DELETE /api/v2/organizations/:orgId` with `Authorization: Bearer <management token>` puts the
 * org into the same grace window as an owner's deletion (owners may still cancel). Checks run in
 * Auth0's order: the token (401), its rate limit (429), the id (400), the scope (403), the org
 * (404), the blockers (409). `PUT` and `DELETE …/legal-hold` set and lift a legal hold (scope
 * `manage:legal_holds`).
 */
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { choosePurgeDate, deletionBlockers } from '../../shared/policy.js';
import { deletionPreview } from '../orgs/deletion-preview.js';
import { routes } from '../../shared/routes.js';
import type { AuditActor } from '../audit/audit.js';
import { readBatch, runBatch } from '../db/batch.js';
import { factsFor, type AppDeps } from '../deps.js';
import { refuse } from '../domain-error.js';
import { clientInfo } from '../http/client-info.js';
import { rateLimitHeaders } from '../http/rate-limit-headers.js';
import { idempotent } from '../http/idempotency.js';
import { validate } from '../http/validation.js';
import { findManagementToken, type ManagementTokenRecord, type Scope } from '../management/tokens.js';
import { liftLegalHold, setLegalHold } from '../orgs/legal-hold.js';
import { pendingDeletionStatements } from '../orgs/deletion.js';
import { completeFacts } from '../orgs/facts.js';
import { factsQuery, loadedFrom } from '../orgs/load.js';
import { recipientsQuery } from '../mail/outbox.js';
import { hitLimit, retryAfterSeconds } from '../rate-limit/rate-limit.js';
import { MANAGEMENT_TOKEN_PREFIX } from '../secrets.js';

interface ManagementEnv {
  Variables: { token: ManagementTokenRecord };
}

export const MANAGEMENT_POLICY = 'management-api';

export function managementRoutes(deps: AppDeps) {
  const { database, clock, settings } = deps;

  const bearerToken = createMiddleware<ManagementEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const value = /^bearer /i.test(header) ? header.slice(7).trim() : '';
    const token = value.startsWith(MANAGEMENT_TOKEN_PREFIX) ? await findManagementToken(database.reader.db, value) : null;
    if (!token) refuse('invalid_token');
    const now = clock.now();
    const limit = await hitLimit(database.writer.db, MANAGEMENT_POLICY, token.id, settings.managementLimit, now);
    if (limit.used > settings.managementLimit.max) refuse('rate_limited', { retryAfter: retryAfterSeconds(limit, now) }, limit);
    c.set('token', token);
    await next();
    for (const [name, value] of Object.entries(rateLimitHeaders(limit, now))) c.res.headers.set(name, value);
  });

  const idempotentForToken = idempotent(database.writer.db, (c) => `token:${(c as Context<ManagementEnv>).get('token').id}`);
  const orgParam = validate('param', routes.deleteOrganization.params);
  const requireScope = (token: ManagementTokenRecord, scope: Scope) => {
    if (!token.scopes.includes(scope)) refuse('insufficient_scope', { message: `Insufficient scope; expected any of: ${scope}.` });
  };
  const operator = (c: Context<ManagementEnv>): AuditActor => {
    const token = c.get('token');
    const client = clientInfo(c, deps.clientAddress);
    return { userId: null, label: `management token "${token.name}" (${token.id})`, impersonatorUserId: null, ip: client.ip, userAgent: client.userAgent };
  };

  return new Hono<ManagementEnv>()
    .put('/organizations/:orgId/legal-hold', bearerToken, orgParam, validate('json', routes.setLegalHold.body), async (c) => {
      requireScope(c.get('token'), 'manage:legal_holds');
      const hold = await setLegalHold(database, {
        orgId: c.req.valid('param').orgId,
        reason: c.req.valid('json').reason,
        actor: operator(c),
        now: clock.now(),
      });
      return c.json({ legalHold: { reason: hold.reason, setBy: hold.setBy, setAt: hold.setAt.toISOString() } });
    })
    .delete('/organizations/:orgId/legal-hold', bearerToken, orgParam, async (c) => {
      requireScope(c.get('token'), 'manage:legal_holds');
      const lifted = await liftLegalHold(database, { orgId: c.req.valid('param').orgId, actor: operator(c), now: clock.now() });
      if (!lifted) refuse('not_found', { message: 'This organization has no legal hold.' });
      return c.body(null, 204);
    })
    .get('/organizations/:orgId/deletion-preview', bearerToken, orgParam, async (c) => {
      requireScope(c.get('token'), 'delete:organizations');
      const loaded = loadedFrom(await factsQuery(database.reader.db, null, c.req.valid('param').orgId));
      if (!loaded) refuse('org_not_found');
      const { facts } = await factsFor(deps, loaded);
      return c.json(await deletionPreview(database, { orgId: loaded.org.id, facts }), 200, { 'Cache-Control': 'no-store' });
    })
    .delete('/organizations/:orgId', bearerToken, orgParam, idempotentForToken, async (c) => {
      const { orgId } = c.req.valid('param');
      const token = c.get('token');
      requireScope(token, 'delete:organizations');
      const actor = operator(c);
      const now = clock.now();
      // The host's facts come first, outside the transaction: its hook never runs under our lock.
      const loaded = loadedFrom(await factsQuery(database.reader.db, null, orgId));
      if (!loaded) refuse('org_not_found');
      const { extra } = await factsFor(deps, loaded);
      const purgeAt = await database.writer.transaction(
        async (tx) => {
          const [factsRows, recipients] = await readBatch(tx, [factsQuery(tx, null, orgId), recipientsQuery(tx, orgId)]);
          const fresh = loadedFrom(factsRows);
          if (!fresh) refuse('org_not_found');
          const blockers = deletionBlockers(completeFacts(fresh.facts, extra));
          if (blockers.length > 0) refuse('deletion_blocked', { reasons: blockers });
          const { statements, purgeAt } = pendingDeletionStatements(tx, {
            org: fresh.org,
            recipients,
            initiator: { userId: null, name: `A platform operator (${token.name})`, email: '' },
            actor,
            now,
            purgeAt: choosePurgeDate(undefined, now, settings)!,
            webhookEvents: settings.webhookEvents,
            acknowledgements: [],
            details: { via: 'management_api', tokenId: token.id },
            mail: deps.mail,
          });
          await runBatch(tx, statements);
          return purgeAt;
        },
        { org: orgId },
      );
      // Committed: the lifecycle event for the host's logs.
      deps.logger.log({ event: 'deletion.scheduled', level: 'info', orgId, purgeAt: purgeAt.toISOString(), via: 'management_api', tokenId: token.id });
      return c.body(null, 204);
    });
}
