DROP INDEX "executions_task_queued";--> statement-breakpoint
CREATE INDEX "executions_task_latest" ON "executions" USING btree ("task_key","queued_at","id");--> statement-breakpoint
CREATE INDEX "executions_failed_recent" ON "executions" USING btree ("end_time") WHERE "executions"."status" = 'FAILED';--> statement-breakpoint
CREATE INDEX "executions_finished_end" ON "executions" USING btree ("end_time") WHERE "executions"."status" not in ('QUEUED', 'RUNNING');--> statement-breakpoint
CREATE INDEX "replica_tasks_kind_state" ON "replica_tasks" USING btree ("kind","project_name","repo_name","enabled","replica_type","task_key");