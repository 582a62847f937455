/**
 * Wipes the database and writes the demo data set, in one transaction: QA's "reset" either
 * happens completely or not at all.
 */
import type { Db } from '../db/database.js';
import { tablesOf, type Tables } from '../db/handle.js';
import type { Writer } from '../db/writer.js';
import { newId } from '../ids.js';
import { demoOrgs, demoUsers, DEMO_PASSWORD } from './data-set.js';

const DAY = 24 * 60 * 60 * 1000;

/** Every table, children before parents, so deleting in this order never breaks a foreign key. */
const tablesInDeleteOrder = [
  'deletionIntent',
  'ownershipOffer',
  'deletionReminder',
  'releasedSlug',
  'orgAuditLog',
  'outbox',
  'orgResource',
  'orgApiKey',
  'orgSubscription',
  'orgCredits',
  'invitation',
  'purgeProgress',
  'orgLegalHold',
  'webhookAttempt',
  'webhookDelivery',
  'webhookEvent',
  'idempotencyKey',
  'platformAuditLog',
  'rateLimitCounter',
  'ownerDeparture',
  'managementToken',
  'session',
  'account',
  'verification',
  'rateLimit',
  // Memberships go with their org (a cascade): the database refuses to take an org's last owner
  // away while the org is still there (migration 0005).
  'organization',
  'member',
  'user',
] as const satisfies readonly (keyof Tables)[];

export async function wipe(db: Db): Promise<void> {
  const t = tablesOf(db);
  for (const name of tablesInDeleteOrder) await db.delete(t[name]);
}

export interface SeededIds {
  users: Record<string, string>;
  orgs: Record<string, string>;
}

export async function seedDemoData(
  writer: Writer,
  input: { hashPassword: (password: string) => Promise<string>; now: Date; graceDays: number },
): Promise<SeededIds> {
  // One hash for everyone: scrypt is deliberately slow, and every demo user shares the password.
  const passwordHash = await input.hashPassword(DEMO_PASSWORD);
  const now = input.now;
  const ids: SeededIds = { users: {}, orgs: {} };
  for (const u of demoUsers) ids.users[u.key] = newId('usr');
  for (const o of demoOrgs) ids.orgs[o.key] = newId('org');
  const userId = (key: string) => ids.users[key]!;

  await writer.transaction(async (tx) => {
    const t = tablesOf(tx);
    await wipe(tx);
    await tx.insert(t.user).values(
      demoUsers.map((u) => ({
        id: userId(u.key),
        name: u.name,
        email: u.email,
        emailVerified: true,
        role: u.platformAdmin ? 'admin' : 'user',
        createdAt: now,
        updatedAt: now,
      })),
    );
    await tx.insert(t.account).values(
      demoUsers.map((u) => ({
        id: newId('acc'),
        accountId: userId(u.key),
        providerId: 'credential',
        userId: userId(u.key),
        password: passwordHash,
        createdAt: now,
        updatedAt: now,
      })),
    );

    for (const o of demoOrgs) {
      const orgId = ids.orgs[o.key]!;
      const pending = o.pending && {
        deletionRequestedAt: new Date(now.getTime() - o.pending.daysAgo * DAY),
        deletionRequestedBy: userId(o.pending.by),
        purgeAt: new Date(now.getTime() + (input.graceDays - o.pending.daysAgo) * DAY),
      };
      await tx.insert(t.organization).values({
        id: orgId,
        name: o.name,
        slug: o.slug,
        createdAt: new Date(now.getTime() - 90 * DAY),
        status: o.status ?? 'active',
        ...pending,
      });
      await tx.insert(t.member).values(
        o.members.map((m) => ({
          id: newId('mem'),
          organizationId: orgId,
          userId: userId(m.user),
          role: m.role,
          createdAt: new Date(now.getTime() - 60 * DAY),
        })),
      );
      const resources = [
        ...Array.from({ length: o.activeResources ?? 0 }, (_, i) => ({ status: 'active' as const, i })),
        ...Array.from({ length: o.decommissionedResources ?? 0 }, (_, i) => ({ status: 'decommissioned' as const, i })),
      ];
      if (resources.length > 0) {
        await tx.insert(t.orgResource).values(
          resources.map((r) => ({
            id: newId('res'),
            organizationId: orgId,
            kind: 'camera',
            name: `Camera ${r.status === 'active' ? 'A' : 'D'}${r.i + 1}`,
            status: r.status,
            createdAt: now,
          })),
        );
      }
      if (o.subscription) {
        await tx.insert(t.orgSubscription).values({
          organizationId: orgId,
          status: o.subscription.status,
          plan: 'Business',
          renewsAt: new Date(now.getTime() + o.subscription.renewsInDays * DAY),
        });
      }
      if (o.credits !== undefined) {
        await tx.insert(t.orgCredits).values({ organizationId: orgId, balance: o.credits });
      }
      for (const email of o.invitations ?? []) {
        await tx.insert(t.invitation).values({
          id: newId('inv'),
          organizationId: orgId,
          email,
          role: 'member',
          status: 'pending',
          expiresAt: new Date(now.getTime() + 7 * DAY),
          createdAt: now,
          inviterId: userId(o.members[0]!.user),
        });
      }
    }
  });
  return ids;
}
