/**
 * Builds the standalone BFF from its configuration: the database (migrations applied, better-auth's
 * tables included), better-auth with our plugin, the app with the demo routes when asked for, and
 * the clock. The server entry, the one-shot commands and the tests all start from here, so they run
 * exactly the production wiring.
 */
import { createApp } from './app.js';
import { createStandaloneAuth, type StandaloneAuth } from './auth/standalone.js';
import { AdjustableClock, systemClock, type Clock } from './clock.js';
import { reportPurge, reportPurgeStarted, reportReminders } from './observability/job-reports.js';
import { defaultLogger, type Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import { DEMO_WEBHOOK_SECRET, databaseOptionsFrom, type Env } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { applyMigrations, type MigrationSetName } from './db/migrate.js';
import { tablesOf } from './db/handle.js';
import { demoRoutes } from './demo/routes.js';
import { seedDemoData } from './demo/seed.js';
import { demoPages } from './demo/static.js';
import { purgeHolderName } from './purge/holder.js';
import { parseHostTable, purgeDueOrgs, type HostTable, type PurgeResult } from './purge/purge.js';
import type { Settings } from './settings.js';
import type { WebhookEndpoint } from './webhooks/dispatcher.js';
import { widgetAssets } from './widget-assets.js';
import { MailRenderer, type EmailOptions } from './mail/templates.js';
import { sendDeletionReminders } from './orgs/deletion-reminders.js';

export type BffConfig = Pick<
  Env,
  | 'DATABASE_URL'
  | 'DATABASE_AUTH_TOKEN'
  | 'DATABASE_BUSY_TIMEOUT_MS'
  | 'DATABASE_STATEMENT_TIMEOUT_MS'
  | 'BETTER_AUTH_SECRET'
  | 'TRUSTED_ORIGINS'
  | 'TRUST_PROXY'
  | 'DEMO'
  | 'DELETION_DISABLED'
  | 'DELETION_GRACE_DAYS'
  | 'DELETION_MAX_GRACE_DAYS'
  | 'DELETION_REMINDER_HOURS'
  | 'SLUG_RESERVATION_DAYS'
  | 'SLUG_RESERVED_FOR'
  | 'DELETION_COOLDOWN_SECONDS'
  | 'DELETION_INTENT_TTL_SECONDS'
  | 'CONFIRMATION_RATE_LIMIT'
  | 'CONFIRMATION_RATE_WINDOW_SECONDS'
  | 'MANAGEMENT_RATE_LIMIT'
  | 'MANAGEMENT_RATE_WINDOW_SECONDS'
  | 'INTENT_RATE_LIMIT'
  | 'INTENT_ORG_RATE_LIMIT'
  | 'INTENT_RATE_WINDOW_SECONDS'
  | 'ROLE_CHANGE_RATE_LIMIT'
  | 'ROLE_CHANGE_ORG_RATE_LIMIT'
  | 'ROLE_CHANGE_RATE_WINDOW_SECONDS'
  | 'EXPORT_RATE_LIMIT'
  | 'EXPORT_ORG_RATE_LIMIT'
  | 'EXPORT_RATE_WINDOW_SECONDS'
  | 'SIGN_IN_RATE_LIMIT'
  | 'SIGN_IN_RATE_WINDOW_SECONDS'
  | 'SIGN_IN_ACCOUNT_RATE_LIMIT'
  | 'SIGN_IN_ACCOUNT_RATE_WINDOW_SECONDS'
  | 'PURGE_LEASE_SECONDS'
  | 'PURGE_BATCH_SIZE'
> & {
  baseURL: string;
  INVITATION_URL?: string | undefined;
  SETTINGS_URL?: string | undefined;
  WEBHOOK_URLS?: string[] | undefined;
  WEBHOOK_SECRET?: string | undefined;
  PURGE_HOST_TABLES?: string[] | undefined;
};

/** With DEMO=1 and no WEBHOOK_URLS, webhooks go to the demo's own receiver, signed with this. */
export { DEMO_WEBHOOK_SECRET };

/** The webhook endpoints of a configuration: WEBHOOK_URLS, or with DEMO=1 the demo's receiver. */
export function webhookEndpointsFrom(config: BffConfig): WebhookEndpoint[] {
  const urls = config.WEBHOOK_URLS ?? [];
  if (urls.length > 0) return urls.map((url) => ({ url, secret: config.WEBHOOK_SECRET! }));
  return config.DEMO ? [{ url: `${config.baseURL}/api/demo/webhook-receiver`, secret: DEMO_WEBHOOK_SECRET }] : [];
}

const userAndOrg = (user: number, org: number, windowSeconds: number) => ({ user: { max: user, windowSeconds }, org: { max: org, windowSeconds } });

export function settingsFrom(config: BffConfig): Settings {
  return {
    graceDays: config.DELETION_GRACE_DAYS,
    maxGraceDays: config.DELETION_MAX_GRACE_DAYS,
    reminderHours: config.DELETION_REMINDER_HOURS,
    cooldownSeconds: config.DELETION_COOLDOWN_SECONDS,
    intentTtlSeconds: config.DELETION_INTENT_TTL_SECONDS,
    confirmationLimit: { max: config.CONFIRMATION_RATE_LIMIT, windowSeconds: config.CONFIRMATION_RATE_WINDOW_SECONDS },
    managementLimit: { max: config.MANAGEMENT_RATE_LIMIT, windowSeconds: config.MANAGEMENT_RATE_WINDOW_SECONDS },
    intentLimit: userAndOrg(config.INTENT_RATE_LIMIT, config.INTENT_ORG_RATE_LIMIT, config.INTENT_RATE_WINDOW_SECONDS),
    roleChangeLimit: userAndOrg(config.ROLE_CHANGE_RATE_LIMIT, config.ROLE_CHANGE_ORG_RATE_LIMIT, config.ROLE_CHANGE_RATE_WINDOW_SECONDS),
    exportLimit: userAndOrg(config.EXPORT_RATE_LIMIT, config.EXPORT_ORG_RATE_LIMIT, config.EXPORT_RATE_WINDOW_SECONDS),
    deletionDisabled: config.DELETION_DISABLED,
    webhookEvents: webhookEndpointsFrom(config).length > 0,
  };
}

export interface Bff {
  app: ReturnType<typeof createApp>;
  database: Database;
  auth: StandaloneAuth;
  clock: Clock;
  settings: Settings;
  /** Runs the purge once, in this thread, on the app's clock (the demo endpoint and the command). */
  purgeNow(): Promise<PurgeResult>;
  /** The purge's lease holder name for this process. */
  purgeHolder: string;
  /** Where this BFF's webhooks go (for `startBackgroundJobs`). */
  webhookEndpoints: WebhookEndpoint[];
  /** The host's tables the purge empties too (PURGE_HOST_TABLES). */
  hostTables: HostTable[];
  /** The emails' options (SETTINGS_URL's link), for the reminders of `startBackgroundJobs`. */
  emails: EmailOptions;
  /** Writes the demo data set if the database has no users yet (DEMO=1 only). */
  seedIfEmpty(): Promise<boolean>;
  close(): Promise<void>;
}

/** Opens the database and applies the standalone server's migrations: better-auth's tables and ours. */
export async function openAndMigrate(
  config: Pick<BffConfig, 'DATABASE_URL' | 'DATABASE_AUTH_TOKEN' | 'DATABASE_BUSY_TIMEOUT_MS'> & Partial<Pick<BffConfig, 'DATABASE_STATEMENT_TIMEOUT_MS'>>,
  sets: readonly MigrationSetName[] = ['auth', 'danger-zone'],
): Promise<Database> {
  const database = await openDatabase(databaseOptionsFrom(config));
  await applyMigrations(database.writer, sets);
  return database;
}

export async function buildBff(config: BffConfig, options: { clock?: Clock; logger?: Logger; metrics?: Metrics } = {}): Promise<Bff> {
  const database = await openAndMigrate(config);
  const settings = settingsFrom(config);
  const demoClock = config.DEMO ? (options.clock instanceof AdjustableClock ? options.clock : new AdjustableClock()) : null;
  const clock = demoClock ?? options.clock ?? systemClock;
  const invitationUrl = config.INVITATION_URL ?? `${config.baseURL}${config.DEMO ? '/demo/' : '/'}?invitation={id}`;
  const auth = createStandaloneAuth({
    database,
    secret: config.BETTER_AUTH_SECRET,
    baseURL: config.baseURL,
    trustedOrigins: [new URL(config.baseURL).origin, ...config.TRUSTED_ORIGINS],
    invitationUrl,
    signInRateLimit: { max: config.SIGN_IN_RATE_LIMIT, window: config.SIGN_IN_RATE_WINDOW_SECONDS },
    signInAccountRateLimit: { max: config.SIGN_IN_ACCOUNT_RATE_LIMIT, window: config.SIGN_IN_ACCOUNT_RATE_WINDOW_SECONDS },
    slugReservation: { days: config.SLUG_RESERVATION_DAYS, reservedFor: config.SLUG_RESERVED_FOR },
    clock,
  });

  const purgeHolder = purgeHolderName();
  const webhookEndpoints = webhookEndpointsFrom(config);
  const hostTables = (config.PURGE_HOST_TABLES ?? []).map(parseHostTable);
  // The demo's "run the purge now" logs and counts like the background job.
  const logger = options.logger ?? defaultLogger;
  const emails: EmailOptions = { settingsUrl: config.SETTINGS_URL ?? `${config.baseURL}${config.DEMO ? '/demo/' : '/'}?org={orgId}` };
  const reminderMail = new MailRenderer(emails);
  const purgeNow = async () => {
    reportReminders(logger, await sendDeletionReminders({ database, mail: reminderMail }, { hours: settings.reminderHours, now: clock.now() }));
    const result = await purgeDueOrgs(database, {
      now: clock.now(),
      holder: purgeHolder,
      leaseMs: config.PURGE_LEASE_SECONDS * 1000,
      batchSize: config.PURGE_BATCH_SIZE,
      hostTables,
      webhookEvents: settings.webhookEvents,
      onStarted: (started) => reportPurgeStarted(logger, started),
    });
    reportPurge(logger, options.metrics, result);
    return result;
  };

  const app = createApp({
    database,
    auth,
    clock,
    settings,
    trustedOrigins: config.TRUSTED_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    emails,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    extend: (root, deps) => {
      root.route('/widget', widgetAssets());
      if (demoClock) {
        root.route('/api/demo', demoRoutes(deps, { clock: demoClock, runPurge: purgeNow, auth, webhookSecret: webhookEndpoints[0]?.secret }));
        root.get('/', (c) => c.redirect('/demo/'));
        root.route('/demo', demoPages());
      }
    },
  });

  return {
    app,
    database,
    auth,
    clock,
    settings,
    purgeNow,
    purgeHolder,
    webhookEndpoints,
    hostTables,
    emails,
    async seedIfEmpty() {
      if (!config.DEMO) return false;
      const { user } = tablesOf(database.reader.db);
      const [anyone] = await database.reader.db.select({ id: user.id }).from(user).limit(1);
      if (anyone) return false;
      const context = await auth.$context;
      await seedDemoData(database.writer, {
        hashPassword: (password) => context.password.hash(password),
        now: clock.now(),
        graceDays: settings.graceDays,
      });
      return true;
    },
    close: () => database.close(),
  };
}
