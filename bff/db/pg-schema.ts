/**
 * The danger zone's own tables on PostgreSQL: the twin of schema.ts, same export names, same JS
 * types (schema-parity.check.ts), the only tables our `danger-zone` set for pg creates in a host's
 * database. Same rules as there; times are epoch milliseconds in `bigint` here too (`ms`), so the
 * domain's Dates map the same way on every engine, and a credit balance is a `bigint` as SQLite's
 * integers are.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { organization, user } from './pg-auth-schema.js';

/** Epoch milliseconds in a `bigint`, a JS Date in code (the driver reads int8 as a string). */
const epochMs = customType<{ data: Date; driverData: string | number }>({
  dataType: () => 'bigint',
  toDriver: (value) => value.getTime(),
  fromDriver: (value) => new Date(Number(value)),
});
const ms = epochMs;

/**
 * A row counter (the audit logs' ids, the webhook events' order) from a sequence in a schema of
 * our own, `odz`, not an identity column: a host's `drizzle-kit push` reads every sequence of
 * `public` whatever its `tablesFilter`, and planned to drop our identity sequences, which failed
 * the host's push (issue 19.3). Migration pg/danger-zone/0003 creates them.
 */
const counter = <Name extends string>(column: Name, sequence: string) =>
  bigint(column, { mode: 'number' })
    .primaryKey()
    .default(sql.raw(`nextval('odz.${sequence}')`));

// ---------------------------------------------------------------- org-scoped

const orgRef = () =>
  text('organization_id')
    .notNull()
    .references(() => organization.id);

/** Whatever the host counts as live content (SPEC 2); only `active` rows block deletion. */
export const orgResource = pgTable(
  'org_resource',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['active', 'decommissioned'] })
      .default('active')
      .notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('org_resource_org_status_idx').on(t.organizationId, t.status)],
);

/** Org API keys (`x-api-key`). Only a SHA-256 of the key is stored; the key is shown once. */
export const orgApiKey = pgTable(
  'org_api_key',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    keyPrefix: text('key_prefix').notNull(),
    createdBy: text('created_by'),
    createdAt: ms('created_at').notNull(),
    lastUsedAt: ms('last_used_at'),
  },
  (t) => [index('org_api_key_org_idx').on(t.organizationId)],
);

export const orgSubscription = pgTable('org_subscription', {
  organizationId: text('organization_id')
    .primaryKey()
    .references(() => organization.id),
  status: text('status', { enum: ['active', 'canceled'] }).notNull(),
  plan: text('plan').notNull(),
  renewsAt: ms('renews_at'),
});

export const orgCredits = pgTable('org_credits', {
  organizationId: text('organization_id')
    .primaryKey()
    .references(() => organization.id),
  balance: bigint('balance', { mode: 'number' }).notNull(),
});

/** D4. Created when the delete dialog opens; single use, bound to org, user and session. */
export const deletionIntent = pgTable(
  'deletion_intent',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef(),
    userId: text('user_id').notNull(),
    sessionId: text('session_id').notNull(),
    createdAt: ms('created_at').notNull(),
    notBefore: ms('not_before').notNull(),
    expiresAt: ms('expires_at').notNull(),
    usedAt: ms('used_at'),
  },
  (t) => [index('deletion_intent_org_idx').on(t.organizationId)],
);

/**
 * Reminders before a purge (issue 21), one row per org, purge date and threshold: the row is the
 * claim, inserted under the write lock before the emails are queued in the same transaction, so of
 * any number of instances exactly one sends each reminder. A new purge date (cancel, schedule again,
 * delete now) is a new key: its reminders are sent afresh.
 */
export const deletionReminder = pgTable(
  'deletion_reminder',
  {
    organizationId: orgRef(),
    purgeAt: ms('purge_at').notNull(),
    hoursBefore: integer('hours_before').notNull(),
    sentAt: ms('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.purgeAt, t.hoursBefore] })],
);

/**
 * Ownership with consent (issue 21): an owner's offer to a member, who becomes an owner only by
 * accepting it before `expiresAt`; with `leaveAfter`, the offering owner leaves in the same
 * transaction as the acceptance. One offer per member waits at a time (checked under the write lock).
 */
export const ownershipOffer = pgTable(
  'ownership_offer',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef(),
    fromUserId: text('from_user_id').notNull(),
    toUserId: text('to_user_id').notNull(),
    leaveAfter: boolean('leave_after').default(false).notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'declined'] })
      .default('pending')
      .notNull(),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
    answeredAt: ms('answered_at'),
  },
  (t) => [index('ownership_offer_org_idx').on(t.organizationId, t.status), index('ownership_offer_to_idx').on(t.toUserId)],
);

