/**
 * SPEC 4.5: the demo and QA endpoints. Mounted only when `DEMO=1` (404 otherwise, because the
 * routes do not exist). They need no session: they exist for QA on a local machine.
 */
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { Hono } from 'hono';
import * as z from 'zod';
import { id, orgStatus } from '../../shared/schemas.js';
import type { AdjustableClock } from '../clock.js';
import { tablesOf, type Tables } from '../db/handle.js';
import type { AppDeps } from '../deps.js';
import { refuse } from '../domain-error.js';
import { limitBody, validate } from '../http/validation.js';
import { newId } from '../ids.js';
import { verifyWebhook } from '../webhooks/signing.js';
import { createApiKey } from '../orgs/api-keys.js';
import { putOrgResources, setOrgCredits, setOrgSubscription } from '../orgs/host-data.js';
import { liftLegalHold, setLegalHold } from '../orgs/legal-hold.js';
import { demoOrgs, demoUsers } from './data-set.js';
import { seedDemoData } from './seed.js';

export interface DemoOptions {
  clock: AdjustableClock;
  /** Runs the purge once now (the same job the interval runs) and says what it purged. */
  runPurge: () => Promise<unknown>;
  /** better-auth's context, for the demo password's hash. */
  auth: { $context: Promise<{ password: { hash: (password: string) => Promise<string> } }> };
  /** The secret the demo's own webhook receiver verifies with (when webhooks go to it). */
  webhookSecret?: string | undefined;
}

/** What the demo's webhook receiver got, newest first (in memory: QA watches it live). */
interface Received {
  id: string | null;
  type: string | null;
  verified: boolean;
  error: string | null;
  receivedAt: string;
}

/** An audit row as the demo's panels show it: SPEC 4.5's `{action, orgId, actor, at, …}`. */
const audit = ({ organizationId, actorLabel, ...row }: Tables['orgAuditLog']['$inferSelect'] | Tables['platformAuditLog']['$inferSelect']) => ({
  ...row,
  orgId: organizationId,
  actor: actorLabel,
  at: row.at.toISOString(),
  details: row.details ? (JSON.parse(row.details) as unknown) : null,
});

