/**
 * The BFF as a Hono app a host can mount anywhere: `createApp({ database, auth, … })`, then
 * `host.route('/whatever', app)` with the element's `api-base` pointing at `/whatever/api`. The
 * standalone server (`server.ts`) builds it from the environment; a host builds it from its own
 * better-auth (with our plugin) and the danger zone's database.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { PasswordChecksBusyError } from './auth/password-gate.js';
import { DANGER_ZONE_PLUGIN_ID, linkDangerZonePlugin } from './auth/plugin.js';
import { hostStepUp, stepUpVerifier } from './auth/step-up.js';
import { systemClock, type Clock } from './clock.js';
import type { Database } from './db/database.js';
import { newCaches, type AppDeps } from './deps.js';
import { DomainError, refuse } from './domain-error.js';
import { authHandler } from './http/auth-handler.js';
import { limitAuthBody } from './http/validation.js';
import { clientAddressResolver, type TrustProxy } from './http/client-address.js';
import type { SessionCookieConfig } from './http/credentials.js';
import { errorResponse, toDomainError } from './http/errors.js';
import type { HostMessages } from '../shared/messages.js';
import { originGuard, UNSAFE_METHODS } from './http/origin-guard.js';
import { describeError } from './log.js';
import type { HostFactsHook } from './orgs/facts.js';
import { MailRenderer, type EmailOptions } from './mail/templates.js';
import { defaultLogger, type Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import { managementRoutes } from './routes/management.js';
import { openApiRoute } from './routes/openapi.js';
import { EXPORT_POLICY } from './exports/exports.js';
import { CONFIRMATION_POLICY, INTENT_POLICY } from './orgs/deletion.js';
import { ROLE_CHANGE_POLICY } from './orgs/member-role.js';
import { MANAGEMENT_POLICY } from './routes/management.js';
import { orgRoutes } from './routes/orgs.js';
import { assertSettings, defaultSettings, type Settings } from './settings.js';
import type { WebhookEndpoint } from './webhooks/dispatcher.js';

/**
 * What the danger zone needs of a better-auth instance: any `betterAuth({ … })` with the
 * organization plugin and ours (`dangerZone()`) has it, whatever else it is configured with.
 */
export interface DangerZoneAuth {
  handler: (request: Request) => Promise<Response>;
  $context: Promise<{
    secret: string;
    authCookies: { sessionToken: { name: string } };
    password: { verify: (input: { hash: string; password: string }) => Promise<boolean> };
  }>;
  options: { plugins?: readonly { id: string }[] | undefined };
  /** Its endpoints: the step-up methods beyond the password are checked through them (two-factor, email OTP). */
  api?: object;
}

export interface AppOptions {
  database: Database;
  auth: DangerZoneAuth;
  /** Mount better-auth's handler at `…/api/auth/*` (its `basePath` must say the same). Default true. */
  mountAuthHandler?: boolean;
  clock?: Clock;
  settings?: Partial<Settings>;
  /** The host's own blockers and warnings for an org, merged into every decision about deleting it. */
  hostFacts?: HostFactsHook;
  /**
   * Where webhooks go: with endpoints, every change records its event in its own transaction;
   * `startBackgroundJobs({ webhooks })` delivers them (give both the same endpoints).
   */
  webhooks?: { endpoints: readonly WebhookEndpoint[] };
  /** Origins allowed to call the BFF from a browser (CORS with credentials, and CSRF checks). */
  trustedOrigins?: string[];
  /**
   * The proxies in front of the BFF, whose `X-Forwarded-For` entries are believed (the client's
   * address is read from the right, past them): a number of hops, or their addresses and CIDR
   * ranges. Default none: the socket's peer is the client. `true` is one hop.
   */
  trustProxy?: TrustProxy;
  /** Extra routes mounted on the same app after the API (the demo page and QA endpoints). */
  extend?: (app: Hono, deps: AppDeps) => void;
  /** Where unexpected errors are reported; the client only ever sees `internal_error`. */
  onUnexpectedError?: (error: unknown) => void;
  /** Serve the OpenAPI document at `…/api/openapi.json` (default true). */
  openApi?: boolean;
  /** Where lifecycle events go: one JSON line each on stdout/stderr unless given (observability/logger.ts). */
  logger?: Logger;
  /** Counts rate-limit refusals; serve it with `metricsHandler` (observability/metrics.ts). */
  metrics?: Metrics;
  /** The emails' templates per event and locale, and each recipient's locale (give `dangerZone` the same). */
  emails?: EmailOptions;
  /** Your wording (your language) for any code, in error bodies and in the state's reasons and warnings. */
  messages?: HostMessages;
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
  'Idempotent-Replayed',
];

/** Refuses a better-auth instance without our plugin: it would silently lose every guard. */
function assertPluginInstalled(auth: DangerZoneAuth): { id: string } {
  const ids = (auth.options.plugins ?? []).map((p) => p.id);
  const plugin = auth.options.plugins?.find((p) => p.id === DANGER_ZONE_PLUGIN_ID);
  if (!plugin) {
    throw new Error(
      'createApp: the better-auth instance has no danger-zone plugin. Add `dangerZone({ database })` from ' +
        "'org-danger-zone/server' to `betterAuth({ plugins: [...] })`: without it, better-auth's own leave, delete " +
        'and role endpoints, sign-ins and invitations would bypass the rules.',
    );
  }
  if (!ids.includes('organization'))
    throw new Error("createApp: the better-auth instance has no organization plugin (`organization()` from 'better-auth/plugins').");
  return plugin;
}

