/**
 * Host 3: a host in plain JavaScript on PostgreSQL (hosts/postgres), installed from the tarball and
 * run with plain `node`: its own Hono, its own better-auth through drizzle's pg adapter on its own
 * pg Pool, its own schema migrated first by drizzle-kit, then `npx org-danger-zone migrate`; the
 * danger zone mounted at /settings/dz on the host's pool. A journey through HTTP with better-auth's
 * client, then the purge from the bin with DATABASE_URL=postgres://….
 *
 * And drizzle-kit itself beside the danger zone, on PostgreSQL and on a libSQL file, following the
 * README (issue 19): the host's drizzle-kit journal is not mistaken for ours (trap 1), and its
 * `generate` and `push` leave our tables, sequences and indexes alone (trap 3).
 */
import { createClient } from '@libsql/client';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authClients, TEST_PASSWORD, type UserClient } from '../helpers/auth-client.js';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.js';
import { startProcess, type StartedProcess } from '../helpers/process.js';
import { freePort } from '../helpers/server-process.js';
import { hostEnv, installHost, run, type RunResult } from './helpers.js';

const host = join(inject('workDir'), 'host-postgres');
const secret = 'host-secret-host-secret-host-secret-0123456789';
const prefix = '/settings/dz';

let cluster: PostgresCluster;
let databaseUrl = '';
let install: RunResult;
let db: pg.Pool;

const env = (extra: Record<string, string> = {}) => hostEnv({ DATABASE_URL: databaseUrl, BETTER_AUTH_SECRET: secret, ...extra });
const npx = (args: string[], extra: Record<string, string> = {}) => run('npx', ['--no', ...args], { cwd: host, env: env(extra) });

/** The tables of our schema the issue found missing, and a few more: each must exist after migrating. */
const ourTables = ['deletion_intent', 'org_audit_log', 'outbox', 'ownership_offer', 'platform_audit_log', 'purge_progress', 'webhook_event', 'odz_migrations'];

beforeAll(async () => {
  [cluster, install] = await Promise.all([startPostgresCluster(), installHost('postgres', host, inject('tarball'))]);
  console.log(`[package] postgres host: npm install took ${(install.ms / 1000).toFixed(1)} s`);
  databaseUrl = await cluster.createDatabase('host');
  db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
});

afterAll(async () => {
  await db?.end();
  await cluster?.dispose();
});

/** Everything of the database's `public` and `odz` schemas a drop would show: tables, indexes, sequences. */
async function postgresObjects(): Promise<string[]> {
  const { rows } = await db.query<{ object: string }>(
    `select c.relkind::text || ' ' || n.nspname || '.' || c.relname as object from pg_class c
     join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'odz') and c.relkind in ('r', 'i', 'S') order by 1`,
  );
  return rows.map((r) => r.object);
}

describe('drizzle-kit beside the danger zone, as the README has it (issue 19, traps 1 and 3)', () => {
  it('on PostgreSQL: the host migrates with drizzle-kit first, then ours; generate and push leave ours alone', async () => {
    await npx(['drizzle-kit', 'generate']);
    await npx(['drizzle-kit', 'migrate']);
    const migrated = await npx(['org-danger-zone', 'migrate']);
    // drizzle-kit's journal (drizzle.__drizzle_migrations) is not ours: every migration of ours ran.
    expect(migrated.stdout).toMatch(/Applied danger-zone\/0000_danger_zone, /);
    const before = await postgresObjects();
    for (const table of ourTables) expect(before).toContain(`r public.${table}`);
    expect(before).toContain('i public.organization_purge_idx');
    expect(before).toContain('i public.session_active_org_idx');
    expect(before.filter((o) => o.startsWith('S '))).toEqual([
      'S odz.org_audit_log_id',
      'S odz.platform_audit_log_id',
      'S odz.webhook_attempt_id',
      'S odz.webhook_event_seq',
    ]);

    const generated = await npx(['drizzle-kit', 'generate']);
    expect(generated.stdout).toContain('No schema changes');
    expect(readdirSync(join(host, 'drizzle')).filter((f) => f.endsWith('.sql'))).toHaveLength(1);
    const pushed = await npx(['drizzle-kit', 'push', '--force', '--verbose']);
    expect(pushed.stdout + pushed.stderr).toContain('No changes detected');
    expect(await postgresObjects()).toEqual(before);
    expect((await npx(['org-danger-zone', 'migrate'])).stdout).toContain('is up to date');
  });

  it('on a libSQL file: the same recipe', async () => {
    const file = join(host, 'host.db');
    const fileEnv = { DATABASE_URL: `file:${file}` };
    const config = ['--config', 'drizzle.sqlite.config.js'];
    await npx(['drizzle-kit', 'generate', ...config], fileEnv);
    await npx(['drizzle-kit', 'migrate', ...config], fileEnv);
    expect(existsSync(file)).toBe(true);
    const migrated = await npx(['org-danger-zone', 'migrate'], fileEnv);
    expect(migrated.stdout).toMatch(/Applied danger-zone\/0000_danger_zone, /);
    const client = createClient({ url: `file:${file}` });
    try {
      const objects = async () =>
        (await client.execute("select type || ' ' || name as object from sqlite_master where type in ('table', 'index') order by 1")).rows.map((r) =>
          String(r['object']),
        );
      const before = await objects();
      expect(before).toContain('table __drizzle_migrations');
      for (const table of ourTables) expect(before).toContain(`table ${table}`);
      expect(before).toContain('index organization_purge_idx');
      expect(before).toContain('index session_active_org_idx');
      const pushed = await npx(['drizzle-kit', 'push', '--force', '--verbose', ...config], fileEnv);
      expect(pushed.stdout + pushed.stderr).toContain('No changes detected');
      expect(await objects()).toEqual(before);
    } finally {
      client.close();
    }
  });
});

