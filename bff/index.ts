/**
 * `org-danger-zone/server`: what a host needs to run the danger zone in its own Node app, with its
 * own Hono app, its own better-auth and the danger zone's database.
 *
 *   const database = await openDatabase({ url: process.env.DATABASE_URL });
 *   await applyMigrations(database.writer);                     // our tables only, our own journal
 *   const auth = betterAuth({ …, plugins: [organization(), dangerZone({ database })] });
 *   host.route('/dz', createApp({ database, auth }));            // better-auth's basePath: '/dz/api/auth'
 *   startBackgroundJobs({ database });                           // the purge, mail and webhooks, in every process
 *   host.route('/dz/widget', widgetAssets());                    // the element's script, compressed
 */
export { createApp, exposedHeaders, type App, type AppOptions, type DangerZoneAuth } from './app.js';
export { dangerZone, DANGER_ZONE_PLUGIN_ID, type DangerZonePluginOptions } from './auth/plugin.js';
export type { InvitationEmailOptions } from './auth/invitation-email.js';
export { AdjustableClock, systemClock, type Clock } from './clock.js';
export { openDatabase, type Database, type DatabaseOptions, type Db, type PostgresPool } from './db/database.js';
export { tablesOf, type Tables } from './db/handle.js';
export { applyMigrations, type MigrationSetName } from './db/migrate.js';
export { startBackgroundJobs, type BackgroundJobOptions, type BackgroundJobs } from './jobs/background.js';
export { jsonLogger, silentLogger, type LogEvent, type Logger, type LogLevel } from './observability/logger.js';
export { createMetrics, metricsHandler, Metrics, type MetricName, type MetricSample } from './observability/metrics.js';
export { dispatchOutbox, type MailTransport, type OutgoingMail } from './mail/dispatcher.js';
export type { Contact, EmailOptions, MailContent, MailEvent, MailInputs, MailTemplate, MailTemplates } from './mail/templates.js';
export type { HostMessages } from '../shared/messages.js';
export { smtpTransport } from './mail/smtp.js';
export { createManagementToken, revokeManagementToken } from './management/tokens.js';
export type { HostFact, HostFacts, HostFactsHook } from './orgs/facts.js';
export { setLegalHold, liftLegalHold, type LegalHold } from './orgs/legal-hold.js';
export {
  putOrgResources,
  removeOrgResources,
  setOrgCredits,
  setOrgSubscription,
  UnknownOrgError,
  type OrgResourceInput,
  type OrgSubscriptionInput,
} from './orgs/host-data.js';
export { parseHostTable, registerHostTables, type HostTable, type UnregisteredRows } from './purge/host-tables.js';
export type { SlugReservation } from './auth/slug-reservation.js';
export { purgeDueOrgs, type PurgeOptions, type PurgeResult } from './purge/purge.js';
export { defaultSettings, type Settings } from './settings.js';
export { widgetAssets, type WidgetAssetsOptions } from './widget-assets.js';
export { dispatchWebhooks, type WebhookEndpoint } from './webhooks/dispatcher.js';
export { generateWebhookSecret, signWebhook, verifyWebhook, WebhookVerificationError } from './webhooks/signing.js';
export type { DangerZoneState } from '../shared/schemas.js';
export { webhookEventTypes, webhookPayload, type WebhookEventType, type WebhookPayload } from '../shared/webhooks.js';
export { errorCodes, reasonCodes, warningCodes, type ErrorCode, type ReasonCode, type WarningCode } from '../shared/codes.js';
