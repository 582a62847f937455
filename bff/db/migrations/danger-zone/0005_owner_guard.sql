CREATE TABLE `owner_departure` (
	`user_id` text PRIMARY KEY NOT NULL,
	`until` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- No org is ever left without an owner (issue 21), whoever writes: our routes, better-auth's own
-- endpoints (remove-member, an account deleted or banned), a host's code. The application checks
-- first and answers with a reason; these triggers are the last word, inside the writing
-- transaction, so two removals racing each other can never both pass. An owner row may go only
-- while another owner remains who can act (not on their way out, owner_departure; not banned), or when the org itself
-- is going: its row already deleted (a cascade), or its purge under way (purge_progress).
CREATE TRIGGER IF NOT EXISTS `odz_member_last_owner_delete` BEFORE DELETE ON `member`
WHEN (',' || replace(OLD.role, ' ', '') || ',') LIKE '%,owner,%'
  AND EXISTS (SELECT 1 FROM `organization` o WHERE o.id = OLD.organization_id)
  AND NOT EXISTS (SELECT 1 FROM `purge_progress` p WHERE p.organization_id = OLD.organization_id)
  AND NOT EXISTS (
    SELECT 1 FROM `member` m
    WHERE m.organization_id = OLD.organization_id AND m.id <> OLD.id
      AND (',' || replace(m.role, ' ', '') || ',') LIKE '%,owner,%'
      AND NOT EXISTS (SELECT 1 FROM `owner_departure` d WHERE d.user_id = m.user_id AND d.until > cast(unixepoch('subsecond') * 1000 AS integer))
      AND NOT EXISTS (SELECT 1 FROM `user` u WHERE u.id = m.user_id AND coalesce(u.banned, 0) = 1
                      AND (u.ban_expires IS NULL OR u.ban_expires > cast(unixepoch('subsecond') * 1000 AS integer)))
  )
BEGIN
  SELECT RAISE(ABORT, 'org_danger_zone: last owner');
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `odz_member_last_owner_demote` BEFORE UPDATE OF `role`, `organization_id` ON `member`
WHEN (',' || replace(OLD.role, ' ', '') || ',') LIKE '%,owner,%'
  AND ((',' || replace(NEW.role, ' ', '') || ',') NOT LIKE '%,owner,%' OR NEW.organization_id <> OLD.organization_id)
  AND NOT EXISTS (
    SELECT 1 FROM `member` m
    WHERE m.organization_id = OLD.organization_id AND m.id <> OLD.id
      AND (',' || replace(m.role, ' ', '') || ',') LIKE '%,owner,%'
      AND NOT EXISTS (SELECT 1 FROM `owner_departure` d WHERE d.user_id = m.user_id AND d.until > cast(unixepoch('subsecond') * 1000 AS integer))
      AND NOT EXISTS (SELECT 1 FROM `user` u WHERE u.id = m.user_id AND coalesce(u.banned, 0) = 1
                      AND (u.ban_expires IS NULL OR u.ban_expires > cast(unixepoch('subsecond') * 1000 AS integer)))
  )
BEGIN
  SELECT RAISE(ABORT, 'org_danger_zone: last owner');
END;
