/**
 * Host 2: a Node host in plain JavaScript (hosts/node), installed from the tarball and run with
 * plain `node`. Its own Hono (another minor than ours), its own better-auth with a plugin we do not
 * use (username), its own migration for better-auth's tables, then `npx org-danger-zone migrate`
 * for ours; the danger zone mounted at /dz. A journey through HTTP, then the purge from the bin.
 */
import { createClient, type Client } from '@libsql/client';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../helpers/server-process.js';
import { startProcess, type StartedProcess } from '../helpers/process.js';
import { hostEnv, installHost, installSize, MB, repoRoot, run, type RunResult } from './helpers.js';

const host = join(inject('workDir'), 'host-node');
const databaseUrl = `file:${join(host, 'host.db')}`;
const secret = 'host-secret-host-secret-host-secret-0123456789';
const password = 'correct horse battery staple';
const env = (extra: Record<string, string> = {}) => hostEnv({ DATABASE_URL: databaseUrl, BETTER_AUTH_SECRET: secret, ...extra });

let install: RunResult;
let server: StartedProcess;
let base = '';
let db: Client;

beforeAll(async () => {
  install = await installHost('node', host, inject('tarball'));
  console.log(`[package] node host: npm install took ${(install.ms / 1000).toFixed(1)} s`);
  await run('node', ['migrate.js'], { cwd: host, env: env() });
  const migrated = await run('npx', ['--no', 'org-danger-zone', 'migrate'], { cwd: host, env: env() });
  expect(migrated.stdout).toMatch(/Applied danger-zone\/0000_danger_zone/);
  expect(migrated.stdout).not.toMatch(/auth\//);
  const port = await freePort();
  server = await startProcess('node', ['server.js'], { cwd: host, env: env({ PORT: String(port) }), ready: /host listening on (http:\S+)/ });
  base = server.match[1]!;
  db = createClient({ url: databaseUrl });
});

afterAll(async () => {
  await server?.stop();
  db?.close();
});

interface Call {
  token?: string;
  json?: unknown;
  method?: string;
  headers?: Record<string, string>;
}

async function call(path: string, { token, json, method, headers = {} }: Call = {}) {
  const res = await fetch(`${base}${path}`, {
    method: method ?? (json === undefined ? 'GET' : 'POST'),
    headers: {
      origin: base,
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  const text = await res.text();
  // The tests read fields of whatever the host's server answered; they assert on them, not on types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a CSV, an empty 204): the text is the body.
  }
  return { status: res.status, headers: res.headers, body };
}

async function signUp(name: string, email: string, username: string) {
  const res = await call('/dz/api/auth/sign-up/email', { json: { name, email, password, username } });
  expect([res.status, res.body?.user?.email]).toEqual([200, email]);
  const token = res.headers.get('set-auth-token');
  expect(token).toBeTruthy();
  return { token: token!, userId: res.body.user.id as string };
}

const setClock = (body: Record<string, unknown>) => call('/test/clock', { json: body });

/** Intent, the cooldown waited out on the host's clock, then the confirmation with the password. */
async function scheduleDeletion(org: { id: string; name: string }, token: string, acknowledgements: string[]) {
  const intent = await call(`/dz/api/orgs/${org.id}/deletion-intents`, { token, json: {} });
  expect(intent.status).toBe(201);
  const early = await call(`/dz/api/orgs/${org.id}/deletion`, {
    token,
    json: { intentId: intent.body.intentId, confirmName: org.name, password, acknowledgements },
  });
  expect([early.status, early.body.error?.code]).toEqual([425, 'cooldown_active']);
  await setClock({ advanceMs: 6_000 });
  const confirmed = await call(`/dz/api/orgs/${org.id}/deletion`, {
    token,
    json: { intentId: intent.body.intentId, confirmName: org.name, password, acknowledgements },
  });
  expect([confirmed.status, confirmed.body.status]).toEqual([202, 'pending_deletion']);
  return confirmed.body as { status: string; purgeAt: string };
}

describe('a Node host in plain JavaScript, installed from the tarball', () => {
  it('gets one copy of its own hono, and none of what it does not use', () => {
    const pkg = (path: string) => JSON.parse(readFileSync(join(host, 'node_modules', path, 'package.json'), 'utf8'));
    expect(pkg('hono').version).toBe('4.12.9');
    expect(existsSync(join(host, 'node_modules/org-danger-zone/node_modules'))).toBe(false);
    for (const unused of ['tsx', 'nodemailer', 'react', '@lit/react', 'vite'])
      expect([unused, existsSync(join(host, 'node_modules', unused))]).toEqual([unused, false]);
    // Less the host's own type-checking tools (@types/node and its undici-types).
    const size = installSize(join(host, 'node_modules'), ['@types/node', 'undici-types']);
    console.log(`[package figures] full Node host (the package, its server peers, lit): ${MB(size.bytes)} in ${size.packages} packages`);
  });

  it("type-checks its wiring and the README's Node host against the .d.ts under strict flags, skipLibCheck off", async () => {
    writeFileSync(join(host, 'readme-server.ts'), readmeNodeHost());
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const result = await run('node', [tsc, '-p', 'tsconfig.json'], { cwd: host, allowFailure: true });
    const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    const ours = errors.filter((line) => /^(types-check|readme-server)\.ts/.test(line) || line.includes('org-danger-zone/'));
    const theirs = errors.filter((line) => !ours.includes(line));
    if (theirs.length) console.log(`[package] errors inside other packages' .d.ts (not ours), ${theirs.length}:\n${theirs.slice(0, 10).join('\n')}`);
    expect(ours).toEqual([]);
  });

  it("imports the element in plain node without throwing (server rendering, Lit's node build)", async () => {
    const script = "await import('org-danger-zone'); console.log(typeof customElements.get('org-danger-zone'));";
    expect((await run('node', ['--input-type=module', '-e', script], { cwd: host })).stdout.trim()).toBe('function');
  });

  it('imports the contract in plain node and ships the OpenAPI document', async () => {
    const script =
      "const c = await import('org-danger-zone/contract'); " +
      "const doc = JSON.parse((await import('node:fs')).readFileSync(new URL(import.meta.resolve('org-danger-zone/openapi.json')), 'utf8')); " +
      "console.log(c.errorBody.safeParse({ error: { code: 'sole_owner', message: 'x' } }).success, doc.openapi, doc.servers[0].url, Object.keys(doc.paths).length === new Set(Object.values(c.routes).map((r) => r.path)).size);";
    expect((await run('node', ['--input-type=module', '-e', script], { cwd: host })).stdout.trim()).toBe('true 3.1.0 / true');
  });

  it('imports the self-contained module in plain node without throwing', async () => {
    const script = "const m = await import('org-danger-zone/bundle'); console.log(Object.keys(m).length > 0 ? 'bundle ok' : 'bundle empty');";
    expect((await run('node', ['--input-type=module', '-e', script], { cwd: host })).stdout).toContain('bundle ok');
  });

  it('signs up, creates an org, invites and accepts through better-auth under /dz', async () => {
    expect((await call('/')).body).toBe('the host app');
    const owner = await signUp('Olive Owner', 'olive@host.test', 'olive');
    const member = await signUp('Max Member', 'max@host.test', 'max');

    const org = await call('/dz/api/auth/organization/create', { token: owner.token, json: { name: 'Host Org, Inc.', slug: 'host-org' } });
    expect([org.status, org.body.name]).toEqual([200, 'Host Org, Inc.']);
    const invite = await call('/dz/api/auth/organization/invite-member', {
      token: owner.token,
      json: { email: 'max@host.test', role: 'member', organizationId: org.body.id },
    });
    expect(invite.status).toBe(200);
    // The invitation email went into the danger zone's outbox (the plugin's invitationEmails).
    const mail = await db.execute({ sql: "select to_email, text from outbox where event = 'invitation' and organization_id = ?", args: [org.body.id] });
    expect(mail.rows[0]?.['to_email']).toBe('max@host.test');
    expect(String(mail.rows[0]?.['text'])).toContain(`${base}/invitations/${invite.body.id}`);
    const accepted = await call('/dz/api/auth/organization/accept-invitation', { token: member.token, json: { invitationId: invite.body.id } });
    expect(accepted.status).toBe(200);

    // Our plugin guards the host's better-auth: its own immediate delete is refused.
    // Its message names our route as this host serves it, mount prefix included.
    const bypass = await call('/dz/api/auth/organization/delete', { token: owner.token, json: { organizationId: org.body.id } });
    expect([bypass.status, bypass.body.code]).toEqual([403, 'use_danger_zone']);
    expect(bypass.body.message).toContain('POST /dz/api/orgs/:orgId/deletion');

    const state = await call(`/dz/api/orgs/${org.body.id}/danger-zone`, { token: member.token });
    expect([state.status, state.body.viewer.role, state.body.impact.members]).toEqual([200, 'member', 2]);
    Object.assign(journey, { owner, member, org: { id: org.body.id as string, name: org.body.name as string } });
  });

  it('limits sign-in attempts per address in the mounted host, whose better-auth has no rateLimit (issue 19.4)', async () => {
    // The plugin's own limit (10 a minute, sign-ups apart) counts in its own table.
    const statuses: number[] = [];
    for (let i = 0; i < 12 && statuses.at(-1) !== 429; i++) {
      statuses.push((await call('/dz/api/auth/sign-in/email', { json: { email: 'olive@host.test', password: `guess-${i}` } })).status);
    }
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect([statuses.length, statuses.at(-1)]).toEqual([11, 429]);
    const refused = await call('/dz/api/auth/sign-in/email', { json: { email: 'olive@host.test', password } });
    expect([refused.status, refused.body.error?.code]).toEqual([429, 'rate_limited']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const counter = await db.execute("select count from rate_limit_counter where key = 'sign-in:127.0.0.1'");
    expect(counter.rows[0]?.['count']).toBe(10);
    // The window runs on the host's clock.
    await setClock({ advanceMs: 61_000 });
    expect((await call('/dz/api/auth/sign-in/email', { json: { email: 'olive@host.test', password } })).status).toBe(200);
    await setClock({ reset: true });
  });

  it('schedules a deletion (intent, cooldown, password), cancels it, and the background purge in a worker thread purges another', async () => {
    const { owner, org } = journey;
    const scheduled = await scheduleDeletion(org, owner.token, ['other_members']);
    expect(new Date(scheduled.purgeAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const cancelled = await call(`/dz/api/orgs/${org.id}/deletion`, { token: owner.token, method: 'DELETE' });
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'active']);

    // A second org, scheduled eight days ago on the host's clock: its grace window has run out.
    const other = await call('/dz/api/auth/organization/create', { token: owner.token, json: { name: 'Short-lived', slug: 'short-lived' } });
    await setClock({ now: new Date(Date.now() - 8 * 86_400_000).toISOString() });
    await scheduleDeletion({ id: other.body.id, name: 'Short-lived' }, owner.token, []);
    await setClock({ reset: true });
    const purged = await call('/test/purge', { json: {} });
    // The host's logger got the purge's events, and its metrics count it.
    const events = (purged.body.log as { event: string; orgId?: string }[]).filter((e) => e.orgId === other.body.id).map((e) => e.event);
    expect(events).toEqual(['purge.started', 'purge.finished']);
    const scraped = await fetch(`${base}/internal/metrics`);
    expect(scraped.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(await scraped.text()).toMatch(/^odz_purge_orgs_total\{outcome="purged"\} 1$/m);
    expect((await db.execute({ sql: 'select id from organization where id = ?', args: [other.body.id] })).rows).toEqual([]);
  });

  it('schedules again, and `npx org-danger-zone purge` with CLOCK_OFFSET past the grace window purges it', async () => {
    const { owner, org } = journey;
    await setClock({ reset: true });
    const again = await scheduleDeletion(org, owner.token, ['other_members']);
    expect(new Date(again.purgeAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    const widget = await fetch(`${base}/dz/widget/org-danger-zone.js`, { headers: { 'accept-encoding': 'br' } });
    expect([widget.status, widget.headers.get('content-encoding'), widget.headers.get('cache-control')]).toEqual([200, 'br', 'no-cache']);

    // The org has rows in the host's registered table, and in one nobody registered.
    await db.execute({ sql: "insert into host_project (organization_id, name) values (?, 'Apollo'), (?, 'Gemini')", args: [org.id, org.id] });
    await db.execute({ sql: "insert into host_comment (org_id, body) values (?, 'a comment')", args: [org.id] });
    await server.stop();

    // On real time nothing is due yet; eight days ahead (CLOCK_OFFSET) the org is.
    const early = JSON.parse(
      (await run('npx', ['--no', 'org-danger-zone', 'purge'], { cwd: host, env: env() })).stdout.trim().split('\n').at(-1)!,
    ) as PurgeOutput;
    expect([early.purged, early.failed]).toEqual([[], []]);
    const later = { CLOCK_OFFSET: '8d' };

    // The bin, given no host table at all, finds the unregistered one: exit 1, nothing of the org removed.
    const refused = await run('npx', ['--no', 'org-danger-zone', 'purge'], { cwd: host, env: env(later), allowFailure: true });
    expect(refused.stderr).toContain("CLOCK_OFFSET: this process's clock runs 192 hours ahead of real time");
    const refusal = JSON.parse(refused.stdout.trim().split('\n').at(-1)!) as PurgeOutput;
    expect([refused.code, refusal.purged, refusal.failed.map((f) => [f.orgId, f.unregistered])]).toEqual([
      1,
      [],
      [[org.id, [{ table: 'host_comment', column: 'org_id', referencesOrganization: false, rows: 1 }]]],
    ]);
    expect((await db.execute({ sql: 'select count(*) as n from member where organization_id = ?', args: [org.id] })).rows[0]?.['n']).toBe(2);
    expect((await db.execute({ sql: 'select count(*) as n from host_project where organization_id = ?', args: [org.id] })).rows[0]?.['n']).toBe(2);

    // A dry run (issue 21) says what the purge would remove, the unregistered rows included, and removes nothing.
    const dry = await run('npx', ['--no', 'org-danger-zone', 'purge', '--dry-run', org.id], { cwd: host, env: env(later) });
    const preview = JSON.parse(dry.stdout.trim().split('\n').at(-1)!) as {
      tables: Record<string, number>;
      hostTables: Record<string, number>;
      unregistered: { table: string; rows: number }[];
    };
    expect([preview.tables['member'], preview.tables['organization'], preview.hostTables, preview.unregistered]).toEqual([
      2,
      1,
      { host_project: 2 },
      [{ table: 'host_comment', column: 'org_id', rows: 1 }],
    ]);
    expect((await db.execute({ sql: 'select count(*) as n from host_project where organization_id = ?', args: [org.id] })).rows[0]?.['n']).toBe(2);

    // Told about host_comment, it purges: host_project through the app's registration, host_comment through the variable.
    const purge = await run('npx', ['--no', 'org-danger-zone', 'purge'], { cwd: host, env: env({ ...later, PURGE_HOST_TABLES: 'host_comment.org_id' }) });
    const result = JSON.parse(purge.stdout.trim().split('\n').at(-1)!) as PurgeOutput;
    expect([result.purged.map((p) => [p.orgId, p.removed['host_project'], p.removed['host_comment']]), result.failed]).toEqual([[[org.id, 2, 1]], []]);

    expect((await db.execute({ sql: 'select id from organization where id = ?', args: [org.id] })).rows).toEqual([]);
    expect((await db.execute({ sql: 'select id from member where organization_id = ?', args: [org.id] })).rows).toEqual([]);
    const audit = await db.execute({
      sql: "select organization_name from platform_audit_log where action = 'org.deleted' and organization_id = ?",
      args: [org.id],
    });
    expect(audit.rows.map((r) => r['organization_name'])).toEqual([org.name]);
    // The users and the host's own table are untouched.
    expect((await db.execute('select count(*) as n from user')).rows[0]?.['n']).toBe(2);
    expect((await db.execute('select count(*) as n from host_note')).rows[0]?.['n']).toBe(0);
  });
});

interface PurgeOutput {
  purged: { orgId: string; removed: Record<string, number> }[];
  failed: { orgId: string; unregistered?: unknown[] }[];
}

const journey = {} as {
  owner: { token: string; userId: string };
  member: { token: string; userId: string };
  org: { id: string; name: string };
};

/** The README's complete Node host: the TypeScript block right after the comment that names this test. */
function readmeNodeHost(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = /test\/package\/host-node\.test\.ts\). -->\n```ts\n([\s\S]*?)\n```/.exec(readme);
  if (!block) throw new Error('README.md has no TypeScript block after the comment naming test/package/host-node.test.ts');
  return block[1]!;
}
