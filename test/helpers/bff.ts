/**
 * A real BFF for tests: the production wiring (`buildBff`) over a fresh libSQL file in a temp
 * directory, the demo endpoints on, and an injected clock the test moves. Requests go through
 * `app.request()`, so every middleware runs; nothing is mocked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdjustableClock } from '../../bff/clock.js';
import { buildBff, type Bff, type BffConfig } from '../../bff/runtime.js';
import { DEMO_PASSWORD } from '../../bff/demo/data-set.js';
import { fixtures, type Fixtures } from './fixtures.js';

export const TEST_BASE_URL = 'http://odz.test';

export interface TestBff extends Bff {
  clock: AdjustableClock;
  /** Users (with the demo password) and orgs written straight into this BFF's database. */
  make: Fixtures;
  dir: string;
  url: string;
  request(path: string, init?: RequestOptions): Promise<Response>;
  /** Signs in through better-auth and returns the session token for `Authorization: Bearer`. */
  signIn(email: string, password?: string): Promise<string>;
  dispose(): void;
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
    BETTER_AUTH_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    TRUSTED_ORIGINS: ['http://host.test'],
    TRUST_PROXY: false,
    DEMO: true,
    DELETION_GRACE_DAYS: 7,
    DELETION_COOLDOWN_SECONDS: 10,
    DELETION_INTENT_TTL_SECONDS: 600,
    CONFIRMATION_RATE_LIMIT: 5,
    CONFIRMATION_RATE_WINDOW_SECONDS: 900,
    MANAGEMENT_RATE_LIMIT: 50,
    MANAGEMENT_RATE_WINDOW_SECONDS: 60,
    PURGE_LEASE_SECONDS: 60,
    PURGE_BATCH_SIZE: 1000,
    baseURL: TEST_BASE_URL,
    ...overrides,
  };
}

export async function createTestBff(overrides: Partial<BffConfig> = {}): Promise<TestBff> {
  const dir = mkdtempSync(join(tmpdir(), 'odz-test-'));
  const clock = new AdjustableClock();
  const config = testConfig(dir, overrides);
  const bff = await buildBff(config, { clock });
  const make = fixtures(bff.database.db, await (await bff.auth.$context).password.hash(DEMO_PASSWORD));

  const request = (path: string, init: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(init.json);
    }
    return Promise.resolve(
      bff.app.request(`${TEST_BASE_URL}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body }),
    );
  };

  return {
    ...bff,
    clock,
    make,
    dir,
    url: config.DATABASE_URL,
    request,
    async signIn(email, password = DEMO_PASSWORD) {
      const res = await request('/api/auth/sign-in/email', { json: { email, password } });
      if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    dispose() {
      bff.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads the spec's error body and returns its code (or null for a success body). */
export async function errorCode(res: Response): Promise<string | null> {
  const body = (await res.clone().json().catch(() => null)) as { error?: { code?: string } } | null;
  return body?.error?.code ?? null;
}
