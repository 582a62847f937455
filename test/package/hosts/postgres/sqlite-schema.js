// The same host's schema on SQLite (a libSQL file): drizzle-kit's recipe is the same on both engines,
// and the package suite runs it on both. Declares the danger zone's two indexes on better-auth's tables.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { dangerZoneOrganizationIndexes, dangerZoneSessionIndexes } from 'org-danger-zone/server/schema';

const ms = (name) => integer(name, { mode: 'timestamp_ms' });

export const user = sqliteTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: integer('email_verified', { mode: 'boolean' }).default(false).notNull(),
  image: text('image'),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
  username: text('username').unique(),
  displayUsername: text('display_username'),
  banned: integer('banned', { mode: 'boolean' }).default(false),
  banExpires: ms('ban_expires'),
});

export const session = sqliteTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: ms('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    activeOrganizationId: text('active_organization_id'),
    impersonatedBy: text('impersonated_by'),
  },
  (t) => [...dangerZoneSessionIndexes(t)],
);

export const account = sqliteTable('account', {
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
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const verification = sqliteTable('verification', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: ms('expires_at').notNull(),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const organization = sqliteTable(
  'organization',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    logo: text('logo'),
    createdAt: ms('created_at').notNull(),
    metadata: text('metadata'),
    status: text('status').default('active').notNull(),
    deletionRequestedAt: ms('deletion_requested_at'),
    deletionRequestedBy: text('deletion_requested_by'),
    purgeAt: ms('purge_at'),
  },
  (t) => [...dangerZoneOrganizationIndexes(t)],
);

export const member = sqliteTable('member', {
  id: text('id').primaryKey(),
  organizationId: text('organization_id')
    .notNull()
    .references(() => organization.id, { onDelete: 'cascade' }),
  userId: text('user_id')
    .notNull()
    .references(() => user.id, { onDelete: 'cascade' }),
  role: text('role').default('member').notNull(),
  createdAt: ms('created_at').notNull(),
});

export const invitation = sqliteTable('invitation', {
  id: text('id').primaryKey(),
  organizationId: text('organization_id')
    .notNull()
    .references(() => organization.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  role: text('role'),
  status: text('status').default('pending').notNull(),
  expiresAt: ms('expires_at').notNull(),
  createdAt: ms('created_at').notNull(),
  inviterId: text('inviter_id')
    .notNull()
    .references(() => user.id, { onDelete: 'cascade' }),
});
