/**
 * Property-based fuzz of the HTTP API (issue 18, "How it is proven"), with fast-check, against a
 * production start: random methods, paths (every route of the contract and of better-auth's, with
 * real, foreign and malformed ids), headers and bodies, sent as every kind of caller. For every
 * answer: never a 500, never a stack trace or a source path in a body, the spec's error shape on
 * our routes (and a JSON error on better-auth's); and no change to an org the caller may not change:
 * org B (no caller is in it) never changes, and org A changes only through its own members.
 *
 * The number of cases run is printed (`[security] fuzz: …`) and reported in docs/security.md.
 */
import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { createManagementToken } from '../../bff/management/tokens.js';
import { createApiKey } from '../../bff/orgs/api-keys.js';
import { errorCodes } from '../../shared/codes.js';
import { routes } from '../../shared/routes.js';
import type { UserClient } from '../helpers/auth-client.js';
import { startTarget, type Target } from './target.js';

const RUNS = Number(process.env.ODZ_FUZZ_RUNS ?? 500);

let target: Target;
let owner: UserClient;
let admin: UserClient;
let member: UserClient;
let outsider: UserClient;
let orgA: { id: string; name: string };
let orgB: { id: string; name: string };
let credentials: Record<Caller, Record<string, string>>;
let cases = 0;

type Caller = 'anonymous' | 'outsider' | 'apiKey' | 'managementToken' | 'impersonator' | 'member' | 'admin' | 'owner';
/** Callers that may not change org A (nor B); the others are A's members, who may change A only. */
const strangers: Caller[] = ['anonymous', 'outsider', 'apiKey', 'managementToken', 'impersonator'];
const members: Caller[] = ['member', 'admin', 'owner'];

beforeAll(async () => {
  target = await startTarget({ env: { SIGN_IN_RATE_LIMIT: '10' } });
  owner = await target.signUp('Fuzz Owner');
  admin = await target.signUp('Fuzz Admin');
  member = await target.signUp('Fuzz Member');
  outsider = await target.signUp('Fuzz Outsider');
  const bystander = await target.signUp('Fuzz Bystander');
  const platform = await target.signUp('Fuzz Platform');
  orgA = await target.org(owner, 'Fuzz Org A', [
    { user: admin, role: 'admin' },
    { user: member, role: 'member' },
  ]);
  orgB = await target.org(bystander, 'Fuzz Org B');
  await target.db.update(t.user).set({ role: 'admin' }).where(eq(t.user.id, platform.id));
  const impersonation = await target.request(target.servers[0]!, '/api/auth/admin/impersonate-user', { token: platform.token, json: { userId: owner.id } });
  const { key } = await createApiKey(target.db, { orgId: orgA.id, name: 'fuzz', createdBy: owner.id, now: new Date() });
  const { token: management } = await createManagementToken(target.db, { name: 'fuzz', scopes: [], now: new Date() });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  credentials = {
    anonymous: {},
    outsider: bearer(outsider.token),
    apiKey: { 'x-api-key': key },
    managementToken: bearer(management),
    impersonator: bearer(((await impersonation.json()) as { session: { token: string } }).session.token),
    member: bearer(member.token),
    admin: bearer(admin.token),
    owner: bearer(owner.token),
  };
});
afterAll(async () => {
  console.log(
    `[security] fuzz: ${cases} requests, none answered 500 or a stack, every error in the spec's shape, no org changed by a caller who may not change it`,
  );
  await target?.stop();
});

/** Everything of an org that a caller could change, as one hash. */
async function fingerprint(orgId: string): Promise<string> {
  const db = target.db;
  const rows = await Promise.all([
    db.select().from(t.organization).where(eq(t.organization.id, orgId)),
    db.select().from(t.member).where(eq(t.member.organizationId, orgId)).orderBy(asc(t.member.id)),
    db.select().from(t.invitation).where(eq(t.invitation.organizationId, orgId)).orderBy(asc(t.invitation.id)),
    db.select().from(t.orgApiKey).where(eq(t.orgApiKey.organizationId, orgId)).orderBy(asc(t.orgApiKey.id)),
    db.select().from(t.orgLegalHold).where(eq(t.orgLegalHold.organizationId, orgId)),
    db
      .select({ n: sql<number>`count(*)` })
      .from(t.deletionIntent)
      .where(eq(t.deletionIntent.organizationId, orgId)),
  ]);
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

const authPaths = [
  '/sign-in/email',
  '/sign-up/email',
  '/sign-out',
  '/get-session',
  '/list-sessions',
  '/revoke-session',
  '/update-user',
  '/change-password',
  '/change-email',
  '/verify-password',
  '/delete-user',
  '/organization/create',
  '/organization/update',
  '/organization/delete',
  '/organization/leave',
  '/organization/set-active',
  '/organization/list',
  '/organization/get-full-organization',
  '/organization/list-members',
  '/organization/invite-member',
  '/organization/accept-invitation',
  '/organization/cancel-invitation',
  '/organization/remove-member',
  '/organization/update-member-role',
  '/organization/check-slug',
  '/admin/list-user-sessions',
  '/admin/set-user-password',
  '/admin/impersonate-user',
  '/admin/stop-impersonating',
];

function pathArbitrary() {
  const id = fc.oneof(
    fc.constant(() => orgA.id),
    fc.constant(() => orgB.id),
    fc.constant(() => owner.id),
    fc.constant(() => member.id),
    fc.constantFrom('org_x', '%', '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', "'; drop table member; --", 'a'.repeat(300), '\u202Eevil', '0', '').map((v) => () => v),
    fc.string({ maxLength: 20 }).map((v) => () => encodeURIComponent(v)),
  );
  const ours = Object.values(routes).map((r) => r.path);
  const template = fc.oneof(
    fc.constantFrom(...ours),
    fc.constantFrom(...authPaths.map((p) => `/api/auth${p}`)),
    fc.constantFrom('/api/orgs', '/api/orgs/', '/api/v2/organizations', '/api', '/widget/../package.json', '/demo/', '/api/demo/reset'),
  );
  return fc.tuple(template, id, id, id).map(([path, a, b, c]) => {
    const values = [a, b, c];
    return path.replace(/:\w+/g, () => values.shift()!());
  });
}

const headerArbitrary = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      'multipart/form-data; boundary=x',
    ),
    origin: fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1', ''),
    'idempotency-key': fc.oneof(fc.string({ maxLength: 40 }), fc.constant('k'.repeat(300))),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage, ::1', '1.1.1.1, 2.2.2.2, 3.3.3.3'),
    cookie: fc.constantFrom('better-auth.session_token=forged.c2ln', 'a=b; better-auth.session_token="%"'),
    'sec-fetch-site': fc.constantFrom('cross-site', 'same-origin'),
  },
  { requiredKeys: [] },
);