const auditColumns = {
  at: ms('at').notNull(),
  actorUserId: text('actor_user_id'),
  /** Name and email as they were, so the entry still reads right after the user changes them. */
  actorLabel: text('actor_label'),
  impersonatorUserId: text('impersonator_user_id'),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: text('target_id').notNull(),
  outcome: text('outcome', { enum: ['success', 'failure'] }).notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  /** JSON object of facts for this action; never a password, token or key. */
  details: text('details'),
};

export const orgAuditLog = pgTable(
  'org_audit_log',
  {
    id: counter('id', 'org_audit_log_id'),
    organizationId: orgRef(),
    ...auditColumns,
  },
  (t) => [index('org_audit_log_org_idx').on(t.organizationId, t.id)],
);

/**
 * Emails written in the same transaction as the change that causes them (SPEC 2), delivered
 * afterwards by the dispatcher. `organizationId` is kept without a foreign key to the org so the
 * purge can delete it in its own batches like every other org-scoped row.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    event: text('event').notNull(),
    toEmail: text('to_email').notNull(),
    toName: text('to_name').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    createdAt: ms('created_at').notNull(),
    sentAt: ms('sent_at'),
    attempts: integer('attempts').default(0).notNull(),
    nextAttemptAt: ms('next_attempt_at').notNull(),
    /** A dispatcher that claimed this message, so two never send it at once. */
    claimedUntil: ms('claimed_until'),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_org_idx').on(t.organizationId), index('outbox_due_idx').on(t.sentAt, t.nextAttemptAt)],
);

// ---------------------------------------------------------------- platform-wide

/**
 * The slug of each purged org (issue 21), written with the purge's last transaction: while the
 * deployment reserves slugs (`slugReservation.days` after the purge), better-auth's create, update
 * and check-slug refuse it, except, when it is reserved for them, to the org's former owners. Not
 * org-scoped (the org is gone), so the purge never removes it.
 */
export const releasedSlug = pgTable(
  'released_slug',
  {
    organizationId: text('organization_id').primaryKey(),
    slug: text('slug').notNull(),
    purgedAt: ms('purged_at').notNull(),
    /** JSON array of the user ids who owned the org when it was purged. */
    ownerUserIds: text('owner_user_ids').notNull(),
  },
  (t) => [index('released_slug_slug_idx').on(t.slug, t.purgedAt)],
);

/** Events that outlive any org: `org.deleted` is the only memory of a purged org (SPEC 2). */
export const platformAuditLog = pgTable(
  'platform_audit_log',
  {
    id: counter('id', 'platform_audit_log_id'),
    organizationId: text('organization_id'),
    organizationName: text('organization_name'),
    ...auditColumns,
  },
  (t) => [index('platform_audit_log_org_idx').on(t.organizationId)],
);

/**
 * Rate-limit counters in the database, so a limit holds across BFF processes (SPEC 4.4). A window
 * opens at a key's first hit and lasts the configured length.
 */
export const rateLimitCounter = pgTable('rate_limit_counter', {
  key: text('key').primaryKey(),
  windowStart: ms('window_start').notNull(),
  count: integer('count').notNull(),
});

/** Platform operators' bearer tokens (SPEC 4.3), stored as SHA-256 hashes. */
export const managementToken = pgTable('management_token', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  scopes: text('scopes').notNull(),
  createdAt: ms('created_at').notNull(),
  revokedAt: ms('revoked_at'),
});

/**
 * A purge under way (P2). The row is the lease (`holder` until `leaseUntil`; another runner takes
 * over only once it has expired) and the tally of rows removed per table, so a purge resumed after
 * a crash still reports the full count in `org.deleted`. Its existence also means the purge has
 * started, after which the deletion can no longer be cancelled. Deleted with the org row.
 */
export const purgeProgress = pgTable('purge_progress', {
  organizationId: text('organization_id').primaryKey(),
  holder: text('holder').notNull(),
  leaseUntil: ms('lease_until').notNull(),
  removed: text('removed').notNull(),
  startedAt: ms('started_at').notNull(),
});

