/**
 * What the security suite attacks: real server processes (the production entry, `bff/server.ts`,
 * without `DEMO` unless a test asks for it) over one libSQL file, the way an operator runs them.
 * Users and organizations are made through the front doors (better-auth's own client: sign up,
 * create, invite, accept); the test keeps a handle on the same database only to count what the
 * attacks left behind (rows, counters, audit entries).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../bff/db/database.js';
import { authClients, TEST_PASSWORD, type UserClient } from '../helpers/auth-client.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

export const SECRET = 'security-suite-secret-security-suite-secret-0123';

export interface Target {
  servers: ServerProcess[];
  database: Database;
  db: Database['writer']['db'];
  /** A new user, signed up through better-auth on `server` (from `ip` when the servers trust a proxy). */
  signUp(name: string, options?: { server?: ServerProcess; ip?: string }): Promise<UserClient>;
  /** An org made by its owner with better-auth's client, others invited and accepted with their roles. */
  org(
    owner: UserClient,
    name: string,
    members?: { user: UserClient; role: 'member' | 'admin' | 'owner' }[],
  ): Promise<{ id: string; name: string; slug: string }>;
  request(server: ServerProcess, path: string, init?: RequestInit & { token?: string; json?: unknown; ip?: string }): Promise<Response>;
  stop(): Promise<void>;
}

export async function startTarget(options: { processes?: number; env?: Record<string, string> } = {}): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'odz-security-'));
  const url = `file:${join(dir, 'security.db')}`;
  const env = {
    DATABASE_URL: url,
    BETTER_AUTH_SECRET: SECRET,
    DELETION_COOLDOWN_SECONDS: '0',
    SIGN_IN_RATE_LIMIT: '100000',
    SIGN_IN_ACCOUNT_RATE_LIMIT: '100000',
    ...options.env,
  };
  // One at a time: the first applies the migrations and switches the file to WAL.
  const servers: ServerProcess[] = [];
  for (let i = 0; i < (options.processes ?? 1); i++) servers.push(await startServerProcess(env));
  const database = await openDatabase({ url });

  const fetchFrom = (ip: string | undefined) => (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (ip) request.headers.set('x-forwarded-for', ip);
    return fetch(request);
  };
  const clients = (server: ServerProcess, ip?: string) => authClients(server.url, fetchFrom(ip));
  const first = servers[0]!;

  return {
    servers,
    database,
    db: database.writer.db,
    signUp: (name, { server = first, ip } = {}) => clients(server, ip).signUp(name),
    async org(owner, name, members = []) {
      const auth = clients(first);
      const org = await auth.createOrg(owner, name);
      for (const { user, role } of members) await auth.accept(user, await auth.invite(owner, org.id, user.email, role));
      return org;
    },
    request(server, path, init = {}) {
      const { token, json, ip, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (ip) headers.set('x-forwarded-for', ip);
      let body = rest.body;
      if (json !== undefined) {
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
        body = JSON.stringify(json);
      }
      return fetch(`${server.url}${path}`, { ...rest, method: rest.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
    },
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
      const leaked = servers.some((s) => s.logs.join('').includes(TEST_PASSWORD));
      database.close();
      rmSync(dir, { recursive: true, force: true });
      if (leaked) throw new Error('a password appeared in a server log');
    },
  };
}

/** Milliseconds from sending `request` to its whole answer. */
export async function timed(request: () => Promise<Response>): Promise<{ ms: number; res: Response }> {
  const started = performance.now();
  const res = await request();
  await res.arrayBuffer();
  return { ms: performance.now() - started, res };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** How many answers had each status, e.g. `{ 401: 5, 429: 15 }`. */
export function statusCounts(responses: readonly Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const res of responses) counts[res.status] = (counts[res.status] ?? 0) + 1;
  return counts;
}
