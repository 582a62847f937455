/** What every route of the BFF is built from, and the Hono environment it runs in. */
import type { Auth } from '../auth/auth.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type { Reader } from '../db/reader.js';
import type { Settings } from '../settings.js';
import type { SessionCookieConfig } from './credentials.js';

export interface AppDeps {
  db: Db;
  /** Prepared-once reads for the hot path. */
  reader: Reader;
  auth: Auth;
  clock: Clock;
  settings: Settings;
  trustProxy: boolean;
  /** better-auth's cookie name and secret, read once from its context (a promise only the first time). */
  sessionCookie: () => SessionCookieConfig | Promise<SessionCookieConfig>;
  verifyPassword: (hash: string, password: string) => Promise<boolean>;
}

/** The root app's environment; route groups add their own `Variables`. */
export interface AppEnv {}
