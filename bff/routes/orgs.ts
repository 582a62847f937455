/** SPEC 4.2: the user endpoints under `/api/orgs/:orgId`. HTTP only: validate, read the viewer, call the domain. */
import { Hono, type Context, type TypedResponse } from 'hono';
import { createMiddleware } from 'hono/factory';
import { decideApiKeys, decideDeletionPreview, type OrgFacts } from '../../shared/policy.js';
import { routes } from '../../shared/routes.js';
import type { DangerZoneState } from '../../shared/schemas.js';
import { factsFor, type AppDeps } from '../deps.js';
import { beginExport, type ExportKind } from '../exports/exports.js';
import { rateLimitHeaders } from '../http/rate-limit-headers.js';
import { idempotent } from '../http/idempotency.js';
import { limitBody, validate } from '../http/validation.js';
import { CONFIRMATION_POLICY, cancelDeletion, createDeletionIntent, deleteNow, scheduleDeletion, sessionViewer } from '../orgs/deletion.js';
import { listApiKeys, revokeApiKey } from '../orgs/api-keys.js';
import { ownerDeletionPreview } from '../orgs/deletion-preview.js';
import { leaveOrg } from '../orgs/leave.js';
import type { LoadedOrg, ViewerSession } from '../orgs/load.js';
import { changeRole } from '../orgs/member-role.js';
import { sendStepUpEmailCode } from '../orgs/step-up-code.js';
import { answerOwnershipOffer, offerOwnership } from '../orgs/ownership-offers.js';
import { assertAllowed } from '../orgs/refuse.js';
import { peekLimit } from '../rate-limit/rate-limit.js';
import { orgAccess, sessionAccessOf, sessionUserId, type OrgEnv } from './org-access.js';

// Every route's schemas come from the contract (shared/routes.ts), which the OpenAPI document is made from.
const orgParams = routes.getDangerZoneState.params;
type StateAnswer = Response & TypedResponse<DangerZoneState, 200, 'json'>;
const memberParams = routes.changeMemberRole.params;
const offerParams = routes.acceptOwnershipOffer.params;

