/**
 * The benchmark's server: the production BFF (`buildBff`, the same wiring as bff/server.ts) and,
 * on the same port in the same process, a bare Hono `GET /ping` as the baseline: every request of
 * the state endpoint pays for what the BFF does beyond that.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { parseEnv } from '../bff/env.js';
import { buildBff } from '../bff/runtime.js';

const env = parseEnv(process.env);
const bff = await buildBff({ ...env, baseURL: `http://${env.HOST}:${env.PORT}` });
await bff.seedIfEmpty();
const bare = new Hono().get('/ping', (c) => c.text('pong'));

serve(
  {
    fetch: (request, ...rest) => (new URL(request.url).pathname === '/ping' ? bare.fetch(request) : bff.app.fetch(request, ...rest)),
    hostname: env.HOST,
    port: env.PORT,
  },
  (info) => console.log(`bench server listening on ${info.port}`),
);

// A clean exit on SIGINT/SIGTERM lets `node --cpu-prof` write its profile when profiling this server.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
