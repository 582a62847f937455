/** SPEC 4.5: the demo and QA endpoints, and their absence without DEMO=1. */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoOrgs, demoUsers } from '../../bff/demo/data-set.js';
import { createTestBff, errorCode, useTestBff } from '../helpers/bff.js';
import { scheduleDeletion } from '../helpers/deletion.js';

const bff = useTestBff();
let ids: { users: Record<string, string>; orgs: Record<string, string> };

beforeAll(async () => {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
});

const state = async (orgKey: string, token: string) =>
  (await (await bff.request(`/api/orgs/${ids.orgs[orgKey]}/danger-zone`, { token })).json()) as {
    org: { status: string };
    impact: { activeResources: number; creditsRemaining: number; subscription: { status: string } | null };
    actions: { delete: { allowed: boolean; reasons: { code: string }[]; warnings: { code: string }[] } };
  };

describe('the seeded data set', () => {
  it('has every user and org, and every user signs in with the demo password but the locked-out one', async () => {
    expect(Object.keys(ids.users).sort()).toEqual(demoUsers.map((u) => u.key).sort());
    expect(Object.keys(ids.orgs).sort()).toEqual(demoOrgs.map((o) => o.key).sort());
    for (const u of demoUsers) {
      const res = await bff.request('/api/auth/sign-in/email', { json: { email: u.email, password: 'danger-zone-demo' } });
      expect(res.status, u.email).toBe(u.key === 'lena' ? 423 : 200);
    }
  });

  it('covers every state: sole owner with members, alone, several owners, resources, read-only, billing, pending', async () => {
    const olivia = await bff.signIn('olivia@example.com');
    expect((await (await bff.request(`/api/orgs/${ids.orgs.acme}/danger-zone`, { token: olivia })).json()).actions.leave.reasons[0].code).toBe('sole_owner');
    const sam = await bff.signIn('sam@example.com');
    expect((await (await bff.request(`/api/orgs/${ids.orgs.solo}/danger-zone`, { token: sam })).json()).actions.leave.reasons[0].code).toBe('sole_member');
    const grace = await bff.signIn('grace@example.com');
    expect((await (await bff.request(`/api/orgs/${ids.orgs.globex}/danger-zone`, { token: grace })).json()).actions.leave.allowed).toBe(true);
    const rosa = await bff.signIn('rosa@example.com');
    expect((await state('initech', rosa)).actions.delete.reasons.map((r) => r.code)).toEqual(['has_active_resources']);
    const reed = await bff.signIn('reed@example.com');
    expect((await state('umbrella', reed)).actions.delete.reasons.map((r) => r.code)).toEqual(['read_only']);
    const bill = await bff.signIn('bill@example.com');
    expect((await state('stark', bill)).actions.delete.warnings.map((w) => w.code)).toEqual(['active_subscription', 'credits_remaining', 'other_members']);
    const penny = await bff.signIn('penny@example.com');
    expect((await state('wayne', penny)).org.status).toBe('pending_deletion');
  });
});

