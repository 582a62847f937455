/**
 * Builds a complete BFF from its configuration: the database (WAL, migrations applied), better-auth,
 * the app with the demo routes when asked for, and the clock. The server entry, the one-shot
 * commands and the tests all start from here, so they run exactly the production wiring.
 */
import { createApp } from './app.js';
import { createAuth, type Auth } from './auth/auth.js';
import { AdjustableClock, systemClock, type Clock } from './clock.js';
import { enableWriteAheadLog, openDatabase, type Database } from './db/client.js';
import { applyMigrations } from './db/migrate.js';
import { demoRoutes } from './demo/routes.js';
import { seedDemoData } from './demo/seed.js';
import type { Env } from './env.js';
import type { Settings } from './settings.js';
import { user } from './db/schema.js';
import { randomBase62 } from './ids.js';
import { purgeDueOrgs, type PurgeResult } from './purge/purge.js';
import { hostname } from 'node:os';
import { widgetAssets } from './widget-assets.js';
import { demoPages } from './demo/static.js';

export type BffConfig = Pick<
  Env,
  | 'DATABASE_URL'
  | 'DATABASE_AUTH_TOKEN'
  | 'DATABASE_BUSY_TIMEOUT_MS'
  | 'BETTER_AUTH_SECRET'
  | 'TRUSTED_ORIGINS'
  | 'TRUST_PROXY'
  | 'DEMO'
  | 'DELETION_GRACE_DAYS'
  | 'DELETION_COOLDOWN_SECONDS'
  | 'DELETION_INTENT_TTL_SECONDS'
  | 'CONFIRMATION_RATE_LIMIT'
  | 'CONFIRMATION_RATE_WINDOW_SECONDS'
  | 'MANAGEMENT_RATE_LIMIT'
  | 'MANAGEMENT_RATE_WINDOW_SECONDS'
  | 'PURGE_LEASE_SECONDS'
  | 'PURGE_BATCH_SIZE'
> & { baseURL: string };

export function settingsFrom(config: BffConfig): Settings {
  return {
    graceDays: config.DELETION_GRACE_DAYS,
    cooldownSeconds: config.DELETION_COOLDOWN_SECONDS,
    intentTtlSeconds: config.DELETION_INTENT_TTL_SECONDS,
    confirmationLimit: { max: config.CONFIRMATION_RATE_LIMIT, windowSeconds: config.CONFIRMATION_RATE_WINDOW_SECONDS },
    managementLimit: { max: config.MANAGEMENT_RATE_LIMIT, windowSeconds: config.MANAGEMENT_RATE_WINDOW_SECONDS },
  };
}

export interface Bff {
  app: ReturnType<typeof createApp>;
  database: Database;
  auth: Auth;
  clock: Clock;
  settings: Settings;
  /** Runs the purge once, in this thread, on the app's clock (the demo endpoint and the command). */
  purgeNow(): Promise<PurgeResult>;
  /** The purge's lease holder name for this process. */
  purgeHolder: string;
  /** Writes the demo data set if the database has no users yet (DEMO=1 only). */
  seedIfEmpty(): Promise<boolean>;
  close(): void;
}

export async function openAndMigrate(
  config: Pick<BffConfig, 'DATABASE_URL' | 'DATABASE_AUTH_TOKEN' | 'DATABASE_BUSY_TIMEOUT_MS'>,
  options: { concurrency?: number } = {},
) {
  const database = openDatabase({
    url: config.DATABASE_URL,
    authToken: config.DATABASE_AUTH_TOKEN,
    busyTimeoutMs: config.DATABASE_BUSY_TIMEOUT_MS,
    ...options,
  });
  if (config.DATABASE_URL.startsWith('file:')) await enableWriteAheadLog(database.client);
  await applyMigrations(database.db);
  return database;
}

export async function buildBff(config: BffConfig, options: { clock?: Clock } = {}): Promise<Bff> {
  const database = await openAndMigrate(config);
  const { db } = database;
  const settings = settingsFrom(config);
  const trustedOrigins = [new URL(config.baseURL).origin, ...config.TRUSTED_ORIGINS];
  const auth = createAuth({ db, secret: config.BETTER_AUTH_SECRET, baseURL: config.baseURL, trustedOrigins });
  const demoClock = config.DEMO ? (options.clock instanceof AdjustableClock ? options.clock : new AdjustableClock()) : null;
  const clock = demoClock ?? options.clock ?? systemClock;

  const purgeHolder = `${hostname()}:${process.pid}:${randomBase62(6)}`;
  const purgeNow = () =>
    purgeDueOrgs(db, {
      now: clock.now(),
      holder: purgeHolder,
      leaseMs: config.PURGE_LEASE_SECONDS * 1000,
      batchSize: config.PURGE_BATCH_SIZE,
    });

  const app = createApp({
    db,
    reader: database.reader,
    auth,
    clock,
    settings,
    trustedOrigins: config.TRUSTED_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    extend: (root, deps) => {
      root.route('/widget', widgetAssets());
      if (demoClock) {
        root.route('/api/demo', demoRoutes(deps, { clock: demoClock, runPurge: purgeNow }));
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
    async seedIfEmpty() {
      if (!config.DEMO) return false;
      const [anyone] = await db.select({ id: user.id }).from(user).limit(1);
      if (anyone) return false;
      const context = await auth.$context;
      await seedDemoData(db, {
        hashPassword: (password) => context.password.hash(password),
        now: clock.now(),
        graceDays: settings.graceDays,
      });
      return true;
    },
    close: () => database.close(),
  };
}
