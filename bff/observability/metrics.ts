/**
 * Metrics a host can scrape (Prometheus text format 0.0.4) or forward (`snapshot()`, e.g. to an
 * OpenTelemetry meter): counters this process counted since it started, and gauges read from the
 * database at scrape time, so they are the same whichever instance is asked. Create one per
 * process and give it to `createApp({ metrics })` and `startBackgroundJobs({ metrics })`; serve it
 * with `metricsHandler`, where only your monitoring can reach it. Names: docs/observability.md.
 */
import { and, count, isNull, lte, min, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Database } from '../db/database.js';
import { tablesOf } from '../db/handle.js';

type Labels = Record<string, string>;

const help = {
  odz_rate_limit_refusals_total: [
    'counter',
    'Requests refused by a rate limit (429), by limit: confirmation, management, sign_in, intent, role_change, export, password_check.',
  ],
  odz_purge_orgs_total: ['counter', 'Orgs the purge finished, by outcome: purged, failed.'],
  odz_purge_rows_total: ['counter', 'Rows the purge removed, by table.'],
  odz_purge_duration_seconds: ['summary', 'Time to purge one org, from its claim to its last batch.'],
  odz_mail_sent_total: ['counter', 'Emails the dispatcher handed to the transport.'],
  odz_mail_failures_total: ['counter', 'Email sends that failed (each is retried with backoff).'],
  odz_webhook_delivered_total: ['counter', 'Webhook deliveries answered 2xx.'],
  odz_webhook_failures_total: ['counter', 'Webhook deliveries that failed and will be retried.'],
  odz_webhook_gave_up_total: ['counter', 'Webhook deliveries given up after the last attempt.'],
  odz_orgs_pending_deletion: ['gauge', 'Orgs in their grace window (database).'],
  odz_orgs_due_for_purge: ['gauge', 'Pending orgs whose purge date has passed (database).'],
  odz_outbox_pending: ['gauge', 'Emails in the outbox not sent yet (database).'],
  odz_outbox_oldest_pending_seconds: ['gauge', 'Age of the oldest unsent email, 0 when none (database).'],
  odz_webhook_deliveries_pending: ['gauge', 'Webhook deliveries neither delivered nor given up (database).'],
} as const;

export type MetricName = keyof typeof help;

export interface MetricSample {
  name: MetricName;
  labels: Labels;
  value: number;
}

const key = (name: string, labels: Labels) => `${name}${JSON.stringify(Object.entries(labels).sort())}`;

export class Metrics {
  readonly #values = new Map<string, MetricSample>();

  /** Adds to a counter (or to a summary's `_sum`/`_count` through `observe`). */
  increment(name: MetricName, labels: Labels = {}, by = 1): void {
    const k = key(name, labels);
    const sample = this.#values.get(k) ?? { name, labels, value: 0 };
    sample.value += by;
    this.#values.set(k, sample);
  }

  /** One observation of a summary (its sum and count). */
  observe(name: 'odz_purge_duration_seconds', value: number): void {
    this.increment(name, { quantity: 'sum' }, value);
    this.increment(name, { quantity: 'count' });
  }

  /** Every counter, and the database's gauges, as numbers (for a host forwarding them elsewhere). */
  async snapshot(database: Pick<Database, 'reader'>, now = new Date()): Promise<MetricSample[]> {
    return [...this.#values.values(), ...(await databaseGauges(database, now))];
  }

  /** The Prometheus text exposition of `snapshot()`. */
  async render(database: Pick<Database, 'reader'>, now = new Date()): Promise<string> {
    const samples = await this.snapshot(database, now);
    const lines: string[] = [];
    for (const [name, [type, text]] of Object.entries(help)) {
      lines.push(`# HELP ${name} ${text}`, `# TYPE ${name} ${type}`);
      for (const sample of samples.filter((s) => s.name === name)) {
        if (type === 'summary') {
          lines.push(`${name}_${sample.labels.quantity} ${sample.value}`);
          continue;
        }
        const labels = Object.entries(sample.labels).map(([k, v]) => `${k}="${v.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`);
        lines.push(`${name}${labels.length ? `{${labels.join(',')}}` : ''} ${sample.value}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}

export function createMetrics(): Metrics {
  return new Metrics();
}

async function databaseGauges(database: Pick<Database, 'reader'>, now: Date): Promise<MetricSample[]> {
  const db = database.reader.db;
  const { organization, outbox, webhookDelivery } = tablesOf(db);
  const [[orgs], [mail], [hooks]] = await Promise.all([
    db
      .select({
        pending: count(),
        due: sql<number>`coalesce(sum(case when ${lte(organization.purgeAt, now)} then 1 else 0 end), 0)`,
      })
      .from(organization)
      .where(sql`${organization.status} = 'pending_deletion'`),
    db
      .select({ pending: count(), oldest: min(outbox.createdAt) })
      .from(outbox)
      .where(isNull(outbox.sentAt)),
    db
      .select({ pending: count() })
      .from(webhookDelivery)
      .where(and(isNull(webhookDelivery.deliveredAt), isNull(webhookDelivery.failedAt))),
  ]);
  const oldest = mail?.oldest ? Math.max(0, (now.getTime() - new Date(mail.oldest).getTime()) / 1000) : 0;
  return [
    { name: 'odz_orgs_pending_deletion', labels: {}, value: orgs?.pending ?? 0 },
    { name: 'odz_orgs_due_for_purge', labels: {}, value: Number(orgs?.due ?? 0) },
    { name: 'odz_outbox_pending', labels: {}, value: mail?.pending ?? 0 },
    { name: 'odz_outbox_oldest_pending_seconds', labels: {}, value: Math.round(oldest) },
    { name: 'odz_webhook_deliveries_pending', labels: {}, value: hooks?.pending ?? 0 },
  ];
}

/** A Hono handler serving the metrics: mount it where only your monitoring reaches it. */
export function metricsHandler(options: { database: Pick<Database, 'reader'>; metrics: Metrics; clock?: { now(): Date } }) {
  return async (c: Context) =>
    c.body(await options.metrics.render(options.database, options.clock?.now() ?? new Date()), 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      'Cache-Control': 'no-store',
    });
}
