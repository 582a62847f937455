/** E1: both CSV exports through the endpoint: who may, what they contain, and the audit. */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { parseCsv } from '../helpers/csv.js';
import type { Fixtures } from '../helpers/fixtures.js';

const bff = useTestBff();
let make: Fixtures;
beforeAll(async () => {
  make = bff.make;
});

it('members.csv: header row, hostile names quoted and neutralized, streamed as text/csv, audited', async () => {
  const owner = await make.user('Owner, "The Boss"');
  const evil = await make.user('=HYPERLINK("http://evil.example","click")');
  const multi = await make.user('Line one\nLine two');
  const org = await make.org({
    name: 'Exports',
    members: [
      { userId: owner.id, role: 'owner' },
      { userId: evil.id, role: 'member' },
      { userId: multi.id, role: 'admin' },
    ],
  });
  const res = await bff.request(`/api/orgs/${org.id}/exports/members.csv`, { token: await bff.signIn(owner.email) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z0-9_-]+-members-\d{4}-\d{2}-\d{2}\.csv"$/i);
  const rows = parseCsv(await res.text());
  expect(rows[0]).toEqual(['user_id', 'name', 'email', 'role', 'joined_at_utc']);
  const names = rows.slice(1).map((r) => r[1]);
  expect(names).toEqual(expect.arrayContaining(['Owner, "The Boss"', `'=HYPERLINK("http://evil.example","click")`, 'Line one\nLine two']));
  expect(
    rows
      .slice(1)
      .map((r) => r[3])
      .sort(),
  ).toEqual(['admin', 'member', 'owner']);

  const audit = await bff.database.writer.db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, org.id));
  expect(audit.map((a) => [a.action, a.targetId])).toEqual([['org.export_downloaded', 'members']]);
});

it('audit-log.csv: every entry in order, across pages, for an admin', async () => {
  const owner = await make.user();
  const admin = await make.user();
  const org = await make.org({
    members: [
      { userId: owner.id, role: 'owner' },
      { userId: admin.id, role: 'admin' },
    ],
  });
  const now = new Date();
  await bff.database.writer.transaction(async (tx) => {
    for (let i = 0; i < 1203; i++) {
      await tx.insert(t.orgAuditLog).values({
        organizationId: org.id,
        at: now,
        action: 'member.left',
        targetType: 'user',
        targetId: `u${i}`,
        outcome: 'success',
        details: JSON.stringify({ n: i, note: '-1, "x"' }),
      });
    }
  });
  const res = await bff.request(`/api/orgs/${org.id}/exports/audit-log.csv`, { token: await bff.signIn(admin.email) });
  expect(res.status).toBe(200);
  const rows = parseCsv(await res.text());
  expect(rows[0]?.[0]).toBe('time_utc');
  // The header, the 1,203 entries, and this download's own audit entry, written before it streams.
  expect(rows).toHaveLength(1 + 1203 + 1);
  expect(rows.slice(1, -1).map((r) => r[7])).toEqual(Array.from({ length: 1203 }, (_, i) => `u${i}`));
  expect(rows.at(-1)?.[1]).toBe('org.export_downloaded');
  expect(JSON.parse(rows[1]![10]!)).toEqual({ n: 0, note: '-1, "x"' });
});

it('403 not_admin for a member; the owner may export while pending', async () => {
  const owner = await make.user();
  const member = await make.user();
  const org = await make.org({
    members: [
      { userId: owner.id, role: 'owner' },
      { userId: member.id, role: 'member' },
    ],
  });
  for (const file of ['members.csv', 'audit-log.csv']) {
    const res = await bff.request(`/api/orgs/${org.id}/exports/${file}`, { token: await bff.signIn(member.email) });
    expect([res.status, await errorCode(res)]).toEqual([403, 'not_admin']);
  }
  const pending = await make.org({ status: 'pending_deletion', members: [{ userId: owner.id, role: 'owner' }] });
  expect((await bff.request(`/api/orgs/${pending.id}/exports/members.csv`, { token: await bff.signIn(owner.email) })).status).toBe(200);
});
