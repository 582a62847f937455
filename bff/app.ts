/**
 * The BFF as a Hono app a host can mount: `createApp({ db, auth, clock, … })`. The server entry
 * (`server.ts`) builds it from the environment; a host can build it from its own database and
 * better-auth instance and mount it with `host.route('/', createApp(…))`.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Auth } from './auth/auth.js';
import { systemClock, type Clock } from './clock.js';
import type { Db } from './db/client.js';
import { clientReader, type Reader } from './db/reader.js';
import type { AppDeps, AppEnv } from './http/env.js';
import type { SessionCookieConfig } from './http/credentials.js';
import { ApiError, errorResponse, toApiError } from './http/errors.js';
import { originGuard } from './http/origin-guard.js';
import { describeError } from './log.js';
import { managementRoutes } from './routes/management.js';
import { orgRoutes } from './routes/orgs.js';
import { defaultSettings, type Settings } from './settings.js';

export interface AppOptions {
  db: Db;
  /** Prepared-once reads for the state endpoint (`openDatabase(…).reader`); defaults to `db`'s client. */
  reader?: Reader;
  auth: Auth;
  clock?: Clock;
  settings?: Partial<Settings>;
  /** Origins allowed to call the BFF from a browser (CORS with credentials, and CSRF checks). */
  trustedOrigins?: string[];
  /** Read the client IP for the audit log from `X-Forwarded-For` (only behind a proxy you run). */
  trustProxy?: boolean;
  /** Extra routes mounted on the same app after the API (the demo page and QA endpoints). */
  extend?: (app: Hono<AppEnv>, deps: AppDeps) => void;
  /** Where unexpected errors are reported; the client only ever sees `internal_error`. */
  onUnexpectedError?: (error: unknown) => void;
}

/** The headers a browser on a trusted origin may read (rate limits, retry times, bearer tokens). */
export const exposedHeaders = [
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'RateLimit-Policy',
  'RateLimit',
  'set-auth-token',
];

export function createApp(options: AppOptions) {
  const { db, auth } = options;
  const settings: Settings = { ...defaultSettings, ...options.settings };
  const trustedOrigins = new Set(options.trustedOrigins ?? []);
  const isTrustedOrigin = (origin: string) => trustedOrigins.has(origin);

  let authContext: ReturnType<typeof loadAuthContext> | undefined;
  let cookieConfig: SessionCookieConfig | undefined;
  const context = () => (authContext ??= loadAuthContext(auth));
  const deps: AppDeps = {
    db,
    reader: options.reader ?? clientReader(db.$client),
    auth,
    clock: options.clock ?? systemClock,
    settings,
    trustProxy: options.trustProxy ?? false,
    // Resolved once; every later request reads it without awaiting a promise.
    sessionCookie: () => cookieConfig ?? context().then(({ cookie }) => (cookieConfig = cookie)),
    verifyPassword: async (hash, password) => (await context()).verify(hash, password),
  };
  const reportUnexpected =
    options.onUnexpectedError ?? ((error: unknown) => console.error(`[bff] unexpected error: ${describeError(error)}`));

  const app = new Hono<AppEnv>();

  const trustedCors = cors({
    origin: (origin) => origin,
    credentials: true,
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'x-api-key'],
    exposeHeaders: exposedHeaders,
    maxAge: 600,
  });
  // CORS only for TRUSTED_ORIGINS: any other origin gets no CORS header at all (no
  // Allow-Origin, no Allow-Credentials), so its browser keeps the response from it.
  // Not async: a request without Origin (most of them) passes straight through.
  app.use('/api/*', (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) return next();
    if (isTrustedOrigin(origin)) return trustedCors(c, next);
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) return Promise.resolve(c.body(null, 204));
    return next();
  });
  app.use('/api/orgs/*', originGuard(isTrustedOrigin));

  app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw));
  app.route('/api/orgs', orgRoutes(deps));
  app.route('/api/v2', managementRoutes(deps));
  options.extend?.(app, deps);

  app.notFound((c) => errorResponse(c, new ApiError('not_found')));
  app.onError((error, c) => {
    const known = toApiError(error);
    if (known) return errorResponse(c, known);
    reportUnexpected(error);
    return errorResponse(c, new ApiError('internal_error'));
  });
  return app;
}

async function loadAuthContext(auth: Auth) {
  const ctx = await auth.$context;
  return {
    cookie: { secret: ctx.secret, cookieName: ctx.authCookies.sessionToken.name },
    verify: (hash: string, password: string) => ctx.password.verify({ hash, password }),
  };
}

export type App = ReturnType<typeof createApp>;
