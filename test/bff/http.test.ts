/** Cookie sessions and CSRF, CORS, audit entry fields, and configuration errors. */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { hc, type InferResponseType } from 'hono/client';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { parseEnv } from '../../bff/config.js';
import { createApp } from '../../bff/app.js';
import { clockWithOffset, systemClock } from '../../bff/clock.js';
import { errorCode, TEST_BASE_URL, useTestBff } from '../helpers/bff.js';
import { createIntent } from '../helpers/deletion.js';
import type { Fixtures } from '../helpers/fixtures.js';
import type {
  DangerZoneState,
  DeletionCancelledResponse,
  DeletionIntentResponse,
  DeletionScheduledResponse,
  LegalHoldResponse,
  OrgSummary,
} from '../../shared/schemas.js';

// Two trusted proxies in front (the socket's peer and 10.0.0.1): the audit reads the address the outer one saw.
const bff = useTestBff({ TRUST_PROXY: 2 });
let make: Fixtures;

beforeAll(async () => {
  make = bff.make;
});

async function cookieOf(email: string) {
  const res = await bff.request('/api/auth/sign-in/email', { json: { email, password: 'danger-zone-demo' } });
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

async function twoMembers() {
  const owner = await make.user();
  const m = await make.user();
  const org = await make.org({
    members: [
      { userId: owner.id, role: 'owner' },
      { userId: m.id, role: 'member' },
    ],
  });
  return { org, member: m, cookie: await cookieOf(m.email) };
}

describe('cookie sessions and CSRF', () => {
  it('reads the state with the better-auth session cookie', async () => {
    const { org, cookie } = await twoMembers();
    const res = await bff.request(`/api/orgs/${org.id}/danger-zone`, { headers: { cookie } });
    expect(res.status).toBe(200);
  });

  it('refuses a cookie write from a disallowed Origin, or marked Sec-Fetch-Site: cross-site (403, nothing changes)', async () => {
    const { org, member, cookie } = await twoMembers();
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
    ]) {
      const res = await bff.request(`/api/orgs/${org.id}/leave`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: '{}',
      });
      expect([res.status, await errorCode(res)]).toEqual([403, 'forbidden_origin']);
    }
    const [row] = await bff.database.writer.db.select().from(t.member).where(eq(t.member.userId, member.id));
    expect(row).toBeDefined();
  });

  it('guards every write route, mounted at the root or under a host prefix (403, nothing changes)', async () => {
    const { org, member, cookie } = await twoMembers();
    const host = new Hono().route('/dz', bff.app);
    const writes: [method: string, path: string][] = [
      ['POST', `/api/orgs/${org.id}/leave`],
      ['POST', `/api/orgs/${org.id}/deletion-intents`],
      ['POST', `/api/orgs/${org.id}/deletion`],
      ['DELETE', `/api/orgs/${org.id}/deletion`],
      ['POST', `/api/orgs/${org.id}/members/${member.id}/role`],
    ];
    for (const [method, path] of writes) {
      const init = { method, headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' }, body: method === 'DELETE' ? null : '{}' };
      for (const res of [await bff.app.request(path, init), await host.request(`/dz${path}`, init)]) {
        expect([method, path, res.status, await errorCode(res)]).toEqual([method, path, 403, 'forbidden_origin']);
      }
    }
    const [row] = await bff.database.writer.db.select().from(t.member).where(eq(t.member.userId, member.id));
    expect(row?.role).toBe('member');
  });

  it('accepts a cookie write from its own origin and from a trusted origin', async () => {
    const a = await twoMembers();
    const own = await bff.request(`/api/orgs/${a.org.id}/leave`, {
      headers: { cookie: a.cookie, origin: TEST_BASE_URL, 'sec-fetch-site': 'same-origin' },
      json: {},
    });
    expect(own.status).toBe(204);
    const b = await twoMembers();
    const trusted = await bff.request(`/api/orgs/${b.org.id}/leave`, {
      headers: { cookie: b.cookie, origin: 'http://host.test', 'sec-fetch-site': 'cross-site' },
      json: {},
    });
    expect(trusted.status).toBe(204);
  });

  it('CORS: a trusted origin gets credentials and the rate-limit headers exposed; another origin gets nothing', async () => {
    const preflight = (origin: string) =>
      bff.request('/api/orgs/org_x/deletion', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const ok = await preflight('http://host.test');
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://host.test');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const get = await bff.request('/api/orgs/org_x', { headers: { origin: 'http://host.test' } });
    expect(get.headers.get('access-control-expose-headers')).toContain('X-RateLimit-Remaining');
    expect(get.headers.get('access-control-allow-origin')).not.toBe('*');
  });
});

