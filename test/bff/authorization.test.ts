/**
 * The authorization matrix: every kind of caller against every user endpoint, each cell on a
 * fresh org so one cell's effect (a member leaving) cannot change another's answer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCode, useTestBff } from '../helpers/bff.js';
import type { Fixtures } from '../helpers/fixtures.js';

const bff = useTestBff();
let make: Fixtures;
let users: Record<'owner' | 'admin' | 'member' | 'outsider' | 'otherOwner', { id: string; email: string }>;
let tokens: Record<keyof typeof users, string>;

beforeAll(async () => {
  make = bff.make;
  users = {
    owner: await make.user('Owner'),
    admin: await make.user('Admin'),
    member: await make.user('Member'),
    outsider: await make.user('Outsider'),
    otherOwner: await make.user('Other Owner'),
  };
  await make.org({
    members: [
      { userId: users.otherOwner.id, role: 'owner' },
      { userId: users.outsider.id, role: 'member' },
    ],
  });
  tokens = Object.fromEntries(await Promise.all(Object.entries(users).map(async ([k, u]) => [k, await bff.signIn(u.email)]))) as typeof tokens;
});

type Caller = keyof typeof users | 'anonymous' | 'apiKey' | 'otherApiKey' | 'managementToken';
type Endpoint = 'state' | 'leave' | 'intent' | 'confirm' | 'cancel' | 'read';

const endpoints: Record<Endpoint, (orgId: string) => { method: string; path: string; json?: unknown }> = {
  state: (id) => ({ method: 'GET', path: `/api/orgs/${id}/danger-zone` }),
  leave: (id) => ({ method: 'POST', path: `/api/orgs/${id}/leave`, json: {} }),
  intent: (id) => ({ method: 'POST', path: `/api/orgs/${id}/deletion-intents` }),
  confirm: (id) => ({ method: 'POST', path: `/api/orgs/${id}/deletion`, json: { intentId: 'int_none', confirmName: 'x', password: 'x' } }),
  cancel: (id) => ({ method: 'DELETE', path: `/api/orgs/${id}/deletion` }),
  read: (id) => ({ method: 'GET', path: `/api/orgs/${id}` }),
};

const sessionOnly = [403, 'user_session_required'] as const;
const expected: Record<Caller, Record<Endpoint, readonly [number, string | null]>> = {
  anonymous: {
    state: [401, 'unauthorized'],
    leave: [401, 'unauthorized'],
    intent: [401, 'unauthorized'],
    confirm: [401, 'unauthorized'],
    cancel: [401, 'unauthorized'],
    read: [401, 'unauthorized'],
  },
  outsider: {
    state: [404, 'org_not_found'],
    leave: [404, 'org_not_found'],
    intent: [404, 'org_not_found'],
    confirm: [404, 'org_not_found'],
    cancel: [404, 'org_not_found'],
    read: [404, 'org_not_found'],
  },
  otherOwner: {
    state: [404, 'org_not_found'],
    leave: [404, 'org_not_found'],
    intent: [404, 'org_not_found'],
    confirm: [404, 'org_not_found'],
    cancel: [404, 'org_not_found'],
    read: [404, 'org_not_found'],
  },
  member: { state: [200, null], leave: [204, null], intent: [403, 'not_owner'], confirm: [403, 'not_owner'], cancel: [403, 'not_owner'], read: [200, null] },
  admin: { state: [200, null], leave: [204, null], intent: [403, 'not_owner'], confirm: [403, 'not_owner'], cancel: [403, 'not_owner'], read: [200, null] },
  // The only owner, with members: may not leave; may start a deletion; the bogus intent is refused.
  owner: {
    state: [200, null],
    leave: [409, 'sole_owner'],
    intent: [201, null],
    confirm: [410, 'intent_expired'],
    cancel: [409, 'not_pending'],
    read: [200, null],
  },
  apiKey: { state: sessionOnly, leave: sessionOnly, intent: sessionOnly, confirm: sessionOnly, cancel: sessionOnly, read: [200, null] },
  otherApiKey: { state: sessionOnly, leave: sessionOnly, intent: sessionOnly, confirm: sessionOnly, cancel: sessionOnly, read: [404, 'org_not_found'] },
  managementToken: { state: sessionOnly, leave: sessionOnly, intent: sessionOnly, confirm: sessionOnly, cancel: sessionOnly, read: sessionOnly },
};

async function newApiKey(orgId: string) {
  const res = await bff.request(`/api/demo/orgs/${orgId}/api-keys`, { method: 'POST' });
  return ((await res.json()) as { key: string }).key;
}

describe('authorization matrix', () => {
  for (const [caller, row] of Object.entries(expected) as [Caller, Record<Endpoint, readonly [number, string | null]>][]) {
    for (const [endpoint, [status, code]] of Object.entries(row) as [Endpoint, readonly [number, string | null]][]) {
      it(`${caller} × ${endpoint} → ${status}${code ? ` ${code}` : ''}`, async () => {
        const org = await make.org({
          members: [
            { userId: users.owner.id, role: 'owner' },
            { userId: users.admin.id, role: 'admin' },
            { userId: users.member.id, role: 'member' },
          ],
        });
        const headers: Record<string, string> = {};
        let token: string | undefined;
        if (caller === 'apiKey') headers['x-api-key'] = await newApiKey(org.id);
        else if (caller === 'otherApiKey') {
          const other = await make.org({ members: [{ userId: users.otherOwner.id, role: 'owner' }] });
          headers['x-api-key'] = await newApiKey(other.id);
        } else if (caller === 'managementToken') token = 'odz_mgt_notARealTokenButShapedLikeOne';
        else if (caller !== 'anonymous') token = tokens[caller];
        const { method, path, json } = endpoints[endpoint](org.id);
        const res = await bff.request(path, { method, token, json, headers });
        expect([res.status, await errorCode(res)]).toEqual([status, code]);
      });
    }
  }

  it('a malformed org id is 400 invalid_uri on every endpoint', async () => {
    for (const endpoint of Object.values(endpoints)) {
      for (const bad of ['org%20x', `org_${'x'.repeat(80)}`, "o'r", 'org%00']) {
        const { method, path, json } = endpoint(bad);
        const res = await bff.request(path, { method, token: tokens.owner, json });
        expect([res.status, await errorCode(res)]).toEqual([400, 'invalid_uri']);
      }
    }
  });

  it('an invalid API key is 401; an unknown session token is 401', async () => {
    const org = await make.org({ members: [{ userId: users.owner.id, role: 'owner' }] });
    const r1 = await bff.request(`/api/orgs/${org.id}`, { headers: { 'x-api-key': 'odz_key_wrong' } });
    expect([r1.status, await errorCode(r1)]).toEqual([401, 'unauthorized']);
    const r2 = await bff.request(`/api/orgs/${org.id}`, { token: 'not-a-session' });
    expect([r2.status, await errorCode(r2)]).toEqual([401, 'unauthorized']);
  });

  it('GET /api/orgs/:orgId answers {id, name, slug, status} to a member and to the org API key', async () => {
    const org = await make.org({ name: 'Readable', members: [{ userId: users.member.id, role: 'member' }] });
    const viaSession = await (await bff.request(`/api/orgs/${org.id}`, { token: tokens.member })).json();
    const viaKey = await (await bff.request(`/api/orgs/${org.id}`, { headers: { 'x-api-key': await newApiKey(org.id) } })).json();
    expect(viaSession).toEqual({ id: org.id, name: 'Readable', slug: org.id.toLowerCase(), status: 'active' });
    expect(viaKey).toEqual(viaSession);
  });
});
