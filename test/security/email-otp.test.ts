/**
 * The standalone server (`npm start`) has better-auth's email-OTP plugin for one reason: the
 * deletion's step-up by an emailed code, which the danger zone sends and checks through
 * `auth.api` on the server. Over HTTP the plugin's endpoints were open too, and they sign in
 * (`sign-in/email-otp`) and reset passwords with nothing but a code from the mailbox: a sign-in
 * that skips the user's TOTP (two-factor's hook covers email, username and phone sign-ins only), and
 * guesses that no per-account limit counts. The step-up's own code was a sign-in credential as well.
 *
 * A production start (no DEMO); the mailbox is the outbox, read the way an email client would.
 */
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import type { UserClient } from '../helpers/auth-client.js';
import { startTarget, type Target } from './target.js';

let target: Target;
let owner: UserClient;
let org: { id: string };

beforeAll(async () => {
  target = await startTarget();
  owner = await target.signUp('Otto Otp');
  org = await target.org(owner, 'Otp Org');
});
afterAll(async () => {
  await target?.stop();
});

const server = () => target.servers[0]!;
const code = async (res: Response) => ((await res.clone().json()) as { error?: { code?: string } }).error?.code;

/** The newest one-time code in the owner's mailbox, if any. */
async function mailedCode(): Promise<string | null> {
  const [mail] = await target.db
    .select({ text: t.outbox.text })
    .from(t.outbox)
    .where(and(eq(t.outbox.toEmail, owner.email), eq(t.outbox.event, 'one_time_code')))
    .orderBy(desc(t.outbox.createdAt));
  return mail?.text.match(/\b\d{6}\b/)?.[0] ?? null;
}

const sessionsOf = async (userId: string) => (await target.db.select({ id: t.session.id }).from(t.session).where(eq(t.session.userId, userId))).length;

describe("better-auth's email-OTP endpoints over HTTP", () => {
  it('are not there: sending a code, checking one, signing in or resetting a password with one (404)', async () => {
    const calls: [string, unknown][] = [
      ['/api/auth/email-otp/send-verification-otp', { email: owner.email, type: 'sign-in' }],
      ['/api/auth/email-otp/check-verification-otp', { email: owner.email, type: 'sign-in', otp: '123456' }],
      ['/api/auth/sign-in/email-otp', { email: owner.email, otp: '123456' }],
      ['/api/auth/forget-password/email-otp', { email: owner.email }],
      ['/api/auth/email-otp/request-password-reset', { email: owner.email }],
      ['/api/auth/email-otp/reset-password', { email: owner.email, otp: '123456', password: 'attacker-chosen-password' }],
    ];
    for (const [path, json] of calls) {
      const res = await target.request(server(), path, { json });
      expect([path, res.status, await code(res)]).toEqual([path, 404, 'not_found']);
    }
    expect(await mailedCode()).toBeNull();
  });

  it("the step-up's emailed code still goes out through the danger zone, and it signs nobody in", async () => {
    const sent = await target.request(server(), `/api/orgs/${org.id}/step-up/email-code`, { method: 'POST', token: owner.token });
    expect(sent.status).toBe(202);
    const otp = await mailedCode();
    expect(otp).toMatch(/^\d{6}$/);
    const before = await sessionsOf(owner.id);
    const signIn = await target.request(server(), '/api/auth/sign-in/email-otp', { json: { email: owner.email, otp } });
    expect([signIn.status, await code(signIn)]).toEqual([404, 'not_found']);
    expect(await sessionsOf(owner.id)).toBe(before);
  });
});
