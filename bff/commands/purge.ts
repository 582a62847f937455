/**
 * `org-danger-zone purge`: the purge once, for cron (P1). Purges every org whose grace window has
 * passed, prints what it removed as JSON, exits (1 when an org's purge failed). Safe beside running
 * servers and other runs of itself: the lease decides who purges which org.
 */
import { databaseOptionsFrom, parseEnv, purgeEnvSchema } from '../config.js';
import { clockWithOffset } from '../clock.js';
import { openDatabase } from '../db/database.js';
import { MailRenderer } from '../mail/templates.js';
import { reportPurge, reportPurgeStarted, reportReminders } from '../observability/job-reports.js';
import { sendDeletionReminders } from '../orgs/deletion-reminders.js';
import { jsonLogger } from '../observability/logger.js';
import { parseHostTable, purgeDueOrgs } from '../purge/purge.js';
import { purgeHolderName } from '../purge/holder.js';
import { deletionPreview } from '../orgs/deletion-preview.js';
import { completeFacts, storedFactsOnly } from '../orgs/facts.js';
import { factsQuery, loadedFrom } from '../orgs/load.js';
import { UsageError } from './usage-error.js';

export async function purgeCommand(args: { dryRun?: boolean; orgId?: string | undefined } = {}): Promise<void> {
  if (args.dryRun) return dryRun(args.orgId);
  if (args.orgId) throw new UsageError('Usage: org-danger-zone purge [--dry-run <orgId>] (without --dry-run it purges every org that is due).');
  const env = parseEnv(process.env, purgeEnvSchema);
  // The command's own database handle: the purge's tuning applies to everything it runs.
  const database = await openDatabase(databaseOptionsFrom(env));
  try {
    // Events on stderr, one JSON line each; stdout keeps the one JSON result a cron wrapper reads.
    const logger = jsonLogger((line) => process.stderr.write(`${line}\n`));
    const now = clockWithOffset(env.CLOCK_OFFSET).now();
    // The reminders before each purge (issue 21) go with the purge: a deployment on cron gets them too.
    const mail = new MailRenderer({ settingsUrl: env.SETTINGS_URL });
    const reminded = await sendDeletionReminders({ database, mail }, { hours: env.DELETION_REMINDER_HOURS, now });
    reportReminders(logger, reminded);
    const result = await purgeDueOrgs(database, {
      now,
      holder: purgeHolderName(':cron'),
      leaseMs: env.PURGE_LEASE_SECONDS * 1000,
      batchSize: env.PURGE_BATCH_SIZE,
      hostTables: env.PURGE_HOST_TABLES.map(parseHostTable),
      webhookEvents: env.WEBHOOK_URLS.length > 0,
      ownConnection: true,
      onStarted: (started) => reportPurgeStarted(logger, started),
    });
    reportPurge(logger, undefined, result);
    // maxRSS: the peak memory of this run, for operators sizing a cron job (and the benchmarks).
    console.log(JSON.stringify({ ...result, reminded, maxRssKb: process.resourceUsage().maxRSS }));
    if (result.failed.length > 0) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

/**
 * `purge --dry-run <orgId>` (issue 21): what purging that org would remove, table by table, with
 * the host's tables and what blocks it, counted by the purge's own steps; removes nothing. The
 * host's `hostFacts` blockers are the running app's: the management API's preview has them.
 */
async function dryRun(orgId: string | undefined): Promise<void> {
  if (!orgId) throw new UsageError('Usage: org-danger-zone purge --dry-run <orgId>');
  const env = parseEnv(process.env, purgeEnvSchema);
  const database = await openDatabase(databaseOptionsFrom(env));
  try {
    const loaded = loadedFrom(await factsQuery(database.reader.db, null, orgId));
    if (!loaded) {
      console.error(`No organization ${orgId}.`);
      process.exitCode = 1;
      return;
    }
    const facts = completeFacts(loaded.facts, storedFactsOnly);
    const preview = await deletionPreview(database, { orgId, facts });
    console.log(JSON.stringify({ orgId, name: loaded.org.name, status: loaded.org.status, purgeAt: loaded.org.purgeAt?.toISOString() ?? null, ...preview }));
  } finally {
    await database.close();
  }
}
