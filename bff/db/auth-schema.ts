/**
 * better-auth's tables, as its schema generator writes them for the email and password,
 * organization, admin, bearer and two-factor plugins (the standalone server's), plus the fields our better-auth plugin (`auth/plugin.ts`)
 * adds to `organization`. A host that brings its own better-auth has these tables already (its own
 * migrations created them, with our plugin in its config); only the standalone server creates them,
 * through the `auth` migration set.
 *
 * Times are integer epoch milliseconds, as better-auth stores them.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const createdAtDefault = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;
export const ms = <Name extends string>(name: Name) => integer(name, { mode: 'timestamp_ms' });

export const user = sqliteTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: integer('email_verified', { mode: 'boolean' }).default(false).notNull(),
  image: text('image'),
  createdAt: ms('created_at').default(createdAtDefault).notNull(),
  updatedAt: ms('updated_at')
    .default(createdAtDefault)
    .$onUpdate(() => new Date())
    .notNull(),
  role: text('role'),
  banned: integer('banned', { mode: 'boolean' }).default(false),
  banReason: text('ban_reason'),
  banExpires: ms('ban_expires'),
  // The two-factor plugin's: step-up asks a user who turned it on for the second factor (issue 21).
  // Our queries read it only where the host's better-auth has the plugin (orgs/load.ts).
  twoFactorEnabled: integer('two_factor_enabled', { mode: 'boolean' }).default(false),
});

export const session = sqliteTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: ms('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: ms('created_at').default(createdAtDefault).notNull(),
    updatedAt: ms('updated_at')
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
  // D5 and L5 find the sessions that have an org active: that index is ours (danger-zone set).
  (t) => [index('session_userId_idx').on(t.userId)],
);

export const account = sqliteTable(
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
    accessTokenExpiresAt: ms('access_token_expires_at'),
    refreshTokenExpiresAt: ms('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: ms('created_at').default(createdAtDefault).notNull(),
    updatedAt: ms('updated_at')
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (t) => [index('account_userId_idx').on(t.userId)],
);

export const verification = sqliteTable(
  'verification',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: ms('expires_at').notNull(),
    createdAt: ms('created_at').default(createdAtDefault).notNull(),
    updatedAt: ms('updated_at')
      .default(createdAtDefault)
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (t) => [index('verification_identifier_idx').on(t.identifier)],
);

/**
 * better-auth's organization, with the lifecycle fields of SPEC 2 and D5 that our better-auth
 * plugin declares (so a host's schema generator adds them too). better-auth never writes them
 * from a client; their defaults make an org it creates `active`. The index the purge uses is ours
 * (danger-zone set), so it exists in a host's database as well.
 */
export const organization = sqliteTable('organization', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  logo: text('logo'),
  createdAt: ms('created_at').notNull(),
  metadata: text('metadata'),
  status: text('status', { enum: ['active', 'read_only', 'pending_deletion'] })
    .default('active')
    .notNull(),
  deletionRequestedAt: ms('deletion_requested_at'),
  deletionRequestedBy: text('deletion_requested_by'),
  purgeAt: ms('purge_at'),
});

export const member = sqliteTable(
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
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    index('member_organizationId_idx').on(t.organizationId),
    index('member_userId_idx').on(t.userId),
    uniqueIndex('member_org_user_unique').on(t.organizationId, t.userId),
  ],
);

export const invitation = sqliteTable(
  'invitation',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role'),
    status: text('status').default('pending').notNull(),
    expiresAt: ms('expires_at').notNull(),
    createdAt: ms('created_at').default(createdAtDefault).notNull(),
    inviterId: text('inviter_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
  },
  (t) => [index('invitation_organizationId_idx').on(t.organizationId), index('invitation_email_idx').on(t.email)],
);

/** The two-factor plugin's secrets (encrypted by better-auth) and backup codes. */
export const twoFactor = sqliteTable(
  'two_factor',
  {
    id: text('id').primaryKey(),
    secret: text('secret').notNull(),
    backupCodes: text('backup_codes').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    verified: integer('verified', { mode: 'boolean' }).default(true),
    failedVerificationCount: integer('failed_verification_count').default(0),
    lockedUntil: ms('locked_until'),
  },
  (t) => [index('two_factor_secret_idx').on(t.secret), index('two_factor_user_id_idx').on(t.userId)],
);

/** better-auth's rate limiter, with its counters in the database so they hold across processes. */
export const rateLimit = sqliteTable('rate_limit', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: integer('last_request').notNull(),
});
