CREATE TABLE "user_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_cursors" (
	"consumer" text PRIMARY KEY NOT NULL,
	"last_event_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "execution_details" (
	"id" text PRIMARY KEY NOT NULL,
	"execution_id" text NOT NULL,
	"artifact_kind" text NOT NULL,
	"artifact_name" text NOT NULL,
	"version" text,
	"target_version" text,
	"size" bigint DEFAULT 0 NOT NULL,
	"digest" text,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"conflict" boolean DEFAULT false NOT NULL,
	"bytes_done" bigint DEFAULT 0 NOT NULL,
	"error_reason" text,
	"start_time" timestamp with time zone,
	"end_time" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "artifact_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"project_name" text NOT NULL,
	"repo_name" text NOT NULL,
	"path" text NOT NULL,
	"version" text,
	"digest" text,
	"size" bigint,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "generic_nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"project_name" text NOT NULL,
	"repo_name" text NOT NULL,
	"full_path" text NOT NULL,
	"parent_path" text NOT NULL,
	"name" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"md5" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_modified_by" text NOT NULL,
	"last_modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generic_nodes_path" UNIQUE("project_name","repo_name","full_path")
);
--> statement-breakpoint
CREATE TABLE "oci_manifest_references" (
	"manifest_id" text NOT NULL,
	"digest" text NOT NULL,
	"kind" text NOT NULL,
	"size" bigint NOT NULL,
	CONSTRAINT "oci_manifest_references_pk" UNIQUE("manifest_id","digest","kind")
);
--> statement-breakpoint
CREATE TABLE "oci_manifests" (
	"id" text PRIMARY KEY NOT NULL,
	"project_name" text NOT NULL,
	"repo_name" text NOT NULL,
	"image" text NOT NULL,
	"digest" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"content_size" bigint DEFAULT 0 NOT NULL,
	"platforms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oci_manifests_image_digest" UNIQUE("project_name","repo_name","image","digest")
);
--> statement-breakpoint
CREATE TABLE "oci_repository_blobs" (
	"project_name" text NOT NULL,
	"repo_name" text NOT NULL,
	"image" text NOT NULL,
	"digest" text NOT NULL,
	"size" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oci_repository_blobs_key" UNIQUE("project_name","repo_name","image","digest")
);
--> statement-breakpoint
CREATE TABLE "oci_tags" (
	"project_name" text NOT NULL,
	"repo_name" text NOT NULL,
	"image" text NOT NULL,
	"tag" text NOT NULL,
	"digest" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_modified_by" text NOT NULL,
	"last_modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oci_tags_image_tag" UNIQUE("project_name","repo_name","image","tag")
);
--> statement-breakpoint
CREATE TABLE "oci_uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"project_name" text NOT NULL,
	"repo_name" text NOT NULL,
	"image" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "execution_details" ADD CONSTRAINT "execution_details_execution_id_executions_id_fk" FOREIGN KEY ("execution_id") REFERENCES "public"."executions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generic_nodes" ADD CONSTRAINT "generic_nodes_repository_fk" FOREIGN KEY ("project_name","repo_name") REFERENCES "public"."repositories"("project_name","name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oci_manifest_references" ADD CONSTRAINT "oci_manifest_references_manifest_id_oci_manifests_id_fk" FOREIGN KEY ("manifest_id") REFERENCES "public"."oci_manifests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oci_manifests" ADD CONSTRAINT "oci_manifests_repository_fk" FOREIGN KEY ("project_name","repo_name") REFERENCES "public"."repositories"("project_name","name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oci_repository_blobs" ADD CONSTRAINT "oci_repository_blobs_repository_fk" FOREIGN KEY ("project_name","repo_name") REFERENCES "public"."repositories"("project_name","name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oci_tags" ADD CONSTRAINT "oci_tags_repository_fk" FOREIGN KEY ("project_name","repo_name") REFERENCES "public"."repositories"("project_name","name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oci_uploads" ADD CONSTRAINT "oci_uploads_repository_fk" FOREIGN KEY ("project_name","repo_name") REFERENCES "public"."repositories"("project_name","name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "execution_details_execution" ON "execution_details" USING btree ("execution_id","status");--> statement-breakpoint
CREATE INDEX "artifact_events_repo" ON "artifact_events" USING btree ("project_name","repo_name","id");--> statement-breakpoint
CREATE INDEX "generic_nodes_parent" ON "generic_nodes" USING btree ("project_name","repo_name","parent_path");--> statement-breakpoint
CREATE INDEX "generic_nodes_sha256" ON "generic_nodes" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "oci_manifest_references_digest" ON "oci_manifest_references" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "oci_repository_blobs_digest" ON "oci_repository_blobs" USING btree ("digest");