/**
 * What the background jobs tell the logs and the metrics, in one place: each purged or failed org,
 * each failed email and webhook delivery, and an outbox that backs up while no mailer sends it.
 */
import { count, isNull, min } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import type { DispatchResult } from '../mail/dispatcher.js';
import type { SentReminder } from '../orgs/deletion-reminders.js';
import type { PurgeResult, PurgeStarted } from '../purge/purge.js';
import type { WebhookDispatchResult } from '../webhooks/dispatcher.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/** An endpoint URL as it may appear in a log: without credentials. */
const redactUrl = (url: string) => url.replace(/\/\/[^/@\s]+@/, '//***@');

export function reportPurgeStarted(logger: Logger, started: PurgeStarted): void {
  logger.log({ event: 'purge.started', level: 'info', orgId: started.orgId, holder: started.holder, resumedAfterRows: started.resumedAfter });
}

/** Each reminder this process queued before a purge (issue 21). */
export function reportReminders(logger: Logger, sent: readonly SentReminder[]): void {
  for (const reminder of sent) logger.log({ event: 'deletion.reminded', level: 'info', ...reminder });
}

export function reportPurge(logger: Logger, metrics: Metrics | undefined, result: PurgeResult): void {
  for (const org of result.purged) {
    const rows = Object.values(org.removed).reduce((a, b) => a + b, 0);
    logger.log({ event: 'purge.finished', level: 'info', orgId: org.orgId, rows, removed: org.removed, ...org.stats });
    metrics?.increment('odz_purge_orgs_total', { outcome: 'purged' });
    metrics?.observe('odz_purge_duration_seconds', org.stats.durationMs / 1000);
    for (const [table, n] of Object.entries(org.removed)) if (n > 0) metrics?.increment('odz_purge_rows_total', { table }, n);
  }
  for (const failure of result.failed) {
    logger.log({
      event: 'purge.failed',
      level: 'error',
      orgId: failure.orgId,
      error: failure.error,
      ...(failure.unregistered ? { unregistered: failure.unregistered } : {}),
    });
    metrics?.increment('odz_purge_orgs_total', { outcome: 'failed' });
  }
}

export function reportMail(logger: Logger, metrics: Metrics | undefined, result: DispatchResult): void {
  if (result.sent > 0) {
    logger.log({ event: 'mail.sent', level: 'debug', count: result.sent });
    metrics?.increment('odz_mail_sent_total', {}, result.sent);
  }
  for (const failure of result.failures) {
    const { event: mailEvent, ...rest } = failure;
    logger.log({ event: 'mail.failed', level: 'warn', ...rest, mailEvent });
    metrics?.increment('odz_mail_failures_total');
  }
}

export function reportWebhooks(logger: Logger, metrics: Metrics | undefined, result: WebhookDispatchResult): void {
  if (result.delivered > 0) metrics?.increment('odz_webhook_delivered_total', {}, result.delivered);
  for (const { gaveUp, endpoint, ...failure } of result.failures) {
    logger.log({ event: gaveUp ? 'webhook.gave_up' : 'webhook.failed', level: gaveUp ? 'error' : 'warn', endpoint: redactUrl(endpoint), ...failure });
    metrics?.increment(gaveUp ? 'odz_webhook_gave_up_total' : 'odz_webhook_failures_total');
  }
}

/** Emails older than this, unsent, with no mailer: the outbox is backing up. */
export const OUTBOX_BACKLOG_AGE_MS = 5 * 60_000;
const REPEAT_MS = 60 * 60_000;

/**
 * Watches the outbox of a process that sends no mail: warns (`outbox.backlog`) when emails wait
 * longer than five minutes, then again at most hourly, or sooner when the backlog has doubled.
 */
export function outboxWatch(database: Pick<Database, 'reader'>, logger: Logger, now: () => Date) {
  let last: { at: number; pending: number } | null = null;
  const { outbox } = tablesOf(database.reader.db);
  return async (): Promise<void> => {
    const [row] = await database.reader.db
      .select({ pending: count(), oldest: min(outbox.createdAt) })
      .from(outbox)
      .where(isNull(outbox.sentAt));
    const at = now().getTime();
    const oldestAge = row?.oldest ? at - new Date(row.oldest).getTime() : 0;
    const pending = row?.pending ?? 0;
    if (pending === 0 || oldestAge < OUTBOX_BACKLOG_AGE_MS) return;
    if (last && at - last.at < REPEAT_MS && pending < last.pending * 2) return;
    last = { at, pending };
    logger.log({
      event: 'outbox.backlog',
      level: 'warn',
      pending,
      oldestPendingSeconds: Math.round(oldestAge / 1000),
      hint: 'No mailer sends the outbox in this process: give startBackgroundJobs a mail transport (SMTP_URL), or run `org-danger-zone mail` from cron.',
    });
  };
}
