/**
 * Hostile input and hostile sites against a real server process: CSRF and CORS with cookie
 * sessions; names carrying HTML, script, CRLF, bidi overrides and zero-width characters through
 * the widget (in Chromium), the emails, the CSV exports and the audit log; malformed bodies; and a
 * sweep of every log and audit row for the canary password, tokens and keys.
 */
import { eq, sql } from 'drizzle-orm';
import { rows } from '../../bff/db/batch.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { createManagementToken } from '../../bff/management/tokens.js';
import { launchBrowser } from '../e2e/harness.js';
import { parseCsv } from '../helpers/csv.js';
import { PASSWORD, startCluster, type Cluster } from './cluster.js';
import { record } from './report.js';

let cluster: Cluster;
let server: Cluster['servers'][0];
const TRUSTED = 'https://app.trusted.example';
const canaries: string[] = [PASSWORD];

beforeAll(async () => {
  cluster = await startCluster({ processes: 1, env: { DEMO: '1', TRUSTED_ORIGINS: TRUSTED } });
  server = cluster.servers[0]!;
});
afterAll(async () => {
  await cluster?.stop();
});

async function cookieSession(email: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='))!;
  const token = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!).split('.')[0]!;
  canaries.push(token);
  return cookie.split(';')[0]!;
}

