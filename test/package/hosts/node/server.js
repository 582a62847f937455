// A host application in plain JavaScript, run with plain `node`: its own Hono app, its own
// better-auth (with a plugin the danger zone does not use: username), its own database migrations,
// and the danger zone mounted under /dz from the installed package.
import { serve } from '@hono/node-server';
import { createClient } from '@libsql/client';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { bearer, organization, username } from 'better-auth/plugins';
import { drizzle } from 'drizzle-orm/libsql';
import { Hono } from 'hono';
import { AdjustableClock, createApp, createMetrics, dangerZone, metricsHandler, openDatabase, startBackgroundJobs, widgetAssets } from 'org-danger-zone/server';
import * as authSchema from './auth-schema.js';

const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT);
const baseURL = `http://127.0.0.1:${port}`;

// Test-only: the host moves this clock through /test/clock; the danger zone reads time from it.
const clock = new AdjustableClock();
const database = await openDatabase({ url });
const hostDb = drizzle(createClient({ url }));

const auth = betterAuth({
  secret: process.env.BETTER_AUTH_SECRET,
  baseURL,
  basePath: '/dz/api/auth',
  database: drizzleAdapter(hostDb, { provider: 'sqlite', schema: authSchema }),
  emailAndPassword: { enabled: true },
  session: { cookieCache: { enabled: false } },
  plugins: [organization(), bearer(), username(), dangerZone({ database, clock, invitationEmails: { acceptUrl: (id) => `${baseURL}/invitations/${id}` } })],
});

// The host's own logger (here: kept for the test's /test/purge) and one metrics registry for the process.
const jobLog = [];
const logger = { log: (event) => jobLog.push(event) };
const metrics = createMetrics();
// The host's own org-scoped table, registered once here: the purge in this process and
// `npx org-danger-zone purge` from cron both empty it.
const hostTables = [{ table: 'host_project', orgColumn: 'organization_id' }];
const jobs = startBackgroundJobs({ database, clock, purge: { intervalSeconds: 0, hostTables }, logger, metrics });

const host = new Hono();
host.get('/', (c) => c.text('the host app'));
host.route('/dz', createApp({ database, auth, clock, settings: { cooldownSeconds: 5 }, logger, metrics }));
// Where only the host's monitoring would reach it in production.
host.get('/internal/metrics', metricsHandler({ database, metrics, clock }));
host.route('/dz/widget', widgetAssets());

// Test-only routes of this host (a real host would not have them).
host.post('/test/clock', async (c) => {
  const body = await c.req.json();
  if (body.reset) clock.reset();
  if (body.now) clock.set(new Date(body.now));
  if (body.advanceMs) clock.advance(body.advanceMs);
  return c.json({ now: clock.now().toISOString() });
});
host.post('/test/purge', async (c) => {
  jobLog.length = 0;
  await jobs.purge.runNow();
  return c.json({ log: jobLog });
});

const server = serve({ fetch: host.fetch, hostname: '127.0.0.1', port }, () => console.log(`host listening on ${baseURL}`));
const stop = async () => {
  server.close();
  await jobs.stop();
  database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
