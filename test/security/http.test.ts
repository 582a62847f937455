/**
 * Hostile HTTP against a production start (no DEMO):
 * - 18.10: a cookie-authenticated write is CSRF-checked unless a bearer credential is what
 *   authenticates it (a `Basic` Authorization header used to skip the check, then the cookie was used);
 * - 18.11: `X-Content-Type-Options: nosniff` on every response, ours and better-auth's, errors too;
 * - 18.12: inputs that used to answer 500 answer 400 with the spec's body (better-auth's
 *   organization/update with only fields it does not accept; a malformed percent-encoding in a path);
 * - better-auth's endpoints take no body larger than ours do: a megabyte of JSON, each string
 *   within the per-string limit (or nested past where strings are looked at), was parsed and stored
 *   (an org's `metadata`), and anyone could send one to sign-up.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { TEST_PASSWORD, type UserClient } from '../helpers/auth-client.js';
import { startTarget, type Target } from './target.js';

let target: Target;
let owner: UserClient;
let member: UserClient;
let org: { id: string; name: string };

beforeAll(async () => {
  target = await startTarget();
  owner = await target.signUp('Header Owner');
  member = await target.signUp('Header Member');
  org = await target.org(owner, 'Header Org', [{ user: member, role: 'member' }]);
});
afterAll(async () => {
  await target?.stop();
});

const server = () => target.servers[0]!;
const raw = (path: string, init: RequestInit = {}) => fetch(`${server().url}${path}`, init);
const errorOf = async (res: Response) => ((await res.clone().json()) as { error?: { code?: string; message?: string } }).error;

async function cookieOf(user: UserClient): Promise<string> {
  const res = await raw('/api/auth/sign-in/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server().url },
    body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
}

describe('CSRF (18.10)', () => {
  it('a cross-site cookie write with a non-Bearer Authorization header is refused, and the member stays', async () => {
    const cookie = await cookieOf(member);
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Digest username="x"', 'bearer', 'Token abc']) {
      const res = await raw(`/api/orgs/${org.id}/leave`, {
        method: 'POST',
        headers: { cookie, authorization, origin: 'https://evil.example', 'content-type': 'application/json' },
        body: '{}',
      });
      expect([authorization, res.status, (await errorOf(res))?.code]).toEqual([authorization, 403, 'forbidden_origin']);
    }
    expect(await target.db.select().from(t.member).where(eq(t.member.userId, member.id))).toHaveLength(1);
  });

  it('a bearer token still authenticates a write from anywhere (it cannot be forged cross-site)', async () => {
    const res = await raw(`/api/orgs/${org.id}/deletion-intents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, origin: 'https://elsewhere.example' },
    });
    expect(res.status).toBe(201);
  });
});

describe('nosniff on every response (18.11)', () => {
  it('ours, better-auth’s, the widget’s, errors and not-found alike', async () => {
    const answers = [
      await target.request(server(), `/api/orgs/${org.id}/danger-zone`, { token: owner.token }),
      await target.request(server(), `/api/orgs/${org.id}/danger-zone`),
      await target.request(server(), '/api/auth/get-session', { token: owner.token }),
      await target.request(server(), '/api/auth/sign-in/email', { json: { email: 'nobody@example.test', password: 'x-x-x-x-x' } }),
      await target.request(server(), '/api/openapi.json'),
      await target.request(server(), '/widget/org-danger-zone.js'),
      await target.request(server(), '/no/such/path'),
      await target.request(server(), `/api/orgs/${org.id}/exports/members.csv`, { token: owner.token }),
    ];
    for (const res of answers) expect([res.url, res.headers.get('x-content-type-options')]).toEqual([res.url, 'nosniff']);
  });
});

describe('what used to answer 500 (18.12)', () => {
  it("better-auth's organization/update with only fields it does not accept: 400 with the spec's body", async () => {
    const res = await target.request(server(), '/api/auth/organization/update', {
      token: owner.token,
      json: { organizationId: org.id, data: { status: 'x', purgeAt: 1 } },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res))?.code).toBe('invalid_request');
    const [row] = await target.db.select({ status: t.organization.status }).from(t.organization).where(eq(t.organization.id, org.id));
    expect(row?.status).toBe('active');
  });

  it('a malformed percent-encoding in a path: 400 or 404 with the spec’s body, never a 500', async () => {
    for (const path of ['/api/demo/%', '/api/orgs/%E0%A4%A/danger-zone', '/widget/%zz.js', '/demo/%', '/api/%', '/api/auth/%']) {
      const res = await target.request(server(), path, { token: owner.token });
      expect([path, [400, 404].includes(res.status)]).toEqual([path, true]);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect([path, typeof body.error.code, typeof body.error.message]).toEqual([path, 'string', 'string']);
    }
  });
});

/**
 * What a client sees of an oversized body: 400 `invalid_request`, or (when the server answers and
 * closes before the client has finished sending) a connection closed under it. Never a 200.
 */
async function refusedOrCut(send: () => Promise<Response>): Promise<string> {
  try {
    const res = await send();
    return `${res.status} ${(await errorOf(res))?.code}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET' || cause?.code === 'EPIPE') return '400 invalid_request';
    throw error;
  }
}

describe("better-auth's request bodies are limited like ours", () => {
  const pad = Array.from({ length: 500 }, (_, i) => `${i}-${'x'.repeat(2000)}`);
  let deep: unknown = 'y'.repeat(100_000);
  for (let i = 0; i < 8; i++) deep = { deeper: deep };

  it('a 1 MB organization/create is refused with 400 and stores nothing', async () => {
    for (const [slug, metadata] of [
      [`padded-${Date.now()}`, { pad }],
      [`deep-${Date.now()}`, { deep }],
    ] as const) {
      const answer = await refusedOrCut(() =>
        target.request(server(), '/api/auth/organization/create', { token: owner.token, json: { name: 'Padded Org', slug, metadata } }),
      );
      expect([slug, answer]).toEqual([slug, '400 invalid_request']);
      const rows = await target.db.select({ id: t.organization.id }).from(t.organization).where(eq(t.organization.slug, slug));
      expect(rows).toEqual([]);
    }
  });

  it('an anonymous 1 MB sign-up is refused with 400 before better-auth reads it', async () => {
    const email = `padded-${Date.now()}@example.test`;
    const answer = await refusedOrCut(() =>
      target.request(server(), '/api/auth/sign-up/email', { json: { name: 'Padded', email, password: TEST_PASSWORD, pad } }),
    );
    expect(answer).toBe('400 invalid_request');
    expect(await target.db.select({ id: t.user.id }).from(t.user).where(eq(t.user.email, email))).toEqual([]);
  });

  it('a body without Content-Length (chunked) is cut off the same way', async () => {
    const body = new TextEncoder().encode(JSON.stringify({ name: 'Chunked', email: `chunked-${Date.now()}@example.test`, password: TEST_PASSWORD, pad }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 64 * 1024) controller.enqueue(body.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    const answer = await refusedOrCut(() =>
      fetch(`${server().url}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(answer).toBe('400 invalid_request');
    // The server is still there for everyone else.
    expect((await raw('/api/auth/get-session')).status).toBe(200);
  });
});
