-- Indexes our queries need on better-auth's tables. A host's own migrations created those tables,
-- so these are the only statements of ours that touch them, and only ever to add an index.
-- D5 and L5 find the sessions that have an org active:
CREATE INDEX IF NOT EXISTS `session_active_org_idx` ON `session` (`active_organization_id`);--> statement-breakpoint
-- P1 finds the orgs whose grace window has passed:
CREATE INDEX IF NOT EXISTS `organization_purge_idx` ON `organization` (`status`,`purge_at`);
