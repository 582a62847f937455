-- The host's own org-scoped tables. host_project is registered with the purge in server.js (so the
-- bin's purge empties it too); host_comment is not, and a purge that finds its rows must say so.
CREATE TABLE `host_project` (
  `id` integer PRIMARY KEY,
  `organization_id` text NOT NULL REFERENCES `organization`(`id`),
  `name` text NOT NULL
);
CREATE INDEX `host_project_org_idx` ON `host_project` (`organization_id`);
CREATE TABLE `host_comment` (`id` integer PRIMARY KEY, `org_id` text NOT NULL, `body` text NOT NULL);
