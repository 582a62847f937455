CREATE TABLE `idempotency_key` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`status` integer,
	`headers` text,
	`body` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_key_expires_idx` ON `idempotency_key` (`expires_at`);--> statement-breakpoint
CREATE TABLE `webhook_attempt` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`at` integer NOT NULL,
	`status` integer,
	`error` text,
	`duration_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_attempt_event_idx` ON `webhook_attempt` (`event_id`);--> statement-breakpoint
CREATE TABLE `webhook_delivery` (
	`event_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`delivered_at` integer,
	`failed_at` integer,
	`last_status` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_delivery_event_endpoint` ON `webhook_delivery` (`event_id`,`endpoint`);--> statement-breakpoint
CREATE TABLE `webhook_event` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`organization_id` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_event_id_unique` ON `webhook_event` (`id`);--> statement-breakpoint
CREATE INDEX `webhook_event_org_idx` ON `webhook_event` (`organization_id`,`seq`);