/**
 * Several real BFF processes (the production entry, `bff/server.ts`) over ONE database: a libSQL
 * file in WAL mode, or with ODZ_TEST_DATABASE=remote that file behind our Hrana-over-HTTP test
 * server (sqld's rules), the processes then sharing it as Turso or sqld would be shared; plus the
 * test's own handle on the same database for setting scenarios up and checking rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from 'better-auth/crypto';
import { openDatabase, type Database } from '../../bff/db/database.js';
import { fixtures } from '../helpers/fixtures.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { testDatabaseUrl } from '../helpers/test-database.js';

export const PASSWORD = 'reliability-canary-pw-7Qx91';

export interface Cluster {
  dir: string;
  databaseUrl: string;
  servers: ServerProcess[];
  db: Database['writer']['db'];
  database: Database;
  user(name: string, email?: string): Promise<{ id: string; email: string; name: string }>;
  org(input: { name?: string; members: { userId: string; role: string }[] }): Promise<{ id: string; name: string }>;
  signIn(server: ServerProcess, email: string): Promise<string>;
  request(
    server: ServerProcess,
    path: string,
    init?: { method?: string; token?: string; json?: unknown; headers?: Record<string, string>; body?: string },
  ): Promise<Response>;
  logs(): string;
  stop(): Promise<void>;
}

export async function startCluster(options: { processes?: number; env?: Record<string, string> } = {}): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'odz-reliability-'));
  const shared = await testDatabaseUrl(dir);
  const databaseUrl = shared.url;
  const env = {
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: 'reliability-secret-reliability-secret-0123456789',
    DELETION_COOLDOWN_SECONDS: '0',
    SIGN_IN_RATE_LIMIT: '100000',
    SIGN_IN_ACCOUNT_RATE_LIMIT: '100000',
    // The races make hundreds of intents and role changes; their limits are the security suite's.
    INTENT_RATE_LIMIT: '100000',
    INTENT_ORG_RATE_LIMIT: '100000',
    ROLE_CHANGE_RATE_LIMIT: '100000',
    ROLE_CHANGE_ORG_RATE_LIMIT: '100000',
    ...options.env,
  };
  // One at a time: the first applies the migrations and switches the file to WAL.
  const servers: ServerProcess[] = [];
  for (let i = 0; i < (options.processes ?? 2); i++) servers.push(await startServerProcess(env));
  const database = await openDatabase({ url: databaseUrl, busyTimeoutMs: 5000 });
  const make = fixtures(database, await hashPassword(PASSWORD));

  return {
    dir,
    databaseUrl,
    servers,
    db: database.writer.db,
    database,
    user: (name, email) => make.user(name, { email }),
    org: (input) => make.org(input),
    async signIn(server, email) {
      const res = await fetch(`${server.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      if (!res.ok) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    request(server, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body = init.body;
      if (init.json !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(init.json);
      }
      return fetch(`${server.url}${path}`, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
    },
    logs: () => servers.map((s) => s.logs.join('')).join('\n'),
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
      // Every cluster's output is swept for the canary password, whatever its test did.
      if (servers.some((s) => s.logs.join('').includes(PASSWORD))) throw new Error('the canary password appeared in a server log');
      await database.close();
      await shared.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
