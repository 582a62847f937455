/**
 * The background jobs a BFF process runs: the purge every `purge.intervalSeconds` (on libSQL in a
 * worker thread with its own connection, `database.purgeInWorker`; on PostgreSQL beside the
 * requests, its driver never blocks them), and the mail dispatcher every
 * `mail.intervalSeconds` when a transport is given (without one the outbox keeps its emails; the
 * demo mailbox shows them). A host that mounts the danger zone calls this once per process; every
 * process may run them: the purge lease and the outbox claims keep them from doing anything twice.
 */
import { systemClock, type Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { forgetExpiredKeys } from '../idempotency/store.js';
import { dispatchOutbox, type MailTransport } from '../mail/dispatcher.js';
import { smtpTransport } from '../mail/smtp.js';
import { MailRenderer, type EmailOptions } from '../mail/templates.js';
import { sendDeletionReminders } from '../orgs/deletion-reminders.js';
import { defaultSettings } from '../settings.js';
import { registerHostTables, type HostTable } from '../purge/host-tables.js';
import { DEFAULT_BATCH_SIZE, DEFAULT_LEASE_MS, purgeDueOrgs, type PurgeResult, type PurgeStarted } from '../purge/purge.js';
import { dispatchWebhooks, type WebhookEndpoint } from '../webhooks/dispatcher.js';
import { PurgeWorker } from '../purge/worker-client.js';
import { purgeHolderName } from '../purge/holder.js';
import { describeError } from '../log.js';
import { outboxWatch, reportMail, reportPurge, reportPurgeStarted, reportReminders, reportWebhooks } from '../observability/job-reports.js';
import { defaultLogger, type Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { startIntervalJob, type IntervalJob } from './interval.js';

export interface BackgroundJobOptions {
  database: Database;
  /** The server's clock (the demo moves it): decides which orgs are due and which retries are. */
  clock?: Clock;
  /**
   * `false` turns the purge off here (run `org-danger-zone purge` from cron instead). `hostTables`
   * are registered in the database at start, replacing the earlier registration, so the cron
   * command empties them too (`intervalSeconds: 0` registers them without running the purge here).
   */
  purge?: false | { intervalSeconds?: number; leaseSeconds?: number; batchSize?: number; hostTables?: HostTable[] };
  /** Delivers the webhook events the app records (give `createApp` the same endpoints). */
  webhooks?: { endpoints: readonly WebhookEndpoint[]; intervalSeconds?: number } | undefined;
  /** An SMTP URL (`smtp://user:pass@host:587`) or a transport of your own; omitted: no mail job. */
  mail?: { smtpUrl: string; from: string } | { transport: MailTransport } | undefined;
  mailIntervalSeconds?: number;
  /** First retry delay after a failed send; doubles each time, up to an hour. */
  mailBackoffSeconds?: number;
  /** Where the jobs' events go, one JSON line each by default (observability/logger.ts). */
  logger?: Logger;
  /** Counts purged orgs and rows, mail and webhook outcomes (observability/metrics.ts). */
  metrics?: Metrics;
  /** Without a mail transport, how often to check whether the outbox backs up (default 60 s; 0: never). */
  outboxWatchSeconds?: number;
  /**
   * Reminders to the owners before each purge, run with every purge pass (issue 21): the hours
   * before it (default 72 and 24; give createApp's `settings.reminderHours`) and the emails'
   * templates and `settingsUrl` (give createApp's `emails`). `false`: none from this process.
   */
  reminders?: false | { hours?: readonly number[]; emails?: EmailOptions };
}

export interface BackgroundJobs {
  purge: IntervalJob | null;
  mail: IntervalJob | null;
  webhooks: IntervalJob | null;
  stop(): Promise<void>;
}

export function startBackgroundJobs(options: BackgroundJobOptions): BackgroundJobs {
  const { database } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? defaultLogger;
  const { metrics } = options;
  const onError = (job: string) => (error: unknown) => logger.log({ event: 'job.failed', level: 'error', job, error: describeError(error) });
  const holder = purgeHolderName();

  const reminders =
    options.reminders === false
      ? null
      : { hours: options.reminders?.hours ?? defaultSettings.reminderHours, mail: new MailRenderer(options.reminders?.emails) };
  let worker: PurgeWorker | null = null;
  const purgeOptions = options.purge === false ? null : (options.purge ?? {});
  // A purge waits for the registration; a failed one is logged and tried again by the next run.
  let registration: Promise<void> | null = null;
  const register = (hostTables: HostTable[]) =>
    (registration ??= registerHostTables(database, hostTables, clock.now()).catch((error: unknown) => {
      registration = null;
      logger.log({ event: 'purge.registration_failed', level: 'error', error: describeError(error) });
    }));
  if (purgeOptions?.hostTables) void register(purgeOptions.hostTables);
  const purge = purgeOptions
    ? startIntervalJob(
        'purge',
        (purgeOptions.intervalSeconds ?? 60) * 1000,
        async () => {
          // Reminders first, on this thread (the host's templates live here): a purge pass never delays them.
          if (reminders) reportReminders(logger, await sendDeletionReminders({ database, mail: reminders.mail }, { hours: reminders.hours, now: clock.now() }));
          if (purgeOptions.hostTables) await register(purgeOptions.hostTables);
          const request = {
            now: clock.now().toISOString(),
            holder,
            leaseMs: (purgeOptions.leaseSeconds ?? DEFAULT_LEASE_MS / 1000) * 1000,
            batchSize: purgeOptions.batchSize ?? DEFAULT_BATCH_SIZE,
            ...(purgeOptions.hostTables ? { hostTables: purgeOptions.hostTables } : {}),
            webhookEvents: (options.webhooks?.endpoints.length ?? 0) > 0,
          };
          const onStarted = (started: PurgeStarted) => reportPurgeStarted(logger, started);
          let result: PurgeResult;
          if (database.purgeInWorker) {
            worker ??= new PurgeWorker(database.options);
            result = await worker.run(request, onStarted);
          } else {
            result = await purgeDueOrgs(database, { ...request, now: new Date(request.now), onStarted });
          }
          reportPurge(logger, metrics, result);
        },
        onError('purge'),
      )
    : null;

  const mailOptions = options.mail;
  const transport = mailOptions ? ('transport' in mailOptions ? mailOptions.transport : smtpTransport(mailOptions.smtpUrl, mailOptions.from)) : null;
  const mail = transport
    ? startIntervalJob(
        'mail',
        (options.mailIntervalSeconds ?? 5) * 1000,
        async () => {
          const result = await dispatchOutbox(database.writer.db, { transport, now: clock.now(), backoffMs: (options.mailBackoffSeconds ?? 30) * 1000 });
          reportMail(logger, metrics, result);
        },
        onError('mail'),
      )
    : null;
  // Without a mailer here, someone must send the outbox (another process, cron): say so when nobody does.
  const watchSeconds = options.outboxWatchSeconds ?? 60;
  const watch =
    !transport && watchSeconds > 0
      ? startIntervalJob(
          'outbox-watch',
          watchSeconds * 1000,
          outboxWatch(database, logger, () => clock.now()),
          onError('outbox-watch'),
        )
      : null;

  const endpoints = options.webhooks?.endpoints ?? [];
  const webhooks =
    endpoints.length > 0
      ? startIntervalJob(
          'webhooks',
          (options.webhooks?.intervalSeconds ?? 2) * 1000,
          async () => reportWebhooks(logger, metrics, await dispatchWebhooks(database, { endpoints, now: clock.now() })),
          onError('webhooks'),
        )
      : null;

  // Expired Idempotency-Key answers (24 hours) are removed every ten minutes.
  const housekeeping = startIntervalJob('housekeeping', 10 * 60_000, () => forgetExpiredKeys(database.writer.db, Date.now()), onError('housekeeping'));

  return {
    purge,
    mail,
    webhooks,
    async stop() {
      await registration;
      await housekeeping.stop();
      await purge?.stop();
      await mail?.stop();
      await webhooks?.stop();
      await watch?.stop();
      await worker?.close();
      transport?.close?.();
    },
  };
}