export function orgRoutes(deps: AppDeps) {
  const { database, clock, settings } = deps;
  const sessionOnly = orgAccess(deps, { allowApiKey: false });
  const sessionOrApiKey = orgAccess(deps, { allowApiKey: true });
  const deletionDeps = { database, settings, mail: deps.mail, verifyPassword: deps.auth.verifyPassword, stepUp: deps.auth.stepUp };
  /**
   * Idempotency-Key, per signed-in user (so one user's key never answers another's request). It
   * runs before the org's access rules: the retry of a leave that went through comes from someone
   * who is no longer a member, and must get the first answer, not 404.
   */
  const idempotentForUser = idempotent(database.writer.db, async (c) => {
    const userId = await sessionUserId(deps, c, c.req.param('orgId') ?? '');
    return userId && `user:${userId}`;
  });
  const stateHeaders = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  /**
   * The state as JSON that is serialized once and reused (orgs/state.ts), sent as a body; typed as
   * the JSON it is, so `hc<App>` clients get `DangerZoneState` from `res.json()`.
   */
  const stateResponse = (c: Context, loaded: LoadedOrg, facts: OrgFacts, session: ViewerSession) =>
    c.body(
      deps.caches.stateJson.json(loaded, facts, session, settings, clock.now(), !deps.hostFacts, deps.messages),
      200,
      stateHeaders,
    ) as unknown as StateAnswer;

  /**
   * SPEC 4.4: every response of the confirmation route carries the limit. Read once, before
   * anything else can refuse the request; a refusal that counts against the limit carries the
   * counter as it stands after it, and everything else gets this one.
   */
  const confirmationLimit = createMiddleware<OrgEnv>(async (c, next) => {
    const { session } = sessionAccessOf(c.get('access'));
    const now = clock.now();
    const limit = await peekLimit(database.reader.db, CONFIRMATION_POLICY, session.userId, settings.confirmationLimit, now);
    c.set('confirmationLimit', limit);
    await next();
    if (c.res.headers.has('X-RateLimit-Limit')) return;
    for (const [name, value] of Object.entries(rateLimitHeaders(limit, now))) c.res.headers.set(name, value);
  });

  /** E1: owners and admins (owners only while pending, by D6) download; each download is audited and limited. */
  const download = async (c: Context<OrgEnv>, kind: ExportKind) => {
    const { session, loaded, actor } = sessionAccessOf(c.get('access'));
    const { facts } = await factsFor(deps, loaded);
    const now = clock.now();
    const { body, limit } = await beginExport(
      { database, settings },
      { kind, orgId: loaded.org.id, userId: session.userId, facts, viewer: sessionViewer(loaded, session), actor, now },
    );
    const slug = loaded.org.slug.replace(/[^a-z0-9-]+/gi, '-').slice(0, 60) || 'organization';
    const filename = `${slug}-${kind}-${now.toISOString().slice(0, 10)}.csv`;
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...rateLimitHeaders(limit, now),
      },
    });
  };

  /** The offered member accepts or declines an ownership offer (issue 21). */
  const answer = async (c: Context<OrgEnv>, accept: boolean) => {
    const { session, loaded, actor } = sessionAccessOf(c.get('access'));
    const offerId = c.req.param('offerId') ?? '';
    const { status } = await answerOwnershipOffer(
      { database, settings, mail: deps.mail },
      { orgId: loaded.org.id, offerId, viewerSession: session, accept, actor, now: clock.now() },
    );
    return c.json({ offerId, status });
  };

  return new Hono<OrgEnv>()
    .get('/:orgId/danger-zone', validate('param', orgParams), sessionOnly, (c): StateAnswer | Promise<StateAnswer> => {
      // Synchronous when the host has no hostFacts hook: the hot path of every embedding page.
      const { session, loaded } = sessionAccessOf(c.get('access'));
      const known = factsFor(deps, loaded);
      if (known instanceof Promise) return known.then(({ facts }) => stateResponse(c, loaded, facts, session));
      return stateResponse(c, loaded, known.facts, session);
    })

    .get('/:orgId/deletion-preview', validate('param', orgParams), sessionOnly, async (c) => {
      const { session, loaded } = sessionAccessOf(c.get('access'));
      assertAllowed(decideDeletionPreview(sessionViewer(loaded, session)));
      const { facts } = await factsFor(deps, loaded);
      const now = clock.now();
      const { preview, limit } = await ownerDeletionPreview({ database, settings }, { orgId: loaded.org.id, userId: session.userId, facts, now });
      return c.json(preview, 200, { 'Cache-Control': 'no-store', ...rateLimitHeaders(limit, now) });
    })

    .post(
      '/:orgId/leave',
      validate('param', orgParams),
      limitBody,
      idempotentForUser,
      sessionOnly,
      validate('json', routes.leaveOrganization.body),
      async (c) => {
        const { session, loaded, actor } = sessionAccessOf(c.get('access'));
        const { successorUserId } = c.req.valid('json');
        await leaveOrg({ database, settings }, { orgId: loaded.org.id, viewerSession: session, successorUserId, actor, now: clock.now() });
        return c.body(null, 204);
      },
    )

    .post('/:orgId/deletion-intents', validate('param', orgParams), sessionOnly, async (c) => {
      const { session, loaded } = sessionAccessOf(c.get('access'));
      const { facts } = await factsFor(deps, loaded);
      const now = clock.now();
      const { intent, limit } = await createDeletionIntent(deletionDeps, { loaded, facts, session, now });
      return c.json(
        { intentId: intent.id, notBefore: intent.notBefore.toISOString(), expiresAt: intent.expiresAt.toISOString() },
        201,
        rateLimitHeaders(limit, now),
      );
    })

    .post('/:orgId/step-up/email-code', validate('param', orgParams), sessionOnly, async (c) => {
      const { session, loaded } = sessionAccessOf(c.get('access'));
      const { facts } = await factsFor(deps, loaded);
      const sent = await sendStepUpEmailCode({ database, stepUp: deps.auth.stepUp }, { loaded, facts, session, now: clock.now() });
      return c.json(sent, 202);
    })

    .post(
      '/:orgId/deletion',
      validate('param', orgParams),
      limitBody,
      idempotentForUser,
      sessionOnly,
      confirmationLimit,
      validate('json', routes.scheduleDeletion.body),
      async (c) => {
        const { session, loaded, actor } = sessionAccessOf(c.get('access'));
        const { facts, extra } = await factsFor(deps, loaded);
        const purgeAt = await scheduleDeletion(deletionDeps, {
          loaded,
          facts,
          extra,
          session,
          body: c.req.valid('json'),
          actor,
          limit: c.get('confirmationLimit')!,
          headers: c.req.raw.headers,
          now: clock.now(),
        });
        // Committed: the lifecycle event for the host's logs.
        deps.logger.log({
          event: 'deletion.scheduled',
          level: 'info',
          orgId: loaded.org.id,
          purgeAt: purgeAt.toISOString(),
          userId: session.userId,
          impersonatedBy: session.impersonatedBy,
          via: 'user',
        });
        return c.json({ status: 'pending_deletion' as const, purgeAt: purgeAt.toISOString() }, 202);
      },
    )

    .post(
      '/:orgId/deletion/now',
      validate('param', orgParams),
      limitBody,
      idempotentForUser,
      sessionOnly,
      confirmationLimit,
      validate('json', routes.deleteNow.body),
      async (c) => {
        const { session, loaded, actor } = sessionAccessOf(c.get('access'));
        const { facts, extra } = await factsFor(deps, loaded);
        const purgeAt = await deleteNow(deletionDeps, {
          loaded,
          facts,
          extra,
          session,
          body: c.req.valid('json'),
          actor,
          limit: c.get('confirmationLimit')!,
          headers: c.req.raw.headers,
          now: clock.now(),
        });
        deps.logger.log({
          event: 'deletion.expedited',
          level: 'info',
          orgId: loaded.org.id,
          purgeAt: purgeAt.toISOString(),
          userId: session.userId,
          impersonatedBy: session.impersonatedBy,
        });
        return c.json({ status: 'pending_deletion' as const, purgeAt: purgeAt.toISOString() }, 202);
      },
    )

    .delete('/:orgId/deletion', validate('param', orgParams), idempotentForUser, sessionOnly, async (c) => {
      const { session, loaded, actor } = sessionAccessOf(c.get('access'));
      await cancelDeletion({ database, settings, mail: deps.mail }, { orgId: loaded.org.id, viewerSession: session, actor, now: clock.now() });
      deps.logger.log({ event: 'deletion.cancelled', level: 'info', orgId: loaded.org.id, userId: session.userId, impersonatedBy: session.impersonatedBy });
      return c.json({ status: 'active' as const });
    })

    .post(
      '/:orgId/members/:userId/role',
      validate('param', memberParams),
      limitBody,
      idempotentForUser,
      sessionOnly,
      validate('json', routes.changeMemberRole.body),
      async (c) => {
        const { session, loaded, actor } = sessionAccessOf(c.get('access'));
        const { userId: targetUserId } = c.req.valid('param');
        const { role } = c.req.valid('json');
        const now = clock.now();
        const limit = await changeRole({ database, settings }, { loaded, viewerSession: session, targetUserId, role, actor, now });
        return c.json({ userId: targetUserId, role }, 200, rateLimitHeaders(limit, now));
      },
    )

    .get('/:orgId/api-keys', validate('param', orgParams), sessionOnly, async (c) => {
      const { session, loaded } = sessionAccessOf(c.get('access'));
      assertAllowed(decideApiKeys(loaded.org, sessionViewer(loaded, session)));
      return c.json({ apiKeys: await listApiKeys(database.reader.db, loaded.org.id) });
    })

    .delete('/:orgId/api-keys/:keyId', validate('param', routes.revokeApiKey.params), sessionOnly, async (c) => {
      const { session, loaded, actor } = sessionAccessOf(c.get('access'));
      assertAllowed(decideApiKeys(loaded.org, sessionViewer(loaded, session)));
      await revokeApiKey(database, { org: loaded.org, keyId: c.req.valid('param').keyId, actor, now: clock.now() });
      return c.body(null, 204);
    })
    .post(
      '/:orgId/ownership-offers',
      validate('param', orgParams),
      limitBody,
      idempotentForUser,
      sessionOnly,
      validate('json', routes.offerOwnership.body),
      async (c) => {
        const { session, loaded, actor } = sessionAccessOf(c.get('access'));
        const { userId, leaveAfter } = c.req.valid('json');
        const offer = await offerOwnership(
          { database, settings, mail: deps.mail },
          { orgId: loaded.org.id, viewerSession: session, toUserId: userId, leaveAfter: leaveAfter ?? false, actor, now: clock.now() },
        );
        return c.json({ offerId: offer.offerId, expiresAt: offer.expiresAt.toISOString() }, 201);
      },
    )

    .post('/:orgId/ownership-offers/:offerId/accept', validate('param', offerParams), idempotentForUser, sessionOnly, (c) => answer(c, true))
    .post('/:orgId/ownership-offers/:offerId/decline', validate('param', offerParams), idempotentForUser, sessionOnly, (c) => answer(c, false))

    .get('/:orgId/exports/audit-log.csv', validate('param', orgParams), sessionOnly, (c) => download(c, 'audit-log'))
    .get('/:orgId/exports/members.csv', validate('param', orgParams), sessionOnly, (c) => download(c, 'members'))

    .get('/:orgId', validate('param', orgParams), sessionOrApiKey, (c) => {
      const access = c.get('access');
      const org = access.kind === 'apiKey' ? access.apiKey.org : access.loaded.org;
      return c.json({ id: org.id, name: org.name, slug: org.slug, status: org.status });
    });
}
