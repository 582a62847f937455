/**
 * A real BFF for tests: the production wiring (`buildBff`) over a fresh libSQL database (a file in
 * a temp directory, or a remote URL when the suite runs against the Hrana test server), the demo
 * endpoints on, and an injected clock the test moves. Requests go through `app.request()`, so
 * every middleware runs; nothing is mocked.
 *
 * `useTestBff()` is the one fixture of the BFF suite: it builds the BFF before a file's tests and
 * disposes of it after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { AdjustableClock } from '../../bff/clock.js';
import { DEMO_PASSWORD } from '../../bff/demo/data-set.js';
import type { LogEvent } from '../../bff/observability/logger.js';
import { createMetrics, type Metrics } from '../../bff/observability/metrics.js';
import { buildBff, type Bff, type BffConfig } from '../../bff/runtime.js';
import { authClients, type AuthClients } from './auth-client.js';
import { contractViolation } from './contract-check.js';
import { fixtures, type Fixtures } from './fixtures.js';
import type { HranaServer } from './hrana/server.js';
import type { PostgresCluster } from './postgres-cluster.js';
import { testDatabaseUrl } from './test-database.js';

export const TEST_BASE_URL = 'http://odz.test';

export interface TestBff extends Bff {
  clock: AdjustableClock;
  /** Every lifecycle event the app logged (its logger, replaced as a host would). */
  logs: LogEvent[];
  metrics: Metrics;
  /** Users (with the demo password) and orgs written straight into this BFF's database. */
  make: Fixtures;
  /** better-auth's own client against this BFF: sign-up, organizations, invitations. */
  users: AuthClients;
  dir: string;
  url: string;
  /** The PostgreSQL server behind `url` when the suite runs against PostgreSQL. */
  postgres: PostgresCluster | null;
  /** The Hrana test server behind `url` when the suite runs against a remote database. */
  hrana: HranaServer | null;
  request(path: string, init?: RequestOptions): Promise<Response>;
  /** Signs in through better-auth and returns the session token for `Authorization: Bearer`. */
  signIn(email: string, password?: string): Promise<string>;
  dispose(): Promise<void>;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  json?: unknown;
  headers?: Record<string, string>;
  body?: string;
}

export function testConfig(dir: string, overrides: Partial<BffConfig> = {}): BffConfig {
  return {
    DATABASE_URL: `file:${join(dir, 'test.db')}`,
    DATABASE_AUTH_TOKEN: undefined,
    DATABASE_BUSY_TIMEOUT_MS: 5000,
    DATABASE_STATEMENT_TIMEOUT_MS: 30_000,
    BETTER_AUTH_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    TRUSTED_ORIGINS: ['http://host.test'],
    TRUST_PROXY: false,
    DEMO: true,
    DELETION_DISABLED: false,
    DELETION_GRACE_DAYS: 7,
    DELETION_MAX_GRACE_DAYS: 30,
    DELETION_REMINDER_HOURS: [72, 24],
    SLUG_RESERVATION_DAYS: 0,
    SLUG_RESERVED_FOR: 'nobody',
    DELETION_COOLDOWN_SECONDS: 10,
    DELETION_INTENT_TTL_SECONDS: 600,
    CONFIRMATION_RATE_LIMIT: 5,
    CONFIRMATION_RATE_WINDOW_SECONDS: 900,
    MANAGEMENT_RATE_LIMIT: 50,
    MANAGEMENT_RATE_WINDOW_SECONDS: 60,
    // The suite makes many intents, role changes and exports; their limits have tests of their own.
    INTENT_RATE_LIMIT: 100_000,
    INTENT_ORG_RATE_LIMIT: 100_000,
    INTENT_RATE_WINDOW_SECONDS: 3600,
    ROLE_CHANGE_RATE_LIMIT: 100_000,
    ROLE_CHANGE_ORG_RATE_LIMIT: 100_000,
    ROLE_CHANGE_RATE_WINDOW_SECONDS: 3600,
    EXPORT_RATE_LIMIT: 100_000,
    EXPORT_ORG_RATE_LIMIT: 100_000,
    EXPORT_RATE_WINDOW_SECONDS: 600,
    // Every test signs in from one address; the sign-in limit has a test of its own.
    SIGN_IN_RATE_LIMIT: 100_000,
    SIGN_IN_RATE_WINDOW_SECONDS: 60,
    SIGN_IN_ACCOUNT_RATE_LIMIT: 100_000,
    SIGN_IN_ACCOUNT_RATE_WINDOW_SECONDS: 900,
    PURGE_LEASE_SECONDS: 60,
    PURGE_BATCH_SIZE: 1000,
    baseURL: TEST_BASE_URL,
    ...overrides,
  };
}

export interface TestBffOptions {
  /** Behind the Hrana test server whatever the suite's mode (the remote database's own tests). */
  remote?: boolean;
}

export async function createTestBff(overrides: Partial<BffConfig> = {}, options: TestBffOptions = {}): Promise<TestBff> {
  const dir = mkdtempSync(join(tmpdir(), 'odz-test-'));
  const clock = new AdjustableClock();
  const database = await testDatabaseUrl(dir, options);
  const config = testConfig(dir, { DATABASE_URL: database.url, ...overrides });
  const logs: LogEvent[] = [];
  const metrics = createMetrics();
  const bff = await buildBff(config, { clock, logger: { log: (event) => logs.push(event) }, metrics });
  // Every answer of a contract route is checked against the contract (contract-check.ts).
  const fetch = bff.app.fetch;
  bff.app.fetch = async (request, ...rest) => {
    const response = await fetch(request, ...rest);
    const violation = await contractViolation(request, response);
    if (violation) throw new Error(`contract: ${violation}`);
    return response;
  };
  const make = fixtures(bff.database, await (await bff.auth.$context).password.hash(DEMO_PASSWORD));

  const request = requester(bff.app);

  return {
    ...bff,
    clock,
    logs,
    metrics,
    make,
    users: authClients(TEST_BASE_URL, (input, init) => Promise.resolve(bff.app.request(input instanceof Request ? input : String(input), init))),
    dir,
    url: config.DATABASE_URL,
    hrana: database.server,
    postgres: database.postgres,
    request,
    async signIn(email, password = DEMO_PASSWORD) {
      const res = await request('/api/auth/sign-in/email', { json: { email, password } });
      if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async dispose() {
      await bff.close();
      await database.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The BFF suite's fixture: a fresh BFF for the test file, built before its tests and disposed of
 * after them. The returned object is filled in when the file's first hook runs.
 */
export function useTestBff(overrides: Partial<BffConfig> = {}, options: TestBffOptions = {}): TestBff {
  const holder = {} as TestBff;
  beforeAll(async () => {
    Object.assign(holder, await createTestBff(overrides, options));
  });
  afterAll(async () => {
    await holder.dispose?.();
  });
  return holder;
}

/** `request(path, { token, json })` against an app: a bearer token, a JSON body, POST when there is a body. */
export function requester(app: { request: (url: string, init: RequestInit) => Response | Promise<Response> }) {
  return (path: string, init: RequestOptions = {}): Promise<Response> => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(init.json);
    }
    return Promise.resolve(
      app.request(`${TEST_BASE_URL}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, ...(body === undefined ? {} : { body }) }),
    );
  };
}

/** Reads the spec's error body and returns its code (or null for a success body). */
export async function errorCode(res: Response): Promise<string | null> {
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: string } } | null;
  return body?.error?.code ?? null;
}
