CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "cluster_nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"username" text,
	"password_encrypted" text,
	"certificate" text,
	"type" text NOT NULL,
	"status" text,
	"error_reason" text,
	"last_checked_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_modified_by" text NOT NULL,
	"last_modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cluster_nodes_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "executions" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text,
	"task_key" text NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"start_time" timestamp with time zone,
	"end_time" timestamp with time zone,
	"error_reason" text,
	"total_items" integer DEFAULT 0 NOT NULL,
	"done_items" integer DEFAULT 0 NOT NULL,
	"failed_items" integer DEFAULT 0 NOT NULL,
	"skipped_items" integer DEFAULT 0 NOT NULL,
	"conflict_items" integer DEFAULT 0 NOT NULL,
	"total_bytes" bigint DEFAULT 0 NOT NULL,
	"done_bytes" bigint DEFAULT 0 NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "replica_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"task_key" text NOT NULL,
	"kind" text NOT NULL,
	"project_name" text NOT NULL,
	"repo_name" text NOT NULL,
	"name" text NOT NULL,
	"cluster_id" text,
	"remote_project_id" text,
	"remote_repo_name" text,
	"registry" text,
	"username" text,
	"password_encrypted" text,
	"certificate" text,
	"package_constraints" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"path_constraints" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"replica_type" text NOT NULL,
	"rate_limit" bigint DEFAULT 0 NOT NULL,
	"include_metadata" boolean DEFAULT true NOT NULL,
	"conflict_strategy" text NOT NULL,
	"error_strategy" text NOT NULL,
	"execution_strategy" text NOT NULL,
	"execute_immediately" boolean DEFAULT true NOT NULL,
	"execute_time" timestamp with time zone,
	"cron_expression" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"description" text,
	"next_fire_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_modified_by" text NOT NULL,
	"last_modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "replica_tasks_task_key_unique" UNIQUE("task_key")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"display_name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_modified_by" text NOT NULL,
	"last_modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "repositories" (
	"id" text PRIMARY KEY NOT NULL,
	"project_name" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"category" text DEFAULT 'LOCAL' NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_modified_by" text NOT NULL,
	"last_modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repositories_project_name" UNIQUE("project_name","name")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "executions" ADD CONSTRAINT "executions_task_id_replica_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."replica_tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replica_tasks" ADD CONSTRAINT "replica_tasks_cluster_id_cluster_nodes_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster_nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replica_tasks" ADD CONSTRAINT "replica_tasks_repository_fk" FOREIGN KEY ("project_name","repo_name") REFERENCES "public"."repositories"("project_name","name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repositories" ADD CONSTRAINT "repositories_project_name_projects_name_fk" FOREIGN KEY ("project_name") REFERENCES "public"."projects"("name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_user_name" ON "api_tokens" USING btree ("user_id","name");--> statement-breakpoint
CREATE INDEX "executions_task_queued" ON "executions" USING btree ("task_key","queued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "executions_one_active_per_task" ON "executions" USING btree ("task_key") WHERE "executions"."status" in ('QUEUED', 'RUNNING');--> statement-breakpoint
CREATE UNIQUE INDEX "replica_tasks_identity" ON "replica_tasks" USING btree ("project_name","repo_name","kind","name");--> statement-breakpoint
CREATE INDEX "replica_tasks_due" ON "replica_tasks" USING btree ("next_fire_at") WHERE "replica_tasks"."enabled" and "replica_tasks"."next_fire_at" is not null;