/**
 * The standalone server's configuration, parsed from the environment with zod. Bad configuration
 * stops the server (or a command) at start with a message that names each variable and what is
 * wrong with it.
 */
import * as z from 'zod';
import { parseDuration } from './clock.js';
import { trustedRanges, type TrustProxy } from './http/client-address.js';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const positiveInt = z.coerce.number().int().positive();

/** Only for DEMO=1 on a developer's machine; the server refuses to start without a secret otherwise. */
export const DEMO_SECRET = 'org-danger-zone-demo-secret-not-for-production-use';
/** With DEMO=1 and no WEBHOOK_URLS, webhooks go to the demo's own receiver, signed with this. */
export const DEMO_WEBHOOK_SECRET = 'whsec_ZGVtby13ZWJob29rLXNlY3JldC1ub3QtZm9yLXByb2R1Y3Rpb24=';

const variables = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:|postgres:|postgresql:)/, 'must be a libSQL URL (file:data/app.db, libsql://…) or a PostgreSQL URL (postgres://…)')
    .default('file:data/org-danger-zone.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
  /** PostgreSQL: the longest one statement may run before it is cancelled (503 `database_busy`). */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The public URL of the BFF, when it differs from http://HOST:PORT (a proxy, TLS). */
  PUBLIC_URL: z.url().optional(),
  TRUSTED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ message: 'must be a comma-separated list of origins such as https://app.example.com' }))),
  /** Proxies in front of the BFF: a number of hops, or their addresses and CIDR ranges (client-address.ts). */
  TRUST_PROXY: z
    .string()
    .default('0')
    .transform((value, ctx): TrustProxy => {
      const v = value.trim();
      if (v === 'false') return 0;
      if (v === 'true') return 1;
      if (/^\d+$/.test(v)) return Number(v);
      const entries = v
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean);
      try {
        trustedRanges(entries);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `must be a number of proxy hops, or proxy addresses and CIDR ranges: ${(error as Error).message}` });
        return z.NEVER;
      }
      return entries;
    }),
  DEMO: flag.default(false),
  /** With DEMO=1, a second port serving only the demo pages: another origin, for the cross-origin example. */
  DEMO_HOST_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Turns deletion off for the whole deployment; owners are told why. */
  DELETION_DISABLED: flag.default(false),
  /** Whole days: the widget and the emails say "in 7 days". To test the window, move the clock (CLOCK_OFFSET). */
  DELETION_GRACE_DAYS: z.coerce.number().int('must be a whole number of days (to test the grace window, set CLOCK_OFFSET instead)').min(1).default(7),
  /** The latest purge date an owner may choose, in days from the request (at least DELETION_GRACE_DAYS). */
  DELETION_MAX_GRACE_DAYS: z.coerce.number().int().min(1).default(30),
  /** Hours before the purge at which owners are reminded by email, each once; empty: none. */
  DELETION_REMINDER_HOURS: z
    .string()
    .default('72,24')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map(Number),
    )
    .pipe(z.array(z.number().int('must be whole hours, e.g. 72,24').positive('must be whole hours, e.g. 72,24'))),
  /**
   * The host's page that shows an org's settings (the element), `{orgId}` and `{slug}` replaced:
   * the deletion emails link to its cancel step (`#odz-cancel-deletion`).
   */
  SETTINGS_URL: z.string().optional(),
  /** Days a purged org's slug stays reserved after the purge (0: released at once), and who may take it meanwhile. */
  SLUG_RESERVATION_DAYS: z.coerce.number().int().min(0).default(0),
  SLUG_RESERVED_FOR: z.enum(['nobody', 'former_owners']).default('nobody'),
  DELETION_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(10),
  DELETION_INTENT_TTL_SECONDS: positiveInt.default(600),
  CONFIRMATION_RATE_LIMIT: positiveInt.default(5),
  CONFIRMATION_RATE_WINDOW_SECONDS: positiveInt.default(900),
  MANAGEMENT_RATE_LIMIT: positiveInt.default(50),
  MANAGEMENT_RATE_WINDOW_SECONDS: positiveInt.default(60),
  /** Deletion intents, role changes and exports: per user, per org, and their window. */
  INTENT_RATE_LIMIT: positiveInt.default(20),
  INTENT_ORG_RATE_LIMIT: positiveInt.default(60),
  INTENT_RATE_WINDOW_SECONDS: positiveInt.default(3600),
  ROLE_CHANGE_RATE_LIMIT: positiveInt.default(60),
  ROLE_CHANGE_ORG_RATE_LIMIT: positiveInt.default(180),
  ROLE_CHANGE_RATE_WINDOW_SECONDS: positiveInt.default(3600),
  EXPORT_RATE_LIMIT: positiveInt.default(10),
  EXPORT_ORG_RATE_LIMIT: positiveInt.default(30),
  EXPORT_RATE_WINDOW_SECONDS: positiveInt.default(600),
  /** better-auth's limiter on sign-in attempts, per client address, counted in the database. */
  SIGN_IN_RATE_LIMIT: positiveInt.default(10),
  SIGN_IN_RATE_WINDOW_SECONDS: positiveInt.default(60),
  /** Failed sign-ins per account, from any address (the plugin's `signInAccountRateLimit`). */
  SIGN_IN_ACCOUNT_RATE_LIMIT: positiveInt.default(20),
  SIGN_IN_ACCOUNT_RATE_WINDOW_SECONDS: positiveInt.default(900),
  /** The page an invitation email links to; `{id}` becomes the invitation's id. */
  INVITATION_URL: z.string().optional(),
  PURGE_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  PURGE_LEASE_SECONDS: z.coerce.number().positive().default(60),
  PURGE_BATCH_SIZE: z.coerce.number().int().min(1).max(50_000).default(1000),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().default('Org Danger Zone <no-reply@localhost>'),
  MAIL_INTERVAL_SECONDS: z.coerce.number().positive().default(5),
  /** First retry delay after a failed send; doubles with each failure, up to an hour. */
  MAIL_BACKOFF_SECONDS: z.coerce.number().positive().default(30),
  /** Where webhooks go (comma-separated URLs), signed with WEBHOOK_SECRET (Standard Webhooks). */
  WEBHOOK_URLS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ message: 'must be a comma-separated list of http(s) URLs' }))),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{24,}$/, 'must be whsec_ followed by base64 (e.g. from `org-danger-zone webhook-secret`)')
    .optional(),
  WEBHOOK_INTERVAL_SECONDS: z.coerce.number().positive().default(2),
  /** Org-scoped tables of the host that the purge empties too: `table.org_column`, comma-separated. */
  /** A second port serving Prometheus metrics at /metrics (off unless set): only your monitoring should reach it. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** For tests: the process's clock runs this far from real time (`8d`, `-2h`, `90m`); it warns at start. */
  CLOCK_OFFSET: z
    .string()
    .default('0s')
    .transform((v, ctx) => {
      const ms = parseDuration(v);
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: 'must be a signed number with a unit: ms, s, m, h or d (e.g. 8d, -2h, 1.5d)' });
        return z.NEVER;
      }
      return ms;
    }),
  PURGE_HOST_TABLES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*(:keep)?$/, 'each must be table.org_column (or table.org_column:keep)'))),
});

