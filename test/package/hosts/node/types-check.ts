// Type-checks the host's wiring against the package's .d.ts with a strict host's flags (see
// tsconfig.json): the host's own hono (another minor than the package's), its own better-auth.
import { betterAuth } from 'better-auth';
import { bearer, organization, username } from 'better-auth/plugins';
import { Hono } from 'hono';
import {
  AdjustableClock,
  applyMigrations,
  createApp,
  dangerZone,
  openDatabase,
  startBackgroundJobs,
  widgetAssets,
  type DangerZoneState,
  type Settings,
} from 'org-danger-zone/server';
import { outbox, platformAuditLog } from 'org-danger-zone/server/schema';

const database = await openDatabase({ url: 'file:host.db' });
await applyMigrations(database.writer);
const clock = new AdjustableClock();
const auth = betterAuth({
  basePath: '/dz/api/auth',
  emailAndPassword: { enabled: true },
  plugins: [organization(), bearer(), username(), dangerZone({ database, clock, invitationEmails: { acceptUrl: (id: string) => `/invitations/${id}` } })],
});
const settings: Partial<Settings> = { cooldownSeconds: 5 };
const host = new Hono().route('/dz', createApp({ database, auth, clock, settings })).route('/dz/widget', widgetAssets());
const jobs = startBackgroundJobs({ database, clock, purge: { intervalSeconds: 60 } });
await jobs.purge?.runNow();
const state = null as DangerZoneState | null;
const purgeAt: string | null | undefined = state?.org.purgeAt;
const tables: string[] = [outbox, platformAuditLog].map((t) => String(t));
export { host, purgeAt, tables };
