/**
 * Step-up for every owner (D4, issue 21, part 2), in a host whose better-auth has the two-factor and
 * email-OTP plugins: the state says which methods the viewer has, the confirmation takes a TOTP or
 * backup code or an emailed code (each checked by better-auth itself, counted like a password), a
 * user with two-factor on must present the second factor, and a code confirms one deletion at most.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { emailOTP, twoFactor } from 'better-auth/plugins';
import { tables as t } from '../helpers/tables.js';
import type { DangerZoneState } from '../../shared/schemas.js';
import { TEST_PASSWORD, type UserClient } from '../helpers/auth-client.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { createTestHost, type TestHost } from '../helpers/host-auth.js';

const bff = useTestBff();
/** The host's mailer for one-time codes: what it was asked to send, newest last. */
const sentCodes: { email: string; otp: string }[] = [];
let host: TestHost;
beforeAll(async () => {
  host = createTestHost(bff, {
    plugins: [
      twoFactor({ issuer: 'Danger Zone Test' }),
      emailOTP({
        sendVerificationOTP: async ({ email, otp }) => {
          sentCodes.push({ email, otp });
        },
      }),
    ],
  });
});

type Api = Record<string, (input: { body: Record<string, unknown>; headers?: Headers }) => Promise<Record<string, unknown>>>;
const api = () => (host.auth as unknown as { api: Api }).api;
const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

async function state(user: UserClient, orgId: string): Promise<DangerZoneState> {
  const res = await host.request(`/api/orgs/${orgId}/danger-zone`, { token: user.token });
  expect(res.status).toBe(200);
  return (await res.json()) as DangerZoneState;
}

/** Turns two-factor on through better-auth's own endpoints; the user's session is renewed by it. */
async function enableTwoFactor(user: UserClient): Promise<{ secret: string; backupCodes: string[] }> {
  const enabled = await api().enableTwoFactor!({ body: { password: TEST_PASSWORD }, headers: bearer(user.token) });
  const secret = base32Decode(new URL(enabled.totpURI as string).searchParams.get('secret')!);
  const res = await host.request('/api/auth/two-factor/verify-totp', { token: user.token, json: { code: await totp(secret) } });
  expect(res.status).toBe(200);
  user.token = res.headers.get('set-auth-token') ?? user.token;
  return { secret, backupCodes: enabled.backupCodes as string[] };
}

/** The secret as an authenticator app reads it from the QR code's URI (RFC 4648 base32). */
function base32Decode(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const bytes = (bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2));
  return Buffer.from(bytes).toString('latin1');
}

/** The code an authenticator app shows now, from better-auth's own generator. */
async function totp(secret: string): Promise<string> {
  return (await api().generateTOTP!({ body: { secret } })).code as string;
}

async function orgOf(owner: UserClient, name: string) {
  return host.users.createOrg(owner, name);
}

