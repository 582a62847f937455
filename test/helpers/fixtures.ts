/**
 * Builds users and orgs straight into the database for tests that need many of them (a sign-in
 * still goes through better-auth). Every user gets the same password hash, better-auth's own,
 * computed once by the caller: scrypt is deliberately slow.
 */
import type { Database } from '../../bff/db/database.js';
import { tablesOf } from '../../bff/db/handle.js';
import { newId } from '../../bff/ids.js';

export interface Fixtures {
  user(name?: string, options?: { password?: boolean; email?: string }): Promise<{ id: string; name: string; email: string }>;
  org(input: {
    name?: string;
    members: { userId: string; role: string }[];
    status?: 'active' | 'read_only' | 'pending_deletion';
    activeResources?: number;
    credits?: number;
    subscription?: 'active' | 'canceled';
  }): Promise<{ id: string; name: string }>;
}

export function fixtures(database: Pick<Database, 'writer'>, passwordHash: string): Fixtures {
  const db = database.writer.db;
  const t = tablesOf(db);
  let n = 0;
  const now = new Date();
  return {
    async user(name = `User ${++n}`, options = {}) {
      const id = newId('usr');
      const email = options.email ?? `${id.toLowerCase()}@example.test`;
      await db.insert(t.user).values({ id, name, email, emailVerified: true, createdAt: now, updatedAt: now });
      if (options.password !== false) {
        await db.insert(t.account).values({
          id: newId('acc'),
          accountId: id,
          providerId: 'credential',
          userId: id,
          password: passwordHash,
          createdAt: now,
          updatedAt: now,
        });
      }
      return { id, name, email };
    },
    async org(input) {
      const id = newId('org');
      const name = input.name ?? `Org ${++n}`;
      await database.writer.transaction(async (tx) => {
        await tx.insert(t.organization).values({
          id,
          name,
          slug: id.toLowerCase(),
          createdAt: now,
          status: input.status ?? 'active',
          ...(input.status === 'pending_deletion' ? { purgeAt: new Date(now.getTime() + 7 * 86400e3), deletionRequestedAt: now } : {}),
        });
        for (const m of input.members) {
          await tx.insert(t.member).values({ id: newId('mem'), organizationId: id, userId: m.userId, role: m.role, createdAt: now });
        }
        for (let i = 0; i < (input.activeResources ?? 0); i++) {
          await tx.insert(t.orgResource).values({ id: newId('res'), organizationId: id, kind: 'camera', name: `cam ${i}`, createdAt: now });
        }
        if (input.credits !== undefined) await tx.insert(t.orgCredits).values({ organizationId: id, balance: input.credits });
        if (input.subscription) {
          await tx.insert(t.orgSubscription).values({ organizationId: id, status: input.subscription, plan: 'Pro', renewsAt: now });
        }
      });
      return { id, name };
    },
  };
}
