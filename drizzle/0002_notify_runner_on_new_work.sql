-- Wakes runners in every instance (LISTEN ferry_runner_wake) when real-time events or queued runs
-- appear, so work written by one instance starts in another within milliseconds, not a poll.
CREATE OR REPLACE FUNCTION ferry_notify_runner() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('ferry_runner_wake', TG_TABLE_NAME);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER artifact_events_wake_runner AFTER INSERT ON artifact_events FOR EACH STATEMENT EXECUTE FUNCTION ferry_notify_runner();
--> statement-breakpoint
CREATE TRIGGER executions_wake_runner AFTER INSERT ON executions FOR EACH STATEMENT EXECUTE FUNCTION ferry_notify_runner();
