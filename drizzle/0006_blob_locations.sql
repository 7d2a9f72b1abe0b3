CREATE TABLE "blob_locations" (
	"registry" text NOT NULL,
	"digest" text NOT NULL,
	"repository" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blob_locations_pk" PRIMARY KEY("registry","digest","repository")
);
--> statement-breakpoint
CREATE INDEX "blob_locations_seen" ON "blob_locations" USING btree ("seen_at");