describe('QA controls', () => {
  it('moves the clock by advanceMs or to a date, and reads it', async () => {
    const before = new Date(((await (await bff.request('/api/demo/clock')).json()) as { now: string }).now).getTime();
    const moved = (await (await bff.request('/api/demo/clock', { json: { advanceMs: 86400e3 } })).json()) as { now: string };
    expect(new Date(moved.now).getTime() - before).toBeGreaterThanOrEqual(86400e3);
    const set = (await (await bff.request('/api/demo/clock', { json: { now: '2030-01-01T00:00:00.000Z' } })).json()) as { now: string };
    expect(set.now.slice(0, 16)).toBe('2030-01-01T00:00');
    const bad = await bff.request('/api/demo/clock', { json: { advanceMs: 'soon' } });
    expect([bad.status, await errorCode(bad)]).toEqual([400, 'invalid_request']);
    await bff.request('/api/demo/clock', { json: { now: new Date().toISOString() } });
  });

  it('adds and decommissions resources, sets read-only, subscription and credits, and creates API keys', async () => {
    const rosa = await bff.signIn('rosa@example.com');
    const orgId = ids.orgs.initech!;
    expect((await bff.request(`/api/demo/orgs/${orgId}/resources`, { json: { count: 2, kind: 'device' } })).status).toBe(201);
    expect((await state('initech', rosa)).impact.activeResources).toBe(5);
    expect(await (await bff.request(`/api/demo/orgs/${orgId}/resources`, { method: 'DELETE' })).json()).toEqual({ decommissioned: 5 });
    expect((await state('initech', rosa)).actions.delete.allowed).toBe(true);

    await bff.request(`/api/demo/orgs/${orgId}/status`, { json: { status: 'read_only' } });
    expect((await state('initech', rosa)).actions.delete.reasons.map((r) => r.code)).toEqual(['read_only']);
    await bff.request(`/api/demo/orgs/${orgId}/status`, { json: { status: 'active' } });

    await bff.request(`/api/demo/orgs/${orgId}/subscription`, { json: { status: 'active' } });
    await bff.request(`/api/demo/orgs/${orgId}/credits`, { json: { balance: 7 } });
    const s = await state('initech', rosa);
    expect([s.impact.subscription?.status, s.impact.creditsRemaining]).toEqual(['active', 7]);

    const keyRes = await bff.request(`/api/demo/orgs/${orgId}/api-keys`, { method: 'POST' });
    expect(keyRes.status).toBe(201);
    const { key } = (await keyRes.json()) as { key: string };
    expect(key).toMatch(/^odz_key_[A-Za-z0-9]{32}$/);
    expect((await bff.request(`/api/orgs/${orgId}`, { headers: { 'x-api-key': key } })).status).toBe(200);
  });

  it('shows the outbox in the mailbox, newest first, filtered by ?to=, and the platform audit log', async () => {
    const hank = await bff.signIn('hank@example.com');
    const res = await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members']);
    expect(res.status).toBe(202);
    const all = (await (await bff.request('/api/demo/mailbox')).json()) as { messages: { to: string; subject: string }[] };
    expect(all.messages.map((m) => m.to).sort()).toEqual(['hank@example.com', 'mia@example.com', 'nina@example.com']);
    const nina = (await (await bff.request('/api/demo/mailbox?to=nina@example.com')).json()) as { messages: { subject: string; text: string }[] };
    expect(nina.messages).toHaveLength(1);
    expect(nina.messages[0]!.subject).toContain('Hooli XYZ');
    expect(nina.messages[0]!.text).toContain('Hank Hooli');
    const audit = (await (await bff.request('/api/demo/platform-audit')).json()) as { events: { action: string; orgId: string; actor: string }[] };
    expect(audit.events[0]).toMatchObject({ action: 'org.deletion_initiated', orgId: ids.orgs.hooli, actor: 'Hank Hooli <hank@example.com>' });
  });

  it('reset wipes and re-seeds with new ids', async () => {
    const again = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
    expect(again.orgs.hooli).not.toBe(ids.orgs.hooli);
    expect(((await (await bff.request('/api/demo/mailbox')).json()) as { messages: unknown[] }).messages).toHaveLength(0);
    ids = again;
  });
});

describe('without DEMO=1', () => {
  it('every demo endpoint is 404', async () => {
    const prod = await createTestBff({ DEMO: false });
    try {
      for (const [method, path] of [
        ['POST', '/api/demo/reset'],
        ['GET', '/api/demo/clock'],
        ['POST', '/api/demo/clock'],
        ['POST', '/api/demo/purge'],
        ['GET', '/api/demo/mailbox'],
        ['GET', '/api/demo/platform-audit'],
        ['POST', '/api/demo/orgs/org_x/resources'],
        ['DELETE', '/api/demo/orgs/org_x/resources'],
        ['POST', '/api/demo/orgs/org_x/status'],
        ['POST', '/api/demo/orgs/org_x/subscription'],
        ['POST', '/api/demo/orgs/org_x/credits'],
        ['POST', '/api/demo/orgs/org_x/api-keys'],
      ] as const) {
        const res = await prod.request(path, { method, json: method === 'POST' ? {} : undefined });
        expect([res.status, await errorCode(res)], `${method} ${path}`).toEqual([404, 'not_found']);
      }
    } finally {
      await prod.dispose();
    }
  });
});
