CREATE TABLE "auth_failures" (
	"username" text NOT NULL,
	"address" text NOT NULL,
	"known" boolean NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	CONSTRAINT "auth_failures_username_address_pk" PRIMARY KEY("username","address")
);
--> statement-breakpoint
CREATE INDEX "auth_failures_known_last" ON "auth_failures" USING btree ("known","last_failure_at");