async function confirm(owner: UserClient, org: { id: string; name: string }, stepUp: Record<string, unknown> | null, extra: Record<string, unknown> = {}) {
  const intent = await host.request(`/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token: owner.token });
  expect(intent.status).toBe(201);
  const { intentId } = (await intent.json()) as { intentId: string };
  bff.clock.advance(bff.settings.cooldownSeconds * 1000);
  return host.request(`/api/orgs/${org.id}/deletion`, {
    token: owner.token,
    json: { intentId, confirmName: org.name, acknowledgements: [], ...(stepUp ? { stepUp } : {}), ...extra },
  });
}

describe("the state's settings.stepUp", () => {
  it("says what this viewer may use, in order, among what the host's better-auth has", async () => {
    const owner = await host.users.signUp('Stella Steps');
    const org = await orgOf(owner, 'Steps Co');
    expect((await state(owner, org.id)).settings.stepUp).toEqual(['email_otp', 'password']);
    await enableTwoFactor(owner);
    const after = await state(owner, org.id);
    expect([after.settings.stepUp, after.settings.passwordRequired]).toEqual([['totp'], false]);

    // A host whose better-auth has neither plugin: the password, as before.
    const bare = createTestHost(bff);
    const plain = await bare.users.signUp('Paula Plain');
    const plainOrg = await bare.users.createOrg(plain, 'Plain Co');
    const res = await bare.request(`/api/orgs/${plainOrg.id}/danger-zone`, { token: plain.token });
    expect(((await res.json()) as DangerZoneState).settings.stepUp).toEqual(['password']);
  });
});

describe('two-factor: the second factor is required', () => {
  it('a TOTP code confirms; the password alone is refused (step_up_required, naming the methods); a wrong code is counted', async () => {
    const owner = await host.users.signUp('Tom Totp');
    const { secret } = await enableTwoFactor(owner);
    const org = await orgOf(owner, 'Totp Co');

    const passwordOnly = await confirm(owner, org, null, { password: TEST_PASSWORD });
    expect([passwordOnly.status, await errorCode(passwordOnly)]).toEqual([401, 'step_up_required']);
    expect(((await passwordOnly.json()) as { error: { methods: string[] } }).error.methods).toEqual(['totp']);

    const wrong = await confirm(owner, org, { method: 'totp', code: '000000' === (await totp(secret)) ? '111111' : '000000' });
    expect([wrong.status, await errorCode(wrong), wrong.headers.get('X-RateLimit-Remaining')]).toEqual([401, 'invalid_code', '4']);

    const right = await confirm(owner, org, { method: 'totp', code: await totp(secret) });
    expect(right.status).toBe(202);
  });

  it('a backup code confirms once: better-auth uses it up', async () => {
    const owner = await host.users.signUp('Bea Backup');
    const { backupCodes } = await enableTwoFactor(owner);
    const [first, second] = [await orgOf(owner, 'Backup One'), await orgOf(owner, 'Backup Two')];
    expect((await confirm(owner, first, { method: 'totp', code: backupCodes[0] })).status).toBe(202);
    const reused = await confirm(owner, second, { method: 'totp', code: backupCodes[0] });
    expect([reused.status, await errorCode(reused)]).toEqual([401, 'invalid_code']);
    expect((await confirm(owner, second, { method: 'totp', code: backupCodes[1] })).status).toBe(202);
  });
});

describe('an emailed one-time code', () => {
  it("is sent by the host's better-auth to the viewer's own address, confirms one deletion, and is used up", async () => {
    const owner = await host.users.signUp('Emma Email');
    const [first, second] = [await orgOf(owner, 'Code One'), await orgOf(owner, 'Code Two')];

    const sent = await host.request(`/api/orgs/${first.id}/step-up/email-code`, { method: 'POST', token: owner.token });
    expect(sent.status).toBe(202);
    expect(((await sent.json()) as { sentTo: string }).sentTo).toMatch(/^e….@example\.test$/);
    const code = sentCodes.filter((c) => c.email === owner.email).at(-1)!.otp;

    const wrong = await confirm(owner, first, { method: 'email_otp', code: code === '000000' ? '111111' : '000000' });
    expect([wrong.status, await errorCode(wrong)]).toEqual([401, 'invalid_code']);
    expect((await confirm(owner, first, { method: 'email_otp', code })).status).toBe(202);
    const reused = await confirm(owner, second, { method: 'email_otp', code });
    expect([reused.status, await errorCode(reused)]).toEqual([401, 'invalid_code']);
  });

  it('is refused to a viewer whose methods do not include it, and limited to 5 a window', async () => {
    const owner = await host.users.signUp('Lou Limit');
    const org = await orgOf(owner, 'Limit Co');
    const send = () => host.request(`/api/orgs/${org.id}/step-up/email-code`, { method: 'POST', token: owner.token });
    for (let i = 0; i < 5; i++) expect((await send()).status).toBe(202);
    const sixth = await send();
    expect([sixth.status, await errorCode(sixth)]).toEqual([429, 'rate_limited']);
    expect(Number(sixth.headers.get('Retry-After'))).toBeGreaterThan(0);

    const twoFactorUser = await host.users.signUp('Tia Twofactor');
    await enableTwoFactor(twoFactorUser);
    const tfOrg = await orgOf(twoFactorUser, 'Tf Co');
    const refused = await host.request(`/api/orgs/${tfOrg.id}/step-up/email-code`, { method: 'POST', token: twoFactorUser.token });
    expect([refused.status, await errorCode(refused)]).toEqual([401, 'step_up_required']);
  });
});

describe('without a password', () => {
  it('an emailed code, or a sign-in within 5 minutes (D4): past them, the code still confirms', async () => {
    // The standalone server's better-auth has email codes; a user who signed in another way has no password.
    const owner = await bff.make.user('Noa Nopass', { password: false });
    const org = await bff.make.org({ name: 'Nopass Co', members: [{ userId: owner.id, role: 'owner' }] });
    const token = `tok_${owner.id}`;
    const signedInAt = new Date(bff.clock.now().getTime() - 6 * 60_000);
    await bff.database.writer.db
      .insert(t.session)
      .values({ id: `ses_${owner.id}`, token, userId: owner.id, expiresAt: new Date(Date.now() + 86400e3), createdAt: signedInAt, updatedAt: signedInAt });
    const state = (await (await bff.request(`/api/orgs/${org.id}/danger-zone`, { token })).json()) as DangerZoneState;
    expect([state.settings.stepUp, state.actions.delete.allowed]).toEqual([['email_otp', 'recent_sign_in'], true]);

    const intent = (await (await bff.request(`/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token })).json()) as { intentId: string };
    bff.clock.advance(bff.settings.cooldownSeconds * 1000);
    const body = { intentId: intent.intentId, confirmName: org.name, acknowledgements: [] };
    const stale = await bff.request(`/api/orgs/${org.id}/deletion`, { token, json: body });
    expect([stale.status, await errorCode(stale)]).toEqual([401, 'reauth_required']);

    expect((await bff.request(`/api/orgs/${org.id}/step-up/email-code`, { method: 'POST', token })).status).toBe(202);
    const { messages } = (await (await bff.request(`/api/demo/mailbox?to=${encodeURIComponent(owner.email)}`)).json()) as {
      messages: { subject: string; text: string }[];
    };
    const code = /code is (\w+)/.exec(messages[0]!.text)![1]!;
    expect(messages[0]!.subject).toBe(`Your confirmation code: ${code}`);
    const res = await bff.request(`/api/orgs/${org.id}/deletion`, { token, json: { ...body, stepUp: { method: 'email_otp', code } } });
    expect(res.status).toBe(202);
  });
});

describe('limits', () => {
  it('10 concurrent wrong codes: at most 5 are ever checked, the rest are refused before better-auth sees them', async () => {
    const owner = await host.users.signUp('Cory Concurrent');
    await enableTwoFactor(owner);
    const org = await orgOf(owner, 'Burst Co');
    const intents = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const res = await host.request(`/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token: owner.token });
        return ((await res.json()) as { intentId: string }).intentId;
      }),
    );
    bff.clock.advance(bff.settings.cooldownSeconds * 1000);
    const answers = await Promise.all(
      intents.map((intentId) =>
        host.request(`/api/orgs/${org.id}/deletion`, {
          token: owner.token,
          json: { intentId, confirmName: org.name, acknowledgements: [], stepUp: { method: 'totp', code: 'aaaaa-bbbbb' } },
        }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });
});
