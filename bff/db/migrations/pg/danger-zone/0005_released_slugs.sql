CREATE TABLE "released_slug" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"purged_at" bigint NOT NULL,
	"owner_user_ids" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "released_slug_slug_idx" ON "released_slug" USING btree ("slug","purged_at");