-- Our row counters move out of identity columns into sequences of a schema of our own, "odz"
-- (pg-schema.ts, counter): a host's `drizzle-kit push` reads every sequence of "public" whatever
-- its tablesFilter, and planned to drop the identity sequences of our tables (issue 19.3). Each
-- sequence goes on from the largest value its column holds.
CREATE SCHEMA IF NOT EXISTS "odz";--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "odz"."org_audit_log_id";--> statement-breakpoint
ALTER TABLE "org_audit_log" ALTER COLUMN "id" DROP IDENTITY IF EXISTS;--> statement-breakpoint
ALTER TABLE "org_audit_log" ALTER COLUMN "id" SET DEFAULT nextval('odz.org_audit_log_id');--> statement-breakpoint
SELECT setval('odz.org_audit_log_id', coalesce((SELECT max("id") FROM "org_audit_log"), 0) + 1, false);--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "odz"."platform_audit_log_id";--> statement-breakpoint
ALTER TABLE "platform_audit_log" ALTER COLUMN "id" DROP IDENTITY IF EXISTS;--> statement-breakpoint
ALTER TABLE "platform_audit_log" ALTER COLUMN "id" SET DEFAULT nextval('odz.platform_audit_log_id');--> statement-breakpoint
SELECT setval('odz.platform_audit_log_id', coalesce((SELECT max("id") FROM "platform_audit_log"), 0) + 1, false);--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "odz"."webhook_attempt_id";--> statement-breakpoint
ALTER TABLE "webhook_attempt" ALTER COLUMN "id" DROP IDENTITY IF EXISTS;--> statement-breakpoint
ALTER TABLE "webhook_attempt" ALTER COLUMN "id" SET DEFAULT nextval('odz.webhook_attempt_id');--> statement-breakpoint
SELECT setval('odz.webhook_attempt_id', coalesce((SELECT max("id") FROM "webhook_attempt"), 0) + 1, false);--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "odz"."webhook_event_seq";--> statement-breakpoint
ALTER TABLE "webhook_event" ALTER COLUMN "seq" DROP IDENTITY IF EXISTS;--> statement-breakpoint
ALTER TABLE "webhook_event" ALTER COLUMN "seq" SET DEFAULT nextval('odz.webhook_event_seq');--> statement-breakpoint
SELECT setval('odz.webhook_event_seq', coalesce((SELECT max("seq") FROM "webhook_event"), 0) + 1, false);