describe('a host in plain JavaScript on PostgreSQL, its better-auth on drizzle’s pg adapter', () => {
  let server: StartedProcess;
  let base = '';
  let clients: ReturnType<typeof authClients>;
  const journey = {} as { owner: UserClient; member: UserClient; org: { id: string; name: string } };

  beforeAll(async () => {
    const port = await freePort();
    server = await startProcess('node', ['server.js'], { cwd: host, env: env({ PORT: String(port) }), ready: /host listening on (http:\S+)/ });
    base = server.match[1]!;
    // better-auth's client as the host's front end uses it, from the host's origin.
    clients = authClients(`${base}${prefix}`, (input, init) =>
      fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), origin: base } }),
    );
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function call(path: string, { token, json, method }: { token?: string; json?: unknown; method?: string } = {}) {
    const res = await fetch(`${base}${path}`, {
      method: method ?? (json === undefined ? 'GET' : 'POST'),
      headers: { origin: base, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    // The tests read fields of whatever the host answered; they assert on them, not on types.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (an empty 204): the text is the body.
    }
    return { status: res.status, body };
  }

  /** Intent, the cooldown waited out on the host's clock, then the confirmation with the password. */
  async function scheduleDeletion(token: string) {
    const { org } = journey;
    const intent = await call(`${prefix}/api/orgs/${org.id}/deletion-intents`, { token, json: {} });
    expect(intent.status).toBe(201);
    const body = { intentId: intent.body.intentId, confirmName: org.name, password: TEST_PASSWORD, acknowledgements: ['other_members'] };
    const early = await call(`${prefix}/api/orgs/${org.id}/deletion`, { token, json: body });
    expect([early.status, early.body.error?.code]).toEqual([425, 'cooldown_active']);
    await call('/test/clock', { json: { advanceMs: 6_000 } });
    const confirmed = await call(`${prefix}/api/orgs/${org.id}/deletion`, { token, json: body });
    expect([confirmed.status, confirmed.body.status]).toEqual([202, 'pending_deletion']);
  }

  it('signs up, creates an org, invites and accepts with better-auth’s client, on the host’s pool', async () => {
    expect((await call('/')).body).toBe('the host app on PostgreSQL');
    const owner = await clients.signUp('Olive Owner', { email: 'olive@pg-host.test' });
    const member = await clients.signUp('Max Member', { email: 'max@pg-host.test' });
    const org = await clients.createOrg(owner, 'Postgres Org');
    const invitationId = await clients.invite(owner, org.id, member.email);
    // The invitation email went into our outbox, in the host's PostgreSQL database.
    const mail = await db.query("select to_email from outbox where event = 'invitation' and organization_id = $1", [org.id]);
    expect(mail.rows.map((r) => r.to_email)).toEqual([member.email]);
    await clients.accept(member, invitationId);

    // better-auth's own delete is refused by our plugin, its message naming our route under the prefix.
    const bypass = await owner.client.organization.delete({ organizationId: org.id });
    expect([bypass.error?.status, bypass.error?.code]).toEqual([403, 'use_danger_zone']);
    const state = await call(`${prefix}/api/orgs/${org.id}/danger-zone`, { token: member.token });
    expect([state.status, state.body.viewer.role, state.body.impact.members]).toEqual([200, 'member', 2]);
    Object.assign(journey, { owner, member, org: { id: org.id, name: org.name } });
  });

  it('schedules a deletion, cancels it, schedules again; the bin purges it on PostgreSQL with the host’s table', async () => {
    const { owner, org } = journey;
    await scheduleDeletion(owner.token);
    const pending = await call(`${prefix}/api/orgs/${org.id}/danger-zone`, { token: owner.token });
    expect([pending.status, pending.body.org.status]).toEqual([200, 'pending_deletion']);
    const cancelled = await call(`${prefix}/api/orgs/${org.id}/deletion`, { token: owner.token, method: 'DELETE' });
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'active']);
    await scheduleDeletion(owner.token);
    await db.query("insert into host_project (id, organization_id, name) values ('p1', $1, 'Apollo'), ('p2', $1, 'Gemini')", [org.id]);
    await server.stop();

    const later = { CLOCK_OFFSET: '8d', PURGE_HOST_TABLES: 'host_project.organization_id' };
    const early = JSON.parse((await npx(['org-danger-zone', 'purge'], { PURGE_HOST_TABLES: later.PURGE_HOST_TABLES })).stdout.trim().split('\n').at(-1)!);
    expect([early.purged, early.failed]).toEqual([[], []]);
    const purge = await npx(['org-danger-zone', 'purge'], later);
    const result = JSON.parse(purge.stdout.trim().split('\n').at(-1)!) as { purged: { orgId: string; removed: Record<string, number> }[]; failed: unknown[] };
    expect([result.purged.map((p) => [p.orgId, p.removed['host_project'], p.removed['member']]), result.failed]).toEqual([[[org.id, 2, 2]], []]);

    const count = async (statement: string) => Number((await db.query(statement, [org.id])).rows[0].n);
    expect(await count('select count(*) as n from organization where id = $1')).toBe(0);
    expect(await count('select count(*) as n from host_project where organization_id = $1')).toBe(0);
    expect(await count('select count(*) as n from org_audit_log where organization_id = $1')).toBe(0);
    expect(await count("select count(*) as n from platform_audit_log where action = 'org.deleted' and organization_id = $1")).toBe(1);
    // The users are the host's: untouched.
    expect(Number((await db.query('select count(*) as n from "user"')).rows[0].n)).toBe(2);
  });
});