const bodyArbitrary = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc
    .record(
      {
        organizationId: fc.constantFrom('A', 'B', 'x'),
        organizationSlug: fc.string({ maxLength: 30 }),
        name: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('x'.repeat(5000)), fc.constant('\u202Eevil')),
        slug: fc.string({ maxLength: 30 }),
        email: fc.constantFrom('a@example.test', 'not-an-email', ''),
        password: fc.string({ maxLength: 40 }),
        role: fc.constantFrom('owner', 'admin', 'member', 'root', ''),
        userId: fc.constantFrom('A', 'B', 'x'),
        memberIdOrEmail: fc.string({ maxLength: 30 }),
        invitationId: fc.string({ maxLength: 30 }),
        intentId: fc.string({ maxLength: 30 }),
        confirmName: fc.constantFrom('Fuzz Org A', 'Fuzz Org B', ''),
        acknowledgements: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
        successorUserId: fc.string({ maxLength: 20 }),
        reason: fc.string({ maxLength: 50 }),
        data: fc.dictionary(fc.constantFrom('name', 'slug', 'status', 'purgeAt', 'logo', 'metadata'), fc.jsonValue({ maxDepth: 1 })),
      },
      { requiredKeys: [] },
    )
    .map((b) => JSON.stringify(b).replaceAll('"A"', JSON.stringify(orgA.id)).replaceAll('"B"', JSON.stringify(orgB.id))),
);

const requestArbitrary = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
  path: pathArbitrary(),
  headers: headerArbitrary,
  body: bodyArbitrary,
});

const stack = /\n\s+at |node_modules\/|\.ts:\d+:\d+|\bTypeError\b|\bSqliteError\b|SQLITE_/;

type FuzzRequest = typeof requestArbitrary extends fc.Arbitrary<infer R> ? R : never;

async function send(caller: Caller, request: FuzzRequest) {
  const { method, path, headers, body } = request;
  const withBody = method !== 'GET' && method !== 'HEAD' && body !== undefined;
  const res = await fetch(`${target.servers[0]!.url}${path}`, {
    method,
    headers: { ...headers, ...credentials[caller] },
    ...(withBody ? { body } : {}),
  });
  cases++;
  const text = await res.text();
  const label = `${caller} ${method} ${path} ${JSON.stringify(headers)} ${body?.slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, label).not.toBe(500);
  if (res.status >= 500) expect(JSON.parse(text).error.code, label).toBe('database_busy');
  expect(stack.test(text), label).toBe(false);
  if (res.status >= 400 && method !== 'HEAD' && text !== '') {
    const json = JSON.parse(text) as { error?: { code?: unknown; message?: unknown }; message?: unknown; code?: unknown };
    if (path.startsWith('/api/auth/')) expect(typeof (json.error?.message ?? json.message), label).toBe('string');
    else expect([typeof json.error?.message, errorCodes.includes(json.error?.code as never)], label).toEqual(['string', true]);
  }
}

describe('the HTTP API, fuzzed as every caller', () => {
  for (const caller of strangers) {
    it(`${caller}: no 500, no stack, the spec's errors; neither org changes`, async () => {
      const [a, b] = [await fingerprint(orgA.id), await fingerprint(orgB.id)];
      await fc.assert(
        fc.asyncProperty(requestArbitrary, (request) => send(caller, request)),
        { numRuns: RUNS },
      );
      expect([await fingerprint(orgA.id), await fingerprint(orgB.id)]).toEqual([a, b]);
    });
  }

  for (const caller of members) {
    it(`${caller === 'owner' ? 'the owner' : caller === 'admin' ? 'an admin' : 'a member'} of org A: no 500, no stack, the spec's errors; org B never changes`, async () => {
      const b = await fingerprint(orgB.id);
      await fc.assert(
        fc.asyncProperty(requestArbitrary, (request) => send(caller, request)),
        { numRuns: RUNS },
      );
      expect(await fingerprint(orgB.id)).toBe(b);
    });
  }
});