describe('CSRF and CORS with cookie sessions', () => {
  it('refuses cross-site writes and untrusted origins; trusted origins get credentials and the rate-limit headers, never *', async () => {
    const owner = await cluster.user('Owner');
    const member = await cluster.user('Member');
    const org = await cluster.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: member.id, role: 'member' },
      ],
    });
    const cookie = await cookieSession(member.email);
    const leave = (headers: Record<string, string>, body: string) =>
      fetch(`${server.url}/api/orgs/${org.id}/leave`, { method: 'POST', headers: { cookie, ...headers }, body });

    const cases: [string, Record<string, string>, string, number][] = [
      ['form body from another site', { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, 'successorUserId=x', 403],
      ['text/plain body marked cross-site', { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' }, '{}', 403],
      ['JSON from a disallowed Origin', { 'content-type': 'application/json', origin: 'https://evil.example' }, '{}', 403],
      ['JSON from a sandboxed frame (Origin: null)', { 'content-type': 'application/json', origin: 'null' }, '{}', 403],
      ['same-origin form body (never read as JSON)', { 'content-type': 'application/x-www-form-urlencoded', origin: server.url }, 'a=b', 400],
      ['same-origin text/plain body', { 'content-type': 'text/plain', origin: server.url }, '{}', 400],
    ];
    for (const [label, headers, body, status] of cases) {
      const res = await leave(headers, body);
      expect(res.status, label).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code, label).toBe(status === 403 ? 'forbidden_origin' : 'invalid_request');
    }
    const [still] = await cluster.db.select().from(t.member).where(eq(t.member.userId, member.id));
    expect(still).toBeDefined();

    const preflight = (origin: string) =>
      fetch(`${server.url}/api/orgs/${org.id}/leave`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
    const trusted = await preflight(TRUSTED);
    expect(trusted.headers.get('access-control-allow-origin')).toBe(TRUSTED);
    expect(trusted.headers.get('access-control-allow-credentials')).toBe('true');
    const read = await fetch(`${server.url}/api/orgs/${org.id}/danger-zone`, { headers: { cookie, origin: TRUSTED } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe(TRUSTED);
    for (const h of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After']) {
      expect(read.headers.get('access-control-expose-headers')).toContain(h);
    }
    for (const res of [evil, trusted, read]) expect(res.headers.get('access-control-allow-origin')).not.toBe('*');
    // A trusted origin's cookie write goes through.
    expect((await leave({ 'content-type': 'application/json', origin: TRUSTED, 'sec-fetch-site': 'cross-site' }, '{}')).status).toBe(204);
    record(10, 'CSRF and CORS (cookie sessions)', [
      `${cases.length} cross-site or malformed cookie writes: form and text/plain bodies, a disallowed Origin, Origin: null, Sec-Fetch-Site: cross-site → 403 \`forbidden_origin\` (or 400 when same-origin but not JSON); the member was never removed.`,
      'A preflight from an untrusted origin got no Access-Control-Allow-Origin; the trusted origin got itself (never `*`) with credentials, and the rate-limit headers and Retry-After exposed.',
    ]);
  });
});

describe('hostile names', () => {
  const orgName = `<img src=x onerror="window.__pwned=1">Ev\u200Bil\u202Egnp.exe\r\nX-Injected: yes <script>window.__pwned=2</script>`;
  const userName = `Mallory\r\n2026-01-01T00:00:00Z org.deleted forged <b onmouseover="window.__pwned=3">x</b>`;
  const formulaName = '=HYPERLINK("http://evil.example","click")';

  it('stay inert text in the widget, the emails, the CSV exports and the audit log', async () => {
    const owner = await cluster.user('Olga <i>Owner</i>', 'olga.hostile@example.test');
    const mallory = await cluster.user(userName, 'mallory@example.test');
    const formula = await cluster.user(formulaName, 'formula@example.test');
    const org = await cluster.org({
      name: orgName,
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: mallory.id, role: 'member' },
        { userId: formula.id, role: 'admin' },
      ],
    });

    // The widget, in Chromium: the plain-HTML example, signed in as the owner.
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/demo/examples/plain.html?org=${org.id}`);
      await page.locator('input[name="email"]').fill(owner.email);
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('org-danger-zone section[aria-busy="false"]').waitFor();
      await page.locator('org-danger-zone').getByRole('button', { name: 'Transfer ownership and leave…' }).click();
      // The dialog is a lazily loaded chunk: wait for its choices before reading them.
      const option = page.locator('org-danger-zone [part~="successor-list"] label');
      await option.filter({ hasText: 'Mallory' }).waitFor({ state: 'attached' });
      const options = await option.allTextContents();
      expect(options.join('\n')).toContain('<b onmouseover="window.__pwned=3">x</b>');
      await page.keyboard.press('Escape');
      await page.locator('org-danger-zone [part~="delete-button"]').click();
      const shown = await page.locator('org-danger-zone .exact-name').evaluate((el) => el.textContent);
      expect(shown).toBe(orgName);
      const injected = await page.evaluate(() => {
        const root = document.querySelector('org-danger-zone')!.shadowRoot!;
        return {
          pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
          img: root.querySelectorAll('img').length + document.querySelectorAll('img').length,
          script: root.querySelectorAll('script').length,
          bold: root.querySelectorAll('b, i').length,
        };
      });
      expect(injected).toEqual({ pwned: null, img: 0, script: 0, bold: 0 });
    } finally {
      await browser.close();
    }

    // Schedule the deletion: the emails.
    const token = await cluster.signIn(server, owner.email);
    canaries.push(token);
    const intent = (await (await cluster.request(server, `/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token })).json()) as { intentId: string };
    const exportsMembers = await (await cluster.request(server, `/api/orgs/${org.id}/exports/members.csv`, { token })).text();
    // Mallory leaves first, so her name is the actor of an audit entry.
    const malloryToken = await cluster.signIn(server, mallory.email);
    expect((await cluster.request(server, `/api/orgs/${org.id}/leave`, { token: malloryToken, json: {} })).status).toBe(204);
    const scheduled = await cluster.request(server, `/api/orgs/${org.id}/deletion`, {
      token,
      json: { intentId: intent.intentId, confirmName: orgName, password: PASSWORD, acknowledgements: ['other_members'] },
    });
    expect(scheduled.status).toBe(202);
    const mail = await cluster.db.select().from(t.outbox).where(eq(t.outbox.organizationId, org.id));
    expect(mail.length).toBe(2);
    for (const m of mail) {
      expect(m.subject).not.toMatch(/[\r\n\u2028\u2029]/);
      expect(m.text.split('\n').some((line) => line.startsWith('X-Injected'))).toBe(false);
    }

    // CSV: one row per member, the formula neutralized, CRLF kept inside its quoted cell.
    const members = parseCsv(exportsMembers);
    expect(members).toHaveLength(1 + 3);
    expect(members.map((r) => r[1])).toEqual(expect.arrayContaining([userName, `'${formulaName}`]));
    const audit = parseCsv(await (await cluster.request(server, `/api/orgs/${org.id}/exports/audit-log.csv`, { token })).text());
    const entries = await cluster.db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, org.id));
    expect(audit).toHaveLength(1 + entries.length); // the header, then one row per entry (this download's own included)
    expect(audit.filter((r) => r[1] === 'org.deleted')).toHaveLength(0);
    const left = audit.find((r) => r[1] === 'member.left')!;
    expect(left[3]).toBe(`${userName} <mallory@example.test>`);

    // The server's own log never carries a user's text, so no line can be forged there.
    expect(cluster.logs()).not.toContain('forged');
    expect(cluster.logs()).not.toContain('X-Injected');
    record(11, 'Hostile names', [
      'An org named with an `<img onerror>`, a `<script>`, CR/LF with a fake `X-Injected:` header, a right-to-left override and a zero-width space; members named with CR/LF plus a fake `org.deleted` log line and HTML, and with a spreadsheet formula.',
      'In Chromium the widget showed each exactly as stored (the typed-name target equal to the raw name), created no element from them and ran no script.',
      "Email subjects stayed one line (no header injection); the members CSV had one row per member with the formula cell prefixed by `'`; the audit-log CSV had exactly one row per entry, the fake log line inside its quoted cell; the server log never contained user text.",
    ]);
  });
});