/**
 * The host's own org-scoped tables, as the running app registered them (`startBackgroundJobs({
 * purge: { hostTables } })`, `registerHostTables`): the one configuration that the in-process purge
 * and `org-danger-zone purge` from cron both read, so neither forgets a table the other was told
 * about. `retain`: the table keeps an org's rows past its purge on purpose (not emptied, not flagged).
 */
export const purgeHostTable = pgTable(
  'purge_host_table',
  {
    tableName: text('table_name').notNull(),
    orgColumn: text('org_column').notNull(),
    retain: boolean('retain').default(false).notNull(),
    registeredAt: ms('registered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.orgColumn] })],
);

/**
 * A platform operator's legal hold on an org: while it stands, no deletion may be scheduled and a
 * pending purge waits (the org stays pending, owners may still cancel). Set and lifted through the
 * command line or the management API, audited in the platform log.
 */
export const orgLegalHold = pgTable('org_legal_hold', {
  organizationId: text('organization_id')
    .primaryKey()
    .references(() => organization.id),
  reason: text('reason').notNull(),
  setBy: text('set_by').notNull(),
  setAt: ms('set_at').notNull(),
});

/**
 * Webhook events (Standard Webhooks), written in the same transaction as the change that causes
 * them. Platform-level like the platform audit log: `org.deleted` is written after the org's rows
 * are gone, and an event still undelivered when its org is purged must still reach the host. `seq`
 * orders them: per org and endpoint, an event is delivered only after every earlier one.
 */
export const webhookEvent = pgTable(
  'webhook_event',
  {
    seq: counter('seq', 'webhook_event_seq'),
    /** The `webhook-id`: the same on every retry, so receivers can drop duplicates. */
    id: text('id').notNull().unique(),
    organizationId: text('organization_id').notNull(),
    type: text('type').notNull(),
    /** The JSON body exactly as signed and sent. */
    payload: text('payload').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('webhook_event_org_idx').on(t.organizationId, t.seq)],
);

/** One event's delivery to one endpoint: retried with backoff until the endpoint answers 2xx, or given up. */
export const webhookDelivery = pgTable(
  'webhook_delivery',
  {
    eventId: text('event_id').notNull(),
    endpoint: text('endpoint').notNull(),
    attempts: integer('attempts').default(0).notNull(),
    nextAttemptAt: ms('next_attempt_at').notNull(),
    /** A dispatcher that claimed this delivery, so two never send it at once (real time). */
    claimedUntil: ms('claimed_until'),
    deliveredAt: ms('delivered_at'),
    /** Given up after the last retry: it no longer holds back later events of its org. */
    failedAt: ms('failed_at'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
  },
  (t) => [uniqueIndex('webhook_delivery_event_endpoint').on(t.eventId, t.endpoint)],
);

/** Every attempt and its answer, for the QA page's Webhooks panel and for operators. */
export const webhookAttempt = pgTable(
  'webhook_attempt',
  {
    id: counter('id', 'webhook_attempt_id'),
    eventId: text('event_id').notNull(),
    endpoint: text('endpoint').notNull(),
    at: ms('at').notNull(),
    status: integer('status'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('webhook_attempt_event_idx').on(t.eventId)],
);

/**
 * `Idempotency-Key` (IETF httpapi draft) on the destructive endpoints: the first answer, kept for
 * 24 hours so a retry through any process gets it replayed. `scope` is who asked (a user, a
 * management token), so one caller's key never answers another's request.
 */
export const idempotencyKey = pgTable(
  'idempotency_key',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** A hash of the method, path and body: a retry with another body is refused (422). */
    fingerprint: text('fingerprint').notNull(),
    /** Null while the first request is in flight (a retry then gets 409). */
    status: integer('status'),
    headers: text('headers'),
    body: text('body'),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_key_expires_idx').on(t.expiresAt)],
);

/**
 * An owner on the way out of every org at once (their account being deleted or banned through
 * better-auth), reserved before better-auth does it: while the reservation stands, that owner no
 * longer counts as "another owner" for anyone leaving, being demoted or removed, here or in the
 * database's own guard (the `member` triggers of migration 0005). So a co-owner's leave racing
 * the deletion of the other owner's account cannot leave the org with no owner. Real time, not
 * the app's clock: the database's guard reads it with its own clock.
 */
export const ownerDeparture = pgTable('owner_departure', {
  // Goes with the user: a deleted account has no memberships left to protect.
  userId: text('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  until: ms('until').notNull(),
});
