CREATE TABLE "pending_deletions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"artifact_kind" text NOT NULL,
	"artifact_name" text NOT NULL,
	"version" text,
	"digest" text,
	"event_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drift_checks" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"in_sync" integer DEFAULT 0 NOT NULL,
	"missing" integer DEFAULT 0 NOT NULL,
	"different" integer DEFAULT 0 NOT NULL,
	"extra" integer DEFAULT 0 NOT NULL,
	"error_reason" text
);
--> statement-breakpoint
CREATE TABLE "drift_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"check_id" text NOT NULL,
	"state" text NOT NULL,
	"artifact_kind" text NOT NULL,
	"artifact_name" text NOT NULL,
	"version" text,
	"source_digest" text,
	"target_digest" text,
	"size" bigint
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"execution_id" text,
	"event" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"url" text NOT NULL,
	"secret_encrypted" text,
	"events" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "execution_details" ADD COLUMN "operation" text DEFAULT 'COPY' NOT NULL;--> statement-breakpoint
ALTER TABLE "execution_details" ADD COLUMN "subject_digest" text;--> statement-breakpoint
ALTER TABLE "execution_details" ADD COLUMN "overwrite" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "execution_details" ADD COLUMN "artifact_type" text;--> statement-breakpoint
ALTER TABLE "replica_tasks" ADD COLUMN "replicate_deletes" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "replica_tasks" ADD COLUMN "verify_cron" text;--> statement-breakpoint
ALTER TABLE "replica_tasks" ADD COLUMN "verify_next_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pending_deletions" ADD CONSTRAINT "pending_deletions_task_id_replica_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."replica_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_checks" ADD CONSTRAINT "drift_checks_task_id_replica_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."replica_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_items" ADD CONSTRAINT "drift_items_check_id_drift_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."drift_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_rule_id_webhook_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."webhook_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_execution_id_executions_id_fk" FOREIGN KEY ("execution_id") REFERENCES "public"."executions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_rules" ADD CONSTRAINT "webhook_rules_task_id_replica_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."replica_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pending_deletions_artifact" ON "pending_deletions" USING btree ("task_id","artifact_kind","artifact_name",coalesce("version", ''));--> statement-breakpoint
CREATE INDEX "drift_checks_task_latest" ON "drift_checks" USING btree ("task_id","started_at");--> statement-breakpoint
CREATE INDEX "drift_items_check" ON "drift_items" USING btree ("check_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_once" ON "webhook_deliveries" USING btree ("rule_id","execution_id","event") WHERE "webhook_deliveries"."execution_id" is not null;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_rule_recent" ON "webhook_deliveries" USING btree ("rule_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_rules_task" ON "webhook_rules" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "replica_tasks_verify_due" ON "replica_tasks" USING btree ("verify_next_at") WHERE "replica_tasks"."verify_next_at" is not null;