/** better-auth's cookie name, secret and password check, read once from its context. */
function authBridge(auth: DangerZoneAuth): AppDeps['auth'] {
  let context: ReturnType<typeof load> | undefined;
  let cookie: SessionCookieConfig | undefined;
  const load = async () => {
    const ctx = await auth.$context;
    return {
      cookie: { secret: ctx.secret, cookieName: ctx.authCookies.sessionToken.name },
      // The plugin's gate (one check per account at a time) answers 429 in better-auth's terms.
      verify: (hash: string, password: string) =>
        ctx.password.verify({ hash, password }).catch((error: unknown) => {
          if (error instanceof PasswordChecksBusyError) refuse('rate_limited', { retryAfter: 1 });
          throw error;
        }),
    };
  };
  const loaded = () => (context ??= load());
  return {
    // Resolved once; every later request reads it without awaiting a promise.
    sessionCookie: () => cookie ?? loaded().then((c) => (cookie = c.cookie)),
    verifyPassword: async (hash, password) => (await loaded()).verify(hash, password),
    stepUp: stepUpVerifier(auth),
  };
}

/** The metric's label of each limit (a refusal without a counter is the per-account password gate's). */
const limitLabels: Record<string, string> = {
  [CONFIRMATION_POLICY]: 'confirmation',
  [MANAGEMENT_POLICY]: 'management',
  [INTENT_POLICY]: 'intent',
  [ROLE_CHANGE_POLICY]: 'role_change',
  [EXPORT_POLICY]: 'export',
};
const limitLabel = (policy: string | undefined) => (policy ? (limitLabels[policy] ?? policy) : 'password_check');

export function createApp(options: AppOptions) {
  const plugin = assertPluginInstalled(options.auth);
  const trustedOrigins = new Set(options.trustedOrigins ?? []);
  const isTrustedOrigin = (origin: string) => trustedOrigins.has(origin);
  const deps: AppDeps = {
    database: options.database,
    auth: authBridge(options.auth),
    clock: options.clock ?? systemClock,
    settings: { ...defaultSettings, webhookEvents: (options.webhooks?.endpoints.length ?? 0) > 0, ...options.settings },
    hostFacts: options.hostFacts,
    clientAddress: clientAddressResolver(options.trustProxy ?? false),
    logger: options.logger ?? defaultLogger,
    metrics: options.metrics,
    mail: new MailRenderer(options.emails),
    messages: options.messages,
    viewerQuery: { stepUp: hostStepUp(options.auth) },
    caches: newCaches(),
  };
  // What the plugin records beside better-auth's own writes (remove-member's webhook) follows this app.
  linkDangerZonePlugin(plugin, { webhookEvents: deps.settings.webhookEvents });
  assertSettings(deps.settings);
  const reportUnexpected =
    options.onUnexpectedError ?? ((error: unknown) => deps.logger.log({ event: 'unexpected_error', level: 'error', error: describeError(error) }));

  const trustedCors = cors({
    origin: (origin) => origin,
    credentials: true,
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'x-api-key', 'Idempotency-Key'],
    exposeHeaders: exposedHeaders,
    maxAge: 600,
  });

  const app = new Hono()
    // CORS only for TRUSTED_ORIGINS: any other origin gets no CORS header at all (no
    // Allow-Origin, no Allow-Credentials), so its browser keeps the response from it.
    // Not async: a request without Origin (most of them) passes straight through.
    .use('/api/*', (c, next) => {
      const origin = c.req.header('origin');
      if (!origin) return next();
      if (isTrustedOrigin(origin)) return trustedCors(c, next);
      c.header('Vary', 'Origin', { append: true });
      if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) return Promise.resolve(c.body(null, 204));
      return next();
    });
  // Every answer says what it is and may not be sniffed as anything else (issue 18.11). Before
  // `next()` and not async: headers set here reach every answer built with c.json/c.body (the hot
  // path makes no promise for it); the answers built as Response objects set it themselves.
  app.use('*', (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    return next();
  });
  // Writes only: a read never changes anything, and every layer costs the state endpoint a
  // promise or two per request (see docs/benchmarks.md). Not chained: `.on`
  // would add '/api/orgs/*' to the app's route types, a route `hc<typeof app>` would offer.
  app.on(UNSAFE_METHODS, '/api/orgs/*', originGuard(isTrustedOrigin));
  if (options.mountAuthHandler ?? true) {
    const handle = authHandler(options.auth, { clientAddress: deps.clientAddress });
    app.on(['GET', 'POST'], '/api/auth/*', limitAuthBody, async (c) => {
      const response = await handle(c);
      if (response.status === 429) deps.metrics?.increment('odz_rate_limit_refusals_total', { limit: 'sign_in' });
      return response;
    });
  }
  const routes = app.route('/api/orgs', orgRoutes(deps)).route('/api/v2', managementRoutes(deps));
  if (options.openApi ?? true) app.get('/api/openapi.json', openApiRoute());
  options.extend?.(app, deps);

  app.notFound((c) => errorResponse(c, new DomainError('not_found'), deps.clock.now(), deps.messages));
  app.onError((error, c) => {
    const known = toDomainError(error);
    if (known?.code === 'rate_limited') deps.metrics?.increment('odz_rate_limit_refusals_total', { limit: limitLabel(known.rateLimit?.policy) });
    if (known) return errorResponse(c, known, deps.clock.now(), deps.messages);
    reportUnexpected(error);
    return errorResponse(c, new DomainError('internal_error'), deps.clock.now(), deps.messages);
  });
  return routes;
}

export type App = ReturnType<typeof createApp>;
