-- The host's own migration: better-auth's tables for this host's configuration (email and password,
-- organization, bearer, username, and org-danger-zone's plugin), as its schema generator lays them
-- out for drizzle with snake_case columns. `username` and `display_username` are the username
-- plugin's; `status`, `deletion_requested_at`, `deletion_requested_by` and `purge_at` on
-- organization, `banned` and `ban_expires` on user and `impersonated_by` on session are
-- org-danger-zone's plugin's (the last three are the admin plugin's too, which this host does not use).
CREATE TABLE `user` (
  `id` text PRIMARY KEY NOT NULL,
  `name` text NOT NULL,
  `email` text NOT NULL UNIQUE,
  `email_verified` integer DEFAULT false NOT NULL,
  `image` text,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL,
  `username` text UNIQUE,
  `display_username` text,
  `banned` integer DEFAULT false,
  `ban_expires` integer
);
CREATE TABLE `session` (
  `id` text PRIMARY KEY NOT NULL,
  `expires_at` integer NOT NULL,
  `token` text NOT NULL UNIQUE,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL,
  `ip_address` text,
  `user_agent` text,
  `user_id` text NOT NULL REFERENCES `user`(`id`) ON DELETE cascade,
  `active_organization_id` text,
  `impersonated_by` text
);
CREATE TABLE `account` (
  `id` text PRIMARY KEY NOT NULL,
  `account_id` text NOT NULL,
  `provider_id` text NOT NULL,
  `user_id` text NOT NULL REFERENCES `user`(`id`) ON DELETE cascade,
  `access_token` text,
  `refresh_token` text,
  `id_token` text,
  `access_token_expires_at` integer,
  `refresh_token_expires_at` integer,
  `scope` text,
  `password` text,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL
);
CREATE TABLE `verification` (
  `id` text PRIMARY KEY NOT NULL,
  `identifier` text NOT NULL,
  `value` text NOT NULL,
  `expires_at` integer NOT NULL,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL
);
CREATE TABLE `organization` (
  `id` text PRIMARY KEY NOT NULL,
  `name` text NOT NULL,
  `slug` text NOT NULL UNIQUE,
  `logo` text,
  `created_at` integer NOT NULL,
  `metadata` text,
  `status` text DEFAULT 'active' NOT NULL,
  `deletion_requested_at` integer,
  `deletion_requested_by` text,
  `purge_at` integer
);
CREATE TABLE `member` (
  `id` text PRIMARY KEY NOT NULL,
  `organization_id` text NOT NULL REFERENCES `organization`(`id`) ON DELETE cascade,
  `user_id` text NOT NULL REFERENCES `user`(`id`) ON DELETE cascade,
  `role` text DEFAULT 'member' NOT NULL,
  `created_at` integer NOT NULL
);
CREATE TABLE `invitation` (
  `id` text PRIMARY KEY NOT NULL,
  `organization_id` text NOT NULL REFERENCES `organization`(`id`) ON DELETE cascade,
  `email` text NOT NULL,
  `role` text,
  `status` text DEFAULT 'pending' NOT NULL,
  `expires_at` integer NOT NULL,
  `created_at` integer NOT NULL,
  `inviter_id` text NOT NULL REFERENCES `user`(`id`) ON DELETE cascade
);
-- The host's own table, to show the danger zone's migrations leave it alone.
CREATE TABLE `host_note` (`id` integer PRIMARY KEY, `text` text NOT NULL);
