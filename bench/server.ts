/**
 * The benchmark's server: the production BFF (`buildBff`, the same wiring as bff/server.ts) and,
 * on the same port in the same process, a bare Hono `GET /ping` as the baseline: every request of
 * the state endpoint pays for what the BFF does beyond that.
 */
import { serve } from '@hono/node-server';
import { createHook } from 'node:async_hooks';
import { Hono } from 'hono';
import { parseEnv } from '../bff/config.js';
import { buildBff } from '../bff/runtime.js';
import { purgeDueOrgs } from '../bff/purge/purge.js';
import { PurgeWorker } from '../bff/purge/worker-client.js';

const env = parseEnv(process.env);
const bff = await buildBff({ ...env, baseURL: `http://${env.HOST}:${env.PORT}` });
await bff.seedIfEmpty();
const bare = new Hono().get('/ping', (c) => c.text('pong'));

// The purge as the server runs it in production: on a file in its worker thread, on its own
// connection (started here once, so a measurement covers the purge and nothing of a process's
// start-up); on PostgreSQL beside the requests, on the server's pool.
const worker = bff.database.purgeInWorker ? new PurgeWorker({ url: env.DATABASE_URL, busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS }) : null;
bare.post('/bench/purge', async (c) => {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const request = { now: new Date().toISOString(), holder: 'bench', batchSize: env.PURGE_BATCH_SIZE };
  const result = worker ? await worker.run(request) : await purgeDueOrgs(bff.database, { ...request, now: new Date(request.now) });
  clearInterval(sampler);
  return c.json({ result, rssBeforeMb: before / 2 ** 20, peakRssMb: peak / 2 ** 20 });
});

/**
 * The promises one state request makes, counted over the same request replayed in process: a
 * deterministic figure where throughput is not (each promise costs twice over here, since
 * better-auth's AsyncLocalStorage turns on Node's promise hooks for the whole process).
 */
bare.get('/bench/promises', async (c) => {
  const request = new Request(new URL(`/api/orgs/${c.req.query('org')}/danger-zone`, c.req.url), { headers: { cookie: c.req.header('cookie') ?? '' } });
  const replays = 1_000;
  let promises = 0;
  const hook = createHook({ init: (_id, type) => void (type === 'PROMISE' && promises++) });
  await bff.app.fetch(request); // a cached answer, as on a page's every later load
  hook.enable();
  for (let i = 0; i < replays; i++) if ((await bff.app.fetch(request)).status !== 200) throw new Error('the state request failed');
  hook.disable();
  return c.json({ promisesPerRequest: promises / replays });
});

serve(
  {
    fetch: (request, ...rest) => {
      const path = new URL(request.url).pathname;
      return path === '/ping' || path.startsWith('/bench/') ? bare.fetch(request) : bff.app.fetch(request, ...rest);
    },
    hostname: env.HOST,
    port: env.PORT,
  },
  (info) => console.log(`bench server listening on ${info.port}`),
);

// A clean exit on SIGINT/SIGTERM lets `node --cpu-prof` write its profile when profiling this server.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
