/**
 * `Idempotency-Key` on the destructive endpoints (issue 14): a retry with the same key and body
 * gets the first answer replayed, a different body 422, a retry while the first is in flight 409;
 * answers that say "try later" are not kept. Keys live in the database (the reliability suite
 * replays through another process).
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { requestFingerprint } from '../../bff/http/idempotency.js';
import { claimKey } from '../../bff/idempotency/store.js';
import { createManagementToken } from '../../bff/management/tokens.js';
import { DEMO_PASSWORD } from '../../bff/demo/data-set.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { createIntent } from '../helpers/deletion.js';

const bff = useTestBff();
let ids: { users: Record<string, string>; orgs: Record<string, string> };
beforeEach(async () => {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
});

const audit = async (orgId: string, action: string) =>
  (await bff.database.reader.db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, orgId))).filter((e) => e.action === action);

describe('Idempotency-Key', () => {
  it('a retried confirmation replays the first 202 (Idempotent-Replayed), and the deletion happened once', async () => {
    const hank = await bff.signIn('hank@example.com');
    const orgId = ids.orgs.hooli!;
    const { intent } = await createIntent(bff, orgId, hank);
    bff.clock.advance(10_000);
    const body = { intentId: intent!.intentId, confirmName: 'Hooli XYZ', password: DEMO_PASSWORD, acknowledgements: ['other_members'] };
    const send = (json: unknown, key = 'confirm-1') => bff.request(`/api/orgs/${orgId}/deletion`, { token: hank, json, headers: { 'idempotency-key': key } });
    const first = await send(body);
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retry = await send(body);
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(await first.json());
    expect(retry.headers.get('x-ratelimit-limit')).toBe(first.headers.get('x-ratelimit-limit'));
    expect(await audit(orgId, 'org.deletion_initiated')).toHaveLength(1);
    // The same key for a different body: 422, nothing happens.
    const other = await send({ ...body, confirmName: 'Hooli' });
    expect([other.status, await errorCode(other)]).toEqual([422, 'idempotency_key_reused']);
    // Without a key, the retry runs again (and is refused: the intent was used).
    const plain = await bff.request(`/api/orgs/${orgId}/deletion`, { token: hank, json: body });
    expect([plain.status, await errorCode(plain)]).toEqual([409, 'already_pending']);
  });

  it('a member whose leave went through retries it: the first 204 is replayed, not 404 for a non-member', async () => {
    const mia = await bff.signIn('mia@example.com');
    const path = `/api/orgs/${ids.orgs.globex}/leave`;
    const leave = (key: string) => bff.request(path, { token: mia, json: {}, headers: { 'idempotency-key': key } });
    expect((await leave('left-once')).status).toBe(204);
    const retry = await leave('left-once');
    expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([204, 'true']);
    expect(await audit(ids.orgs.globex!, 'member.left')).toHaveLength(1);
    // A new request (a new key) is judged by the org's rules: Mia is no longer a member.
    const fresh = await leave('left-twice');
    expect([fresh.status, await errorCode(fresh)]).toEqual([404, 'org_not_found']);
    // Another user cannot use Mia's key to read her answer: keys are per caller.
    const adam = await bff.signIn('adam@example.com');
    const stranger = await bff.request(path, { token: adam, json: {}, headers: { 'idempotency-key': 'left-once' } });
    expect(stranger.headers.get('idempotent-replayed')).toBeNull();
    // Without a session, no key is looked at: 401.
    const anonymous = await bff.request(path, { json: {}, headers: { 'idempotency-key': 'left-once' } });
    expect([anonymous.status, await errorCode(anonymous)]).toEqual([401, 'unauthorized']);
  });

  it('a refusal is an answer too: replayed; but 425 and 429 are not kept, so the retry runs again', async () => {
    const olivia = await bff.signIn('olivia@example.com');
    const leave = () => bff.request(`/api/orgs/${ids.orgs.acme}/leave`, { token: olivia, json: {}, headers: { 'idempotency-key': 'leave-1' } });
    const first = await leave();
    expect([first.status, await errorCode(first)]).toEqual([409, 'sole_owner']);
    const again = await leave();
    expect([again.status, await errorCode(again), again.headers.get('idempotent-replayed')]).toEqual([409, 'sole_owner', 'true']);

    const hank = await bff.signIn('hank@example.com');
    const { intent } = await createIntent(bff, ids.orgs.hooli!, hank);
    const body = { intentId: intent!.intentId, confirmName: 'Hooli XYZ', password: DEMO_PASSWORD, acknowledgements: ['other_members'] };
    const confirm = () => bff.request(`/api/orgs/${ids.orgs.hooli}/deletion`, { token: hank, json: body, headers: { 'idempotency-key': 'too-early' } });
    expect((await confirm()).status).toBe(425);
    bff.clock.advance(10_000);
    const later = await confirm();
    expect([later.status, later.headers.get('idempotent-replayed')]).toEqual([202, null]);
  });

  it('while the first request with the key is in flight (in any process), a retry gets 409; an abandoned one is taken over', async () => {
    const mia = await bff.signIn('mia@example.com');
    const path = `/api/orgs/${ids.orgs.globex}/leave`;
    const scope = `user:${ids.users.mia}`;
    // The first attempt, as another process would have left it while still working on it.
    const fingerprint = requestFingerprint('POST', path, '{}');
    expect(await claimKey(bff.database.writer.db, scope, 'leave-2', fingerprint, Date.now())).toEqual({ kind: 'proceed' });
    const retry = await bff.request(path, { token: mia, json: {}, headers: { 'idempotency-key': 'leave-2' } });
    expect([retry.status, await errorCode(retry), retry.headers.get('retry-after')]).toEqual([409, 'idempotency_key_in_use', '1']);
    // One that never answered within a minute (its process died) is taken over by the retry.
    expect(await claimKey(bff.database.writer.db, scope, 'leave-3', fingerprint, Date.now() - 61_000)).toEqual({ kind: 'proceed' });
    const takeover = await bff.request(path, { token: mia, json: {}, headers: { 'idempotency-key': 'leave-3' } });
    expect(takeover.status).toBe(204);
  });

  it('keys are per caller, must be visible ASCII, and the management API honours them', async () => {
    const adam = await bff.signIn('adam@example.com');
    const mia = await bff.signIn('mia@example.com');
    const leave = (token: string) => bff.request(`/api/orgs/${ids.orgs.globex}/leave`, { token, json: {}, headers: { 'idempotency-key': 'same-key' } });
    expect((await leave(adam)).status).toBe(204);
    const miaLeaves = await leave(mia);
    expect([miaLeaves.status, miaLeaves.headers.get('idempotent-replayed')]).toEqual([204, null]);
    const bad = await bff.request(`/api/orgs/${ids.orgs.stark}/leave`, { token: mia, json: {}, headers: { 'idempotency-key': 'bad key' } });
    expect([bad.status, await errorCode(bad)]).toEqual([400, 'invalid_request']);

    const { token } = await createManagementToken(bff.database.writer.db, { name: 'ops', scopes: ['delete:organizations'], now: new Date() });
    const del = () => bff.request(`/api/v2/organizations/${ids.orgs.solo}`, { method: 'DELETE', token, headers: { 'idempotency-key': 'mgmt-1' } });
    expect((await del()).status).toBe(204);
    const replay = await del();
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([204, 'true']);
  });
});