describe('audit entries', () => {
  it('record actor, action, target, outcome, IP, user agent and UTC time, never the password or token', async () => {
    const owner = await make.user('Audited Owner');
    const org = await make.org({ name: 'Audited', members: [{ userId: owner.id, role: 'owner' }] });
    const token = await bff.signIn(owner.email);
    const headers = { 'x-forwarded-for': '203.0.113.7, 10.0.0.1', 'user-agent': 'AuditTest/1.0' };
    const { intent } = await createIntent(bff, org.id, token);
    bff.clock.advance(10_000);
    const secretPassword = 'wrong-password-canary-81723';
    await bff.request(`/api/orgs/${org.id}/deletion`, {
      token,
      headers,
      json: { intentId: intent!.intentId, confirmName: 'Audited', password: secretPassword, acknowledgements: [] },
    });
    const ok = await bff.request(`/api/orgs/${org.id}/deletion`, {
      token,
      headers,
      json: { intentId: intent!.intentId, confirmName: 'Audited', password: 'danger-zone-demo', acknowledgements: [] },
    });
    expect(ok.status).toBe(202);
    const rows = await bff.database.writer.db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, org.id));
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ['org.deletion_confirmation_failed', 'failure'],
      ['org.deletion_initiated', 'success'],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({
        actorUserId: owner.id,
        actorLabel: `Audited Owner <${owner.email}>`,
        impersonatorUserId: null,
        targetType: 'organization',
        targetId: org.id,
        ip: '203.0.113.7',
        userAgent: 'AuditTest/1.0',
      });
      expect(Math.abs(row.at.getTime() - bff.clock.now().getTime())).toBeLessThan(5000);
    }
    const everything = JSON.stringify([
      rows,
      await bff.database.writer.db.select().from(t.platformAuditLog),
      await bff.database.writer.db.select().from(t.outbox),
    ]);
    expect(everything).not.toContain(secretPassword);
    expect(everything).not.toContain('danger-zone-demo');
    expect(everything).not.toContain(token);
  });
});

