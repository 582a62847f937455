/**
 * better-auth's tables on PostgreSQL, as its schema generator writes them for drizzle's `pg`
 * adapter (`timestamp`, `boolean`), with the same plugins (the standalone server's, two-factor included) and the fields our plugin adds: the twin
 * of auth-schema.ts, same export names, same JS types (schema-parity.check.ts). A host's database
 * has these tables already; only the standalone server creates them (the `auth` set for pg).
 *
 * Their timestamps are the host's: `timestamp` as drizzle's generator writes them, or
 * `timestamptz` as better-auth's own migrations do. `authTime` reads both and writes an ISO string,
 * which either type takes as UTC (a `timestamp` drops the zone, and drizzle reads it back as UTC).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/** `timestamp` or `timestamptz`, read as UTC when it carries no zone; a JS Date either way. */
export const authTime = customType<{ data: Date; driverData: string }>({
  dataType: () => 'timestamp',
  toDriver: (value) => value.toISOString(),
  fromDriver: (value) => parseTimestamp(value),
});

function parseTimestamp(value: string | Date): Date {
  if (value instanceof Date) return value;
  const iso = value.replace(' ', 'T');
  // "…+00" (PostgreSQL's short offset) is not ISO 8601; "…+00:00" is. No zone at all: UTC.
  const zoned = /[+-]\d\d$/.test(iso) ? `${iso}:00` : /([+-]\d\d:?\d\d|Z)$/.test(iso) ? iso : `${iso}Z`;
  return new Date(zoned);
}

const now = sql`now()`;

export const user = pgTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').default(false).notNull(),
  image: text('image'),
  createdAt: authTime('created_at').default(now).notNull(),
  updatedAt: authTime('updated_at')
    .default(now)
    .$onUpdate(() => new Date())
    .notNull(),
  role: text('role'),
  banned: boolean('banned').default(false),
  banReason: text('ban_reason'),
  banExpires: authTime('ban_expires'),
  // The two-factor plugin's: step-up asks a user who turned it on for the second factor (issue 21).
  twoFactorEnabled: boolean('two_factor_enabled').default(false),
});

export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: authTime('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: authTime('created_at').default(now).notNull(),
    updatedAt: authTime('updated_at')
      .$onUpdate(() => new Date())
      .notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    activeOrganizationId: text('active_organization_id'),
    impersonatedBy: text('impersonated_by'),
  },
  (t) => [index('session_userId_idx').on(t.userId)],
);

export const account = pgTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: authTime('access_token_expires_at'),
    refreshTokenExpiresAt: authTime('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: authTime('created_at').default(now).notNull(),
    updatedAt: authTime('updated_at')
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (t) => [index('account_userId_idx').on(t.userId)],
);

export const verification = pgTable(
  'verification',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: authTime('expires_at').notNull(),
    createdAt: authTime('created_at').default(now).notNull(),
    updatedAt: authTime('updated_at')
      .default(now)
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (t) => [index('verification_identifier_idx').on(t.identifier)],
);

export const organization = pgTable('organization', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  logo: text('logo'),
  createdAt: authTime('created_at').notNull(),
  metadata: text('metadata'),
  status: text('status', { enum: ['active', 'read_only', 'pending_deletion'] })
    .default('active')
    .notNull(),
  deletionRequestedAt: authTime('deletion_requested_at'),
  deletionRequestedBy: text('deletion_requested_by'),
  purgeAt: authTime('purge_at'),
});

export const member = pgTable(
  'member',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: text('role').default('member').notNull(),
    createdAt: authTime('created_at').notNull(),
  },
  (t) => [
    index('member_organizationId_idx').on(t.organizationId),
    index('member_userId_idx').on(t.userId),
    uniqueIndex('member_org_user_unique').on(t.organizationId, t.userId),
  ],
);

export const invitation = pgTable(
  'invitation',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role'),
    status: text('status').default('pending').notNull(),
    expiresAt: authTime('expires_at').notNull(),
    createdAt: authTime('created_at').default(now).notNull(),
    inviterId: text('inviter_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
  },
  (t) => [index('invitation_organizationId_idx').on(t.organizationId), index('invitation_email_idx').on(t.email)],
);

/** The two-factor plugin's secrets (encrypted by better-auth) and backup codes. */
export const twoFactor = pgTable(
  'two_factor',
  {
    id: text('id').primaryKey(),
    secret: text('secret').notNull(),
    backupCodes: text('backup_codes').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    verified: boolean('verified').default(true),
    failedVerificationCount: integer('failed_verification_count').default(0),
    lockedUntil: authTime('locked_until'),
  },
  (t) => [index('two_factor_secret_idx').on(t.secret), index('two_factor_user_id_idx').on(t.userId)],
);

/** better-auth's rate limiter (its `lastRequest` is epoch milliseconds on every database). */
export const rateLimit = pgTable('rate_limit', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});
