/**
 * `org-danger-zone serve`: the standalone server. Configuration from the environment
 * (config.ts), migrations applied (better-auth's tables and ours), the demo data set seeded on first
 * start when DEMO=1, the background jobs, then HTTP on HOST:PORT.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { clockWithOffset } from '../clock.js';
import { parseEnv } from '../config.js';
import { demoPages } from '../demo/static.js';
import { startBackgroundJobs } from '../jobs/background.js';
import { createMetrics, metricsHandler } from '../observability/metrics.js';
import { buildBff } from '../runtime.js';

export async function serveCommand(): Promise<void> {
  const env = parseEnv(process.env);
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  const baseURL = env.PUBLIC_URL ?? `http://${host}:${env.PORT}`;
  // The demo's "other origin" (the cross-origin example) is trusted like a host app would be.
  const demoHostPort = env.DEMO ? (env.DEMO_HOST_PORT ?? env.PORT + 1) : 0;
  const demoOrigins = env.DEMO
    ? [env.PORT, ...(demoHostPort ? [demoHostPort] : [])].flatMap((port) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`])
    : [];
  const metrics = createMetrics();
  const bff = await buildBff(
    { ...env, baseURL, TRUSTED_ORIGINS: [...env.TRUSTED_ORIGINS, ...demoOrigins] },
    { clock: clockWithOffset(env.CLOCK_OFFSET), metrics },
  );

  if (env.DEMO) {
    const seeded = await bff.seedIfEmpty();
    console.warn(
      [
        '',
        '  !!! DEMO=1: the QA endpoints under /api/demo are open to anyone who can reach this server:',
        '  !!! they reset the data, move the clock and read every email. Never run this in production.',
        seeded ? '  Seeded the demo data set (logins in docs/demo.md; password "danger-zone-demo").' : '',
        '',
      ].join('\n'),
    );
  }

  const jobs = startBackgroundJobs({
    database: bff.database,
    clock: bff.clock,
    purge: env.PURGE_INTERVAL_SECONDS > 0 && {
      intervalSeconds: env.PURGE_INTERVAL_SECONDS,
      leaseSeconds: env.PURGE_LEASE_SECONDS,
      batchSize: env.PURGE_BATCH_SIZE,
      hostTables: bff.hostTables,
    },
    webhooks: { endpoints: bff.webhookEndpoints, intervalSeconds: env.WEBHOOK_INTERVAL_SECONDS },
    mail: env.SMTP_URL ? { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM } : undefined,
    mailIntervalSeconds: env.MAIL_INTERVAL_SECONDS,
    mailBackoffSeconds: env.MAIL_BACKOFF_SECONDS,
    reminders: { hours: bff.settings.reminderHours, emails: bff.emails },
    metrics,
  });
  if (!env.SMTP_URL) console.log('SMTP_URL is not set: emails stay in the outbox (the demo mailbox shows them).');

  const server = serve({ fetch: bff.app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
    const address = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    console.log(`org-danger-zone BFF listening on http://${address}:${info.port} (database ${bff.database.url})`);
    if (env.DEMO) console.log(`QA page: http://${address}:${info.port}/`);
  });

  const otherOrigin = demoHostPort
    ? serve(
        {
          fetch: new Hono().route('/demo', demoPages({ bffOrigins: [new URL(baseURL).origin, ...demoOrigins] })).fetch,
          hostname: env.HOST,
          port: demoHostPort,
        },
        (info) => console.log(`Demo pages on another origin (cross-origin example): http://${host}:${info.port}/demo/examples/cross-origin.html`),
      )
    : null;

  // Metrics on a port of their own, where only the monitoring reaches them (never the public one).
  const metricsServer = env.METRICS_PORT
    ? serve(
        {
          fetch: new Hono().get('/metrics', metricsHandler({ database: bff.database, metrics, clock: bff.clock })).fetch,
          hostname: env.HOST,
          port: env.METRICS_PORT,
        },
        (info) => console.log(`Metrics (Prometheus text) on http://${host}:${info.port}/metrics`),
      )
    : null;

  const shutdown = async () => {
    server.close();
    otherOrigin?.close();
    metricsServer?.close();
    await jobs.stop();
    await bff.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}
