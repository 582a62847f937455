CREATE TABLE "ownership_offer" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"from_user_id" text NOT NULL,
	"to_user_id" text NOT NULL,
	"leave_after" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"answered_at" bigint
);
--> statement-breakpoint
ALTER TABLE "ownership_offer" ADD CONSTRAINT "ownership_offer_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ownership_offer_org_idx" ON "ownership_offer" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "ownership_offer_to_idx" ON "ownership_offer" USING btree ("to_user_id");