/**
 * What happens to a purged org's slug (issue 21). By default it is free again at the purge. A
 * deployment may keep it reserved for some days after (GitHub keeps a deleted organization's
 * name for 90 days): a slug that a link, an email or a bookmark still points to is a phishing
 * vector in the hands of whoever registers it next. Reserved for everyone, or for the org's former
 * owners, who may take it back.
 *
 * The purge writes each org's tombstone (`released_slug`); this guard reads it on better-auth's own
 * doors: `organization/create`, `organization/update` (a new slug) and `organization/check-slug`.
 */
import { APIError } from 'better-auth/api';
import { and, desc, eq, gt, notExists } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { VerifiedSignatures } from '../http/credentials.js';
import { callerSession, type CallerContext } from './caller.js';

export interface SlugReservation {
  /** Whole days a purged org's slug stays reserved after the purge; 0 (the default) releases it at once. */
  days: number;
  /** Who may take it meanwhile: `nobody` (default), or `former_owners`, those who owned the org. */
  reservedFor?: 'nobody' | 'former_owners';
}

const DAY_MS = 86_400_000;

/** The slug a call asks for, on the endpoints that take one. */
function requestedSlug(ctx: { path?: string | undefined; body?: unknown }): string | undefined {
  const body = ctx.body as { slug?: unknown; data?: { slug?: unknown } } | undefined;
  const slug = ctx.path === '/organization/update' ? body?.data?.slug : body?.slug;
  return typeof slug === 'string' && slug !== '' ? slug : undefined;
}

export const slugPaths = new Set(['/organization/create', '/organization/update', '/organization/check-slug']);

export function slugReservationGuard(db: Db, reservation: SlugReservation | undefined, now: () => Date) {
  const { releasedSlug, organization } = tablesOf(db);
  const signatures = new VerifiedSignatures();
  return async (ctx: CallerContext & { path?: string | undefined; body?: unknown }): Promise<void> => {
    const days = reservation?.days ?? 0;
    const slug = requestedSlug(ctx);
    if (days <= 0 || !slug) return;
    const [tombstone] = await db
      .select({ purgedAt: releasedSlug.purgedAt, ownerUserIds: releasedSlug.ownerUserIds })
      .from(releasedSlug)
      .where(
        and(
          eq(releasedSlug.slug, slug),
          gt(releasedSlug.purgedAt, new Date(now().getTime() - days * DAY_MS)),
          // A purge under way: its org still holds the slug, and better-auth says so itself.
          notExists(db.select({ id: organization.id }).from(organization).where(eq(organization.id, releasedSlug.organizationId))),
        ),
      )
      .orderBy(desc(releasedSlug.purgedAt))
      .limit(1);
    if (!tombstone) return;
    if (reservation?.reservedFor === 'former_owners') {
      const caller = await callerSession(db, ctx, signatures);
      if (caller && (JSON.parse(tombstone.ownerUserIds) as string[]).includes(caller.userId)) return;
    }
    const until = new Date(tombstone.purgedAt.getTime() + days * DAY_MS);
    const body = {
      code: 'slug_reserved',
      message: `This slug belonged to a deleted organization and stays reserved until ${until.toISOString()}. Choose another.`,
      reservedUntil: until.toISOString(),
    };
    throw new APIError('BAD_REQUEST', { ...body, error: body });
  };
}