export const envSchema = variables.transform((env, ctx) => {
  const secret = env.BETTER_AUTH_SECRET ?? (env.DEMO ? DEMO_SECRET : undefined);
  if (env.WEBHOOK_URLS.length > 0 && !env.WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'is required with WEBHOOK_URLS' });
    return z.NEVER;
  }
  // The demo's secrets are in this repository for anyone to read: with one, anyone can forge
  // sessions and webhook signatures. Only a demo on a developer's machine may use them.
  if (!env.DEMO && env.BETTER_AUTH_SECRET === DEMO_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['BETTER_AUTH_SECRET'],
      message: 'is the publicly documented demo secret: outside DEMO=1 set your own (32+ random characters, e.g. `openssl rand -base64 32`)',
    });
    return z.NEVER;
  }
  if (!env.DEMO && env.WEBHOOK_SECRET === DEMO_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['WEBHOOK_SECRET'],
      message: 'is the publicly documented demo webhook secret: outside DEMO=1 make your own with `org-danger-zone webhook-secret`',
    });
    return z.NEVER;
  }
  if (!secret) {
    ctx.addIssue({
      code: 'custom',
      path: ['BETTER_AUTH_SECRET'],
      message: 'is required (32+ random characters, e.g. `openssl rand -base64 32`) unless DEMO=1',
    });
    return z.NEVER;
  }
  return { ...env, BETTER_AUTH_SECRET: secret };
});

export type Env = z.output<typeof envSchema>;

/** What the one-shot database commands need: no secret, no HTTP settings. */
export const databaseEnvSchema = variables.pick({
  DATABASE_URL: true,
  DATABASE_AUTH_TOKEN: true,
  DATABASE_BUSY_TIMEOUT_MS: true,
  DATABASE_STATEMENT_TIMEOUT_MS: true,
});

/** The one-shot purge command: the database and the purge's own settings. */
export const purgeEnvSchema = variables.pick({
  DATABASE_URL: true,
  DATABASE_AUTH_TOKEN: true,
  DATABASE_BUSY_TIMEOUT_MS: true,
  DATABASE_STATEMENT_TIMEOUT_MS: true,
  PURGE_LEASE_SECONDS: true,
  PURGE_BATCH_SIZE: true,
  PURGE_HOST_TABLES: true,
  WEBHOOK_URLS: true,
  CLOCK_OFFSET: true,
  DELETION_REMINDER_HOURS: true,
  SETTINGS_URL: true,
});

/** The one-shot mail command. */
export const mailEnvSchema = variables.pick({
  DATABASE_URL: true,
  DATABASE_AUTH_TOKEN: true,
  DATABASE_BUSY_TIMEOUT_MS: true,
  DATABASE_STATEMENT_TIMEOUT_MS: true,
  SMTP_URL: true,
  MAIL_FROM: true,
  CLOCK_OFFSET: true,
});

export class ConfigError extends Error {}

/** Parses `source` (normally `process.env`); throws a `ConfigError` listing every problem. */
export function parseEnv<Schema extends z.ZodType = typeof envSchema>(
  source: Record<string, string | undefined>,
  schema: Schema = envSchema as unknown as Schema,
): z.output<Schema> {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const defined = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(defined);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** How the commands and the server open the database from their environment. */
export function databaseOptionsFrom(
  env: Pick<Env, 'DATABASE_URL' | 'DATABASE_AUTH_TOKEN' | 'DATABASE_BUSY_TIMEOUT_MS'> & { DATABASE_STATEMENT_TIMEOUT_MS?: number | undefined },
) {
  return {
    url: env.DATABASE_URL,
    authToken: env.DATABASE_AUTH_TOKEN,
    busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
  };
}
