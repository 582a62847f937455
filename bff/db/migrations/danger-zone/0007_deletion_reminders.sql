CREATE TABLE `deletion_reminder` (
	`organization_id` text NOT NULL,
	`purge_at` integer NOT NULL,
	`hours_before` integer NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `purge_at`, `hours_before`),
	FOREIGN KEY (`organization_id`) REFERENCES `organization`(`id`) ON UPDATE no action ON DELETE no action
);
