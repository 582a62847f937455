// A host application in plain JavaScript on PostgreSQL, run with plain `node`: its own Hono app,
// its own better-auth through drizzle's pg adapter on its own pg Pool, and the danger zone from the
// installed package mounted under /settings/dz on that same pool (one database, one pool).
import { serve } from '@hono/node-server';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { bearer, organization } from 'better-auth/plugins';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Hono } from 'hono';
import { AdjustableClock, createApp, dangerZone, openDatabase, widgetAssets } from 'org-danger-zone/server';
import pg from 'pg';
import * as schema from './auth-schema.js';

const port = Number(process.env.PORT);
const baseURL = `http://127.0.0.1:${port}`;
const prefix = '/settings/dz';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const db = drizzle(pool, { schema });
// Test-only: the host moves this clock through /test/clock; the danger zone reads time from it.
const clock = new AdjustableClock();
const database = await openDatabase({ pool: db });

const auth = betterAuth({
  secret: process.env.BETTER_AUTH_SECRET,
  baseURL,
  basePath: `${prefix}/api/auth`,
  database: drizzleAdapter(db, { provider: 'pg', schema }),
  emailAndPassword: { enabled: true },
  session: { cookieCache: { enabled: false } },
  plugins: [organization(), bearer(), dangerZone({ database, clock, invitationEmails: { acceptUrl: (id) => `${baseURL}/invitations/${id}` } })],
});

const host = new Hono();
host.get('/', (c) => c.text('the host app on PostgreSQL'));
host.route(prefix, createApp({ database, auth, clock, settings: { cooldownSeconds: 5 } }));
host.route(`${prefix}/widget`, widgetAssets());

// Test-only route of this host (a real host would not have it).
host.post('/test/clock', async (c) => {
  const body = await c.req.json();
  if (body.reset) clock.reset();
  if (body.now) clock.set(new Date(body.now));
  if (body.advanceMs) clock.advance(body.advanceMs);
  return c.json({ now: clock.now().toISOString() });
});

const server = serve({ fetch: host.fetch, hostname: '127.0.0.1', port }, () => console.log(`host listening on ${baseURL}`));
const stop = async () => {
  server.close();
  await database.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
