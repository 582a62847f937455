/**
 * L2 under contention inside one BFF: the last two owners leave at the same moment, 100 times.
 * The owner check and the removal share one write transaction, so exactly one leave succeeds and
 * an owner always remains. (test/reliability repeats this across two BFF processes.)
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { isOwnerRole } from '../../bff/db/owner-role-sql.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { confirmDeletion, createIntent } from '../helpers/deletion.js';
import { createManagementToken } from '../../bff/management/tokens.js';
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

it('one intent confirmed twice at the same moment: one 202, the other refused; one email per member, one audit entry, 20 of 20 times', async () => {
  const owner = await make.user('Twice Owner');
  const member = await make.user('Twice Member');
  const token = await bff.signIn(owner.email);
  for (let trial = 0; trial < 20; trial++) {
    const org = await make.org({
      name: `Twice ${trial}`,
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: member.id, role: 'member' },
      ],
    });
    const { intent } = await createIntent(bff, org.id, token);
    bff.clock.advance(bff.settings.cooldownSeconds * 1000);
    const body = { intentId: intent!.intentId, confirmName: org.name, acknowledgements: ['other_members'] };
    const results = await Promise.all([confirmDeletion(bff, org.id, token, body), confirmDeletion(bff, org.id, token, body)]);
    // The second reads, under the org's lock, what the first committed: the org pending (or the intent used).
    const answers = await Promise.all(results.map(async (r) => `${r.status} ${await errorCode(r)}`));
    expect(answers.filter((a) => a === '202 null')).toHaveLength(1);
    expect(answers.filter((a) => a !== '202 null')).toEqual([expect.stringMatching(/^(409 already_pending|410 intent_expired)$/)]);
    const mails = await bff.database.writer.db
      .select()
      .from(t.outbox)
      .where(and(eq(t.outbox.organizationId, org.id), eq(t.outbox.event, 'org.deletion_initiated')));
    expect(mails.map((m) => m.toEmail).sort()).toEqual([owner.email, member.email].sort());
    const audits = await bff.database.writer.db
      .select()
      .from(t.orgAuditLog)
      .where(and(eq(t.orgAuditLog.organizationId, org.id), eq(t.orgAuditLog.action, 'org.deletion_initiated')));
    expect(audits).toHaveLength(1);
  }
});

it('an org scheduled for deletion twice at the same moment (the management API): one 204, one 409 (already pending); one email per member, 20 of 20 times', async () => {
  // No password to check here, so nothing else holds the two requests apart: only the transaction's lock.
  const { token } = await createManagementToken(bff.database.writer.db, { name: 'twice', scopes: ['delete:organizations'], now: new Date() });
  const owner = await make.user('Ops Owner');
  const member = await make.user('Ops Member');
  for (let trial = 0; trial < 20; trial++) {
    const org = await make.org({
      name: `Ops ${trial}`,
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: member.id, role: 'member' },
      ],
    });
    const results = await Promise.all([1, 2].map(() => bff.request(`/api/v2/organizations/${org.id}`, { method: 'DELETE', token })));
    expect((await Promise.all(results.map(async (r) => `${r.status} ${await errorCode(r)}`))).sort()).toEqual(['204 null', '409 deletion_blocked']);
    const mails = await bff.database.writer.db
      .select()
      .from(t.outbox)
      .where(and(eq(t.outbox.organizationId, org.id), eq(t.outbox.event, 'org.deletion_initiated')));
    expect(mails.map((m) => m.toEmail).sort()).toEqual([owner.email, member.email].sort());
  }
});
