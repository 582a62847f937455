/** SPEC 4.2: the user endpoints under `/api/orgs/:orgId`. */
import { Hono, type Context } from 'hono';
import { decideExport } from '../../shared/policy.js';
import { writeOrgAudit } from '../audit/audit.js';
import { auditLogCsv, membersCsv, type ExportKind } from '../exports/exports.js';
import { assertAllowed } from '../orgs/refuse.js';
import { deletionRequest, idPattern, leaveRequest, roleChangeRequest } from '../../shared/schemas.js';
import { fail } from '../http/errors.js';
import { changeRole } from '../orgs/roles.js';
import { jsonBody, limitBody } from '../http/json-body.js';
import type { AppDeps } from '../http/env.js';
import { CONFIRMATION_POLICY, cancelDeletion, createDeletionIntent, scheduleDeletion } from '../orgs/deletion.js';
import { leaveOrg } from '../orgs/leave.js';
import { stateJson } from '../orgs/state.js';
import { createMiddleware } from 'hono/factory';
import { peekLimit, rateLimitHeaders } from '../rate-limit/rate-limit.js';
import { orgAccess, sessionAccessOf, type OrgEnv } from './org-access.js';

export function orgRoutes(deps: AppDeps) {
  const { db, clock, settings } = deps;
  const sessionOnly = orgAccess(deps, { allowApiKey: false });
  const sessionOrApiKey = orgAccess(deps, { allowApiKey: true });

  const stateHeaders = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

  /** SPEC 4.4: every response of the confirmation route carries the limit as it stands after it. */
  // Read once, before anything else can refuse the request; a refusal that counts against the
  // limit carries the counter as it stands after it, and everything else gets this one.
  const confirmationLimit = createMiddleware<OrgEnv>(async (c, next) => {
    const { session } = sessionAccessOf(c.get('access'));
    const now = clock.now();
    const limit = await peekLimit(db, CONFIRMATION_POLICY, session.userId, settings.confirmationLimit, now);
    c.set('confirmationLimit', limit);
    await next();
    if (c.res.headers.has('X-RateLimit-Limit')) return;
    for (const [name, value] of Object.entries(rateLimitHeaders(limit, settings.confirmationLimit, now))) {
      c.res.headers.set(name, value);
    }
  });

  /** E1: owners and admins (owners only while pending, by D6) download; each download is audited. */
  const download = async (c: Context<OrgEnv>, kind: ExportKind) => {
    const { session, loaded, actor } = sessionAccessOf(c.get('access'));
    const viewer = { role: loaded.role ?? 'member', impersonated: session.impersonatedBy !== null };
    assertAllowed(decideExport(loaded.facts, viewer));
    const now = clock.now();
    await writeOrgAudit(db, loaded.org.id, actor, {
      action: 'org.export_downloaded',
      target: { type: 'export', id: kind },
      details: { export: kind },
    }, now);
    const slug = loaded.org.slug.replace(/[^a-z0-9-]+/gi, '-').slice(0, 60) || 'organization';
    const filename = `${slug}-${kind}-${now.toISOString().slice(0, 10)}.csv`;
    const body = kind === 'audit-log' ? auditLogCsv(db, loaded.org.id) : membersCsv(db, loaded.org.id);
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };

  return new Hono<OrgEnv>()
    .get('/:orgId/danger-zone', sessionOnly, (c) => {
      const { session, loaded } = sessionAccessOf(c.get('access'));
      return c.body(stateJson(loaded, session, settings, clock.now()), 200, stateHeaders);
    })

    .post('/:orgId/leave', sessionOnly, limitBody, jsonBody(leaveRequest, { optional: true }), async (c) => {
      const { session, loaded, actor } = sessionAccessOf(c.get('access'));
      const { successorUserId } = c.req.valid('json');
      await leaveOrg(db, { orgId: loaded.org.id, userId: session.userId, successorUserId, actor, now: clock.now() });
      return c.body(null, 204);
    })

    .post('/:orgId/deletion-intents', sessionOnly, async (c) => {
      const { session, loaded, actor } = sessionAccessOf(c.get('access'));
      const intent = await createDeletionIntent(deps, { loaded, session, actor, now: clock.now() });
      return c.json(
        { intentId: intent.id, notBefore: intent.notBefore.toISOString(), expiresAt: intent.expiresAt.toISOString() },
        201,
      );
    })

    .post('/:orgId/deletion', sessionOnly, confirmationLimit, limitBody, jsonBody(deletionRequest), async (c) => {
      const { session, loaded, actor } = sessionAccessOf(c.get('access'));
      const body = c.req.valid('json');
      const limit = c.get('confirmationLimit')!;
      const purgeAt = await scheduleDeletion(deps, { loaded, session, body, actor, limit, now: clock.now() });
      return c.json({ status: 'pending_deletion' as const, purgeAt: purgeAt.toISOString() }, 202);
    })

    .delete('/:orgId/deletion', sessionOnly, async (c) => {
      const { session, loaded, actor } = sessionAccessOf(c.get('access'));
      await cancelDeletion(db, {
        orgId: loaded.org.id,
        userId: session.userId,
        actor,
        actorContact: { name: session.name, email: session.email },
        now: clock.now(),
      });
      return c.json({ status: 'active' as const });
    })

    .post('/:orgId/members/:userId/role', sessionOnly, limitBody, jsonBody(roleChangeRequest), async (c) => {
      const { session, loaded, actor } = sessionAccessOf(c.get('access'));
      const targetUserId = c.req.param('userId');
      if (!idPattern.test(targetUserId)) fail('invalid_uri');
      const { role } = c.req.valid('json');
      await changeRole(db, { orgId: loaded.org.id, userId: session.userId, targetUserId, role, actor, now: clock.now() });
      return c.json({ userId: targetUserId, role });
    })

    .get('/:orgId/exports/audit-log.csv', sessionOnly, (c) => download(c, 'audit-log'))
    .get('/:orgId/exports/members.csv', sessionOnly, (c) => download(c, 'members'))

    .get('/:orgId', sessionOrApiKey, (c) => {
      const access = c.get('access');
      const org = access.kind === 'apiKey' ? access.apiKey.org : access.loaded.org;
      return c.json({ id: org.id, name: org.name, slug: org.slug, status: org.status });
    });
}
