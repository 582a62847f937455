/**
 * Failed sign-ins per account, from any address: the per-address limit alone let an attacker with
 * many addresses (a botnet, the /64s of an IPv6 /48) guess one account's password without end, one
 * check at a time. Of the attempts that name one account, at most `SIGN_IN_ACCOUNT_RATE_LIMIT`
 * wrong passwords are checked a window, across processes; a right password does not use it up.
 *
 * Two production server processes (no DEMO) over one libSQL file, behind one trusted proxy so that
 * each attempt comes from an address of its own. Attempts are sent one after another (a burst is
 * the password gate's business, tested in limits.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../helpers/auth-client.js';
import { startTarget, statusCounts, type Target } from './target.js';

let target: Target;
let addresses = 0;
/** A fresh client address (TEST-NET-3) for every attempt: the per-address limit never applies. */
const nextAddress = () => `203.0.113.${++addresses}`;

beforeAll(async () => {
  target = await startTarget({
    processes: 2,
    env: { TRUST_PROXY: '1', SIGN_IN_RATE_LIMIT: '3', SIGN_IN_ACCOUNT_RATE_LIMIT: '5', SIGN_IN_ACCOUNT_RATE_WINDOW_SECONDS: '900' },
  });
});
afterAll(async () => {
  await target?.stop();
});

function signIn(i: number, email: string, password: string) {
  return target.request(target.servers[i % 2]!, '/api/auth/sign-in/email', { json: { email, password }, ip: nextAddress() });
}

describe('failed sign-ins per account', () => {
  it('12 wrong passwords for one account from 12 addresses over two processes: 5 checked, then 429 with Retry-After', async () => {
    const victim = await target.signUp('Victim', { ip: nextAddress() });
    const answers: Response[] = [];
    // The email as a person types it: the account is the same whatever its case.
    for (let i = 0; i < 12; i++) answers.push(await signIn(i, i % 2 ? victim.email.toUpperCase() : victim.email, `guess-${i}`));
    console.log(`[security] 12 wrong sign-ins for one account from 12 addresses: ${JSON.stringify(statusCounts(answers))}`);
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    const refused = answers[11]!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(((await refused.json()) as { error?: { code?: string } }).error?.code).toBe('rate_limited');
  });

  it('right passwords do not use the window up: 8 sign-ins succeed, then 5 wrong ones are checked', async () => {
    const user = await target.signUp('Regular', { ip: nextAddress() });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn(i, user.email, TEST_PASSWORD)).status);
    for (let i = 0; i < 6; i++) statuses.push((await signIn(i, user.email, `typo-${i}`)).status);
    expect(statuses).toEqual([...Array<number>(8).fill(200), 401, 401, 401, 401, 401, 429]);
  });

  it("one account's window is its own: another account signs in meanwhile", async () => {
    const other = await target.signUp('Bystander', { ip: nextAddress() });
    expect((await signIn(0, other.email, TEST_PASSWORD)).status).toBe(200);
  });
});
