CREATE TABLE "deletion_reminder" (
	"organization_id" text NOT NULL,
	"purge_at" bigint NOT NULL,
	"hours_before" integer NOT NULL,
	"sent_at" bigint NOT NULL,
	CONSTRAINT "deletion_reminder_organization_id_purge_at_hours_before_pk" PRIMARY KEY("organization_id","purge_at","hours_before")
);
--> statement-breakpoint
ALTER TABLE "deletion_reminder" ADD CONSTRAINT "deletion_reminder_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;