export function demoRoutes(deps: AppDeps, demo: DemoOptions) {
  const { settings } = deps;
  const db = deps.database.writer.db;
  const t = tablesOf(db);
  const { clock } = demo;
  const orgParam = validate('param', z.object({ orgId: id }));

  const received: Received[] = [];
  const qaActor = { userId: null, label: 'QA page', impersonatorUserId: null, ip: null, userAgent: null };
  const existingOrg = async (orgId: string) => {
    const [org] = await db.select({ id: t.organization.id }).from(t.organization).where(eq(t.organization.id, orgId));
    if (!org) refuse('org_not_found');
    return orgId;
  };

  return (
    new Hono()
      .use(limitBody)
      .post('/reset', async (c) => {
        clock.reset();
        const context = await demo.auth.$context;
        const ids = await seedDemoData(deps.database.writer, {
          hashPassword: (password) => context.password.hash(password),
          now: clock.now(),
          graceDays: settings.graceDays,
        });
        return c.json({ ok: true, ...ids });
      })

      /** Who is who, for the demo page's sign-in buttons and org picker. */
      .get('/directory', async (c) => {
        const users = await db.select({ id: t.user.id, name: t.user.name, email: t.user.email, role: t.user.role }).from(t.user);
        const orgs = await db
          .select({ id: t.organization.id, name: t.organization.name, slug: t.organization.slug, status: t.organization.status })
          .from(t.organization);
        const members = await db.select({ orgId: t.member.organizationId, userId: t.member.userId, role: t.member.role }).from(t.member);
        const purposes = new Map(demoOrgs.map((o) => [o.slug, o.purpose]));
        const seeded = new Set(demoUsers.map((u) => u.email));
        return c.json({
          users: users.map((u) => ({
            ...u,
            seeded: seeded.has(u.email),
            memberships: members.filter((m) => m.userId === u.id).map((m) => ({ orgId: m.orgId, role: m.role })),
          })),
          orgs: orgs.map((o) => ({ ...o, purpose: purposes.get(o.slug) ?? null })),
        });
      })

      .get('/clock', (c) => c.json({ now: clock.now().toISOString() }))
      .post('/clock', validate('json', z.union([z.strictObject({ advanceMs: z.number().int() }), z.strictObject({ now: z.iso.datetime() })])), (c) => {
        const body = c.req.valid('json');
        const now = 'advanceMs' in body ? clock.advance(body.advanceMs) : clock.set(new Date(body.now));
        return c.json({ now: now.toISOString() });
      })

      .post('/purge', async (c) => {
        return c.json(await demo.runPurge());
      })

      .get('/mailbox', async (c) => {
        const to = c.req.query('to');
        const rows = await db
          .select()
          .from(t.outbox)
          .where(to ? eq(t.outbox.toEmail, to) : undefined)
          .orderBy(desc(t.outbox.createdAt), desc(t.outbox.id))
          .limit(200);
        return c.json({
          messages: rows.map((m) => ({
            id: m.id,
            to: m.toEmail,
            subject: m.subject,
            text: m.text,
            event: m.event,
            orgId: m.organizationId,
            createdAt: m.createdAt.toISOString(),
            sentAt: m.sentAt?.toISOString() ?? null,
          })),
        });
      })

      /** The demo's own webhook endpoint: verifies the Standard Webhooks signature like a host would. */
      .post('/webhook-receiver', async (c) => {
        const body = await c.req.text();
        let entry: Received = { id: c.req.header('webhook-id') ?? null, type: null, verified: false, error: null, receivedAt: new Date().toISOString() };
        try {
          const payload = verifyWebhook(demo.webhookSecret ?? '', c.req.raw.headers, body) as { type?: string };
          entry = { ...entry, type: payload.type ?? null, verified: true };
        } catch (error) {
          entry = { ...entry, error: error instanceof Error ? error.message : String(error) };
        }
        received.unshift(entry);
        received.length = Math.min(received.length, 200);
        return c.body(null, entry.verified ? 204 : 400);
      })

      /** Every webhook event, its deliveries and each attempt's answer, newest first. */
      .get('/webhooks', async (c) => {
        const reads = deps.database.reader.db;
        const events = await reads.select().from(t.webhookEvent).orderBy(desc(t.webhookEvent.seq)).limit(100);
        const ids = events.map((e) => e.id);
        const [deliveries, attempts] = ids.length
          ? await Promise.all([
              reads.select().from(t.webhookDelivery).where(inArray(t.webhookDelivery.eventId, ids)),
              reads.select().from(t.webhookAttempt).where(inArray(t.webhookAttempt.eventId, ids)).orderBy(t.webhookAttempt.id),
            ])
          : [[], []];
        return c.json({
          events: events.map((e) => ({
            id: e.id,
            type: e.type,
            orgId: e.organizationId,
            createdAt: e.createdAt.toISOString(),
            payload: JSON.parse(e.payload) as unknown,
            deliveries: deliveries
              .filter((d) => d.eventId === e.id)
              .map((d) => ({
                endpoint: d.endpoint,
                attempts: attempts
                  .filter((a) => a.eventId === e.id && a.endpoint === d.endpoint)
                  .map((a) => ({ at: a.at.toISOString(), status: a.status, error: a.error, durationMs: a.durationMs })),
                deliveredAt: d.deliveredAt?.toISOString() ?? null,
                failedAt: d.failedAt?.toISOString() ?? null,
                nextAttemptAt: d.deliveredAt || d.failedAt ? null : d.nextAttemptAt.toISOString(),
              })),
          })),
          received,
        });
      })

      .get('/platform-audit', async (c) => {
        const rows = await db.select().from(t.platformAuditLog).orderBy(desc(t.platformAuditLog.id)).limit(200);
        return c.json({ events: rows.map(audit) });
      })

      .get('/orgs/:orgId/audit-log', orgParam, async (c) => {
        const orgId = await existingOrg(c.req.valid('param').orgId);
        const rows = await db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, orgId)).orderBy(desc(t.orgAuditLog.id)).limit(200);
        return c.json({ events: rows.map(audit) });
      })

      .post(
        '/orgs/:orgId/resources',
        orgParam,
        validate('json', z.strictObject({ count: z.number().int().min(1).max(100_000), kind: z.string().min(1).max(40).optional() })),
        async (c) => {
          const orgId = await existingOrg(c.req.valid('param').orgId);
          const { count, kind = 'camera' } = c.req.valid('json');
          const now = clock.now();
          // Through the same door a host uses (orgs/host-data.ts).
          const resources = Array.from({ length: count }, (_, i) => ({ id: newId('res'), kind, name: `${kind} ${i + 1}`, status: 'active' as const }));
          await putOrgResources(deps.database, orgId, resources, now);
          return c.json({ added: count }, 201);
        },
      )
      .delete('/orgs/:orgId/resources', orgParam, async (c) => {
        const orgId = await existingOrg(c.req.valid('param').orgId);
        const changed = await db
          .update(t.orgResource)
          .set({ status: 'decommissioned' })
          .where(and(eq(t.orgResource.organizationId, orgId), eq(t.orgResource.status, 'active')))
          .returning({ id: t.orgResource.id });
        return c.json({ decommissioned: changed.length });
      })

      .post('/orgs/:orgId/status', orgParam, validate('json', z.strictObject({ status: orgStatus.exclude(['pending_deletion']) })), async (c) => {
        const orgId = await existingOrg(c.req.valid('param').orgId);
        const { status } = c.req.valid('json');
        // Only between active and read-only: pending deletion is entered and left through the rules.
        const changed = await db
          .update(t.organization)
          .set({ status })
          .where(and(eq(t.organization.id, orgId), ne(t.organization.status, 'pending_deletion')))
          .returning({ id: t.organization.id });
        if (changed.length === 0) refuse('already_pending');
        return c.json({ status });
      })

      .post(
        '/orgs/:orgId/subscription',
        orgParam,
        validate('json', z.strictObject({ status: z.enum(['active', 'canceled', 'none']), renewsAt: z.iso.datetime().optional() })),
        async (c) => {
          const orgId = await existingOrg(c.req.valid('param').orgId);
          const { status, renewsAt } = c.req.valid('json');
          await setOrgSubscription(
            deps.database,
            orgId,
            status === 'none'
              ? null
              : { status, plan: 'Business', renewsAt: renewsAt ? new Date(renewsAt) : new Date(clock.now().getTime() + 30 * 24 * 3600 * 1000) },
          );
          return c.json({ status });
        },
      )

      .post('/orgs/:orgId/credits', orgParam, validate('json', z.strictObject({ balance: z.number().int().min(0).max(1e12) })), async (c) => {
        const orgId = await existingOrg(c.req.valid('param').orgId);
        const { balance } = c.req.valid('json');
        await setOrgCredits(deps.database, orgId, balance);
        return c.json({ balance });
      })

      /** A legal hold as QA sets it (operators use the command line or the management API). */
      .post('/orgs/:orgId/legal-hold', orgParam, validate('json', z.strictObject({ reason: z.string().trim().min(1).max(500) })), async (c) => {
        const orgId = await existingOrg(c.req.valid('param').orgId);
        const hold = await setLegalHold(deps.database, { orgId, reason: c.req.valid('json').reason, actor: qaActor, now: clock.now() });
        return c.json({ reason: hold.reason, setAt: hold.setAt.toISOString() });
      })
      .delete('/orgs/:orgId/legal-hold', orgParam, async (c) => {
        const orgId = await existingOrg(c.req.valid('param').orgId);
        return c.json({ lifted: await liftLegalHold(deps.database, { orgId, actor: qaActor, now: clock.now() }) });
      })

      .post('/orgs/:orgId/api-keys', orgParam, async (c) => {
        const orgId = await existingOrg(c.req.valid('param').orgId);
        const { key, id: keyId } = await createApiKey(db, { orgId, name: 'Demo key', createdBy: null, now: clock.now() });
        return c.json({ id: keyId, key }, 201);
      })
  );
}
