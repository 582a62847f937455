/**
 * A host's own better-auth, configured as a host would (its options, its plugins, our plugin
 * beside them), over a test BFF's database, and the danger zone's app mounted on it with
 * `createApp`: for the rules that depend on what the host's better-auth has (deleting one's own
 * account, two-factor, email codes, passkeys). Requests go through `app.request()`.
 */
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { admin, bearer, organization } from 'better-auth/plugins';
import { createApp, type DangerZoneAuth } from '../../bff/app.js';
import { dangerZone } from '../../bff/auth/plugin.js';
import { betterAuthAdapter } from '../../bff/db/auth-adapter.js';
import { authClients, type AuthClients } from './auth-client.js';
import { requester, TEST_BASE_URL, type RequestOptions, type TestBff } from './bff.js';

export interface TestHost {
  auth: DangerZoneAuth;
  app: ReturnType<typeof createApp>;
  users: AuthClients;
  request(path: string, init?: RequestOptions): Promise<Response>;
}

export function createTestHost(bff: TestBff, options: Pick<BetterAuthOptions, 'user' | 'plugins'> & { schema?: Record<string, unknown> } = {}): TestHost {
  const auth = betterAuth({
    secret: 'host-secret-host-secret-host-secret-0123456789',
    baseURL: TEST_BASE_URL,
    basePath: '/api/auth',
    // The host's own adapter, over the test's database: drizzle's, with the engine's provider.
    database: betterAuthAdapter(bff.database),
    emailAndPassword: { enabled: true },
    session: { cookieCache: { enabled: false } },
    ...(options.user ? { user: options.user } : {}),
    plugins: [
      organization({ disableOrganizationDeletion: true, requireEmailVerificationOnInvitation: false }),
      admin(),
      bearer(),
      ...(options.plugins ?? []),
      dangerZone({ database: bff.database, clock: bff.clock, signInRateLimit: { max: 100_000, window: 60 } }),
    ],
  });
  const app = createApp({ database: bff.database, auth, clock: bff.clock });
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(app.request(input instanceof Request ? input : String(input), init));
  return {
    auth,
    app,
    users: authClients(TEST_BASE_URL, fetch),
    request: requester(app),
  };
}