describe('configuration', () => {
  it('refuses to start without a secret outside the demo, and names each bad variable', () => {
    expect(() => parseEnv({})).toThrow(/BETTER_AUTH_SECRET: is required/);
    expect(() => parseEnv({ DEMO: '1', PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT:[\s\S]*DATABASE_URL: must be a libSQL URL/);
    expect(() => parseEnv({ DEMO: '1', TRUSTED_ORIGINS: 'not a url' })).toThrow(/TRUSTED_ORIGINS/);
    const env = parseEnv({ DEMO: '1' });
    expect([env.HOST, env.PORT, env.DATABASE_URL, env.DELETION_GRACE_DAYS, env.CLOCK_OFFSET]).toEqual([
      '127.0.0.1',
      8787,
      'file:data/org-danger-zone.db',
      7,
      0,
    ]);
  });

  it('a fractional grace window is refused, in the environment and in code, pointing at the clock offset (issue 19)', () => {
    expect(() => parseEnv({ DEMO: '1', DELETION_GRACE_DAYS: '0.5' })).toThrow(
      /DELETION_GRACE_DAYS: must be a whole number of days \(to test the grace window, set CLOCK_OFFSET instead\)/,
    );
    expect(() => createApp({ database: bff.database, auth: bff.auth, settings: { graceDays: 0.5 } })).toThrow(
      /settings\.graceDays must be a whole number of days, at least 1 \(got 0\.5\)[\s\S]*new AdjustableClock\(\{ offsetMs \}\)/,
    );
    expect(() => createApp({ database: bff.database, auth: bff.auth, settings: { cooldownSeconds: 2.5 } })).toThrow(/settings\.cooldownSeconds/);
  });

  it("CLOCK_OFFSET moves a command's clock: a signed number with a unit, anything else refused by name", () => {
    expect(['8d', '-2h', '90m', '1.5d', '250ms', '+30s'].map((v) => parseEnv({ DEMO: '1', CLOCK_OFFSET: v }).CLOCK_OFFSET)).toEqual([
      8 * 86_400_000,
      -2 * 3_600_000,
      90 * 60_000,
      1.5 * 86_400_000,
      250,
      30_000,
    ]);
    for (const bad of ['8 days', 'soon', '8', 'd'])
      expect(() => parseEnv({ DEMO: '1', CLOCK_OFFSET: bad })).toThrow(/CLOCK_OFFSET: must be a signed number with a unit/);
    const warnings: string[] = [];
    const ahead = clockWithOffset(8 * 86_400_000, (line) => warnings.push(line));
    expect(ahead.now().getTime() - Date.now()).toBeGreaterThan(8 * 86_400_000 - 1000);
    expect(warnings).toEqual([expect.stringMatching(/clock runs 192 hours ahead of real time/)]);
    expect(clockWithOffset(0)).toBe(systemClock);
  });
});

describe('the widget bundle', () => {
  it('is served at /widget/org-danger-zone.js with an ETag; unknown files are 404', async () => {
    const res = await bff.request('/widget/org-danger-zone.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const body = await res.text();
    expect(body).toContain('org-danger-zone');
    const again = await bff.request('/widget/org-danger-zone.js', { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await bff.request('/widget/../package.json')).status).toBe(404);
    expect((await bff.request('/widget/secrets.js')).status).toBe(404);
  });
});

describe('401 answers name the scheme (RFC 6750)', () => {
  it('a missing or unknown session says `Bearer`; a bad management token says `error="invalid_token"`', async () => {
    const { org } = await twoMembers();
    for (const token of [undefined, 'not-a-session']) {
      const res = await bff.request(`/api/orgs/${org.id}/danger-zone`, token ? { token } : {});
      expect([res.status, await errorCode(res)]).toEqual([401, 'unauthorized']);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="org-danger-zone"');
    }
    const mgmt = await bff.request(`/api/v2/organizations/${org.id}`, { method: 'DELETE', token: 'odz_mgt_nope' });
    expect([mgmt.status, await errorCode(mgmt)]).toEqual([401, 'invalid_token']);
    expect(mgmt.headers.get('www-authenticate')).toBe('Bearer realm="org-danger-zone", error="invalid_token"');
    // Not on other statuses.
    const other = await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: await bff.signIn((await make.user()).email) });
    expect(other.status).toBe(404);
    expect(other.headers.get('www-authenticate')).toBeNull();
  });
});

describe('the routes keep their types for hc<typeof app>', () => {
  it('a typed client calls the state and leave endpoints', async () => {
    const { org, member } = await twoMembers();
    const token = await bff.signIn(member.email);
    const client = hc<typeof bff.app>(TEST_BASE_URL, {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(bff.app.request(input instanceof Request ? input : String(input), init)),
      headers: { authorization: `Bearer ${token}` },
    });
    // @ts-expect-error the origin guard is a middleware, not a route a client can call
    expect(client.api.orgs['*']).toBeDefined(); // (hc's proxy answers any key at run time)
    const state = await client.api.orgs[':orgId']['danger-zone'].$get({ param: { orgId: org.id } });
    expect(state.status).toBe(200);
    // Typed answers (issue 19): the contract's success bodies, and no zod failure body of the validators.
    const body = await state.json();
    expectTypeOf(body).toEqualTypeOf<DangerZoneState>();
    expect(body.viewer.role).toBe('member');
    type Answers<Route> = Route extends (...args: never[]) => Promise<infer R> ? R : never;
    expectTypeOf<Extract<Answers<(typeof client.api.orgs)[':orgId']['danger-zone']['$get']>, { status: 400 }>>().toBeNever();
    expectTypeOf<InferResponseType<(typeof client.api.orgs)[':orgId']['deletion-intents']['$post']>>().toEqualTypeOf<DeletionIntentResponse>();
    expectTypeOf<InferResponseType<(typeof client.api.orgs)[':orgId']['deletion']['$post']>>().toEqualTypeOf<DeletionScheduledResponse>();
    expectTypeOf<InferResponseType<(typeof client.api.orgs)[':orgId']['deletion']['$delete']>>().toEqualTypeOf<DeletionCancelledResponse>();
    expectTypeOf<InferResponseType<(typeof client.api.orgs)[':orgId']['$get']>>().toEqualTypeOf<OrgSummary>();
    expectTypeOf<InferResponseType<(typeof client.api.v2.organizations)[':orgId']['legal-hold']['$put']>>().toEqualTypeOf<LegalHoldResponse>();
    const left = await client.api.orgs[':orgId'].leave.$post({ param: { orgId: org.id }, json: {} });
    expect(left.status).toBe(204);
    const malformed = await client.api.orgs[':orgId'].leave.$post({ param: { orgId: 'not*an*id' }, json: {} });
    expect([malformed.status, await errorCode(malformed as unknown as Response)]).toEqual([400, 'invalid_uri']);
  });
});
