/**
 * The server's background jobs: the purge every PURGE_INTERVAL_SECONDS in a worker thread, and
 * the mail dispatcher every MAIL_INTERVAL_SECONDS when SMTP_URL is set (without it the outbox
 * stays readable through the demo mailbox).
 */
import type { Env } from '../config.js';
import type { Bff } from '../runtime.js';
import { dispatchOutbox } from '../mail/dispatcher.js';
import { smtpTransport } from '../mail/smtp.js';
import { PurgeWorker } from '../purge/worker-client.js';
import { startIntervalJob, type IntervalJob } from './interval.js';

export interface BackgroundJobs {
  purge: IntervalJob | null;
  mail: IntervalJob | null;
  stop(): Promise<void>;
}

export function startBackgroundJobs(
  bff: Bff,
  env: Pick<Env, 'DATABASE_URL' | 'DATABASE_AUTH_TOKEN' | 'DATABASE_BUSY_TIMEOUT_MS' | 'PURGE_INTERVAL_SECONDS' | 'PURGE_LEASE_SECONDS' | 'PURGE_BATCH_SIZE' | 'SMTP_URL' | 'MAIL_FROM' | 'MAIL_INTERVAL_SECONDS' | 'MAIL_BACKOFF_SECONDS'>,
  log: (line: string) => void = console.log,
): BackgroundJobs {
  let worker: PurgeWorker | null = null;
  const purge =
    env.PURGE_INTERVAL_SECONDS > 0
      ? startIntervalJob('purge', env.PURGE_INTERVAL_SECONDS * 1000, async () => {
          worker ??= new PurgeWorker({
            url: env.DATABASE_URL,
            authToken: env.DATABASE_AUTH_TOKEN,
            busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS,
          });
          const result = await worker.run({
            now: bff.clock.now().toISOString(),
            holder: bff.purgeHolder,
            leaseMs: env.PURGE_LEASE_SECONDS * 1000,
            batchSize: env.PURGE_BATCH_SIZE,
          });
          for (const org of result.purged) log(`purge: deleted org ${org.orgId} (${JSON.stringify(org.removed)})`);
        })
      : null;

  const transport = env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM) : null;
  const mail = transport
    ? startIntervalJob('mail', env.MAIL_INTERVAL_SECONDS * 1000, async () => {
        const { sent, failed } = await dispatchOutbox(bff.database.writer.db, {
          transport,
          now: bff.clock.now(),
          backoffMs: env.MAIL_BACKOFF_SECONDS * 1000,
        });
        if (sent || failed) log(`mail: sent ${sent}, will retry ${failed}`);
      })
    : null;

  return {
    purge,
    mail,
    async stop() {
      await purge?.stop();
      await mail?.stop();
      await worker?.close();
      transport?.close?.();
    },
  };
}
