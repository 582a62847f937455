-- Indexes our queries need on better-auth's tables. A host's own migrations created those tables,
-- so these are the only statements of ours that touch them, and only ever to add an index.
-- D5 and L5 find the sessions that have an org active:
CREATE INDEX IF NOT EXISTS "session_active_org_idx" ON "session" ("active_organization_id");--> statement-breakpoint
-- P1 finds the orgs whose grace window has passed:
CREATE INDEX IF NOT EXISTS "organization_purge_idx" ON "organization" ("status", "purge_at");--> statement-breakpoint
-- No org is ever left without an owner (issue 21), whoever writes: our routes, better-auth's own
-- endpoints, a host's code (the SQLite set's 0005_owner_guard, in PostgreSQL's words). An owner row
-- may go only while another owner remains who can act (not on their way out, owner_departure; not
-- banned), or when the org itself is going: its row already deleted (a cascade), or its purge under
-- way (purge_progress).
--
-- Writers do not queue for one lock here, so the trigger first locks the org's row, as every
-- transaction of ours about the org does (db/locks.ts): of two removals at once the second waits,
-- then (READ COMMITTED: each statement reads the latest commits) counts the owners the first left.
-- Times are epoch milliseconds; a better-auth timestamp (timestamp or timestamptz) is read as UTC.
CREATE OR REPLACE FUNCTION odz_member_last_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  now_ms double precision := extract(epoch from clock_timestamp()) * 1000;
BEGIN
  IF (',' || replace(OLD.role, ' ', '') || ',') NOT LIKE '%,owner,%' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'UPDATE' AND (',' || replace(NEW.role, ' ', '') || ',') LIKE '%,owner,%' AND NEW.organization_id = OLD.organization_id THEN
    RETURN NEW;
  END IF;
  PERFORM 1 FROM "organization" o WHERE o.id = OLD.organization_id FOR NO KEY UPDATE;
  IF TG_OP = 'DELETE' AND (NOT FOUND OR EXISTS (SELECT 1 FROM "purge_progress" p WHERE p.organization_id = OLD.organization_id)) THEN
    RETURN OLD;
  END IF;
  IF EXISTS (
    SELECT 1 FROM "member" m
    WHERE m.organization_id = OLD.organization_id AND m.id <> OLD.id
      AND (',' || replace(m.role, ' ', '') || ',') LIKE '%,owner,%'
      AND NOT EXISTS (SELECT 1 FROM "owner_departure" d WHERE d.user_id = m.user_id AND d.until > now_ms)
      AND NOT EXISTS (SELECT 1 FROM "user" u WHERE u.id = m.user_id AND u.banned IS TRUE
                      AND (u.ban_expires IS NULL OR extract(epoch from u.ban_expires) * 1000 > now_ms))
  ) THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION 'org_danger_zone: last owner';
END;
$$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER "odz_member_last_owner_delete" BEFORE DELETE ON "member"
  FOR EACH ROW EXECUTE FUNCTION odz_member_last_owner();--> statement-breakpoint
CREATE OR REPLACE TRIGGER "odz_member_last_owner_demote" BEFORE UPDATE OF "role", "organization_id" ON "member"
  FOR EACH ROW EXECUTE FUNCTION odz_member_last_owner();
