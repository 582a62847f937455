/**
 * L2 under contention inside one BFF: the last two owners leave at the same moment, 100 times.
 * The owner check and the removal share one write transaction, so exactly one leave succeeds and
 * an owner always remains. (test/reliability repeats this across two BFF processes.)
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import * as t from '../../bff/db/tables.js';
import { isOwnerRole } from '../../bff/db/owner-role-sql.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import type { Fixtures } from '../helpers/fixtures.js';

const bff = useTestBff();
let make: Fixtures;

beforeAll(async () => {
  make = bff.make;
});

it('the last two owners leaving at once: exactly one succeeds and an owner remains, 100 of 100 times', async () => {
  const a = await make.user('Owner A');
  const b = await make.user('Owner B');
  const m = await make.user('Member');
  const [tokenA, tokenB] = await Promise.all([bff.signIn(a.email), bff.signIn(b.email)]);
  const outcomes = new Map<string, number>();
  for (let trial = 0; trial < 100; trial++) {
    const org = await make.org({
      members: [
        { userId: a.id, role: 'owner' },
        { userId: b.id, role: 'owner' },
        { userId: m.id, role: 'member' },
      ],
    });
    const results = await Promise.all([
      bff.request(`/api/orgs/${org.id}/leave`, { token: tokenA, json: {} }),
      bff.request(`/api/orgs/${org.id}/leave`, { token: tokenB, json: {} }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([204, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(await errorCode(refused)).toBe('sole_owner');
    const owners = await bff.database.writer.db
      .select()
      .from(t.member)
      .where(and(eq(t.member.organizationId, org.id), isOwnerRole(t.member.role)));
    expect(owners).toHaveLength(1);
    const key = results[0]!.status === 204 ? 'A left' : 'B left';
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }
  expect([...outcomes.values()].reduce((x, y) => x + y)).toBe(100);
});