describe('malformed bodies', () => {
  it('get 400 invalid_request with the spec error body and change nothing', async () => {
    const owner = await cluster.user('Body owner');
    const m = await cluster.user('Body member');
    const org = await cluster.org({
      name: 'Bodies',
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: m.id, role: 'member' },
      ],
    });
    const token = await cluster.signIn(server, owner.email);
    const path = `/api/orgs/${org.id}/deletion`;
    const bodies: [string, { body: string; headers?: Record<string, string> }][] = [
      ['not JSON', { body: '{"intentId": ', headers: { 'content-type': 'application/json' } }],
      ['not JSON at all', { body: 'hello', headers: { 'content-type': 'application/json' } }],
      [
        'too large',
        { body: JSON.stringify({ intentId: 'int_x', confirmName: 'x'.repeat(40_000), acknowledgements: [] }), headers: { 'content-type': 'application/json' } },
      ],
      ['wrong shape', { body: JSON.stringify({ intentId: 42, confirmName: ['Bodies'] }), headers: { 'content-type': 'application/json' } }],
      [
        'extra fields',
        {
          body: JSON.stringify({ intentId: 'int_x', confirmName: 'Bodies', acknowledgements: [], force: true }),
          headers: { 'content-type': 'application/json' },
        },
      ],
      ['a JSON array', { body: '[]', headers: { 'content-type': 'application/json' } }],
      ['form encoded', { body: 'intentId=x&confirmName=Bodies', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
    ];
    for (const [label, init] of bodies) {
      const res = await cluster.request(server, path, { token, body: init.body, headers: init.headers });
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(res.status, label).toBe(400);
      expect(json.error.code, label).toBe('invalid_request');
      expect(json.error.message.length, label).toBeGreaterThan(0);
    }
    const [row] = await cluster.db.select().from(t.organization).where(eq(t.organization.id, org.id));
    expect(row?.status).toBe('active');
    record(12, 'Malformed bodies', [
      `${bodies.length} bodies (${bodies.map(([l]) => l).join(', ')}) → 400 \`invalid_request\` in the spec's error body each time; nothing changed.`,
    ]);
  });
});

describe('no secret in any log', () => {
  it('finds none of the canary password, session tokens, API key or management token in the logs, the audit or the outbox', async () => {
    const owner = await cluster.user('Secret keeper');
    const org = await cluster.org({ members: [{ userId: owner.id, role: 'owner' }] });
    const { key } = (await (await cluster.request(server, `/api/demo/orgs/${org.id}/api-keys`, { method: 'POST' })).json()) as { key: string };
    const { token: management } = await createManagementToken(cluster.db, { name: 'canary', scopes: ['delete:organizations'], now: new Date() });
    canaries.push(key, management);
    // Use them, including in failing requests.
    await cluster.request(server, `/api/orgs/${org.id}`, { headers: { 'x-api-key': key } });
    await cluster.request(server, `/api/orgs/${org.id}`, { headers: { 'x-api-key': `${key}x` } });
    await cluster.request(server, `/api/v2/organizations/${org.id}`, { method: 'DELETE', token: management });
    await cluster.request(server, `/api/v2/organizations/${org.id}`, { method: 'DELETE', token: `${management}x` });
    const token = await cluster.signIn(server, owner.email);
    canaries.push(token);
    await cluster.request(server, `/api/orgs/${org.id}/deletion`, { method: 'DELETE', token });
    await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: owner.email, password: `${PASSWORD}-wrong` }),
    });

    const logs = cluster.logs();
    const stored = JSON.stringify([
      await cluster.db.select().from(t.orgAuditLog),
      await cluster.db.select().from(t.platformAuditLog),
      await cluster.db.select().from(t.outbox),
      await rows(cluster.db, sql`select * from org_api_key`),
      await rows(cluster.db, sql`select * from management_token`),
    ]);
    const found = canaries.filter((c) => logs.includes(c) || stored.includes(c));
    expect(found).toEqual([]);
    record(13, 'No secret in any log', [
      `${canaries.length} canaries (the users' password, ${canaries.length - 3} session tokens, an org API key, a management token), each used in successful and failing requests.`,
      `Searched ${logs.length.toLocaleString('en')} characters of server output, every audit row, the outbox and the key tables: found 0. Keys and tokens are stored as SHA-256 hashes only.`,
    ]);
  });
});
