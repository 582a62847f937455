/** SPEC 4.3: every row of the management API's table. */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { createManagementToken, revokeManagementToken } from '../../bff/management/tokens.js';
import { errorBody } from '../../shared/schemas.js';
import { errorCode, useTestBff } from '../helpers/bff.js';

const bff = useTestBff();
let ids: { users: Record<string, string>; orgs: Record<string, string> };
let deleter: string;

beforeAll(async () => {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
  deleter = (await createManagementToken(bff.database.writer.db, { name: 'ops', scopes: ['delete:organizations'], now: new Date() })).token;
});

const del = (orgId: string, token?: string) => bff.request(`/api/v2/organizations/${orgId}`, { method: 'DELETE', ...(token ? { token } : {}) });

describe('DELETE /api/v2/organizations/:orgId', () => {
  it('204: the org enters the grace window, audited and emailed; an owner may still cancel', async () => {
    const orgId = ids.orgs.acme!;
    const res = await del(orgId, deleter);
    expect(res.status).toBe(204);
    expect(res.headers.get('x-ratelimit-limit')).toBe('50');
    const [org] = await bff.database.writer.db.select().from(t.organization).where(eq(t.organization.id, orgId));
    expect(org?.status).toBe('pending_deletion');
    expect(org?.deletionRequestedBy).toBeNull();
    const [event] = await bff.database.writer.db.select().from(t.platformAuditLog).where(eq(t.platformAuditLog.organizationId, orgId));
    expect(event?.action).toBe('org.deletion_initiated');
    expect(event?.actorLabel).toMatch(/^management token "ops"/);
    const mail = (await (await bff.request('/api/demo/mailbox?to=adam@example.com')).json()) as { messages: { text: string }[] };
    expect(mail.messages[0]?.text).toContain('A platform operator (ops) scheduled');
    const olivia = await bff.signIn('olivia@example.com');
    expect((await bff.request(`/api/orgs/${orgId}/deletion`, { method: 'DELETE', token: olivia })).status).toBe(200);
  });

  it('400 invalid_uri for a malformed id', async () => {
    const res = await del('not%20valid', deleter);
    expect([res.status, await errorCode(res)]).toEqual([400, 'invalid_uri']);
  });

  it('401 invalid_token without a token, with a malformed, unknown or revoked one, or a user session', async () => {
    const { id, token: revoked } = await createManagementToken(bff.database.writer.db, { name: 'old', scopes: ['delete:organizations'], now: new Date() });
    await revokeManagementToken(bff.database.writer.db, id, new Date());
    const session = await bff.signIn('bill@example.com');
    for (const token of [undefined, 'garbage', 'odz_mgt_unknownunknownunknown', revoked, session]) {
      const res = await del(ids.orgs.solo!, token);
      expect([res.status, await errorCode(res)]).toEqual([401, 'invalid_token']);
    }
  });

  it('403 insufficient_scope with the exact message', async () => {
    const { token } = await createManagementToken(bff.database.writer.db, { name: 'reader', scopes: ['read:organizations'], now: new Date() });
    const res = await del(ids.orgs.solo!, token);
    expect(res.status).toBe(403);
    expect(errorBody.parse(await res.json()).error).toEqual({
      code: 'insufficient_scope',
      message: 'Insufficient scope; expected any of: delete:organizations.',
    });
  });

  it('404 for an org that does not exist', async () => {
    const res = await del('org_doesNotExist000000000', deleter);
    expect([res.status, await errorCode(res)]).toEqual([404, 'org_not_found']);
  });

  it('409 deletion_blocked with the reasons: active resources, read-only, already pending', async () => {
    for (const [key, reason] of [
      ['initech', 'has_active_resources'],
      ['umbrella', 'read_only'],
      ['wayne', 'already_pending'],
    ] as const) {
      const res = await del(ids.orgs[key]!, deleter);
      expect([res.status, await errorCode(res)]).toEqual([409, 'deletion_blocked']);
      expect(errorBody.parse(await res.json()).error.reasons?.map((r) => r.code)).toEqual([reason]);
    }
  });

  it('429 after 50 requests a token per minute, with every header; the window resets', async () => {
    const { token } = await createManagementToken(bff.database.writer.db, { name: 'busy', scopes: ['delete:organizations'], now: new Date() });
    for (let i = 1; i <= 50; i++) {
      const res = await del('org_doesNotExist000000000', token);
      expect(res.status).toBe(404);
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(50 - i));
    }
    const limited = await del('org_doesNotExist000000000', token);
    expect([limited.status, await errorCode(limited)]).toEqual([429, 'rate_limited']);
    for (const h of ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit-policy', 'ratelimit']) {
      expect(limited.headers.get(h), h).toBeTruthy();
    }
    expect(limited.headers.get('ratelimit-policy')).toBe('"management-api";q=50;w=60');
    bff.clock.advance(61_000);
    expect((await del('org_doesNotExist000000000', token)).status).toBe(404);
  });
});
