CREATE TABLE `purge_host_table` (
	`table_name` text NOT NULL,
	`org_column` text NOT NULL,
	`retain` integer DEFAULT false NOT NULL,
	`registered_at` integer NOT NULL,
	PRIMARY KEY(`table_name`, `org_column`)
);
